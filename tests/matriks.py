"""Shared pieces of the permission matrix (tests/test_matriks_izin.py).

Each feature may keep its rows in its own module (e.g. tests/matriks_excel.py) built from
these helpers; the matrix test joins them and fails on any URL without a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import DataDasar

PERAN = ("anonim", "operator", "kepala", "reviewer", "admin", "operator_lain", "admin_lain")

# Names Django owns and that are covered elsewhere (the admin is tested for superusers only).
DIKECUALIKAN_NAMESPACE = {"admin"}


@dataclass
class Baris:
    kwargs: Callable[[DataDasar], dict[str, Any]]
    harapan: dict[str, int]
    metode: str = "get"
    data: Callable[[DataDasar], dict[str, Any]] = field(default=lambda d: {})


def semua(kode: int, **kecuali: int) -> dict[str, int]:
    hasil = {p: kode for p in PERAN}
    hasil["anonim"] = 302
    hasil.update(kecuali)
    return hasil


def opd_a(d: DataDasar) -> dict[str, Any]:
    return {"opd_id": d.opd_a.pk}


# For OPD A's pages: the other OPD's operator and the other pemda's admin must get 404.
LUAR = {"operator_lain": 404, "admin_lain": 404}
BACA_OPD = semua(200, **LUAR)
UBAH_PROFIL = semua(403, operator=200, admin=200, **LUAR)
UBAH_PROFIL_POST = semua(403, operator=302, admin=302, **LUAR)
ADMIN_SAJA = semua(403, admin=200, admin_lain=200)
ADMIN_REVIEWER = semua(403, admin=200, reviewer=200, admin_lain=200)

ISI_DATA = semua(403, operator=200, **LUAR)
ISI_DATA_POST = semua(403, operator=302, **LUAR)
RPJMD_ADMIN = semua(403, admin=200, admin_lain=404)


def renstra_a(d: DataDasar) -> dict[str, Any]:
    return {"opd_id": d.opd_a.pk, "renstra_id": d.rencana["renstra"].pk}


def pk_a(d: DataDasar) -> dict[str, Any]:
    return {"opd_id": d.opd_a.pk, "pk_id": d.rencana["pk"].pk}


def tw_a(d: DataDasar) -> dict[str, Any]:
    return {"opd_id": d.opd_a.pk, "tahun": 2022, "triwulan": 1}


def unggahan_rusak(d: DataDasar) -> str:
    from lkjip.models import UnggahanSementara

    u = UnggahanSementara.objects.create(
        pengguna=d.pengguna["operator"],
        opd=d.opd_a,
        jenis="renstra",
        nama_berkas="x.xlsx",
        isi=b"bukan excel",
    )
    return str(u.token)


def logo_pemda(d: DataDasar) -> dict[str, Any]:
    """Both pemdas get a logo, so each admin reads their own."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    for pemda in (d.pemda, d.pemda_lain):
        pemda.logo = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        pemda.save()
    return {}
