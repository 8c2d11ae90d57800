"""BAB IV Penutup and the appendices (PK, pengukuran, rencana aksi, pernyataan reviu)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lkjip.angka import format_tanggal
from lkjip.laporan.rakit.sel import ROMAWI, sel, sel_angka, sel_persen
from lkjip.laporan.sanitasi import bersihkan
from lkjip.nip import format_nip


class Penutup:
    """BAB IV and the appendices (a part of :class:`Perakit`)."""

    def bab_4(self, k: dict[str, Any]) -> dict[str, Any]:
        return {
            "kunci": "bab4",
            "judul": "BAB IV PENUTUP",
            "bagian": [
                {
                    "kunci": "bab4.kesimpulan",
                    "judul": "4.1 Kesimpulan",
                    "blok": [self.teks_bagian("kesimpulan", k)],
                },
                {
                    "kunci": "bab4.saran",
                    "judul": "4.2 Saran dan Perbaikan ke Depan",
                    "blok": [self.teks_bagian("saran", k), {"jenis": "ttd"}],
                },
            ],
        }

    def lampiran(self) -> list[dict[str, Any]]:
        hasil = []
        if self.pk_kepala is not None:
            pk = self.pk_kepala
            url_pk = reverse("pk_detail", args=[self.opd.pk, pk.pk])
            nama_kedua = pk.pihak_kedua.nama if pk.pihak_kedua else pk.pihak_kedua_nama
            jabatan_kedua = pk.pihak_kedua.jabatan if pk.pihak_kedua else pk.pihak_kedua_jabatan
            pertama = pk.pihak_pertama
            hasil.append(
                {
                    "judul": f"Lampiran 1. Perjanjian Kinerja Tahun {self.tahun}",
                    "blok": [
                        {
                            "jenis": "pk",
                            "pk": {
                                "judul": str(pk),
                                "pihak_pertama": {
                                    "nama": pertama.nama
                                    if pertama
                                    else self.belum(f"pihak pertama {pk}", url=url_pk, label="Buka PK"),
                                    "jabatan": pertama.jabatan if pertama else "",
                                    "pangkat": pertama.pangkat_golongan if pertama else "",
                                    "nip": format_nip(pertama.nip) if pertama else "",
                                },
                                "pihak_kedua": {
                                    "nama": nama_kedua
                                    or self.belum(
                                        f"nama pihak kedua ({jabatan_kedua or 'kepala daerah'}) pada {pk}",
                                        url=url_pk,
                                        label="Buka PK",
                                    ),
                                    "jabatan": jabatan_kedua
                                    or self.belum(
                                        f"jabatan pihak kedua pada {pk}", url=url_pk, label="Buka PK"
                                    ),
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
                                for n, b in enumerate(
                                    # uraian_induk reads the node the indicator measures: in the
                                    # same query, not one query per row
                                    pk.butir.select_related(
                                        "indikator__tujuan",
                                        "indikator__sasaran",
                                        "indikator__program",
                                        "indikator__kegiatan",
                                        "indikator__sub_kegiatan",
                                    ),
                                    start=1,
                                )
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
