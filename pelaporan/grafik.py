"""Charts as inline SVG, drawn by pygal: the same code for the dashboards and the LKjIP PDF.

WeasyPrint runs no JavaScript, so a chart must be SVG made on the server. pygal's default
output links a tooltip script on a CDN: ``js=[]`` keeps the app working offline, and
the inline config script pygal still adds is removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import pygal
from pygal.style import Style

from lkjip.angka import bulatkan, format_angka

_WARNA = dict(
    font_family="Liberation Sans, DejaVu Sans, Arial, sans-serif",
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545"),
)
_GAYA = Style(
    **_WARNA,
    label_font_size=11,
    major_label_font_size=11,
    value_font_size=10,
    title_font_size=13,
    legend_font_size=11,
    tooltip_font_size=11,
)
# Percent axes end at 120 %: a bar past it is drawn to the end, and its label prints the real value.
SUMBU_MAKS = 120

# A phone's copy (issue 13): drawn 420 units wide with larger type, shown at about 360 px, so its
# labels read at 11-12 px instead of the 900-unit chart's 5-6 px squeezed onto the screen.
LEBAR, LEBAR_SEMPIT = 900, 420
_GAYA_SEMPIT = Style(
    **_WARNA,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    title_font_size=14,
    legend_font_size=13,
    tooltip_font_size=13,
)


def _gaya(lebar: int) -> Style:
    return _GAYA if lebar >= LEBAR else _GAYA_SEMPIT


def _panjang_label(lebar: int) -> int:
    return 48 if lebar >= LEBAR else 22


def _sumbu(lebar: int, maks: float = SUMBU_MAKS) -> dict[str, object]:
    """A narrow bar chart gets three or four round value ticks up to ``maks``: pygal's ten overlap in 300 px."""
    if lebar >= LEBAR or maks <= 0:
        return {}
    kasar = maks / 3
    besaran = 10 ** math.floor(math.log10(kasar))
    langkah = next(m * besaran for m in (1, 2, 5, 10) if m * besaran >= kasar)  # a round step: 0, 50, 100
    return {"y_labels": [langkah * i for i in range(int(maks // langkah) + 1)]}


@dataclass(frozen=True)
class DuaUkuran:
    """A dashboard chart drawn twice: for a screen and for a phone (``<picture>`` picks one)."""

    lebar: str
    sempit: str


def dua_ukuran(gambar: Callable[..., str], **kw: object) -> DuaUkuran:
    """Both drawings, kept per process for the same figures: a dashboard is read far more often
    than its figures change, and drawing twice would cost every view about 5 ms per chart."""
    return _dua_ukuran(gambar, _beku(kw))


@lru_cache(maxsize=128)
def _dua_ukuran(gambar: Callable[..., str], kw: tuple) -> DuaUkuran:
    argumen = dict(kw)
    return DuaUkuran(lebar=gambar(**argumen), sempit=gambar(**argumen, lebar=LEBAR_SEMPIT))


def _beku(nilai: object) -> object:
    """Arguments as a cache key: lists become tuples, a dict its sorted items."""
    if isinstance(nilai, dict):
        return tuple(sorted((k, _beku(v)) for k, v in nilai.items()))
    if isinstance(nilai, list | tuple):
        return tuple(_beku(v) for v in nilai)
    return nilai


_SKRIP = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def _tanpa_skrip(svg: str) -> str:
    """pygal embeds its config as an inline <script> even with ``js=[]``: a chart needs none
    (no tooltips offline, none in a PDF), and a page without inline scripts suits a strict CSP."""
    return _SKRIP.sub("", svg)


def _panjang(nilai: Decimal | None) -> float | None:
    return float(bulatkan(min(nilai, Decimal(SUMBU_MAKS)))) if nilai is not None else None


def _label_asli(nilai: Decimal | None):  # noqa: ANN202 - a pygal per-value formatter
    teks = f"{format_angka(nilai)} %" if nilai is not None else "belum ada data"
    return lambda _v: teks


def _persen_sumbu(v: float) -> str:
    """Axis ticks in whole percent (0 %, 20 %, …): two decimals there only crowd the axis."""
    return f"{format_angka(Decimal(str(v)), tempat=0)} %"


def _pendek(teks: str, n: int = 48) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def grafik_capaian(
    *, judul: str, baris: Sequence[tuple[str, Decimal | None, str | None]], lebar: int = LEBAR
) -> str:
    """Horizontal bars: each indicator's capaian (%), coloured by its band; a missing value says so."""
    chart = pygal.HorizontalBar(
        style=_gaya(lebar),
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        title=judul,
        width=lebar,
        **_sumbu(lebar),
        height=max(220, 60 + 34 * len(baris)),
        range=(0, SUMBU_MAKS),
        print_values=True,
        value_formatter=_persen_sumbu,
        formatter=lambda v: f"{format_angka(Decimal(str(v)))} %" if v is not None else "belum ada data",
        truncate_label=-1,
        margin=12,
    )
    chart.x_labels = [_pendek(nama, _panjang_label(lebar)) for nama, _, _ in reversed(baris)]
    chart.add(
        "Capaian",
        [
            {
                "value": _panjang(nilai),
                "color": warna or "#6c757d",
                "formatter": _label_asli(nilai),  # the real figure, also past the axis end
            }
            for _, nilai, warna in reversed(baris)
        ],
    )
    return _tanpa_skrip(chart.render(is_unicode=True))


def grafik_anggaran(*, judul: str, baris: Sequence[tuple[str, Decimal, Decimal]], lebar: int = LEBAR) -> str:
    """Pagu and realisasi (Rp juta) side by side per program."""
    pagu = [float(bulatkan(p / 1_000_000, tempat=0)) for _, p, _ in reversed(baris)]
    realisasi = [float(bulatkan(r / 1_000_000, tempat=0)) for _, _, r in reversed(baris)]
    chart = pygal.HorizontalBar(
        style=_gaya(lebar),
        js=[],
        disable_xml_declaration=True,
        title=judul,
        width=lebar,
        **_sumbu(lebar, max([*pagu, *realisasi], default=0)),
        height=max(240, 80 + 46 * len(baris)),
        legend_at_bottom=True,
        print_values=False,
        value_formatter=lambda v: format_angka(Decimal(str(v)), tempat=0),
        formatter=lambda v: f"Rp {format_angka(Decimal(str(v)), tempat=0)} juta",
        x_title="Rp juta",
        truncate_label=-1,
        margin=12,
    )
    chart.x_labels = [_pendek(nama, _panjang_label(lebar)) for nama, _, _ in reversed(baris)]
    chart.add("Pagu", pagu)
    chart.add("Realisasi", realisasi)
    return _tanpa_skrip(chart.render(is_unicode=True))


def grafik_tren(
    *,
    judul: str,
    tahun: Sequence[int],
    garis: Sequence[tuple[str, Sequence[Decimal | None]]],
    lebar: int = LEBAR,
) -> str:
    """Lines over the years (percent), e.g. mean capaian and budget absorption; gaps stay gaps."""
    chart = pygal.Line(
        style=_gaya(lebar),
        js=[],
        disable_xml_declaration=True,
        title=judul,
        width=lebar,
        height=300,
        legend_at_bottom=True,
        print_values=True,
        allow_interruptions=True,
        range=(0, SUMBU_MAKS),
        value_formatter=_persen_sumbu,
        formatter=lambda v: f"{format_angka(Decimal(str(v)))} %",
        margin=12,
    )
    chart.x_labels = [str(t) for t in tahun]
    for nama, nilai in garis:
        chart.add(nama, [{"value": _panjang(n), "formatter": _label_asli(n)} for n in nilai])
    return _tanpa_skrip(chart.render(is_unicode=True))
