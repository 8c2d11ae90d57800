"""Small text helpers shared by the domain modules: numbers inside formulas, quarter names.

Formulas shown to users ("74,76 ÷ 80 × 100") print each number the way it was entered,
without padding zeros, so ``Decimal("80")`` reads "80" and not "80,00". Rounding and
separators still come from :mod:`pelaporan.domain.angka`, the one place for them.
"""

from __future__ import annotations

from decimal import Decimal

from pelaporan.domain.angka import format_ringkas

__all__ = ["NAMA_TRIWULAN", "angka_ringkas", "daftar_triwulan", "rentang_triwulan"]

NAMA_TRIWULAN = ("I", "II", "III", "IV")

# A formula showing 28 digits helps no one; four decimals keeps every stored input exact
# (percentages have two, rupiah two) while taming computed means such as 100 ÷ 3.
_DESIMAL_MAKS = 4


def angka_ringkas(nilai: Decimal) -> str:
    """``Decimal("80.00")`` → ``"80"``; ``Decimal("74.76")`` → ``"74,76"``; ``1234567`` → ``"1.234.567"``."""
    return format_ringkas(nilai, maks=_DESIMAL_MAKS)


def rentang_triwulan(*, awal: int, akhir: int) -> str:
    """``awal=1, akhir=4`` → ``"TW I–IV"``; ``awal=akhir=2`` → ``"TW II"``."""
    if awal == akhir:
        return f"TW {NAMA_TRIWULAN[awal - 1]}"
    return f"TW {NAMA_TRIWULAN[awal - 1]}–{NAMA_TRIWULAN[akhir - 1]}"


def daftar_triwulan(triwulan: tuple[int, ...]) -> str:
    """``(1, 3)`` → ``"TW I, TW III"``; ``()`` → ``"-"``."""
    if not triwulan:
        return "-"
    return ", ".join(f"TW {NAMA_TRIWULAN[t - 1]}" for t in triwulan)
