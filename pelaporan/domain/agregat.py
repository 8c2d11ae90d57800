"""Aggregates and comparisons of capaian: means, efisiensi, year-on-year, Renstra.

DOMAIN §5 "Aggregates", "Efisiensi" and "Comparisons". Every function returns the method
or the reason with the figure, because the LKjIP must "state the method under the table"
and list the indicators left out rather than average them as 0.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

from pelaporan.domain.angka import bulatkan, format_angka
from pelaporan.domain.capaian import Arah, HasilCapaian, RumusNegatif, hitung_capaian, sebagai_decimal
from pelaporan.domain.teks import angka_ringkas

__all__ = [
    "ArahPerubahan",
    "HasilEfisiensi",
    "Perubahan",
    "RataRataCapaian",
    "capaian_renstra",
    "efisiensi",
    "perubahan_tahunan",
    "rata_rata_capaian",
]

K = TypeVar("K", bound=Hashable)

_NOL = Decimal(0)
_SATU = Decimal(1)
_SERATUS = Decimal(100)


@dataclass(frozen=True, slots=True)
class RataRataCapaian(Generic[K]):
    """The mean capaian of a group, the keys left out for lack of a value, and the method."""

    nilai: Decimal | None
    jumlah_dipakai: int
    dikecualikan: tuple[K, ...]
    tertimbang: bool
    batas_atas: Decimal | None
    metode: str
    alasan: str | None = None


def rata_rata_capaian(
    *,
    nilai: Iterable[
        tuple[K, HasilCapaian | Decimal | None] | tuple[K, HasilCapaian | Decimal | None, Decimal | None]
    ],
    batas_atas: Decimal | None = None,
    nama_butir: str = "indikator",
) -> RataRataCapaian[K]:
    """Mean capaian of a sasaran, an OPD or any group (DOMAIN §5 "Aggregates").

    ``nilai`` holds ``(key, capaian)`` or ``(key, capaian, bobot)``; capaian is a
    :class:`HasilCapaian` (its capped value is used) or a plain ``Decimal``; ``None`` or
    a result without value is excluded and its key listed, never averaged as 0. Bobot
    ``None`` is 1 (equal weights, the default); with weights the mean is Σ bobot ×
    capaian ÷ Σ bobot. ``batas_atas`` caps each value first (the pemda cap, "applied to
    ratings and averages"); a cap already applied inside a :class:`HasilCapaian` holds
    too. ``metode`` is the Indonesian sentence to print under the table.
    """
    batas = sebagai_decimal(batas_atas, nama="Batas atas capaian")
    dikecualikan: list[K] = []
    dipakai: list[tuple[Decimal, Decimal]] = []
    semua_bobot: set[Decimal] = set()
    batas_terpakai: set[Decimal] = set() if batas is None else {batas}
    for butir in nilai:
        kunci, capaian = butir[0], butir[1]
        bobot = sebagai_decimal(butir[2], nama="Bobot") if len(butir) > 2 else None
        semua_bobot.add(_SATU if bobot is None else bobot)
        if isinstance(capaian, HasilCapaian):
            if capaian.batas_atas is not None:
                batas_terpakai.add(capaian.batas_atas)
            angka = capaian.nilai_dibatasi
        else:
            angka = sebagai_decimal(capaian, nama="Capaian")
        if angka is None:
            dikecualikan.append(kunci)
            continue
        if batas is not None and angka > batas:
            angka = batas
        if bobot is None:
            bobot = _SATU
        elif bobot < _NOL:
            raise ValueError(f"Bobot {nama_butir} tidak boleh negatif ({bobot}).")
        dipakai.append((angka, bobot))

    # The group's weights decide, the ones left out included: when they differ the mean is
    # weighted (and says so) even if the indicators left with a value share one weight, so
    # "bobot sama" is never printed beside a weighted mean.
    tertimbang = len(semua_bobot) > 1
    metode = _teks_metode(
        jumlah=len(dipakai),
        dikecualikan=len(dikecualikan),
        tertimbang=tertimbang,
        batas=sorted(batas_terpakai),
        nama_butir=nama_butir,
    )
    jumlah_bobot = sum((b for _, b in dipakai), _NOL)
    alasan = None
    rata: Decimal | None = None
    if not dipakai:
        alasan = f"belum ada {nama_butir} yang memiliki nilai capaian"
    elif jumlah_bobot == _NOL:
        alasan = "jumlah bobot 0: rata-rata tertimbang tidak dapat dihitung"
    else:
        rata = sum((v * b for v, b in dipakai), _NOL) / jumlah_bobot
    return RataRataCapaian(
        nilai=rata,
        jumlah_dipakai=len(dipakai),
        dikecualikan=tuple(dikecualikan),
        tertimbang=tertimbang,
        batas_atas=batas,
        metode=metode,
        alasan=alasan,
    )


def _teks_metode(
    *, jumlah: int, dikecualikan: int, tertimbang: bool, batas: list[Decimal], nama_butir: str
) -> str:
    if tertimbang:
        teks = (
            f"Rata-rata tertimbang capaian {jumlah} {nama_butir} yang memiliki nilai "
            f"(Σ bobot × capaian ÷ Σ bobot)."
        )
    else:
        teks = f"Rata-rata capaian {jumlah} {nama_butir} yang memiliki nilai, dengan bobot sama."
    if dikecualikan:
        teks += (
            f" {dikecualikan} {nama_butir} belum memiliki nilai dan tidak ikut dihitung (tidak dianggap 0 %)."
        )
    for b in batas:
        teks += f" Capaian di atas {angka_ringkas(b)} % dihitung {angka_ringkas(b)} %."
    return teks


@dataclass(frozen=True, slots=True)
class HasilEfisiensi:
    """Efisiensi (percentage points) or why it is not computed."""

    nilai: Decimal | None
    alasan: str | None
    rumus: str


def efisiensi(*, capaian: Decimal | None, serapan: Decimal | None) -> HasilEfisiensi:
    """Efisiensi = capaian kinerja (%) − penyerapan anggaran (%) (DOMAIN §5, seed 000 3.1.4).

    Computed only when the capaian is ≥ 100 % ("dapat dihitung apabila target kinerja
    tercapai 100 % atau lebih"); otherwise "tidak dihitung" with that reason. The
    threshold is read on the capaian as printed (2 decimals, half-up), so a capaian shown
    as "100,00 %" is never told it is below 100. Pass the weighted serapan of the
    programs that serve the sasaran (:func:`~pelaporan.domain.anggaran.jumlah_anggaran`).
    """
    c = sebagai_decimal(capaian, nama="Capaian")
    s = sebagai_decimal(serapan, nama="Serapan anggaran")
    if c is None:
        return HasilEfisiensi(nilai=None, alasan="tidak dihitung: capaian kinerja belum ada", rumus="")
    if s is None:
        return HasilEfisiensi(nilai=None, alasan="tidak dihitung: realisasi anggaran belum ada", rumus="")
    if bulatkan(c) < _SERATUS:
        return HasilEfisiensi(nilai=None, alasan="tidak dihitung: capaian < 100 %", rumus="")
    return HasilEfisiensi(nilai=c - s, alasan=None, rumus=f"{angka_ringkas(c)} − {angka_ringkas(s)}")


class ArahPerubahan(StrEnum):
    """Direction of a year-on-year change (DOMAIN §5 "Comparisons")."""

    NAIK = "naik"
    TURUN = "turun"
    TETAP = "tetap"


@dataclass(frozen=True, slots=True)
class Perubahan:
    """A change in percentage points and its direction, or why there is none."""

    selisih: Decimal | None
    arah: ArahPerubahan | None
    alasan: str | None

    @property
    def teks(self) -> str:
        """``"turun 13,96 poin persen"``, ``"tetap"`` or the reason."""
        if self.selisih is None or self.arah is None:
            return self.alasan or ""
        if self.arah is ArahPerubahan.TETAP:
            return "tetap"
        return f"{self.arah} {format_angka(abs(self.selisih))} poin persen"


def perubahan_tahunan(*, sekarang: Decimal | None, lalu: Decimal | None) -> Perubahan:
    """Change from last year in percentage points, with naik / turun / tetap (DOMAIN §5).

    The difference is taken between the two figures *as printed* (rounded half-up to 2
    decimals), so that a reader's own subtraction of the printed numbers agrees with it:
    109,39 − 95,43 = 13,96 (DOMAIN §5 "Differences of printed figures"; from the unrounded
    capaian it would be 13,95). The label follows it: "tetap" when both print the same.
    """
    s = sebagai_decimal(sekarang, nama="Nilai tahun ini")
    lalu_ = sebagai_decimal(lalu, nama="Nilai tahun lalu")
    if s is None:
        return Perubahan(selisih=None, arah=None, alasan="belum ada data tahun ini")
    if lalu_ is None:
        return Perubahan(selisih=None, arah=None, alasan="belum ada data tahun lalu")
    selisih = bulatkan(s) - bulatkan(lalu_)
    tampil = selisih
    if tampil > _NOL:
        arah = ArahPerubahan.NAIK
    elif tampil < _NOL:
        arah = ArahPerubahan.TURUN
    else:
        arah = ArahPerubahan.TETAP
    return Perubahan(selisih=selisih, arah=arah, alasan=None)


def capaian_renstra(
    *,
    arah: Arah | str,
    target_akhir: Decimal | None,
    realisasi_sampai_tahun_ini: Decimal | None,
    target_akhir_atas: Decimal | None = None,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas_atas: Decimal | None = None,
) -> HasilCapaian:
    """Capaian against the Renstra end-of-period target (DOMAIN §5 "Comparisons").

    Realisasi up to this year ÷ the Renstra end target, with the indicator's own
    formula (a negatif indicator stays negatif). The target is the Renstra end target,
    never this year's revised one (seed 001 compared against the wrong version). For
    "realisasi up to this year" of a kumulatif indicator see
    :func:`~pelaporan.domain.evaluasi_renja.realisasi_sampai_tahun_ini`.
    """
    return hitung_capaian(
        arah=arah,
        target=target_akhir,
        realisasi=realisasi_sampai_tahun_ini,
        target_atas=target_akhir_atas,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
