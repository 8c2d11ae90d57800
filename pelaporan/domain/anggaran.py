"""Budget figures: realisasi anggaran %, sisa, and the roll-up by nomenclature code.

DOMAIN §5 "Budget": realisasi anggaran % = Σ realisasi ÷ Σ pagu, weighted, never a mean
of percentages (seed 000 Tabel 3.5 averaged six program percentages into 72,80 where
the budget says 75,17); sisa = pagu − realisasi; sub-kegiatan roll up to kegiatan,
kegiatan to program, programs to the OPD total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from pelaporan.domain.capaian import sebagai_decimal
from pelaporan.domain.kode import (
    TingkatKode,
    induk_kode,
    isi_placeholder,
    kunci_urut_kode,
    normalisasi_kode,
    tingkat_kode,
)

__all__ = [
    "Anggaran",
    "RollupAnggaran",
    "jumlah_anggaran",
    "persentase_anggaran",
    "rollup_anggaran",
    "sisa_anggaran",
]

_NOL = Decimal(0)


def persentase_anggaran(*, pagu: Decimal, realisasi: Decimal) -> Decimal | None:
    """Realisasi anggaran (%) = realisasi ÷ pagu × 100, full precision (DOMAIN §5 "Budget").

    For a group, pass the sums (or use :func:`jumlah_anggaran`): the group's percentage is
    Σ realisasi ÷ Σ pagu, never the mean of its rows' percentages. Pagu 0 has no
    percentage (``None``); a negative pagu is an input error.
    """
    p = sebagai_decimal(pagu, nama="Pagu")
    r = sebagai_decimal(realisasi, nama="Realisasi anggaran")
    if p is None or r is None:
        raise TypeError("Pagu dan realisasi anggaran harus diisi.")
    if p < _NOL:
        raise ValueError(f"Pagu tidak boleh negatif ({p}).")
    if p == _NOL:
        return None
    return r / p * 100


def sisa_anggaran(*, pagu: Decimal, realisasi: Decimal) -> Decimal:
    """Sisa anggaran = pagu − realisasi (DOMAIN §5); negative when spending exceeds pagu."""
    p = sebagai_decimal(pagu, nama="Pagu")
    r = sebagai_decimal(realisasi, nama="Realisasi anggaran")
    if p is None or r is None:
        raise TypeError("Pagu dan realisasi anggaran harus diisi.")
    return p - r


@dataclass(frozen=True, slots=True)
class Anggaran:
    """Pagu and realisasi (Rp) of one budget row or group, with its derived figures."""

    pagu: Decimal
    realisasi: Decimal

    def __post_init__(self) -> None:
        # Whole rupiah often arrive as int (SQL sums, Excel); float never.
        object.__setattr__(self, "pagu", sebagai_decimal(self.pagu, nama="Pagu"))
        object.__setattr__(self, "realisasi", sebagai_decimal(self.realisasi, nama="Realisasi anggaran"))

    @property
    def persen(self) -> Decimal | None:
        """Realisasi ÷ pagu × 100 (:func:`persentase_anggaran`)."""
        return persentase_anggaran(pagu=self.pagu, realisasi=self.realisasi)

    @property
    def sisa(self) -> Decimal:
        """Pagu − realisasi (:func:`sisa_anggaran`)."""
        return sisa_anggaran(pagu=self.pagu, realisasi=self.realisasi)

    def __add__(self, lain: Anggaran) -> Anggaran:
        return Anggaran(pagu=self.pagu + lain.pagu, realisasi=self.realisasi + lain.realisasi)


def jumlah_anggaran(*, baris: Iterable[Anggaran]) -> Anggaran:
    """Σ pagu and Σ realisasi of rows; its ``persen`` is the weighted percentage (DOMAIN §5)."""
    total = Anggaran(pagu=_NOL, realisasi=_NOL)
    for b in baris:
        total = total + b
    return total


@dataclass(frozen=True, slots=True)
class RollupAnggaran:
    """Totals at every level from leaf rows: program, kegiatan, sub-kegiatan, and the OPD.

    ``per_kode`` holds every code that has a total (leaves and their ancestors up to the
    program), in nomenclature order. ``tanpa_kode`` sums rows that belong to no program
    (seed 000 Tabel 3.8 "Belanja Tidak Langsung"); they count in ``total`` only.
    """

    per_kode: Mapping[str, Anggaran]
    total: Anggaran
    tanpa_kode: Anggaran | None

    def pada_tingkat(self, tingkat: TingkatKode) -> dict[str, Anggaran]:
        """The totals of one level, e.g. every program, in nomenclature order."""
        return {k: v for k, v in self.per_kode.items() if tingkat_kode(k) == tingkat}

    def anak(self, kode: str) -> tuple[str, ...]:
        """The direct children of ``kode`` that have a total."""
        induk = normalisasi_kode(kode)
        return tuple(k for k in self.per_kode if induk_kode(k) == induk)


_TINGKAT_BARIS = (TingkatKode.PROGRAM, TingkatKode.KEGIATAN, TingkatKode.SUB_KEGIATAN)


def rollup_anggaran(
    *, baris: Iterable[tuple[str | None, Anggaran]], urusan: str | None = None
) -> RollupAnggaran:
    """Roll leaf budget rows up by code: sub-kegiatan → kegiatan → program → OPD (DOMAIN §5).

    ``baris`` are ``(kode, Anggaran)`` pairs as printed (normalised here). A leaf may sit at
    program, kegiatan or sub-kegiatan level (seed 000 reports programs only; older years
    have no sub-kegiatan), but never together with one of its own ancestors, which would
    count the money twice. Several rows with the same code (e.g. one per sumber dana) are
    added up. ``urusan`` (the OPD's bidang urusan, e.g. ``"1.06"``) resolves the ``X.XX``
    placeholder of Program Penunjang so both spellings meet in one row; without it the
    placeholder codes roll up under their own ``X.XX.01`` program. Rows without a code
    (``None`` or ``""``) add to the OPD total only.
    """
    daun: dict[str, Anggaran] = {}
    tanpa_kode: Anggaran | None = None
    for kode_tercetak, anggaran in baris:
        if kode_tercetak is None or not str(kode_tercetak).strip():
            tanpa_kode = anggaran if tanpa_kode is None else tanpa_kode + anggaran
            continue
        kode = isi_placeholder(kode_tercetak, urusan=urusan) if urusan else normalisasi_kode(kode_tercetak)
        if tingkat_kode(kode) not in _TINGKAT_BARIS:
            raise ValueError(
                f"Baris anggaran “{kode_tercetak}” harus pada tingkat program, kegiatan, atau sub-kegiatan."
            )
        daun[kode] = daun[kode] + anggaran if kode in daun else anggaran

    per_kode: dict[str, Anggaran] = dict(daun)
    for kode, anggaran in daun.items():
        induk = induk_kode(kode)
        while induk is not None and tingkat_kode(induk) in _TINGKAT_BARIS:
            if induk in daun:
                raise ValueError(
                    f"Kode {induk} dan turunannya {kode} sama-sama diberikan sebagai baris anggaran: "
                    f"jumlahnya akan terhitung dua kali."
                )
            per_kode[induk] = per_kode[induk] + anggaran if induk in per_kode else anggaran
            induk = induk_kode(induk)

    urut = dict(sorted(per_kode.items(), key=lambda item: kunci_urut_kode(item[0])))
    program = [v for k, v in urut.items() if tingkat_kode(k) == TingkatKode.PROGRAM]
    total = jumlah_anggaran(baris=[*program, *([tanpa_kode] if tanpa_kode is not None else [])])
    return RollupAnggaran(per_kode=MappingProxyType(urut), total=total, tanpa_kode=tanpa_kode)
