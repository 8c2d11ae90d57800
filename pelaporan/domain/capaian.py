"""Capaian kinerja: how far a realisasi reaches its target, per indicator and period.

DOMAIN.md §5 "Capaian kinerja (%)" is the rule book; every branch below cites it. The
result always says either its value and the formula that produced it, or why there is no
value, so a screen can show the figure with its formula and a report can footnote a gap.

A target is a number T or a range [a, b] (a *form of target*, not an arah: DOMAIN §4/§5);
every arah may carry either. The engine refuses what it cannot rate: a value that is not
a finite number or a cap ≤ 0 is an error (a programming or data fault, never a figure);
a capaian too large to print is "no capaian" with the reason.

This module is on the hot path (every indicator × quarter of every OPD, each dashboard
load), so it keeps allocations low: the formula text is assembled only when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pelaporan.domain.angka import AngkaRusak, format_angka
from pelaporan.domain.teks import angka_ringkas

__all__ = [
    "Arah",
    "HasilCapaian",
    "NilaiTidakSah",
    "RumusNegatif",
    "hitung_capaian",
    "periksa_arah",
    "sebagai_decimal",
]

_NOL = Decimal(0)
_SATU = Decimal(1)
_DUA = Decimal(2)
_SERATUS = Decimal(100)

# The largest capaian the product prints: 2 decimals of it fit the 28-digit Decimal context
# and the 20-digit columns with room to spare. Anything above is a typing error upstream
# (a realisasi of 1.000.000.000 against a target of 0,0001), not a performance.
MAKS_CAPAIAN = Decimal("1e15")


class Arah(StrEnum):
    """Polarity of an indicator (DOMAIN §4 "arah"). A range target is not an arah."""

    POSITIF = "positif"  # higher is better
    NEGATIF = "negatif"  # lower is better: prevalence, temuan, waktu
    MENDEKATI = "mendekati"  # closer to the target (inside the range) is better


class RumusNegatif(StrEnum):
    """The pemda's formula for negatif indicators (DOMAIN §5; a pemda setting)."""

    SELISIH = "selisih"  # (2T − R) ÷ T × 100: seed 000 and the Tapin report; the default
    RASIO = "rasio"  # T ÷ R × 100: SIPD's "tren negatif"


class NilaiTidakSah(ValueError):
    """An input the engine cannot rate at all (NaN, infinity, a cap ≤ 0); Indonesian message."""


ALASAN_BELUM_ADA_DATA = "belum ada data"
ALASAN_TARGET_KOSONG = "target belum ditetapkan"
ALASAN_TARGET_NOL_POSITIF = "target 0 pada indikator positif: capaian tidak dapat dihitung"
ALASAN_TARGET_NEGATIF = (
    "target bernilai negatif: rumus capaian tidak berlaku (untuk nilai yang boleh negatif, "
    "tetapkan target berbentuk rentang)"
)
ALASAN_RASIO_REALISASI_NOL = (
    "realisasi 0 pada rumus T ÷ R: hasilnya tak terhingga, capaian tidak dapat dihitung"
)
ALASAN_RASIO_NEGATIF = "rumus T ÷ R hanya berlaku untuk target dan realisasi di atas 0"
ALASAN_RENTANG_TANPA_BATAS_BAWAH = "batas bawah rentang target belum ditetapkan"
ALASAN_RENTANG_TANPA_BATAS_ATAS = "batas atas rentang target belum ditetapkan"
ALASAN_RENTANG_TERBALIK = "batas bawah rentang target lebih besar dari batas atas"
ALASAN_NILAI_RUSAK = (
    "nilai tidak sah: target atau realisasi yang tersimpan melebihi ukuran kolomnya; perbaiki isiannya"
)
ALASAN_TERLALU_BESAR = f"capaian {angka_ringkas(MAKS_CAPAIAN)} % atau lebih: periksa target dan realisasi (kemungkinan salah ketik)"


def alasan_batas_nol(*, bawah: bool) -> str:
    """The reason when the bound a realisasi is measured against is 0 (no percentage of 0 exists)."""
    sisi = "di bawah batas bawah" if bawah else "di atas batas atas"
    return f"realisasi {sisi} rentang yang bernilai 0: capaian tidak dapat dihitung sebagai persentase dari 0"


_ARAH = frozenset(Arah)
_RUMUS_NEGATIF = frozenset(RumusNegatif)


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
    """A number in a formula pattern: ``{}`` prints it as entered, ``{:hasil}`` at 2 decimals,
    ``{:kurung}`` as entered with a negative number in brackets (``12 − (-5)``)."""

    __slots__ = ("nilai",)

    def __init__(self, nilai: Decimal) -> None:
        self.nilai = nilai

    def __format__(self, spesifikasi: str) -> str:
        if spesifikasi == "hasil":
            return format_angka(self.nilai)
        teks = angka_ringkas(self.nilai)
        if spesifikasi == "kurung" and self.nilai < 0:
            return f"({teks})"
        return teks


