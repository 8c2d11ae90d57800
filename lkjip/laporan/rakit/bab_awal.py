"""The chapters before the measurements: ikhtisar eksekutif, BAB I, BAB II."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.html import escape

from lkjip.angka import format_ringkas, format_tanggal
from lkjip.laporan.rakit.sel import sel, sel_angka, sel_persen, sel_rupiah
from lkjip.laporan.sanitasi import bersihkan
from lkjip.models import UnitKerja
from pelaporan.domain import (
    Anggaran as AngkaAnggaran,
)
from pelaporan.domain import (
    jumlah_anggaran,
)
from pelaporan.models import AnggaranPK, StatusPK
from renstra.models import (
    ArahKebijakan,
    Indikator,
    MisiRPJMD,
    PemetaanProgram,
    Sasaran,
    Strategi,
    Tujuan,
)


class BabAwal:
    """Ikhtisar eksekutif, BAB I and BAB II (a part of :class:`Perakit`)."""

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
                f"{escape(pk)} ditandatangani pada {format_tanggal(pk.tanggal)}."
                if pk.status == StatusPK.DITANDATANGANI
                else f"{escape(pk)} masih berupa draf."
            )
            if pk.versi > 1:
                status += (
                    f" PK ini adalah perubahan ({escape(pk.nomor_sk or 'tanpa nomor SK')}): "
                    f"{escape(pk.alasan_perubahan)}"
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
