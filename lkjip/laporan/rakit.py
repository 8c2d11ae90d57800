"""Assemble the LKjIP from the data (DOMAIN §7): plain, JSON-ready data, rendered afterwards.

Every figure comes from the stored rows through pelaporan.domain (capaian, kategori, means,
weighted budget percentages, efisiensi, comparisons); texts come from the operator, or from
a draft the product writes from the same figures. The result is what signing freezes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from lkjip.angka import bulatkan, format_angka, format_persen, format_ringkas, format_tanggal
from lkjip.laporan import draf as d
from lkjip.laporan.models import (
    JenisPembanding,
    LaporanKinerja,
    PembandingIndikator,
    TeksLaporan,
)
from lkjip.laporan.sanitasi import bersihkan
from lkjip.models import Pejabat, UnitKerja
from lkjip.nip import format_nip
from pelaporan.dasbor import ringkasan_opd
from pelaporan.domain import (
    Anggaran as AngkaAnggaran,
)
from pelaporan.domain import (
    capaian_renstra,
    efisiensi,
    hitung_capaian,
    jumlah_anggaran,
    perubahan_tahunan,
    rata_rata_capaian,
)
from pelaporan.domain.evaluasi_renja import realisasi_sampai_tahun_ini
from pelaporan.grafik import grafik_anggaran, grafik_capaian
from pelaporan.models import Anggaran, AnggaranPK, StatusPK
from pelaporan.selectors import (
    IndikatorPK,
    anggaran_opd,
    baris_realisasi,
    pk_berlaku,
    realisasi_per_tahun,
    skala_pemda,
    target_per_tahun,
)
from renstra.models import (
    RPJMD,
    ArahKebijakan,
    Indikator,
    MisiRPJMD,
    PemetaanProgram,
    Renstra,
    Sasaran,
    Strategi,
    Tujuan,
)

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def sel(teks: object, angka: object = None, kelas: str = "") -> dict[str, str | None]:
    """A table cell: the text shown, the raw number for Excel (as a string), a CSS class."""
    return {"t": "" if teks is None else str(teks), "n": None if angka is None else str(angka), "k": kelas}


def sel_angka(nilai: Decimal | None, *, ringkas: bool = True, kosong: str = "-") -> dict[str, str | None]:
    if nilai is None:
        return sel(kosong, None, "angka")
    return sel(format_ringkas(nilai) if ringkas else format_angka(nilai), nilai, "angka")


def sel_persen(nilai: Decimal | None, *, kosong: str = "-") -> dict[str, str | None]:
    if nilai is None:
        return sel(kosong, None, "angka")
    return sel(format_angka(nilai), bulatkan(nilai), "angka")


def sel_rupiah(nilai: Decimal | None) -> dict[str, str | None]:
    if nilai is None:
        return sel("-", None, "angka")
    return sel(format_angka(nilai), nilai, "angka")


class Perakit:
    """Collects the figures once, then lays out chapters, tables and figures with their numbers."""

    def __init__(self, laporan: LaporanKinerja) -> None:
        self.laporan = laporan
        self.opd = laporan.opd
        self.pemda = self.opd.pemda
        self.tahun = laporan.tahun
        self.sampai = laporan.triwulan or 4
        self.skala = skala_pemda(self.pemda)
        self.teks = {t.kunci: t.isi for t in TeksLaporan.objects.filter(laporan=laporan)}
        self.nomor_tabel: dict[str, int] = defaultdict(int)
        self.nomor_gambar: dict[str, int] = defaultdict(int)
        self.daftar_tabel: list[dict[str, str]] = []
        self.daftar_gambar: list[dict[str, str]] = []
        self._kumpulkan()

    # ------------------------------------------------------------------ figures
    def _kumpulkan(self) -> None:
        opd, tahun = self.opd, self.tahun
        ringkas = ringkasan_opd(opd, tahun, sampai=self.sampai)  # the dashboards' figures, exactly
        self.baris = ringkas.baris
        self.indikator: list[Indikator] = [b.indikator for b in self.baris]
        self.kategori = {b.indikator.pk: b.kategori for b in self.baris}
        self.rata = ringkas.rata
        self.pita_rata = ringkas.pita
        self.anggaran = ringkas.anggaran
        self.anggaran_lalu = anggaran_opd(opd, tahun - 1, sampai=4)
        self.pk = pk_berlaku(opd, tahun)
        self.pk_kepala = next((p for p in self.pk if p.jenjang == "kepala"), None)
        # The Renstra the PK's indicators come from: in a transition year (2021 ends one Renstra and
        # starts the next) the report describes the plan the year was measured against.
        asal = Counter(i.renstra_id for i in self.indikator)
        self.renstra = (
            Renstra.objects.filter(pk=asal.most_common(1)[0][0]).first()
            if asal
            else Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )
        self.rpjmd = (
            self.renstra.rpjmd
            if self.renstra and self.renstra.rpjmd_id
            else RPJMD.objects.filter(pemda=self.pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )
        awal = min((i.renstra.tahun_awal for i in self.indikator), default=tahun)
        self.per_tahun = realisasi_per_tahun(self.indikator, dari=awal, sampai=tahun)
        self.target_lalu = target_per_tahun(opd, self.indikator, tahun - 1)
        self.kepala: Pejabat | None = (
            self.pk_kepala.pihak_pertama if self.pk_kepala and self.pk_kepala.pihak_pertama_id else opd.kepala
        )
        teks_tw = {b.indikator.pk: b.baris_tw(self.sampai) for b in self.baris}
        self.teks_indikator = {i: r for i, r in teks_tw.items() if r is not None}

    def ringkasan_indikator(self) -> dict[int, dict[str, Any]]:
        """Per indicator, the figures the drafts and BAB III use (display strings)."""
        hasil = {}
        for b in self.baris:
            i, c = b.indikator, b.capaian
            lalu = self._capaian_lalu(i)
            perubahan = (
                perubahan_tahunan(sekarang=c.hasil.nilai, lalu=lalu.nilai) if lalu is not None else None
            )
            r = self.teks_indikator.get(i.pk)
            hasil[i.pk] = {
                "nama": i.nama,
                "satuan": i.satuan,
                "target": format_ringkas(b.target_tahunan) if b.target_tahunan is not None else "-",
                "realisasi": format_ringkas(c.realisasi) if c.realisasi is not None else "-",
                "realisasi_angka": c.realisasi,
                "capaian": format_persen(c.hasil.nilai) if c.hasil.nilai is not None else "-",
                "capaian_angka": c.hasil.nilai,
                "kategori": b.kategori.label if b.kategori else "-",
                "alasan": c.hasil.alasan or "",
                "perubahan": perubahan.teks if perubahan and perubahan.selisih is not None else "",
                "penjelasan": r.penjelasan if r else "",
                "faktor_pendukung": r.faktor_pendukung if r else "",
                "faktor_penghambat": r.faktor_penghambat if r else "",
                "upaya": r.upaya if r else "",
                "rencana_tindak_lanjut": r.rencana_tindak_lanjut if r else "",
            }
        return hasil

    def _capaian_lalu(self, i: Indikator):  # noqa: ANN202
        realisasi = self.per_tahun.get(i.pk, {}).get(self.tahun - 1)
        target = self.target_lalu.get(i.pk)
        if realisasi is None and target is None:
            return None
        return hitung_capaian(
            arah=i.arah,
            target=target,
            realisasi=realisasi,
            rumus_negatif=self.pemda.rumus_negatif,
            batas_atas=self.pemda.batas_capaian,
        )

    def konteks_draf(self) -> dict[str, Any]:
        ringkas = self.ringkasan_indikator()
        penghambat = [r.faktor_penghambat for r in self.teks_indikator.values() if r.faktor_penghambat]
        rtl = [r.rencana_tindak_lanjut for r in self.teks_indikator.values() if r.rencana_tindak_lanjut]
        return {
            "opd": self.opd.nama,
            "tahun": self.tahun,
            "renstra": f"Renstra {self.renstra.tahun_awal}–{self.renstra.tahun_akhir}"
            if self.renstra
            else "Renstra",
            "jumlah_indikator": len(self.baris),
            "jumlah_dipakai": self.rata.jumlah_dipakai,
            "rata_rata": self.rata.nilai,
            "kategori_rata": self.pita_rata.label if self.pita_rata else "-",
            "serapan": self.anggaran.total.persen,
            "pagu": self.anggaran.total.pagu if self.anggaran.baris else None,
            "realisasi_anggaran": self.anggaran.total.realisasi,
            "jumlah_program": sum(1 for b in self.anggaran.baris if b.tingkat == "program"),
            "penghambat": penghambat[:8],
            "rtl": rtl[:8],
            "unit": [u.nama for u in UnitKerja.objects.filter(opd=self.opd).order_by("urutan", "nama")],
            "indikator": ringkas,
        }

    # ------------------------------------------------------------------ building blocks
    def teks_bagian(self, kunci: str, konteks: dict[str, Any]) -> dict[str, str]:
        isi = self.teks.get(kunci)
        if not isi:
            isi = d.draf(kunci, konteks)
        return {"jenis": "teks", "kunci": kunci, "html": bersihkan(isi)}

    def tabel(
        self,
        bab: str,
        judul: str,
        kolom: list[str],
        baris: list[list[dict]],
        *,
        lanskap: bool = False,
        catatan: str = "",
        kaki: list[list[dict]] | None = None,
        lebar: list[str] | None = None,
    ) -> dict[str, Any]:
        self.nomor_tabel[bab] += 1
        nomor = f"{bab}.{self.nomor_tabel[bab]}" if bab else str(self.nomor_tabel[bab])
        jangkar = f"tabel-{nomor.replace('.', '-')}"
        self.daftar_tabel.append({"nomor": nomor, "judul": judul, "jangkar": jangkar})
        return {
            "jenis": "tabel",
            "nomor": nomor,
            "judul": judul,
            "jangkar": jangkar,
            "kolom": kolom,
            "baris": baris,
            "kaki": kaki or [],
            "lanskap": lanskap,
            "catatan": catatan,
            "lebar": lebar or [],
        }

    def gambar(self, bab: str, judul: str, svg: str, *, lanskap: bool = False) -> dict[str, Any]:
        self.nomor_gambar[bab] += 1
        nomor = f"{bab}.{self.nomor_gambar[bab]}"
        jangkar = f"gambar-{nomor.replace('.', '-')}"
        self.daftar_gambar.append({"nomor": nomor, "judul": judul, "jangkar": jangkar})
        return {
            "jenis": "gambar",
            "nomor": nomor,
            "judul": judul,
            "jangkar": jangkar,
            "svg": svg,
            "lanskap": lanskap,
        }

    # ------------------------------------------------------------------ the document
    def rakit(self) -> dict[str, Any]:
        k = self.konteks_draf()
        bab = [
            self.bab_ikhtisar(k),
            self.bab_1(k),
            self.bab_2(k),
            self.bab_3(k),
            self.bab_4(k),
        ]
        lampiran = self.lampiran()
        return {
            "meta": self.meta(),
            "kata_pengantar": self.teks_bagian("kata_pengantar", k),
            "bab": bab,
            "lampiran": lampiran,
            "daftar_tabel": self.daftar_tabel,
            "daftar_gambar": self.daftar_gambar,
            "ringkasan": {
                "rata_rata": format_persen(self.rata.nilai) if self.rata.nilai is not None else None,
                "rata_rata_angka": str(self.rata.nilai) if self.rata.nilai is not None else None,
                "kategori": self.pita_rata.label if self.pita_rata else None,
                "serapan": format_persen(self.anggaran.total.persen)
                if self.anggaran.total.persen is not None
                else None,
                "serapan_angka": str(self.anggaran.total.persen)
                if self.anggaran.total.persen is not None
                else None,
                "metode": self.rata.metode,
                "jumlah_indikator": len(self.baris),
            },
        }

    def meta(self) -> dict[str, Any]:
        lap, opd, pemda = self.laporan, self.opd, self.pemda
        kepala = self.kepala
        tanggal = lap.tanggal or timezone.localdate()
        return {
            "judul": (
                f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) PERANGKAT DAERAH "
                f"{'TRIWULAN ' + ROMAWI[lap.triwulan] + ' ' if lap.triwulan else ''}TAHUN {lap.tahun}"
            ),
            "opd": opd.nama,
            "pemda": pemda.nama,
            "alamat": opd.alamat,
            "kota": opd.kota or pemda.ibu_kota,
            "telepon": opd.telepon,
            "faks": opd.faks,
            "tahun": lap.tahun,
            "triwulan": lap.triwulan,
            "versi": lap.versi,
            "logo": pemda.logo.path if pemda.logo else "",
            "tempat": lap.tempat or pemda.ibu_kota,
            "tanggal": format_tanggal(tanggal),
            "tanggal_iso": tanggal.isoformat(),
            "penandatangan": {
                "nama": kepala.nama if kepala else "",
                "jabatan": kepala.jabatan if kepala else "Kepala",
                "pangkat": kepala.pangkat_golongan if kepala else "",
                "nip": format_nip(kepala.nip) if kepala else "",
            },
            "skala": self.skala.nama,
            "rumus_negatif": pemda.get_rumus_negatif_display(),
            "batas_capaian": format_persen(pemda.batas_capaian) if pemda.batas_capaian else "",
            "dibuat": timezone.now().isoformat(),
        }

    def bab_ikhtisar(self, k: dict[str, Any]) -> dict[str, Any]:
        iku = [b for b in self.baris if b.indikator.iku] or self.baris
        baris = [
            [
                sel(n),
                sel(b.indikator.nama),
                sel_angka(b.target_tahunan),
                sel_angka(b.capaian.realisasi),
                sel_persen(b.capaian.hasil.nilai, kosong=b.capaian.hasil.alasan or "-"),
                sel(b.kategori.label if b.kategori else "-"),
            ]
            for n, b in enumerate(iku, start=1)
        ]
        return {
            "kunci": "ikhtisar",
            "judul": "IKHTISAR EKSEKUTIF",
            "bagian": [
                {
                    "judul": "",
                    "blok": [
                        self.teks_bagian("ikhtisar", k),
                        self.tabel(
                            "",
                            "Capaian Indikator Kinerja Utama",
                            ["No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Kategori"],
                            baris,
                        ),
                    ],
                }
            ],
        }

    def bab_1(self, k: dict[str, Any]) -> dict[str, Any]:
        unit = list(UnitKerja.objects.filter(opd=self.opd).select_related("induk").order_by("urutan", "nama"))
        per_eselon: dict[str, int] = defaultdict(int)
        for u in unit:
            per_eselon[u.get_eselon_display()] += 1
        tabel_eselon = self.tabel(
            "1",
            "Jabatan Struktural menurut Eselon",
            ["Eselon", "Jumlah unit"],
            [[sel(e), sel_angka(Decimal(n))] for e, n in sorted(per_eselon.items())],
            kaki=[[sel("Jumlah"), sel_angka(Decimal(len(unit)))]],
        )
        blok_tupoksi = [self.teks_bagian("tupoksi", k)]
        if unit:
            from lkjip.laporan.struktur import svg_struktur

            blok_tupoksi.append(
                self.gambar("1", f"Struktur Organisasi {self.opd.nama}", svg_struktur(unit), lanskap=True)
            )
        return {
            "kunci": "bab1",
            "judul": "BAB I PENDAHULUAN",
            "bagian": [
                {"judul": "1.1 Latar Belakang", "blok": [self.teks_bagian("latar_belakang", k)]},
                {"judul": "1.2 Dasar Hukum", "blok": [self.teks_bagian("dasar_hukum", k)]},
                {"judul": "1.3 Tugas Pokok, Fungsi dan Struktur Organisasi", "blok": blok_tupoksi},
                {"judul": "1.4 Sumber Daya", "blok": [self.teks_bagian("sumber_daya", k), tabel_eselon]},
                {
                    "judul": "1.5 Permasalahan Utama dan Isu Strategis",
                    "blok": [self.teks_bagian("permasalahan", k)],
                },
            ],
        }

    def bab_2(self, k: dict[str, Any]) -> dict[str, Any]:
        bagian = []
        rpjmd = self.rpjmd
        blok_visi: list[dict] = []
        if rpjmd is not None:
            misi = list(MisiRPJMD.objects.filter(rpjmd=rpjmd).order_by("nomor"))
            html = f"<p><strong>Visi:</strong> {rpjmd.visi or '-'}</p>"
            if misi:
                html += (
                    "<p><strong>Misi:</strong></p><ol>"
                    + "".join(f"<li>{m.uraian}</li>" for m in misi)
                    + "</ol>"
                )
            blok_visi.append({"jenis": "teks", "kunci": "", "html": bersihkan(html)})
        else:
            blok_visi.append(
                {"jenis": "teks", "kunci": "", "html": "<p>RPJMD yang mencakup tahun ini belum diisi.</p>"}
            )
        bagian.append({"judul": "2.1 Visi dan Misi Kepala Daerah", "blok": blok_visi})

        r = self.renstra
        if r is not None:
            tujuan = list(Tujuan.objects.filter(renstra=r).order_by("urutan", "kode"))
            sasaran = list(Sasaran.objects.filter(renstra=r).order_by("urutan", "kode"))
            ind = defaultdict(list)
            for i in Indikator.objects.filter(renstra=r).filter(
                Q(tujuan__isnull=False) | Q(sasaran__isnull=False)
            ):
                if i.berlaku_pada(self.tahun):
                    ind[("tujuan", i.tujuan_id) if i.tujuan_id else ("sasaran", i.sasaran_id)].append(i)
            baris = []
            for t in tujuan + [None]:
                daftar_s = [s for s in sasaran if s.tujuan_id == (t.pk if t else None)]
                if t is None and not daftar_s:
                    continue
                for n, s in enumerate(daftar_s or [None]):
                    baris.append(
                        [
                            sel(t.uraian if t and n == 0 else ("" if t else "-")),
                            sel("; ".join(i.nama for i in ind[("tujuan", t.pk)]) if t and n == 0 else ""),
                            sel(s.uraian if s else "-"),
                            sel("; ".join(i.nama for i in ind[("sasaran", s.pk)]) if s else ""),
                        ]
                    )
            blok = [
                self.tabel(
                    "2",
                    f"Tujuan dan Sasaran {r}",
                    ["Tujuan", "Indikator tujuan", "Sasaran strategis", "Indikator sasaran"],
                    baris,
                )
            ]
            iku = [i for lst in ind.values() for i in lst if i.iku]
            if iku:
                blok.append(
                    self.tabel(
                        "2",
                        "Indikator Kinerja Utama dan Cara Pengukurannya",
                        ["Indikator", "Satuan", "Arah", "Definisi / rumus"],
                        [
                            [sel(i.nama), sel(i.satuan), sel(i.get_arah_display()), sel(i.definisi or "-")]
                            for i in iku
                        ],
                    )
                )
            strategi = list(Strategi.objects.filter(renstra=r).order_by("nomor"))
            if strategi:
                arah = defaultdict(list)
                for a in ArahKebijakan.objects.filter(renstra=r).order_by("nomor"):
                    arah[a.strategi_id].append(a.uraian)
                blok.append(
                    self.tabel(
                        "2",
                        "Strategi dan Arah Kebijakan",
                        ["No", "Strategi", "Arah kebijakan"],
                        [[sel(s.nomor), sel(s.uraian), sel("; ".join(arah[s.pk]) or "-")] for s in strategi],
                    )
                )
            peta = defaultdict(list)
            for s_uraian, p_nama, p_kode in PemetaanProgram.objects.filter(renstra=r).values_list(
                "sasaran__uraian", "program__nama", "program__kode_tampil"
            ):
                peta[s_uraian].append(f"{p_kode} {p_nama}".strip())
            if peta:
                blok.append(
                    self.tabel(
                        "2",
                        "Program yang Mendukung Sasaran",
                        ["Sasaran strategis", "Program"],
                        [[sel(s), sel("; ".join(p))] for s, p in peta.items()],
                    )
                )
            bagian.append({"judul": f"2.2 Rencana Strategis {r.tahun_awal}–{r.tahun_akhir}", "blok": blok})
        bagian.append({"judul": "2.3 Perjanjian Kinerja", "blok": self.blok_pk()})
        return {"kunci": "bab2", "judul": "BAB II PERENCANAAN KINERJA", "bagian": bagian}

    def blok_pk(self) -> list[dict]:
        if not self.baris:
            return [
                {"jenis": "teks", "kunci": "", "html": "<p>Belum ada Perjanjian Kinerja untuk tahun ini.</p>"}
            ]
        pk = self.pk_kepala
        status = ""
        if pk is not None:
            status = (
                f"{pk} ditandatangani pada {format_tanggal(pk.tanggal)}."
                if pk.status == StatusPK.DITANDATANGANI
                else f"{pk} masih berupa draf."
            )
            if pk.versi > 1:
                status += (
                    f" PK ini adalah perubahan ({pk.nomor_sk or 'tanpa nomor SK'}): {pk.alasan_perubahan}"
                )
        blok: list[dict] = [{"jenis": "teks", "kunci": "", "html": f"<p>{status}</p>" if status else ""}]
        blok.append(
            self.tabel(
                "2",
                f"Perjanjian Kinerja Tahun {self.tahun}",
                ["No", "Sasaran strategis", "Indikator kinerja", "Satuan", "Target"],
                [
                    [
                        sel(n),
                        sel(b.kinerja),
                        sel(b.indikator.nama),
                        sel(b.indikator.satuan),
                        sel_angka(b.target_tahunan),
                    ]
                    for n, b in enumerate(self.baris, start=1)
                ],
            )
        )
        if pk is not None:
            angg = list(
                AnggaranPK.objects.filter(perjanjian=pk).select_related("program", "kegiatan", "sub_kegiatan")
            )
            if angg:
                total = jumlah_anggaran(baris=(AngkaAnggaran(pagu=a.jumlah, realisasi=0) for a in angg)).pagu
                blok.append(
                    self.tabel(
                        "2",
                        f"Program dan Anggaran dalam Perjanjian Kinerja {self.tahun}",
                        ["No", "Program", "Anggaran (Rp)"],
                        [
                            [sel(n), sel(str(a.node)), sel_rupiah(a.jumlah)]
                            for n, a in enumerate(angg, start=1)
                        ],
                        kaki=[[sel(""), sel("Jumlah"), sel_rupiah(total)]],
                    )
                )
        iku = [b for b in self.baris if b.indikator.iku]
        if iku:
            blok.append(
                self.tabel(
                    "2",
                    f"Perjanjian Kinerja {self.tahun} dibandingkan Kondisi Awal dan Target Akhir Renstra",
                    ["Indikator", "Satuan", "Kondisi awal", f"Target {self.tahun}", "Target akhir Renstra"],
                    [
                        [
                            sel(b.indikator.nama),
                            sel(b.indikator.satuan),
                            sel(
                                f"{format_ringkas(b.indikator.baseline_nilai)} ({b.indikator.baseline_tahun})"
                                if b.indikator.baseline_nilai is not None
                                else "-",
                                b.indikator.baseline_nilai,
                                "angka",
                            ),
                            sel_angka(b.target_tahunan),
                            sel(
                                f"{format_ringkas(b.indikator.target_akhir)} ({b.indikator.renstra.tahun_akhir})"
                                if b.indikator.target_akhir is not None
                                else "-",
                                b.indikator.target_akhir,
                                "angka",
                            ),
                        ]
                        for b in iku
                    ],
                )
            )
        return blok

    def bab_3(self, k: dict[str, Any]) -> dict[str, Any]:
        pemda = self.pemda
        metode_html = (
            "<p>Capaian kinerja dihitung dari target dan realisasi yang tersimpan: indikator <em>positif</em> "
            "(makin tinggi makin baik) = realisasi ÷ target × 100; indikator <em>negatif</em> (makin rendah makin "
            f"baik) = {pemda.get_rumus_negatif_display()}, hasil di bawah 0 dicatat 0; indikator <em>mendekati</em> "
            "= (1 − |realisasi − target| ÷ target) × 100. Realisasi yang belum ada tidak dihitung sebagai 0 %.</p>"
        )
        if pemda.batas_capaian:
            metode_html += (
                f"<p>Capaian di atas {format_persen(pemda.batas_capaian)} dihitung {format_persen(pemda.batas_capaian)} "
                "untuk kategori dan rata-rata; nilai aslinya tetap ditampilkan.</p>"
            )
        metode_html += f"<p>Kategori capaian mengikuti skala {self.skala.nama}:</p>"
        tabel_skala = self.tabel(
            "3",
            "Skala Nilai Peringkat Kinerja",
            ["Interval capaian", "Kategori"],
            [[sel(teks), sel(p.label)] for teks, p in self.skala.uraian()],
        )
        baris_capaian = []
        sasaran_sebelum = None
        for b in self.baris:
            h = b.capaian.hasil
            baris_capaian.append(
                [
                    sel(b.kinerja if b.kinerja != sasaran_sebelum else ""),
                    sel(b.indikator.nama),
                    sel(b.indikator.satuan),
                    sel_angka(b.target_tahunan),
                    sel_angka(b.capaian.realisasi, kosong=h.alasan or "-"),
                    sel_persen(h.nilai, kosong="-"),
                    sel(b.kategori.label if b.kategori else "-"),
                ]
            )
            sasaran_sebelum = b.kinerja
        kaki = [
            [
                sel("Rata-rata capaian", kelas="tebal"),
                sel(""),
                sel(""),
                sel(""),
                sel(""),
                sel_persen(self.rata.nilai),
                sel(self.pita_rata.label if self.pita_rata else "-"),
            ]
        ]
        tabel_capaian = self.tabel(
            "3",
            f"Perbandingan Target dan Realisasi Kinerja Tahun {self.tahun}",
            [
                "Sasaran strategis",
                "Indikator kinerja",
                "Satuan",
                "Target",
                "Realisasi",
                "Capaian (%)",
                "Kategori",
            ],
            baris_capaian,
            kaki=kaki,
            catatan=self.rata.metode
            + (
                " Dikecualikan (belum ada nilai): "
                + "; ".join(Indikator.objects.get(pk=pk).nama for pk in self.rata.dikecualikan)
                + "."
                if self.rata.dikecualikan
                else ""
            ),
        )
        grafik = self.gambar(
            "3",
            f"Capaian Indikator Kinerja Tahun {self.tahun}",
            grafik_capaian(
                judul=f"Capaian kinerja {self.tahun} (%)",
                baris=[
                    (b.indikator.nama, b.capaian.hasil.nilai, b.kategori.warna if b.kategori else None)
                    for b in self.baris
                ],
            ),
        )
        blok_analisis: list[dict] = []
        for n, b in enumerate(self.baris, start=1):
            blok_analisis.append({"jenis": "subjudul", "teks": f"{n}. {b.indikator.nama}"})
            blok_analisis.append(self.teks_bagian(f"analisis:{b.indikator.pk}", k))

        # 3.3 previous year
        baris_lalu = []
        for b in self.baris:
            i = b.indikator
            lalu = self._capaian_lalu(i)
            p = perubahan_tahunan(sekarang=b.capaian.hasil.nilai, lalu=lalu.nilai if lalu else None)
            baris_lalu.append(
                [
                    sel(i.nama),
                    sel_angka(self.target_lalu.get(i.pk)),
                    sel_angka(self.per_tahun.get(i.pk, {}).get(self.tahun - 1)),
                    sel_persen(lalu.nilai if lalu else None),
                    sel_angka(b.target_tahunan),
                    sel_angka(b.capaian.realisasi),
                    sel_persen(b.capaian.hasil.nilai),
                    sel(p.teks),
                ]
            )
        tabel_lalu = self.tabel(
            "3",
            f"Perbandingan Realisasi Kinerja Tahun {self.tahun} dengan Tahun {self.tahun - 1}",
            [
                "Indikator",
                f"Target {self.tahun - 1}",
                f"Realisasi {self.tahun - 1}",
                f"Capaian {self.tahun - 1} (%)",
                f"Target {self.tahun}",
                f"Realisasi {self.tahun}",
                f"Capaian {self.tahun} (%)",
                "Perubahan",
            ],
            baris_lalu,
            lanskap=True,
            catatan="Perubahan dalam poin persen capaian (selisih penuh, tidak dari angka yang sudah dibulatkan).",
        )
        # 3.4 Renstra end target
        baris_renstra = []
        for b in self.baris:
            i = b.indikator
            tahun_lalu = [self.per_tahun[i.pk].get(t) for t in range(i.renstra.tahun_awal, self.tahun)]
            kurang = [
                t
                for t, v in zip(range(i.renstra.tahun_awal, self.tahun), tahun_lalu, strict=True)
                if v is None
            ]
            sampai_lalu = (
                sum(tahun_lalu, Decimal(0))
                if tahun_lalu and all(v is not None for v in tahun_lalu)
                else (Decimal(0) if not tahun_lalu else None)
            )
            sd = realisasi_sampai_tahun_ini(
                akumulasi=i.akumulasi, sampai_tahun_lalu=sampai_lalu, tahun_ini=b.capaian.realisasi
            )
            h = capaian_renstra(
                arah=i.arah,
                target_akhir=i.target_akhir,
                realisasi_sampai_tahun_ini=sd,
                target_akhir_atas=i.target_akhir_atas,
                rumus_negatif=pemda.rumus_negatif,
            )
            baris_renstra.append(
                [
                    sel(i.nama),
                    sel(
                        f"{format_ringkas(i.target_akhir)} ({i.renstra.tahun_akhir})"
                        if i.target_akhir is not None
                        else "-",
                        i.target_akhir,
                        "angka",
                    ),
                    # A cumulative total with years missing is unknown, not a partial sum: say which.
                    sel_angka(
                        sd,
                        kosong=f"belum ada data {_rentang_tahun(kurang)}"
                        if i.akumulasi == "kumulatif" and kurang and b.capaian.realisasi is not None
                        else "belum ada data",
                    ),
                    sel_persen(h.nilai, kosong=h.alasan or "-"),
                ]
            )
        tabel_renstra = self.tabel(
            "3",
            "Perbandingan Realisasi sampai Tahun Ini dengan Target Akhir Renstra",
            [
                "Indikator",
                "Target akhir Renstra",
                f"Realisasi s/d {self.tahun}",
                "Capaian terhadap target akhir (%)",
            ],
            baris_renstra,
            catatan="Indikator kumulatif: jumlah realisasi tahun-tahun periode Renstra; lainnya: nilai tahun ini.",
        )
        # 3.5 standards and peers
        pembanding = defaultdict(dict)
        for p in PembandingIndikator.objects.filter(laporan=self.laporan):
            pembanding[p.indikator_id][p.jenis] = p
        baris_standar = []
        for b in self.baris:
            sn = pembanding[b.indikator.pk].get(JenisPembanding.STANDAR_NASIONAL)
            sj = pembanding[b.indikator.pk].get(JenisPembanding.INSTANSI_SEJENIS)
            baris_standar.append(
                [
                    sel(b.indikator.nama),
                    sel_angka(b.capaian.realisasi),
                    _sel_pembanding(sn),
                    _sel_pembanding(sj),
                ]
            )
        tabel_standar = self.tabel(
            "3",
            "Perbandingan dengan Standar Nasional dan Instansi Sejenis",
            ["Indikator", f"Realisasi {self.tahun}", "Standar nasional", "Instansi sejenis"],
            baris_standar,
            catatan="“Nihil” berarti tidak ada pembanding; alasannya disebutkan.",
        )
        # 3.6 efisiensi
        blok_efisiensi = [self.tabel_efisiensi()]
        # 3.7 program analysis
        blok_program = self.blok_program()
        # 3.8 budget
        blok_anggaran = self.blok_anggaran()
        return {
            "kunci": "bab3",
            "judul": "BAB III AKUNTABILITAS KINERJA",
            "bagian": [
                {
                    "judul": "3.1 Metode Pengukuran",
                    "blok": [{"jenis": "teks", "kunci": "", "html": metode_html}, tabel_skala],
                },
                {
                    "judul": f"3.2 Capaian Kinerja Tahun {self.tahun}",
                    "blok": [tabel_capaian, grafik, *blok_analisis],
                },
                {"judul": "3.3 Perbandingan dengan Tahun Sebelumnya", "blok": [tabel_lalu]},
                {"judul": "3.4 Perbandingan dengan Target Jangka Menengah", "blok": [tabel_renstra]},
                {
                    "judul": "3.5 Perbandingan dengan Standar Nasional dan Instansi Sejenis",
                    "blok": [tabel_standar],
                },
                {"judul": "3.6 Analisis Efisiensi Penggunaan Sumber Daya", "blok": blok_efisiensi},
                {"judul": "3.7 Analisis Program dan Kegiatan Pendukung", "blok": blok_program},
                {"judul": "3.8 Realisasi Anggaran", "blok": blok_anggaran},
            ],
        }

    def tabel_efisiensi(self) -> dict:
        per_sasaran: dict[str, list] = defaultdict(list)
        sasaran_obj: dict[str, Sasaran | None] = {}
        for b in self.baris:
            per_sasaran[b.kinerja].append(b)
            sasaran_obj[b.kinerja] = b.indikator.sasaran
        baris = []
        for kinerja, daftar in per_sasaran.items():
            rata = rata_rata_capaian(
                nilai=[(x.indikator.pk, x.capaian.hasil) for x in daftar], batas_atas=self.pemda.batas_capaian
            )
            s = sasaran_obj[kinerja]
            program_ids = (
                list(PemetaanProgram.objects.filter(sasaran=s).values_list("program_id", flat=True))
                if s
                else []
            )
            angka = [
                AngkaAnggaran(
                    pagu=a.pagu,
                    realisasi=sum(
                        (r.jumlah for r in a.realisasi.all() if r.triwulan <= self.sampai), Decimal(0)
                    ),
                )
                for a in Anggaran.objects.filter(opd=self.opd, tahun=self.tahun)
                .filter(
                    Q(program_id__in=program_ids)
                    | Q(kegiatan__program_id__in=program_ids)
                    | Q(sub_kegiatan__kegiatan__program_id__in=program_ids)
                )
                .prefetch_related("realisasi")
            ]
            serapan = jumlah_anggaran(baris=angka).persen if angka else None
            e = efisiensi(capaian=rata.nilai, serapan=serapan)
            baris.append(
                [
                    sel(kinerja),
                    sel_persen(rata.nilai),
                    sel(f"{len(program_ids)} program" if program_ids else "tidak ada program terkait"),
                    sel_persen(serapan),
                    sel(
                        format_angka(e.nilai)
                        if e.nilai is not None
                        else ("tidak dihitung: tidak ada program terkait" if not program_ids else e.alasan),
                        e.nilai,
                        "angka" if e.nilai is not None else "",
                    ),
                ]
            )
        return self.tabel(
            "3",
            "Efisiensi Penggunaan Sumber Daya",
            [
                "Sasaran strategis",
                "Capaian kinerja (%)",
                "Program",
                "Penyerapan anggaran (%)",
                "Efisiensi (poin persen)",
            ],
            baris,
            catatan="Efisiensi = capaian kinerja − penyerapan anggaran (tertimbang: Σ realisasi ÷ Σ pagu program "
            "pendukung), dihitung hanya bila capaian ≥ 100 %.",
        )

    def blok_program(self) -> list[dict]:
        bawahan = [p for p in self.pk if p.jenjang != "kepala"]
        if not bawahan:
            return [
                {
                    "jenis": "teks",
                    "kunci": "",
                    "html": "<p>Belum ada Perjanjian Kinerja eselon III/IV untuk tahun ini; "
                    "indikator program dan kegiatan belum diukur.</p>",
                },
            ]
        baris = []
        for pk in bawahan:
            daftar = [
                IndikatorPK(b.indikator, b, b.kinerja or b.indikator.uraian_induk, b.target, b.target_atas)
                for b in pk.butir.select_related("indikator")
            ]
            for b in baris_realisasi(self.opd, self.tahun, daftar, sampai=self.sampai):
                h = b.capaian.hasil
                baris.append(
                    [
                        sel(b.kinerja),
                        sel(b.indikator.nama),
                        sel_angka(b.target_tahunan),
                        sel_angka(b.capaian.realisasi),
                        sel_persen(h.nilai, kosong=h.alasan or "-"),
                        sel(b.kategori.label if b.kategori else "-"),
                        sel(str(pk.unit_kerja or pk.get_jenjang_display())),
                    ]
                )
        return [
            self.tabel(
                "3",
                "Capaian Kinerja Program dan Kegiatan",
                [
                    "Program / kegiatan",
                    "Indikator",
                    "Target",
                    "Realisasi",
                    "Capaian (%)",
                    "Kategori",
                    "Penanggung jawab",
                ],
                baris,
                lanskap=True,
            )
        ]

    def _tabel_anggaran(self, judul: str, r: Any) -> dict:
        baris = [
            [
                sel(b.kode, kelas="kode"),
                sel(b.uraian, kelas=f"tingkat-{b.kedalaman}" + (" tebal" if b.anggaran is None else "")),
                sel_rupiah(b.angka.pagu),
                sel_rupiah(b.angka.realisasi),
                sel_persen(b.angka.persen),
                sel_rupiah(b.angka.sisa),
            ]
            for b in r.baris
        ]
        kaki = [
            [
                sel(""),
                sel("Jumlah"),
                sel_rupiah(r.total.pagu),
                sel_rupiah(r.total.realisasi),
                sel_persen(r.total.persen),
                sel_rupiah(r.total.sisa),
            ]
        ]
        return self.tabel(
            "3",
            judul,
            [
                "Kode",
                "Program / kegiatan / sub-kegiatan",
                "Anggaran (Rp)",
                "Realisasi (Rp)",
                "%",
                "Sisa (Rp)",
            ],
            baris,
            kaki=kaki,
            lanskap=True,
            catatan="Persentase = Σ realisasi ÷ Σ pagu (tertimbang); baris program dan kegiatan adalah jumlah baris di bawahnya.",
        )

    def blok_anggaran(self) -> list[dict]:
        blok: list[dict] = []
        if self.anggaran.baris:
            blok.append(self._tabel_anggaran(f"Realisasi Anggaran Tahun {self.tahun}", self.anggaran))
            program = [b for b in self.anggaran.baris if b.tingkat == "program"]
            if program:
                blok.append(
                    self.gambar(
                        "3",
                        f"Pagu dan Realisasi Anggaran per Program Tahun {self.tahun}",
                        grafik_anggaran(
                            judul=f"Pagu dan realisasi {self.tahun}",
                            baris=[(b.uraian, b.angka.pagu, b.angka.realisasi) for b in program],
                        ),
                    )
                )
        else:
            blok.append({"jenis": "teks", "kunci": "", "html": "<p>Anggaran tahun ini belum diisi.</p>"})
        if self.anggaran_lalu.baris:
            blok.append(
                self._tabel_anggaran(f"Realisasi Anggaran Tahun {self.tahun - 1}", self.anggaran_lalu)
            )
            p = perubahan_tahunan(sekarang=self.anggaran.total.persen, lalu=self.anggaran_lalu.total.persen)
            if p.selisih is not None:
                blok.append(
                    {
                        "jenis": "teks",
                        "kunci": "",
                        "html": (
                            f"<p>Realisasi anggaran Tahun {self.tahun} sebesar {format_persen(self.anggaran.total.persen)}, "
                            f"dibandingkan Tahun {self.tahun - 1} sebesar {format_persen(self.anggaran_lalu.total.persen)}: "
                            f"{p.teks}.</p>"
                        ),
                    }
                )
        return blok

    def bab_4(self, k: dict[str, Any]) -> dict[str, Any]:
        return {
            "kunci": "bab4",
            "judul": "BAB IV PENUTUP",
            "bagian": [
                {"judul": "4.1 Kesimpulan", "blok": [self.teks_bagian("kesimpulan", k)]},
                {
                    "judul": "4.2 Saran dan Perbaikan ke Depan",
                    "blok": [self.teks_bagian("saran", k), {"jenis": "ttd"}],
                },
            ],
        }

    def lampiran(self) -> list[dict[str, Any]]:
        hasil = []
        if self.pk_kepala is not None:
            pk = self.pk_kepala
            hasil.append(
                {
                    "judul": f"Lampiran 1. Perjanjian Kinerja Tahun {self.tahun}",
                    "blok": [
                        {
                            "jenis": "pk",
                            "pk": {
                                "judul": str(pk),
                                "pihak_pertama": {
                                    "nama": pk.pihak_pertama.nama if pk.pihak_pertama else "",
                                    "jabatan": pk.pihak_pertama.jabatan if pk.pihak_pertama else "",
                                    "pangkat": pk.pihak_pertama.pangkat_golongan if pk.pihak_pertama else "",
                                    "nip": format_nip(pk.pihak_pertama.nip) if pk.pihak_pertama else "",
                                },
                                "pihak_kedua": {
                                    "nama": pk.pihak_kedua.nama if pk.pihak_kedua else pk.pihak_kedua_nama,
                                    "jabatan": pk.pihak_kedua.jabatan
                                    if pk.pihak_kedua
                                    else pk.pihak_kedua_jabatan,
                                },
                                "tanggal": format_tanggal(pk.tanggal) if pk.tanggal else "",
                                "status": pk.get_status_display(),
                            },
                        },
                        self.tabel(
                            "L",
                            f"Indikator dan Target {pk}",
                            ["No", "Sasaran strategis", "Indikator kinerja", "Satuan", "Target"],
                            [
                                [
                                    sel(n),
                                    sel(b.kinerja or b.indikator.uraian_induk),
                                    sel(b.indikator.nama),
                                    sel(b.indikator.satuan),
                                    sel_angka(b.target),
                                ]
                                for n, b in enumerate(pk.butir.select_related("indikator"), start=1)
                            ],
                        ),
                    ],
                }
            )
        tw = list(range(1, 5))
        hasil.append(
            {
                "judul": f"Lampiran {len(hasil) + 1}. Formulir Pengukuran Kinerja Tahun {self.tahun}",
                "blok": [
                    self.tabel(
                        "L",
                        f"Formulir Pengukuran Kinerja {self.tahun}",
                        [
                            "Sasaran",
                            "Indikator",
                            "Satuan",
                            "Target",
                            *[f"Realisasi TW {ROMAWI[t]}" for t in tw],
                            "Realisasi tahun",
                            "Capaian (%)",
                            "Kategori",
                        ],
                        [
                            [
                                sel(b.kinerja),
                                sel(b.indikator.nama),
                                sel(b.indikator.satuan),
                                sel_angka(b.target_tahunan),
                                *[sel_angka(v, kosong="-") for v in b.nilai_tw],
                                sel_angka(b.capaian.realisasi),
                                sel_persen(b.capaian.hasil.nilai),
                                sel(b.kategori.label if b.kategori else "-"),
                            ]
                            for b in self.baris
                        ],
                        lanskap=True,
                    )
                ],
            }
        )
        hasil.append(
            {
                "judul": f"Lampiran {len(hasil) + 1}. Rencana Aksi Tahun {self.tahun}",
                "blok": [
                    self.tabel(
                        "L",
                        f"Rencana Aksi (Target per Triwulan) {self.tahun}",
                        [
                            "Indikator",
                            "Satuan",
                            "Cara akumulasi",
                            "Target tahunan",
                            *[f"Target TW {ROMAWI[t]}" for t in tw],
                        ],
                        [
                            [
                                sel(b.indikator.nama),
                                sel(b.indikator.satuan),
                                sel(b.indikator.get_akumulasi_display()),
                                sel_angka(b.target_tahunan),
                                *[sel_angka(v) for v in b.target_tw],
                            ]
                            for b in self.baris
                        ],
                        lanskap=True,
                    )
                ],
            }
        )
        pr = getattr(self.laporan, "pernyataan_reviu", None)
        if pr is not None:
            hasil.append(
                {
                    "judul": f"Lampiran {len(hasil) + 1}. Pernyataan Telah Direviu",
                    "blok": [
                        {
                            "jenis": "reviu",
                            "reviu": {
                                "nomor": pr.nomor,
                                "tanggal": format_tanggal(pr.tanggal),
                                "isi": bersihkan(pr.isi),
                                "nama": pr.nama_penanda_tangan,
                                "jabatan": pr.jabatan_penanda_tangan,
                                "nip": format_nip(pr.nip_penanda_tangan) if pr.nip_penanda_tangan else "",
                            },
                        }
                    ],
                }
            )
        return hasil


def _rentang_tahun(daftar: list[int]) -> str:
    """[2016, 2017, 2018] → "2016–2018"; [2016, 2018] → "2016, 2018"."""
    if len(daftar) > 1 and daftar == list(range(daftar[0], daftar[-1] + 1)):
        return f"{daftar[0]}–{daftar[-1]}"
    return ", ".join(map(str, daftar))


def _sel_pembanding(p: PembandingIndikator | None) -> dict[str, str | None]:
    if p is None:
        return sel("Nihil (belum diisi)")
    if p.nilai is None:
        return sel(f"Nihil: {p.keterangan}")
    teks = format_ringkas(p.nilai)
    if p.nama_pembanding:
        teks += f" ({p.nama_pembanding})"
    return sel(teks, p.nilai, "angka")


def rakit_lkjip(laporan: LaporanKinerja) -> dict[str, Any]:
    """The whole LKjIP as plain data (see module docstring)."""
    return Perakit(laporan).rakit()


def draf_semua(laporan: LaporanKinerja) -> dict[str, str]:
    """Every text's draft from the data, keyed like TeksLaporan.kunci."""
    p = Perakit(laporan)
    k = p.konteks_draf()
    kunci = [
        "kata_pengantar",
        "ikhtisar",
        "latar_belakang",
        "dasar_hukum",
        "tupoksi",
        "sumber_daya",
        "permasalahan",
        "kesimpulan",
        "saran",
        *[f"analisis:{b.indikator.pk}" for b in p.baris],
    ]
    return {x: d.draf(x, k) for x in kunci}
