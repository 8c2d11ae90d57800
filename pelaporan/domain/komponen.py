"""Composite indicators: a realisasi made of components (DOMAIN §4 "komponen").

Seed 004's "Persentase Penanganan PPKS" is Σ tertangani ÷ Σ populasi over 14 PPKS types:
the components' numerators and denominators are added first, then divided once. That is
not the mean of the components' percentages, the same trap as averaging budget
percentages (DOMAIN §5), so the product never computes it that way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pelaporan.domain.capaian import sebagai_decimal
from pelaporan.domain.teks import angka_ringkas

__all__ = ["NilaiKomponen", "nilai_komponen"]

_NOL = Decimal(0)


@dataclass(frozen=True, slots=True)
class NilaiKomponen:
    """The indicator's value from its components, or why there is none, and the formula."""

    nilai: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    rumus: str
    alasan: str | None


def nilai_komponen(*, pasangan: Sequence[tuple[Decimal | None, Decimal | None]]) -> NilaiKomponen:
    """Σ pembilang ÷ Σ penyebut × 100 over the components (DOMAIN §4).

    Every component must have both figures (a missing one is "belum ada data", not 0);
    a negative figure is an input error; Σ penyebut = 0 has no value.
    """
    if not pasangan:
        return NilaiKomponen(None, None, None, "", "indikator ini tidak memiliki komponen")
    pembilang: list[Decimal] = []
    penyebut: list[Decimal] = []
    for i, (a, b) in enumerate(pasangan, start=1):
        a = sebagai_decimal(a, nama="Pembilang")
        b = sebagai_decimal(b, nama="Penyebut")
        if a is None or b is None:
            return NilaiKomponen(None, None, None, "", f"komponen ke-{i} belum lengkap: belum ada data")
        if a < _NOL or b < _NOL:
            raise ValueError(f"Pembilang dan penyebut komponen ke-{i} tidak boleh negatif.")
        pembilang.append(a)
        penyebut.append(b)
    jumlah_a, jumlah_b = sum(pembilang, _NOL), sum(penyebut, _NOL)
    rumus = f"Σ pembilang {angka_ringkas(jumlah_a)} ÷ Σ penyebut {angka_ringkas(jumlah_b)} × 100"
    if jumlah_b == _NOL:
        return NilaiKomponen(None, jumlah_a, jumlah_b, rumus, "jumlah penyebut 0: nilai tidak dapat dihitung")
    return NilaiKomponen(jumlah_a / jumlah_b * 100, jumlah_a, jumlah_b, rumus, None)
