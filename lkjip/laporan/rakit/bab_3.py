"""BAB III Akuntabilitas Kinerja."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from lkjip.angka import format_angka, format_persen
from lkjip.laporan.models import (
    JenisPembanding,
    PembandingIndikator,
)
from lkjip.laporan.rakit.sel import (
    CatatanTabel,
    _rentang_tahun,
    _sel_pembanding,
    sel,
    sel_angka,
    sel_nilai_tahun,
    sel_persen,
    sel_rupiah,
)
from pelaporan.domain import (
    Anggaran as AngkaAnggaran,
)
from pelaporan.domain import (
    capaian_renstra,
    efisiensi,
    jumlah_anggaran,
    perubahan_tahunan,
    rata_rata_capaian,
)
from pelaporan.domain.evaluasi_renja import realisasi_sampai_tahun_ini
from pelaporan.domain.uraian import uraian_rumus_capaian, uraian_triwulan
from pelaporan.grafik import grafik_anggaran, grafik_capaian
from pelaporan.models import Anggaran
from pelaporan.selectors import (
    IndikatorPK,
    baris_realisasi,
    indikator_program,
)
from renstra.models import (
    Indikator,
    PemetaanProgram,
    Sasaran,
)


class Bab3:
    """BAB III: measurement, capaian, comparisons, efficiency, programs and budget (a part of :class:`Perakit`)."""

    def bab_3(self, k: dict[str, Any]) -> dict[str, Any]:
        pemda = self.pemda
        # The same sentences as the grid's "Cara menghitung capaian" and the settings page.
        kalimat = uraian_rumus_capaian(rumus_negatif=pemda.rumus_negatif, batas_atas=pemda.batas_capaian)
        metode_html = (
            "<p>Capaian kinerja dihitung dari target dan realisasi yang tersimpan.</p><ul>"
            + "".join(f"<li>{escape(k)}</li>" for k in kalimat + uraian_triwulan())
            + "</ul>"
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
        catatan_capaian = CatatanTabel()
        for b in self.baris:
            h = b.capaian.hasil
            baris_capaian.append(
                [
                    sel(b.kinerja if b.kinerja != sasaran_sebelum else ""),
                    sel(b.indikator.nama),
                    sel(b.indikator.satuan),
                    sel_angka(b.target_tahunan),
                    catatan_capaian.sel(sel_angka(b.capaian.realisasi), h.alasan),
                    catatan_capaian.sel(
                        sel_persen(h.nilai), h.alasan if b.capaian.realisasi is not None else None
                    ),
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
            catatan=catatan_capaian.teks(self.rata.metode)
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
        catatan_renstra = CatatanTabel()
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
                    sel_nilai_tahun(i.target_akhir, i.renstra.tahun_akhir),
                    # A cumulative total with years missing is unknown, not a partial sum: say which.
                    catatan_renstra.sel(
                        sel_angka(sd),
                        f"belum ada data {_rentang_tahun(kurang)}"
                        if i.akumulasi == "kumulatif" and kurang and b.capaian.realisasi is not None
                        else "belum ada data",
                    ),
                    catatan_renstra.sel(sel_persen(h.nilai), h.alasan),
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
            catatan=catatan_renstra.teks(
                "Indikator kumulatif: jumlah realisasi tahun-tahun periode Renstra; lainnya: nilai tahun ini."
            ),
        )
        # 3.5 standards and peers
        pembanding = defaultdict(dict)
        for p in PembandingIndikator.objects.filter(laporan=self.laporan) if self.laporan.pk else []:
            pembanding[p.indikator_id][p.jenis] = p
        baris_standar, tanpa = [], []
        for b in self.baris:
            sn = pembanding[b.indikator.pk].get(JenisPembanding.STANDAR_NASIONAL)
            sj = pembanding[b.indikator.pk].get(JenisPembanding.INSTANSI_SEJENIS)
            ada = [p for p in (sn, sj) if p is not None and p.nilai is not None]
            if not ada:
                # No value to compare with: the row is left out and named once below (DOMAIN §5).
                alasan = "; ".join(p.keterangan for p in (sn, sj) if p is not None and p.keterangan)
                tanpa.append(f"{b.indikator.nama}" + (f" ({alasan})" if alasan else ""))
                continue
            baris_standar.append(
                [
                    sel(b.indikator.nama),
                    sel_angka(b.capaian.realisasi),
                    _sel_pembanding(sn),
                    _sel_pembanding(sj),
                ]
            )
        kalimat_tanpa = (
            f"Indikator tanpa pembanding standar nasional maupun instansi sejenis: {'; '.join(tanpa)}."
            if tanpa
            else ""
        )
        if baris_standar:
            blok_standar = [
                self.tabel(
                    "3",
                    "Perbandingan dengan Standar Nasional dan Instansi Sejenis",
                    ["Indikator", f"Realisasi {self.tahun}", "Standar nasional", "Instansi sejenis"],
                    baris_standar,
                    catatan=kalimat_tanpa,
                )
            ]
        else:
            # No row at all: the table becomes one sentence (DOMAIN §5, issue 10).
            blok_standar = [
                self.teks_html(
                    f"<p>Belum ada nilai pembanding standar nasional maupun instansi sejenis untuk "
                    f"{len(tanpa)} indikator Perjanjian Kinerja Tahun {self.tahun}, sehingga tabel perbandingan "
                    f"tidak disajikan: {escape('; '.join(tanpa))}.</p>"
                )
            ]
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
                    "kunci": "bab3.metode",
                    "judul": "3.1 Metode Pengukuran",
                    "blok": [{"jenis": "teks", "kunci": "", "html": metode_html}, tabel_skala],
                },
                {
                    "kunci": "bab3.capaian",
                    "judul": f"3.2 Capaian Kinerja Tahun {self.tahun}",
                    "blok": [tabel_capaian, grafik, *blok_analisis],
                },
                {
                    "kunci": "bab3.tahun_lalu",
                    "judul": "3.3 Perbandingan dengan Tahun Sebelumnya",
                    "blok": [tabel_lalu],
                },
                {
                    "kunci": "bab3.jangka_menengah",
                    "judul": "3.4 Perbandingan dengan Target Jangka Menengah",
                    "blok": [tabel_renstra],
                },
                {
                    "kunci": "bab3.standar",
                    "judul": "3.5 Perbandingan dengan Standar Nasional dan Instansi Sejenis",
                    "blok": blok_standar,
                },
                {
                    "kunci": "bab3.efisiensi",
                    "judul": "3.6 Analisis Efisiensi Penggunaan Sumber Daya",
                    "blok": blok_efisiensi,
                },
                {
                    "kunci": "bab3.program",
                    "judul": "3.7 Analisis Program dan Kegiatan Pendukung",
                    "blok": blok_program,
                },
                {"kunci": "bab3.anggaran", "judul": "3.8 Realisasi Anggaran", "blok": blok_anggaran},
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
        """Seed 000 §3.1.5 and Tabel 3.6: each program's indicator, target, realisasi, capaian and kategori,
        from the Renstra's program indicators (entered on the quarterly screens beside the PK) and the
        indicators of the eselon III/IV PKs, under the sasaran the program serves."""
        program = indikator_program(self.opd, self.tahun)
        sasaran_program: dict[int, list[str]] = defaultdict(list)
        ids = {d.indikator.program_id for d in program}
        for pid, uraian in (
            PemetaanProgram.objects.filter(program_id__in=ids)
            .order_by("sasaran__urutan", "sasaran__kode")
            .values_list("program_id", "sasaran__uraian")
        ):
            sasaran_program[pid].append(uraian)
        baris_program = []
        catatan = CatatanTabel()
        for b in baris_realisasi(self.opd, self.tahun, program, sampai=self.sampai):
            i, h = b.indikator, b.capaian.hasil
            p = i.program
            baris_program.append(
                (
                    "\n".join(sasaran_program.get(p.pk, [])),
                    [
                        sel(f"{p.kode_tampil} {p.nama}".strip()),
                        sel(i.nama),
                        sel(i.satuan),
                        sel_angka(b.target_tahunan),
                        catatan.sel(sel_angka(b.capaian.realisasi), _alasan_kosong(b, self.sampai)),
                        catatan.sel(
                            sel_persen(h.nilai), h.alasan if b.capaian.realisasi is not None else None
                        ),
                        sel(b.kategori.label if b.kategori else "-"),
                    ],
                )
            )
        for pk in (p for p in self.pk if p.jenjang != "kepala"):
            daftar = [
                IndikatorPK(b.indikator, b, b.kinerja or b.indikator.uraian_induk, b.target, b.target_atas)
                for b in pk.butir.select_related("indikator")
            ]
            for b in baris_realisasi(self.opd, self.tahun, daftar, sampai=self.sampai):
                h = b.capaian.hasil
                baris_program.append(
                    (
                        f"PK {pk.unit_kerja or pk.get_jenjang_display()}",
                        [
                            sel(b.kinerja),
                            sel(b.indikator.nama),
                            sel(b.indikator.satuan),
                            sel_angka(b.target_tahunan),
                            catatan.sel(sel_angka(b.capaian.realisasi), _alasan_kosong(b, self.sampai)),
                            catatan.sel(
                                sel_persen(h.nilai), h.alasan if b.capaian.realisasi is not None else None
                            ),
                            sel(b.kategori.label if b.kategori else "-"),
                        ],
                    )
                )
        if not baris_program:
            self.peringatan.append(
                {
                    "pesan": f"BAB III tanpa analisis program: Renstra tidak menetapkan indikator program dengan "
                    f"target Tahun {self.tahun} dan tidak ada PK eselon III/IV.",
                    "url": reverse("renstra_daftar", args=[self.opd.pk]),
                    "label": "Buka Renstra",
                }
            )
            return [
                self.teks_html(
                    f"<p>Renstra tidak menetapkan indikator program dengan target Tahun {self.tahun} dan tidak ada "
                    "Perjanjian Kinerja eselon III/IV; analisis program tidak disajikan dalam tabel.</p>"
                )
            ]
        baris, sebelum = [], None
        for kelompok, r in baris_program:
            baris.append([sel(kelompok if kelompok != sebelum else "", kelas="daftar"), *r])
            sebelum = kelompok
        return [
            self.tabel(
                "3",
                "Capaian Kinerja Program Penunjang Keberhasilan atau Kegagalan Pencapaian Sasaran Strategis",
                [
                    "Sasaran strategis",
                    "Program",
                    "Indikator program",
                    "Satuan",
                    "Target",
                    "Realisasi",
                    "Capaian (%)",
                    "Kategori",
                ],
                baris,
                lanskap=True,
                catatan=catatan.teks(),
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
            catatan="Persentase = Σ realisasi ÷ Σ pagu (tertimbang); baris program dan kegiatan adalah jumlah baris di bawahnya."
            + (
                f" {r.teks_tw_tidak_tercatat}: persentase dihitung dari realisasi yang tercatat."
                if r.tw_kosong
                else ""
            ),
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
            url = reverse("anggaran_daftar", args=[self.opd.pk, self.tahun])
            blok.append(
                self.teks_html(
                    "<p>"
                    + self.html_belum(f"anggaran Tahun {self.tahun}", url=url, label="Isi anggaran")
                    + "</p>"
                )
            )
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


def _alasan_kosong(b: Any, sampai: int) -> str | None:
    """Why a figure is missing, with the operator's own words when the quarter says why
    ("belum ada data: Menunggu hasil evaluasi SAKIP …")."""
    alasan = b.capaian.hasil.alasan
    r = b.baris_tw(sampai)
    if alasan and r is not None and r.nilai is None and r.penjelasan:
        return f"{alasan}: {r.penjelasan.strip().rstrip('.')}."
    return alasan
