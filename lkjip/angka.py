"""Numbers and dates the Indonesian way, for the apps: the domain's rules plus what needs Django.

The rounding rule, the number and date formats and the parser live in
:mod:`pelaporan.domain.angka` (pure, so the capaian engine can use them without importing the
core); they are re-exported here so that every caller keeps one import. Only what touches
Django (the active time zone) or is about the web app (upload sizes) is defined here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pelaporan.domain.angka import (
    NAMA_BULAN,
    TANDA_KOSONG,
    TANDA_TIDAK_SAH,
    UKURAN_ANGKA,
    UKURAN_RUPIAH,
    AngkaRusak,
    AngkaTidakSah,
    Ukuran,
    bulatkan,
    bulatkan_ke_ukuran,
    format_angka,
    format_isian,
    format_persen,
    format_ringkas,
    format_rupiah,
    format_tanggal,
    muat,
    periksa_ukuran,
    urai_angka,
)

__all__ = [
    "NAMA_BULAN",
    "TANDA_KOSONG",
    "TANDA_TIDAK_SAH",
    "UKURAN_ANGKA",
    "UKURAN_RUPIAH",
    "AngkaRusak",
    "AngkaTidakSah",
    "Ukuran",
    "bulatkan",
    "bulatkan_ke_ukuran",
    "bulatkan_simpan",
    "format_angka",
    "format_isian",
    "format_persen",
    "format_ringkas",
    "format_rupiah",
    "format_tanggal",
    "format_waktu",
    "muat",
    "periksa_simpan",
    "periksa_ukuran",
    "pesan_terlalu_besar",
    "urai_angka",
]

_ZONA = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def format_waktu(nilai: dt.datetime | None) -> str:
    """``25 Februari 2022 14.05 WITA``: a moment in the active zone (the pemda's, set per request)."""
    from django.utils import timezone

    if nilai is None:
        return "-"
    if timezone.is_naive(nilai):
        return f"{format_tanggal(nilai.date())} {nilai:%H.%M}"
    lokal = timezone.localtime(nilai)
    zona = _ZONA.get(str(timezone.get_current_timezone()), lokal.tzname() or "")
    return f"{format_tanggal(lokal.date())} {lokal:%H.%M} {zona}".strip()


def pesan_terlalu_besar(ukuran: int, batas: int) -> str:
    """``"Berkas terlalu besar (6,2 MB); paling besar 5 MB."``: sizes in MB, Indonesian decimals."""
    mb = 1024 * 1024
    return f"Berkas terlalu besar ({format_angka(Decimal(ukuran) / mb, tempat=1)} MB); paling besar {batas // mb} MB."


def _signifikan() -> int | None:
    """Significant digits the database keeps exactly: SQLite stores a decimal as a binary
    float (15 digits), so 9.999.999.999.999.999,9999 would come back as 10^16."""
    from django.db import connection

    return 15 if connection.vendor == "sqlite" else None


def periksa_simpan(nilai: Decimal, ukuran: Ukuran = UKURAN_ANGKA) -> Decimal:
    """:func:`~pelaporan.domain.angka.periksa_ukuran` for the database in use (see ``_signifikan``):
    what every form field, grid and workbook reader calls before a number is stored."""
    return periksa_ukuran(nilai, ukuran, signifikan=_signifikan())


def bulatkan_simpan(nilai: Decimal, ukuran: Ukuran = UKURAN_ANGKA) -> Decimal:
    """:func:`~pelaporan.domain.angka.bulatkan_ke_ukuran` for the database in use (workbook floats)."""
    return bulatkan_ke_ukuran(nilai, ukuran, signifikan=_signifikan())
