"""Capaian kinerja: how far a realisasi reaches its target, per indicator and period.

DOMAIN.md §5 "Capaian kinerja (%)" is the rule book; every branch below cites it. The
result always says either its value and the formula that produced it, or why there is no
value, so a screen can show the figure with its formula and a report can footnote a gap.

This module is on the hot path (every indicator × quarter of every OPD, each dashboard
load), so it keeps allocations low: the formula text is assembled only when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pelaporan.domain.angka import format_angka
from pelaporan.domain.teks import angka_ringkas

__all__ = [
    "Arah",
    "HasilCapaian",
    "RumusNegatif",
    "hitung_capaian",
    "sebagai_decimal",
]

_NOL = Decimal(0)
_SATU = Decimal(1)
_DUA = Decimal(2)
_SERATUS = Decimal(100)


class Arah(StrEnum):
    """Polarity of an indicator (DOMAIN §4 "arah")."""

    POSITIF = "positif"  # higher is better
    NEGATIF = "negatif"  # lower is better: prevalence, temuan, waktu
    MENDEKATI = "mendekati"  # closer to the target is better
    RENTANG = "rentang"  # a min–max target


class RumusNegatif(StrEnum):
    """The pemda's formula for negatif indicators (DOMAIN §5; a pemda setting)."""

    SELISIH = "selisih"  # (2T − R) ÷ T × 100: seed 000 and the Tapin report; the default
    RASIO = "rasio"  # T ÷ R × 100: SIPD's "tren negatif"


ALASAN_BELUM_ADA_DATA = "belum ada data"
ALASAN_TARGET_KOSONG = "target belum ditetapkan"
ALASAN_TARGET_NOL_POSITIF = "target 0 pada indikator positif: capaian tidak dapat dihitung"
ALASAN_TARGET_NEGATIF = "target bernilai negatif: rumus capaian tidak berlaku"
ALASAN_RASIO_REALISASI_NOL = (
    "realisasi 0 pada rumus T ÷ R: hasilnya tak terhingga, capaian tidak dapat dihitung"
)
ALASAN_RENTANG_TANPA_BATAS_ATAS = "batas atas rentang target belum ditetapkan"
ALASAN_RENTANG_TERBALIK = "batas bawah rentang target lebih besar dari batas atas"

_ARAH = frozenset(Arah)


@dataclass(frozen=True, slots=True)
class HasilCapaian:
    """One capaian: the value (or why there is none) and the formula behind it.

    ``nilai`` is full precision after the "not below 0" rules and before the pemda cap;
    ``nilai_dibatasi`` is after the cap and is what ratings and averages use (DOMAIN §5:
    the cap "applies to ratings and averages; uncapped values stay visible"). Both are
    ``None`` exactly when ``alasan`` says why. The formula is kept as a pattern plus its
    numbers (``pola_rumus``, ``angka_rumus``) and rendered by :attr:`rumus` on demand.
    """

    nilai: Decimal | None
    nilai_dibatasi: Decimal | None
    alasan: str | None = None
    dibatasi: bool = False
    batas_atas: Decimal | None = None
    pola_rumus: str = ""
    angka_rumus: tuple[Decimal, ...] = ()

    @property
    def ada(self) -> bool:
        """Whether there is a value (rating and averaging skip the rest)."""
        return self.nilai is not None

    @property
    def rumus(self) -> str:
        """The formula with the actual numbers, e.g. ``"74,76 ÷ 80 × 100"``; ``""`` when none.

        Inputs print as entered (``80``, ``74,76``); a computed figure inside the formula
        (placeholder ``{:hasil}``) prints at display precision (``-50,00``).
        """
        if not self.angka_rumus:
            return self.pola_rumus
        return self.pola_rumus.format(*[_AngkaRumus(a) for a in self.angka_rumus])


class _AngkaRumus:
    """A number in a formula pattern: ``{}`` prints it as entered, ``{:hasil}`` at 2 decimals."""

    __slots__ = ("nilai",)

    def __init__(self, nilai: Decimal) -> None:
        self.nilai = nilai

    def __format__(self, spesifikasi: str) -> str:
        return format_angka(self.nilai) if spesifikasi == "hasil" else angka_ringkas(self.nilai)


def sebagai_decimal(nilai: Decimal | int | None, *, nama: str) -> Decimal | None:
    """Accept ``Decimal``, ``int`` or ``None``; refuse ``float`` (STYLE: never float).

    A float would silently turn every later division into binary floating point, which
    is how printed reports end up with 84,50 instead of 84,45; refusing it at the door is
    cheaper than finding it in a signed LKjIP.
    """
    if nilai is None or type(nilai) is Decimal:
        return nilai
    if isinstance(nilai, Decimal):
        return nilai
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return Decimal(nilai)
    raise TypeError(f"{nama} harus Decimal (bukan {type(nilai).__name__}).")


