"""Filters of the quarterly grids: one-line wrappers over pelaporan.konflik."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from lkjip.angka import format_isian, format_ringkas
from lkjip.lencana import Lencana
from pelaporan import konflik as kf
from pelaporan.domain.teks import NAMA_TRIWULAN

register = template.Library()


@register.filter
def nama_tw(nomor: int) -> str:
    """1 → "I" … 4 → "IV"."""
    return NAMA_TRIWULAN[int(nomor) - 1]


@register.filter
def baris_tw(baris: object, triwulan: int) -> object:
    return baris.baris_tw(int(triwulan))


@register.filter
def status_nilai(baris: object, kolom: str = "nilai") -> str:
    """The state text of a stored cell, as the grid sends it back in its hidden ``a-`` field."""
    if baris is None:
        return kf.TIDAK_DIISI
    return kf.teks_nilai(getattr(baris, kolom), ada_baris=True)


@register.filter
def teks_status(teks: str) -> str:
    """A state text for people: belum diisi, belum ada data, or the number."""
    if teks == kf.TIDAK_DIISI:
        return "belum diisi"
    if teks == kf.BELUM_ADA_DATA:
        return "belum ada data"
    try:
        return format_ringkas(Decimal(teks))
    except InvalidOperation:
        return teks


@register.inclusion_tag("pelaporan/_isian_target.html")
def isian_target(
    kiriman: object, galat: dict, indikator_id: int, triwulan: int, nilai: Decimal | None, boleh: bool
) -> dict:
    """One quarterly-target box of the rencana aksi: what was sent back, or what is stored."""
    nama = f"t-{indikator_id}-{triwulan}"
    if kiriman is not None:
        teks = kiriman.get(nama, "")
    else:
        teks = format_isian(nilai)
    return {
        "nama": nama,
        "teks": teks,
        "galat": (galat or {}).get(nama, ""),
        "boleh": boleh,
        "triwulan": triwulan,
    }


@register.filter
def lencana_tw(status: str | None) -> Lencana:
    """A quarter report's badge on the dashboards (pelaporan.models.lencana_laporan_tw)."""
    from pelaporan.models import lencana_laporan_tw

    return lencana_laporan_tw(status)
