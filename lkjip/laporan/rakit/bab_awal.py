"""The chapters before the measurements: ikhtisar eksekutif, BAB I, BAB II."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from lkjip.angka import format_ringkas, format_tanggal
from lkjip.laporan.rakit.sel import CatatanTabel, sel, sel_angka, sel_nilai_tahun, sel_persen, sel_rupiah
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
    JenisTarget,
    MisiRPJMD,
    PemetaanProgram,
    Renstra,
    Sasaran,
    Strategi,
    TargetIndikator,
    Tujuan,
)


class BabAwal:
    """Ikhtisar eksekutif, BAB I and BAB II (a part of :class:`Perakit`)."""

    def bab_ikhtisar(self, k: dict[str, Any]) -> dict[str, Any]:
        iku = [b for b in self.baris if b.indikator.iku] or self.baris
        catatan = CatatanTabel()
        baris = [
            [
                sel(n),
                sel(b.indikator.nama),
                sel_angka(b.target_tahunan),
                catatan.sel(sel_angka(b.capaian.realisasi), b.capaian.hasil.alasan),
                catatan.sel(
                    sel_persen(b.capaian.hasil.nilai),
                    b.capaian.hasil.alasan if b.capaian.realisasi is not None else None,
                ),
                sel(b.kategori.label if b.kategori else "-"),
            ]
            for n, b in enumerate(iku, start=1)
        ]
        return {
            "kunci": "ikhtisar",
            "judul": "IKHTISAR EKSEKUTIF",
            "bagian": [
                {
                    "kunci": "ikhtisar.isi",
                    "judul": "",
                    "blok": [
                        self.teks_bagian("ikhtisar", k),
                        self.tabel(
                            "",
                            "Capaian Indikator Kinerja Utama",
                            ["No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Kategori"],
                            baris,
                            catatan=catatan.teks(),
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
                {
                    "kunci": "bab1.latar_belakang",
                    "judul": "1.1 Latar Belakang",
                    "blok": [self.teks_bagian("latar_belakang", k)],
                },
                {
                    "kunci": "bab1.dasar_hukum",
                    "judul": "1.2 Dasar Hukum",
                    "blok": [self.teks_bagian("dasar_hukum", k)],
                },
                {
                    "kunci": "bab1.tupoksi",
                    "judul": "1.3 Tugas Pokok, Fungsi dan Struktur Organisasi",
                    "blok": blok_tupoksi,
                },
                {
                    "kunci": "bab1.sumber_daya",
                    "judul": "1.4 Sumber Daya",
                    "blok": [self.teks_bagian("sumber_daya", k), tabel_eselon],
                },
                {
                    "kunci": "bab1.permasalahan",
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
            html = f"<p><strong>Visi:</strong> {rpjmd.visi}</p>" if rpjmd.visi else ""
            if misi:
                html += (
                    "<p><strong>Misi:</strong></p><ol>"
                    + "".join(f"<li>{m.uraian}</li>" for m in misi)
                    + "</ol>"
                )
            blok_visi.append({"jenis": "teks", "kunci": "", "html": bersihkan(html)})
        else:
            url = reverse("rpjmd_daftar")
            blok_visi.append(
                self.teks_html(
                    "<p>"
                    + self.html_belum(
                        f"RPJMD yang mencakup tahun {self.tahun} (visi dan misi)", url=url, label="Isi RPJMD"
                    )
                    + "</p>"
                )
            )
        bagian.append(
            {"kunci": "bab2.visi_misi", "judul": "2.1 Visi dan Misi Kepala Daerah", "blok": blok_visi}
        )

        r = self.renstra_strategis
        if r is not None:
            bagian.append(
                {
                    "kunci": "bab2.renstra",
                    "judul": f"2.2 Rencana Strategis {r.tahun_awal}–{r.tahun_akhir}",
                    "blok": self.blok_renstra(r),
                }
            )
        else:
            url = reverse("renstra_daftar", args=[self.opd.pk])
            bagian.append(
                {
                    "kunci": "bab2.renstra",
                    "judul": "2.2 Rencana Strategis",
                    "blok": [
                        self.teks_html(
                            "<p>"
                            + self.html_belum(
                                f"Renstra yang mencakup tahun {self.tahun}", url=url, label="Isi Renstra"
                            )
                            + "</p>"
                        )
                    ],
                }
            )
        bagian.append({"kunci": "bab2.pk", "judul": "2.3 Perjanjian Kinerja", "blok": self.blok_pk()})
        return {"kunci": "bab2", "judul": "BAB II PERENCANAAN KINERJA", "bagian": bagian}

    def blok_renstra(self, r: Renstra) -> list[dict]:
        """Seed 000 §2.1.2–2.1.5: tujuan and sasaran with their indicators, the indicators' targets over the
        period, strategi and arah kebijakan, the IKU with their formulas, the programs per sasaran."""
        url_pohon = reverse("renstra_detail", args=[self.opd.pk, r.pk])
        blok: list[dict] = []
        if self.renstra is not None and self.renstra.pk != r.pk:
            blok.append(
                self.teks_html(
                    f"<p>Perjanjian Kinerja Tahun {self.tahun} disusun menurut {escape(self.renstra)} "
                    "dan diukur terhadapnya pada BAB III; "
                    f"{escape(r)} yang mulai berlaku tahun ini diuraikan berikut.</p>"
                )
            )
        tujuan = list(Tujuan.objects.filter(renstra=r).select_related("misi").order_by("urutan", "kode"))
        sasaran = list(Sasaran.objects.filter(renstra=r).order_by("urutan", "kode"))
        ind: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
        semua: list[Indikator] = []
        for i in Indikator.objects.filter(renstra=r).filter(
            Q(tujuan__isnull=False) | Q(sasaran__isnull=False)
        ):
            if i.berlaku_pada(self.tahun):
                ind[("tujuan", i.tujuan_id) if i.tujuan_id else ("sasaran", i.sasaran_id)].append(i)
                semua.append(i)

        def nama_indikator(kunci: tuple[str, int], apa: str) -> dict:
            daftar = ind[kunci]
            if not daftar:
                return self.sel_belum(apa, url=url_pohon, label="Buka Renstra")
            return sel("\n".join(i.nama for i in daftar), kelas="daftar")

        baris = []
        if tujuan:
            for t in tujuan:
                daftar_s = [s for s in sasaran if s.tujuan_id == t.pk]
                for n, s in enumerate(daftar_s or [None]):
                    awal = n == 0
                    baris.append(
                        [
                            sel((f"Misi {t.misi.nomor}: " if t.misi and t.misi.nomor else "") + t.misi.uraian)
                            if awal and t.misi
                            else sel("")
                            if not awal
                            else self.sel_belum(
                                f"misi RPJMD untuk tujuan {t.kode}", url=url_pohon, label="Buka Renstra"
                            ),
                            sel(t.uraian if awal else ""),
                            nama_indikator(("tujuan", t.pk), f"indikator tujuan {t.kode}")
                            if awal
                            else sel(""),
                            sel(s.uraian)
                            if s
                            else self.sel_belum(
                                f"sasaran untuk tujuan {t.kode}", url=url_pohon, label="Buka Renstra"
                            ),
                            nama_indikator(("sasaran", s.pk), f"indikator sasaran {s.kode}")
                            if s
                            else sel(""),
                        ]
                    )
            for s in (s for s in sasaran if s.tujuan_id is None):
                baris.append(
                    [
                        sel(""),
                        self.sel_belum(f"tujuan untuk sasaran {s.kode}", url=url_pohon, label="Buka Renstra"),
                        sel(""),
                        sel(s.uraian),
                        nama_indikator(("sasaran", s.pk), f"indikator sasaran {s.kode}"),
                    ]
                )
            kolom = ["Misi", "Tujuan", "Indikator tujuan", "Sasaran strategis", "Indikator sasaran"]
        else:
            # A Renstra that states no tujuan (Kukar's 2016–2021 as the LKjIP 2021 knew it): sasaran only.
            baris = [
                [sel(s.uraian), nama_indikator(("sasaran", s.pk), f"indikator sasaran {s.kode}")]
                for s in sasaran
            ]
            kolom = ["Sasaran strategis", "Indikator sasaran"]
        blok.append(
            self.tabel(
                "2",
                "Matriks Hubungan Visi, Misi, Tujuan dan Sasaran",
                kolom,
                baris,
                kosong=f"{r} belum memuat tujuan dan sasaran.",
            )
        )
        if not sasaran:
            self.belum(f"tujuan dan sasaran {r}", url=url_pohon, label="Buka Renstra")

        strategi = list(Strategi.objects.filter(renstra=r).order_by("nomor"))
        if strategi:
            arah: dict[int, list[str]] = defaultdict(list)
            for a in ArahKebijakan.objects.filter(renstra=r).order_by("nomor"):
                arah[a.strategi_id].append(a.uraian)
            blok.append(
                self.tabel(
                    "2",
                    "Strategi dan Arah Kebijakan",
                    ["No", "Strategi", "Arah kebijakan"],
                    [
                        [
                            sel(s.nomor),
                            sel(s.uraian),
                            sel(
                                "\n".join(f"{n}. {x}" for n, x in enumerate(arah[s.pk], start=1)),
                                kelas="daftar",
                            )
                            if arah[s.pk]
                            else self.sel_belum(
                                f"arah kebijakan strategi {s.nomor}", url=url_pohon, label="Buka Renstra"
                            ),
                        ]
                        for s in strategi
                    ],
                )
            )
        else:
            blok.append(
                self.teks_html(
                    "<p>"
                    + self.html_belum(f"strategi dan arah kebijakan {r}", url=url_pohon, label="Buka Renstra")
                    + "</p>"
                )
            )
        blok[-1]["kunci"] = "bab2.renstra.strategi"  # a part a pemda's outline may leave out

        if semua:
            tahun = list(range(r.tahun_awal, r.tahun_akhir + 1))
            target: dict[int, dict[int, Any]] = defaultdict(dict)
            for t in TargetIndikator.objects.filter(indikator__in=semua, jenis=JenisTarget.RENSTRA):
                target[t.indikator_id][t.tahun] = t
            urut = sorted(semua, key=lambda i: (i.tujuan_id is None, i.urutan, i.pk))
            bertarget = [i for i in urut if target[i.pk] or i.target_akhir is not None]
            tanpa = [i.nama for i in urut if i not in bertarget]
            if tanpa:
                self.peringatan.append(
                    {
                        "pesan": f"{r} belum mencantumkan target tahunan untuk: {'; '.join(tanpa)}.",
                        "url": url_pohon,
                        "label": "Buka Renstra",
                    }
                )
            kalimat = (
                f"{r} belum mencantumkan target tahunan untuk indikator {'; '.join(tanpa)}." if tanpa else ""
            )
            if bertarget:
                blok.append(
                    self.tabel(
                        "2",
                        f"Target Indikator Tujuan dan Sasaran {r.tahun_awal}–{r.tahun_akhir}",
                        ["Indikator", "Satuan", "Kondisi awal", *map(str, tahun), "Akhir periode"],
                        [
                            [
                                sel(i.nama),
                                sel(i.satuan),
                                sel_nilai_tahun(i.baseline_nilai, i.baseline_tahun),
                                *(_sel_target(target[i.pk].get(t)) for t in tahun),
                                _sel_target_akhir(i),
                            ]
                            for i in bertarget
                        ],
                        lanskap=len(tahun) > 4,
                        catatan=" ".join(
                            x for x in ("“-”: Renstra tidak menetapkan target tahun itu.", kalimat) if x
                        ),
                    )
                )
            elif kalimat:
                blok.append(self.teks_html(f"<p>{escape(kalimat)}</p>"))
        iku = [i for i in semua if i.iku] or [b.indikator for b in self.baris if b.indikator.iku]
        if iku:
            blok.append(
                self.tabel(
                    "2",
                    "Indikator Kinerja Utama dan Cara Pengukurannya",
                    ["Indikator", "Satuan", "Arah", "Definisi / rumus"],
                    [
                        [
                            sel(i.nama),
                            sel(i.satuan),
                            sel(i.get_arah_display()),
                            sel(i.definisi)
                            if i.definisi
                            else self.sel_belum(
                                f"definisi/rumus indikator “{i.nama}”",
                                url=reverse("renstra_detail", args=[self.opd.pk, i.renstra_id]),
                                label="Buka Renstra",
                            ),
                        ]
                        for i in iku
                    ],
                )
            )
        # The programs serving each sasaran, from the Renstra the year's PK follows (seed 000 Tabel 2.3).
        asal = self.renstra or r
        peta: dict[str, list[str]] = defaultdict(list)
        for s_uraian, p_nama, p_kode in (
            PemetaanProgram.objects.filter(renstra=asal)
            .order_by("sasaran__urutan", "sasaran__kode", "program__kode")
            .values_list("sasaran__uraian", "program__nama", "program__kode_tampil")
        ):
            peta[s_uraian].append(f"{p_kode} {p_nama}".strip())
        blok.append(
            self.tabel(
                "2",
                f"Program yang Mendukung Sasaran Tahun {self.tahun}",
                ["Sasaran strategis", "Program"],
                [[sel(s), sel("\n".join(p), kelas="daftar")] for s, p in peta.items()],
                kosong=f"{asal} belum memetakan program ke sasaran.",
            )
        )
        return blok

    def blok_pk(self) -> list[dict]:
        if not self.baris:
            url = reverse("pk_daftar", args=[self.opd.pk]) + f"?tahun={self.tahun}"
            return [
                self.teks_html(
                    "<p>"
                    + self.html_belum(f"Perjanjian Kinerja Tahun {self.tahun}", url=url, label="Susun PK")
                    + "</p>"
                )
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
                            sel_nilai_tahun(b.indikator.baseline_nilai, b.indikator.baseline_tahun),
                            sel_angka(b.target_tahunan),
                            sel_nilai_tahun(b.indikator.target_akhir, b.indikator.renstra.tahun_akhir),
                        ]
                        for b in iku
                    ],
                )
            )
        return blok


def _sel_target(t: Any) -> dict[str, str | None]:
    if t is None:
        return sel("-", None, "angka")
    if t.nilai_atas is not None:
        return sel(f"{format_ringkas(t.nilai)}–{format_ringkas(t.nilai_atas)}", t.nilai, "angka")
    return sel_angka(t.nilai)


def _sel_target_akhir(i: Indikator) -> dict[str, str | None]:
    if i.target_akhir is None:
        return sel("-", None, "angka")
    if i.target_akhir_atas is not None:
        return sel(
            f"{format_ringkas(i.target_akhir)}–{format_ringkas(i.target_akhir_atas)}", i.target_akhir, "angka"
        )
    return sel_angka(i.target_akhir)