def sebagai_decimal(nilai: Decimal | int | None, *, nama: str) -> Decimal | None:
    """Accept a finite ``Decimal``, an ``int`` or ``None``; refuse ``float``, NaN and infinity.

    A float would silently turn every later division into binary floating point, which
    is how printed reports end up with 84,50 instead of 84,45; refusing it at the door is
    cheaper than finding it in a signed LKjIP. NaN and infinity have no capaian and no
    place in a sum: they are refused with the field's name.
    """
    if nilai is None:
        return None
    if isinstance(nilai, Decimal):
        if not nilai.is_finite():
            raise NilaiTidakSah(f"{nama} harus angka terhingga, bukan {nilai}.")
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


def periksa_arah(arah: Arah | str) -> None:
    """Refuse an unknown arah (a setup error even when there is nothing to compute yet)."""
    if arah not in _ARAH:
        if arah == "rentang":
            raise ValueError(
                "Arah “rentang” tidak dipakai lagi: rentang adalah bentuk target. Pakai arah "
                "mendekati (atau positif/negatif) dengan batas atas target."
            )
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
    elif nilai >= MAKS_CAPAIAN:
        return _tanpa_nilai(ALASAN_TERLALU_BESAR, batas_atas)
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
    # DOMAIN §5: "T = 0: negatif with R = 0 is 100 %, with R > 0 is 0 %" (and a realisasi
    # below 0 is lower still, so it is met too).
    if r <= _NOL:
        return _selesaikan(_SERATUS, "target 0 dan realisasi {}: capaian 100", (r,), batas_atas)
    return _selesaikan(_NOL, "target 0 dan realisasi {} > 0: capaian 0", (r,), batas_atas)


def _negatif(t: Decimal, r: Decimal, rumus: RumusNegatif | str, batas_atas: Decimal | None) -> HasilCapaian:
    if t == _NOL:
        return _target_nol_negatif(r, batas_atas)
    if rumus == RumusNegatif.RASIO:
        if r == _NOL:
            return _tanpa_nilai(ALASAN_RASIO_REALISASI_NOL, batas_atas)
        if r < _NOL:
            return _tanpa_nilai(ALASAN_RASIO_NEGATIF, batas_atas)
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


# Outside a range the realisasi is measured against the nearer bound c. A positive bound
# takes the point formulas of DOMAIN §5 (R ÷ c, (2c − R) ÷ c, c ÷ R). DOMAIN lets bounds be
# negative (growth −5…5 %), where R ÷ c would turn "worse" into "better" (−7 ÷ −5 = 140 %);
# there the same relative distance is read against |c|: 1 ± (R − c) ÷ |c|, which equals the
# point formula whenever c > 0. A bound of 0 has no percentage of itself.


def _naik_dari_batas(c: Decimal, r: Decimal, bawah: bool, batas_atas: Decimal | None) -> HasilCapaian:
    """Higher is better, measured against bound ``c``."""
    if c > _NOL:
        return _selesaikan(r / c * _SERATUS, "{} ÷ {} × 100", (r, c), batas_atas)
    if c == _NOL:
        return _tanpa_nilai(alasan_batas_nol(bawah=bawah), batas_atas)
    nilai = (_SATU + (r - c) / -c) * _SERATUS
    return _selesaikan(nilai, "(1 + ({} − {:kurung}) ÷ {}) × 100", (r, c, -c), batas_atas)


def _turun_dari_batas(
    c: Decimal, r: Decimal, rumus: RumusNegatif | str, bawah: bool, batas_atas: Decimal | None
) -> HasilCapaian:
    """Lower is better, measured against bound ``c`` with the pemda's negatif formula."""
    if c > _NOL:
        return _negatif(c, r, rumus, batas_atas)
    if c == _NOL:
        # The T = 0 rule of DOMAIN §5 for negatif: at or below 0 is met, above it is 0.
        return _target_nol_negatif(r, batas_atas)
    if rumus == RumusNegatif.RASIO:
        return _tanpa_nilai(ALASAN_RASIO_NEGATIF, batas_atas)
    nilai = (_SATU - (r - c) / -c) * _SERATUS
    return _selesaikan(nilai, "(1 − ({} − {:kurung}) ÷ {}) × 100", (r, c, -c), batas_atas)


