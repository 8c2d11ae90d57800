"""Execution of the plan (DOMAIN §1 steps 3–5): PK, rencana aksi, realisasi, anggaran, periods."""

from pelaporan.models.anggaran import Anggaran, RealisasiAnggaran, SumberDana
from pelaporan.models.periode import (
    LaporanTriwulan,
    PembukaanKembali,
    PeriodeTriwulan,
    StatusLaporan,
    lencana_laporan_tw,
)
from pelaporan.models.pk import AnggaranPK, ButirPK, JenjangPK, PerjanjianKinerja, StatusPK
from pelaporan.models.realisasi import BuktiDukung, Realisasi, RealisasiKomponen, TargetTriwulan
from pelaporan.models.ringkasan import GenerasiRingkasan, RingkasanTersimpan

__all__ = [
    "Anggaran",
    "AnggaranPK",
    "BuktiDukung",
    "ButirPK",
    "JenjangPK",
    "LaporanTriwulan",
    "PembukaanKembali",
    "PeriodeTriwulan",
    "PerjanjianKinerja",
    "Realisasi",
    "RealisasiAnggaran",
    "RealisasiKomponen",
    "GenerasiRingkasan",
    "RingkasanTersimpan",
    "StatusLaporan",
    "StatusPK",
    "SumberDana",
    "TargetTriwulan",
    "lencana_laporan_tw",
]
