"""Home-page items of the core: an OPD's profile must be complete before its reports can be."""

from __future__ import annotations

from django.urls import reverse

from lkjip.beranda import Tugas
from lkjip.models import Pengguna, Peran, PerangkatDaerah


def tugas_profil(pengguna: Pengguna, opd: PerangkatDaerah) -> list[Tugas]:
    if pengguna.peran != Peran.OPERATOR:
        return []
    hasil: list[Tugas] = []
    if opd.kepala_id is None:
        hasil.append(
            Tugas(
                "Tetapkan kepala perangkat daerah",
                "Nama, NIP dan pangkat kepala dicetak pada blok tanda tangan PK dan LKjIP.",
                reverse("opd_ubah", args=[opd.pk]),
                "warning",
                10,
            )
        )
    kosong = [label for label, nilai in (("alamat", opd.alamat), ("kota", opd.kota)) if not nilai]
    if kosong:
        hasil.append(
            Tugas(
                "Lengkapi profil perangkat daerah",
                f"Belum diisi: {', '.join(kosong)} (dicetak pada sampul LKjIP).",
                reverse("opd_ubah", args=[opd.pk]),
                "info",
                15,
            )
        )
    if not opd.unit_kerja.exists():
        hasil.append(
            Tugas(
                "Isi struktur unit kerja",
                "Unit kerja dipakai untuk penanggung jawab indikator dan jenjang Perjanjian Kinerja.",
                reverse("unit_tambah", args=[opd.pk]),
                "info",
                20,
            )
        )
    return hasil