# Frozen dataclasses build through a keyword-parsing __init__ that routes every field via
# object.__setattr__; the engine builds one result per indicator-quarter (bench/capaian.py),
# so it fills the slots through their descriptors instead: ~2.5× cheaper, same class,
# same fields, just as immutable afterwards. Outside this module use the normal constructor.
_baru = object.__new__
(_isi_nilai, _isi_dibatasi_nilai, _isi_alasan, _isi_dibatasi, _isi_batas, _isi_pola, _isi_angka) = (
    HasilCapaian.__dict__[nama].__set__
    for nama in (
        "nilai",
        "nilai_dibatasi",
        "alasan",
        "dibatasi",
        "batas_atas",
        "pola_rumus",
        "angka_rumus",
    )
)


def _hasil(
    nilai: Decimal | None,
    nilai_dibatasi: Decimal | None,
    alasan: str | None,
    dibatasi: bool,
    batas_atas: Decimal | None,
    pola: str,
    angka: tuple[Decimal, ...],
) -> HasilCapaian:
    hasil = _baru(HasilCapaian)
    _isi_nilai(hasil, nilai)
    _isi_dibatasi_nilai(hasil, nilai_dibatasi)
    _isi_alasan(hasil, alasan)
    _isi_dibatasi(hasil, dibatasi)
    _isi_batas(hasil, batas_atas)
    _isi_pola(hasil, pola)
    _isi_angka(hasil, angka)
    return hasil


def _tanpa_nilai(alasan: str, batas_atas: Decimal | None) -> HasilCapaian:
    return _hasil(None, None, alasan, False, batas_atas, "", ())


def _periksa_arah(arah: Arah | str) -> None:
    # An unknown arah is a setup error even when there is nothing to compute yet.
    if arah not in _ARAH:
        raise ValueError(f"Arah indikator tidak dikenal: {arah!r}.")


def _selesaikan(
    nilai: Decimal, pola: str, angka: tuple[Decimal, ...], batas_atas: Decimal | None
) -> HasilCapaian:
    # DOMAIN §5: "A negatif result below 0 is shown as 0"; mendekati "not below 0". We
    # apply the same floor to every arah: a capaian below 0 % has no meaning on any scale.
    if nilai < _NOL:
        pola += " = {:hasil}; hasil di bawah 0 dicatat 0"
        angka += (nilai,)
        nilai = _NOL
    if batas_atas is not None and nilai > batas_atas:
        return _hasil(
            nilai,
            batas_atas,
            None,
            True,
            batas_atas,
            pola + " = {:hasil}; dibatasi {}",
            (*angka, nilai, batas_atas),
        )
    return _hasil(nilai, nilai, None, False, batas_atas, pola, angka)


def _positif(t: Decimal, r: Decimal, batas_atas: Decimal | None) -> HasilCapaian:
    if t == _NOL:
        return _tanpa_nilai(ALASAN_TARGET_NOL_POSITIF, batas_atas)
    return _selesaikan(r / t * _SERATUS, "{} ÷ {} × 100", (r, t), batas_atas)


def _target_nol_negatif(r: Decimal, batas_atas: Decimal | None) -> HasilCapaian:
    # DOMAIN §5: "T = 0: negatif with R = 0 is 100 %, with R > 0 is 0 %".
    if r <= _NOL:
        return _selesaikan(_SERATUS, "target 0 dan realisasi {}: capaian 100", (r,), batas_atas)
    return _selesaikan(_NOL, "target 0 dan realisasi {} > 0: capaian 0", (r,), batas_atas)


def _negatif(t: Decimal, r: Decimal, rumus: RumusNegatif | str, batas_atas: Decimal | None) -> HasilCapaian:
    if rumus != RumusNegatif.SELISIH and rumus != RumusNegatif.RASIO:
        raise ValueError(f"Rumus indikator negatif tidak dikenal: {rumus!r}.")
    if t == _NOL:
        return _target_nol_negatif(r, batas_atas)
    if rumus == RumusNegatif.RASIO:
        if r == _NOL:
            return _tanpa_nilai(ALASAN_RASIO_REALISASI_NOL, batas_atas)
        return _selesaikan(t / r * _SERATUS, "{} ÷ {} × 100", (t, r), batas_atas)
    return _selesaikan((_DUA * t - r) / t * _SERATUS, "(2 × {} − {}) ÷ {} × 100", (t, r, t), batas_atas)


def _mendekati(t: Decimal, r: Decimal, batas_atas: Decimal | None) -> HasilCapaian:
    if t == _NOL:
        # DOMAIN is silent here; we read it like negatif with T = 0: the ideal is exactly
        # zero, so hitting it is 100 and any distance from it, relative to 0, is 0.
        if r == _NOL:
            return _selesaikan(_SERATUS, "target 0 dan realisasi {}: capaian 100", (r,), batas_atas)
        return _selesaikan(_NOL, "target 0 dan realisasi {} ≠ 0: capaian 0", (r,), batas_atas)
    nilai = (_SATU - abs(r - t) / t) * _SERATUS
    return _selesaikan(nilai, "(1 − |{} − {}| ÷ {}) × 100", (r, t, t), batas_atas)


