"""Template filters: one-line wrappers over lkjip.angka / lkjip.nip (formatted at the edge)."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from lkjip.angka import (
    format_angka,
    format_isian,
    format_persen,
    format_ringkas,
    format_rupiah,
    format_tanggal,
    format_waktu,
)
from lkjip.lencana import Lencana
from lkjip.nip import format_nip
from pelaporan.domain.uraian import uraian_rumus_capaian, uraian_triwulan

register = template.Library()


def _nilai(v: object) -> Decimal | int | None:
    # A missing attribute reaches a filter as "" (Django's string_if_invalid): show it as empty.
    return None if v == "" else v


@register.filter
def angka(nilai: Decimal | int | None, tempat: int = 2) -> str:
    return format_angka(_nilai(nilai), tempat=int(tempat))


@register.filter
def ringkas(nilai: Decimal | int | None) -> str:
    """A target or input as entered: 80 (not 80,00), 70,32, 1.500."""
    return format_ringkas(_nilai(nilai))


@register.filter
def persen(nilai: Decimal | None, tempat: int = 2) -> str:
    return format_persen(_nilai(nilai), tempat=int(tempat))


@register.filter
def rupiah(nilai: Decimal | int | None, tempat: int = 0) -> str:
    return format_rupiah(_nilai(nilai), tempat=int(tempat))


@register.filter
def tanggal(nilai: dt.date | dt.datetime | None) -> str:
    if isinstance(nilai, dt.datetime):
        nilai = timezone.localtime(nilai).date() if timezone.is_aware(nilai) else nilai.date()
    return format_tanggal(nilai)


@register.filter
def waktu(nilai: dt.datetime | None) -> str:
    """``25 Februari 2022 14.05 WITA``: a moment in the pemda's own zone."""
    return format_waktu(nilai)


@register.filter
def nip(nilai: str | None) -> str:
    return format_nip(nilai) if nilai else "-"


@register.filter
def get_item(kamus: dict, kunci: object) -> object:
    return kamus.get(kunci) if kamus else None


@register.filter
def verbose_name(model: type | None) -> str:
    return capfirst(str(model._meta.verbose_name)) if model is not None else ""


@register.filter
def rupiah_angka(nilai: Decimal | int | None) -> str:
    """Rupiah without the "Rp" prefix, for table cells whose header says "(Rp)"."""
    nilai = _nilai(nilai)
    return format_angka(nilai, tempat=0) if nilai is not None else "–"


@register.filter
def ringkas_isian(nilai: object) -> str:
    """A value for an input box: a Decimal as entered (1.500, 94,33), text as typed, None empty."""
    if nilai is None:
        return ""
    if isinstance(nilai, (Decimal, int)) and not isinstance(nilai, bool):
        return format_isian(nilai)
    return str(nilai)


@register.filter
def indeks(daftar: list | tuple, nomor: int) -> object:
    """``daftar|indeks:2`` → the 2nd item (1-based, as quarters are numbered)."""
    try:
        return daftar[int(nomor) - 1]
    except (IndexError, TypeError, ValueError):
        return None


@register.filter
def slice_tw(daftar: list | tuple, triwulan: int) -> list:
    """The quarters before ``triwulan``."""
    return list(daftar)[: int(triwulan) - 1]


@register.filter
def attr_teks(obj: object, nama: str) -> str:
    """``obj|attr_teks:"penjelasan"`` → the attribute's text, "" when the object is missing."""
    return getattr(obj, nama, "") or "" if obj is not None else ""


@register.simple_tag
def lencana(nilai: Lencana | None, tambahan: str = "") -> str:
    """``{% lencana status.lencana %}``: a state's badge, its words and colour from Python."""
    if not nilai:
        return ""
    kelas = f"badge {nilai.kelas} {tambahan}".strip()
    return format_html('<span class="{}">{}</span>', kelas, nilai.label)


@register.simple_tag
def uraian_capaian(pemda: object, *, triwulan: bool = True) -> list[str]:
    """The formulas in words for this pemda (its negatif formula and cap), from the domain.

    ``{% uraian_capaian pemda as kalimat %}``: the same sentences as BAB III's method
    paragraph; ``triwulan=False`` leaves out the quarter rules (the settings page).
    """
    kalimat = uraian_rumus_capaian(
        rumus_negatif=pemda.rumus_negatif,  # type: ignore[attr-defined]
        batas_atas=pemda.batas_capaian,  # type: ignore[attr-defined]
    )
    return kalimat + uraian_triwulan() if triwulan else kalimat


@register.filter
def svg_gambar(svg: str) -> str:
    """A server-drawn SVG chart as the ``src`` of an ``<img>`` (a data: URI).

    Inline, pygal's SVG brings a ``<style>`` element and ``style=`` attributes the page's
    Content-Security-Policy refuses; as an image it is its own document and keeps its look.
    The PDF still inlines the SVG (WeasyPrint knows no CSP)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
