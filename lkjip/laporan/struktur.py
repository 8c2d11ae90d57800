"""The organisation chart (BAB I) drawn as SVG from the OPD's unit kerja.

Layout of a dinas: the head on top; the units directly under him (sekretariat, bidang, UPT,
fungsional) side by side in columns; their sub-units (sub bagian, seksi) stacked in the
column of their parent. Plain SVG, the same in the browser and in WeasyPrint.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from lkjip.models import UnitKerja

LEBAR, TINGGI, JARAK_X, JARAK_Y, JARAK_TUMPUK = 150, 50, 14, 36, 10
WARNA = {"pimpinan": "#cfe2ff", "sekretariat": "#d1e7dd", "bidang": "#fff3cd", "upt": "#f8d7da"}


def _baris_teks(teks: str, n: int = 24) -> list[str]:
    baris, kini = [], ""
    for kata in teks.split():
        if kini and len(kini) + len(kata) + 1 > n:
            baris.append(kini)
            kini = kata
        else:
            kini = f"{kini} {kata}".strip()
    if kini:
        baris.append(kini)
    return baris[:3]


def _kotak(u: UnitKerja, x: float, y: float, lebar: float = LEBAR) -> str:
    baris = _baris_teks(u.nama, n=int(lebar / 6.2))
    awal = y + TINGGI / 2 - (len(baris) - 1) * 6.5 + 4
    teks = "".join(
        f'<text x="{x + lebar / 2:.1f}" y="{awal + n * 13:.1f}" text-anchor="middle">{escape(b)}</text>'
        for n, b in enumerate(baris)
    )
    warna = WARNA.get(u.jenis, "#ffffff")
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{lebar:.1f}" height="{TINGGI}" rx="4" fill="{warna}" stroke="#495057"/>{teks}'


def _turunan(
    u: UnitKerja, anak: dict[int | None, list[UnitKerja]], d: int = 1
) -> list[tuple[UnitKerja, int]]:
    hasil = []
    for a in anak.get(u.pk, []):
        hasil.append((a, d))
        hasil.extend(_turunan(a, anak, d + 1))
    return hasil


def svg_struktur(unit: list[UnitKerja]) -> str:
    anak: dict[int | None, list[UnitKerja]] = defaultdict(list)
    for u in unit:
        anak[u.induk_id].append(u)
    akar = anak.get(None, [])
    kolom = [a for r in akar for a in anak.get(r.pk, [])] or akar[1:]
    akar = akar[:1] if kolom else akar
    lebar = max(1, len(kolom)) * (LEBAR + JARAK_X) - JARAK_X
    garis, isi = [], []
    y_kolom = TINGGI + JARAK_Y if akar else 0
    if akar:
        x_akar = (lebar - LEBAR) / 2
        isi.append(_kotak(akar[0], x_akar, 0))
        if kolom:
            bus = TINGGI + JARAK_Y / 2
            garis.append(f'<path d="M{lebar / 2:.1f},{TINGGI} V{bus:.1f}"/>')
            x_kiri = LEBAR / 2
            x_kanan = (len(kolom) - 1) * (LEBAR + JARAK_X) + LEBAR / 2
            garis.append(f'<path d="M{x_kiri:.1f},{bus:.1f} H{x_kanan:.1f}"/>')
    tinggi = y_kolom + TINGGI
    for n, k in enumerate(kolom):
        x = n * (LEBAR + JARAK_X)
        if akar:
            garis.append(f'<path d="M{x + LEBAR / 2:.1f},{TINGGI + JARAK_Y / 2:.1f} V{y_kolom:.1f}"/>')
        isi.append(_kotak(k, x, y_kolom))
        # every unit below this column, depth-first, stacked with a small indent per level
        tumpukan = _turunan(k, anak)
        y = y_kolom + TINGGI
        for u, d in tumpukan:
            y += JARAK_TUMPUK
            geser = (d - 1) * 8
            garis.append(
                f'<path d="M{x + 6 + geser:.1f},{y - JARAK_TUMPUK:.1f} V{y + TINGGI / 2:.1f} H{x + 12 + geser:.1f}"/>'
            )
            isi.append(_kotak(u, x + 12 + geser, y, lebar=LEBAR - 12 - geser))
            y += TINGGI
        tinggi = max(tinggi, y)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 {lebar + 8:.0f} {tinggi + 8:.0f}" '
        'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="10.5">'
        f'<g fill="none" stroke="#495057" stroke-width="1">{"".join(garis)}</g>{"".join(isi)}</svg>'
    )