def _rentang(
    arah: Arah | str,
    a: Decimal,
    b: Decimal,
    r: Decimal,
    rumus: RumusNegatif | str,
    batas_atas: Decimal | None,
) -> HasilCapaian:
    # DOMAIN §5 "rentang [a, b] is a form of target": inside [a, b] (both ends included)
    # 100. Outside: positif R ÷ a below, R ÷ b above (beyond the range is better);
    # negatif (2a − R) ÷ a below (better), (2b − R) ÷ b above; mendekati, two-sided,
    # R ÷ a below and the pemda's negatif formula against b above.
    if a > b:
        return _tanpa_nilai(ALASAN_RENTANG_TERBALIK, batas_atas)
    if r < a:
        if arah == Arah.NEGATIF:
            hasil = _turun_dari_batas(a, r, rumus, True, batas_atas)
        else:
            hasil = _naik_dari_batas(a, r, True, batas_atas)
        awalan = "{} di bawah rentang {}–{}: "
    elif r > b:
        if arah == Arah.POSITIF:
            hasil = _naik_dari_batas(b, r, False, batas_atas)
        else:
            hasil = _turun_dari_batas(b, r, rumus, False, batas_atas)
        awalan = "{} di atas rentang {}–{}: "
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
        (r, a, b) + hasil.angka_rumus,
    )


class _NilaiRusak(Exception):
    """A stored value that does not fit its column (AngkaRusak): no capaian, and the reason says so."""


def _angka(nilai: object, nama: str) -> Decimal | None:
    # The hot path: a finite Decimal passes with one type check and one C call.
    if type(nilai) is Decimal and nilai.is_finite():
        return nilai
    if isinstance(nilai, AngkaRusak):
        raise _NilaiRusak
    return sebagai_decimal(nilai, nama=nama)  # type: ignore[arg-type]


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

    A point target T (``target_atas`` is ``None``):

    - positif: ``R ÷ T × 100``; T = 0 has no capaian (the reason says so).
    - negatif: ``(2T − R) ÷ T × 100`` by default, or ``T ÷ R × 100`` when the pemda chose
      :attr:`RumusNegatif.RASIO`; T = 0 gives 100 when R ≤ 0 and 0 when R > 0. With the
      rasio formula R ≤ 0 (and T > 0) has no finite, meaningful value, so there is no
      capaian and the reason says why, rather than an invented 100 or 200.
    - mendekati: ``(1 − |R − T| ÷ T) × 100``.
    - T below 0: no capaian (a value that may be negative takes a range target).

    A range target [a, b] (``target`` = a, ``target_atas`` = b), for every arah: 100
    inside; outside, the formula of the arah against the nearer bound (see :func:`_rentang`).
    Bounds may be negative; a bound of 0 that R must be measured against has no capaian.

    Then: any result below 0 is recorded as 0; a result of :data:`MAKS_CAPAIAN` or more
    has no capaian (a typing error, not a performance); ``batas_atas`` is the pemda-wide
    cap (e.g. 120): ``nilai`` keeps the uncapped value, ``nilai_dibatasi`` the capped one
    used for ratings and averages. R missing: no capaian, "belum ada data" (DOMAIN §4:
    missing is not zero). T missing: no capaian, with the reason.

    Raises :class:`NilaiTidakSah` for NaN or infinite inputs and a cap ≤ 0, ``TypeError``
    for a float, ``ValueError`` for an unknown arah or negatif formula.
    """
    # The hot path: a finite Decimal passes with one type check and one C call, inline.
    # (A try block costs nothing on Python 3.11 until something is raised.)
    try:
        t = target if type(target) is Decimal and target.is_finite() else _angka(target, "Target")
        r = (
            realisasi
            if type(realisasi) is Decimal and realisasi.is_finite()
            else _angka(realisasi, "Realisasi")
        )
        if target_atas is not None:
            target_atas = _angka(target_atas, "Batas atas rentang target")
    except _NilaiRusak:
        return _tanpa_nilai(ALASAN_NILAI_RUSAK, batas_atas)
    if batas_atas is not None:
        batas_atas = _angka(batas_atas, "Batas atas capaian")
        if batas_atas <= _NOL:  # type: ignore[operator]
            raise NilaiTidakSah(f"Batas atas capaian harus lebih dari 0 %, bukan {batas_atas}.")
    if rumus_negatif not in _RUMUS_NEGATIF:
        raise ValueError(f"Rumus indikator negatif tidak dikenal: {rumus_negatif!r}.")
    if arah not in _ARAH:
        periksa_arah(arah)
    if r is None:
        return _tanpa_nilai(ALASAN_BELUM_ADA_DATA, batas_atas)
    if t is None:
        if target_atas is not None:
            return _tanpa_nilai(ALASAN_RENTANG_TANPA_BATAS_BAWAH, batas_atas)
        return _tanpa_nilai(ALASAN_TARGET_KOSONG, batas_atas)
    if target_atas is not None:
        return _rentang(arah, t, target_atas, r, rumus_negatif, batas_atas)
    if t < _NOL:
        return _tanpa_nilai(ALASAN_TARGET_NEGATIF, batas_atas)
    if arah == Arah.POSITIF:
        return _positif(t, r, batas_atas)
    if arah == Arah.NEGATIF:
        return _negatif(t, r, rumus_negatif, batas_atas)
    return _mendekati(t, r, batas_atas)