def _rentang(
    a: Decimal, b: Decimal | None, r: Decimal, rumus: RumusNegatif | str, batas_atas: Decimal | None
) -> HasilCapaian:
    if b is None:
        return _tanpa_nilai(ALASAN_RENTANG_TANPA_BATAS_ATAS, batas_atas)
    if a > b:
        return _tanpa_nilai(ALASAN_RENTANG_TERBALIK, batas_atas)
    # DOMAIN §5: "rentang [a, b]: 100 inside the range; outside it, the positif (or
    # negatif) formula against the nearer bound": below a reads as positif against a,
    # above b as negatif (with the pemda's negatif formula) against b.
    if r < a:
        hasil = _positif(a, r, batas_atas)
        awalan, angka_awalan = "{} di bawah rentang {}–{}: ", (r, a, b)
    elif r > b:
        hasil = _negatif(b, r, rumus, batas_atas)
        awalan, angka_awalan = "{} di atas rentang {}–{}: ", (r, a, b)
    else:
        return _selesaikan(
            _SERATUS, "{} ≤ {} ≤ {}: di dalam rentang target, capaian 100", (a, r, b), batas_atas
        )
    if hasil.nilai is None:
        return hasil
    return _hasil(
        hasil.nilai,
        hasil.nilai_dibatasi,
        None,
        hasil.dibatasi,
        hasil.batas_atas,
        awalan + hasil.pola_rumus,
        angka_awalan + hasil.angka_rumus,
    )


def hitung_capaian(
    *,
    arah: Arah | str,
    target: Decimal | None,
    realisasi: Decimal | None,
    target_atas: Decimal | None = None,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas_atas: Decimal | None = None,
) -> HasilCapaian:
    """Capaian (%) of one indicator in one period (DOMAIN §5 "Capaian kinerja").

    - positif: ``R ÷ T × 100``; T = 0 has no capaian (the reason says so).
    - negatif: ``(2T − R) ÷ T × 100`` by default, or ``T ÷ R × 100`` when the pemda chose
      :attr:`RumusNegatif.RASIO`; T = 0 gives 100 when R = 0 and 0 when R > 0. With the
      rasio formula R = 0 (and T > 0) has no finite value, so there is no capaian and the
      reason says why, rather than an invented 100 or 200.
    - mendekati: ``(1 − |R − T| ÷ T) × 100``.
    - rentang: ``target`` is the lower bound a and ``target_atas`` the upper bound b;
      100 inside [a, b] (both ends included), positif against a below it, negatif
      against b above it.
    - Any result below 0 is recorded as 0 (DOMAIN says so for negatif and mendekati; a
      positif can only go below 0 when R < 0, and a negative percentage of a target
      means nothing on any scale, so the same floor applies).
    - R missing: no capaian, "belum ada data" (DOMAIN §4: missing is not zero). T
      missing or negative: no capaian, with the reason.
    - ``batas_atas`` is the pemda-wide cap (e.g. 120): ``nilai`` keeps the uncapped
      value, ``nilai_dibatasi`` the capped one used for ratings and averages.
    """
    t = target if type(target) is Decimal else sebagai_decimal(target, nama="Target")
    r = realisasi if type(realisasi) is Decimal else sebagai_decimal(realisasi, nama="Realisasi")
    if batas_atas is not None and type(batas_atas) is not Decimal:
        batas_atas = sebagai_decimal(batas_atas, nama="Batas atas capaian")
    if r is None or t is None or t < _NOL:
        _periksa_arah(arah)
        if r is None:
            return _tanpa_nilai(ALASAN_BELUM_ADA_DATA, batas_atas)
        if t is None:
            return _tanpa_nilai(ALASAN_TARGET_KOSONG, batas_atas)
        return _tanpa_nilai(ALASAN_TARGET_NEGATIF, batas_atas)
    if arah == Arah.POSITIF:
        return _positif(t, r, batas_atas)
    if arah == Arah.NEGATIF:
        return _negatif(t, r, rumus_negatif, batas_atas)
    if arah == Arah.MENDEKATI:
        return _mendekati(t, r, batas_atas)
    if arah == Arah.RENTANG:
        if target_atas is not None and type(target_atas) is not Decimal:
            target_atas = sebagai_decimal(target_atas, nama="Batas atas rentang target")
        return _rentang(t, target_atas, r, rumus_negatif, batas_atas)
    raise ValueError(f"Arah indikator tidak dikenal: {arah!r}.")
