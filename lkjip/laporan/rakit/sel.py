"""Table cells: the text shown, the raw number for Excel, a CSS class."""

from __future__ import annotations

from decimal import Decimal

from lkjip.angka import bulatkan, format_angka, format_ringkas
from lkjip.laporan.models import (
    PembandingIndikator,
)
from pelaporan.domain.teks import NAMA_TRIWULAN

ROMAWI = dict(enumerate(NAMA_TRIWULAN, start=1))


def sel(teks: object, angka: object = None, kelas: str = "") -> dict[str, str | None]:
    """A table cell: the text shown, the raw number for Excel (as a string), a CSS class."""
    return {"t": "" if teks is None else str(teks), "n": None if angka is None else str(angka), "k": kelas}


def sel_angka(nilai: Decimal | None, *, ringkas: bool = True, kosong: str = "-") -> dict[str, str | None]:
    if nilai is None:
        return sel(kosong, None, "angka")
    return sel(format_ringkas(nilai) if ringkas else format_angka(nilai), nilai, "angka")


def sel_persen(nilai: Decimal | None, *, kosong: str = "-") -> dict[str, str | None]:
    if nilai is None:
        return sel(kosong, None, "angka")
    return sel(format_angka(nilai), bulatkan(nilai), "angka")


def sel_nilai_tahun(nilai: Decimal | None, tahun: int | None) -> dict[str, str | None]:
    """A baseline or end target with its year: "74,26 (2016)", or "-" when there is none."""
    if nilai is None:
        return sel("-", None, "angka")
    return sel(f"{format_ringkas(nilai)} ({tahun})" if tahun else format_ringkas(nilai), nilai, "angka")


def sel_rupiah(nilai: Decimal | None) -> dict[str, str | None]:
    if nilai is None:
        return sel("-", None, "angka")
    return sel(format_angka(nilai), nilai, "angka")


def _rentang_tahun(daftar: list[int]) -> str:
    """[2016, 2017, 2018] → "2016–2018"; [2016, 2018] → "2016, 2018"."""
    if len(daftar) > 1 and daftar == list(range(daftar[0], daftar[-1] + 1)):
        return f"{daftar[0]}–{daftar[-1]}"
    return ", ".join(map(str, daftar))


def _sel_pembanding(p: PembandingIndikator | None) -> dict[str, str | None]:
    if p is None:
        return sel("Nihil (belum diisi)")
    if p.nilai is None:
        return sel(f"Nihil: {p.keterangan}")
    teks = format_ringkas(p.nilai)
    if p.nama_pembanding:
        teks += f" ({p.nama_pembanding})"
    return sel(teks, p.nilai, "angka")


class CatatanTabel:
    """Reasons a figure is missing, as numbered notes under the table: a long reason in a narrow
    figure column squeezes the indicator's name (issue 10, a typesetter's table)."""

    def __init__(self) -> None:
        self.alasan: list[str] = []

    def sel(self, isi: dict[str, str | None], alasan: str | None) -> dict[str, str | None]:
        """``isi`` when it holds a figure; otherwise "– (n)" pointing at note n."""
        if isi.get("n") is not None or not alasan:
            return isi
        if alasan not in self.alasan:
            self.alasan.append(alasan)
        return sel(f"– ({self.alasan.index(alasan) + 1})", None, "angka")

    def teks(self, awal: str = "") -> str:
        catatan = " ".join(f"({n}) {a}" for n, a in enumerate(self.alasan, start=1))
        return " ".join(x for x in (awal, catatan) if x)
