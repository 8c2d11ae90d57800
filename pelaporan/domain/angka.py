"""Numbers and dates the Indonesian way: one rounding rule, one format, one parser.

Pure Python (standard library only) and in the domain, so that the capaian engine imports
nothing above it (STYLE: dependency direction); the Excel exchange, the PDF and the template
filters reach the same functions through :mod:`lkjip.angka`. Display is always
``1.234.567,89``; rounding is always half-up (DOMAIN §5: "keep full precision; show 2
decimals, rounded half-up").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import NamedTuple

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# Written in the source documents where a value does not exist (DOMAIN §4: not zero).
TANDA_KOSONG = frozenset({"", "-", "–", "—", "n/a", "na", "nihil", "belum ada data", "belum ada penilaian"})


# What a value that cannot be a number shows wherever a number would be (DOMAIN §4 keeps
# "-" for "belum ada data"; this is a different thing: a value that is there but broken).
TANDA_TIDAK_SAH = "nilai tidak sah"


class Ukuran(NamedTuple):
    """The digits a decimal column stores: ``digit`` in all, ``desimal`` of them after the point."""

    digit: int
    desimal: int

    @property
    def utuh(self) -> int:
        """Digits before the decimal point."""
        return self.digit - self.desimal


# The two sizes of every decimal column (renstra.models._umum spells them for Django).
UKURAN_ANGKA = Ukuran(20, 4)  # targets, realisasi, components: 16 digits before the point, 4 after
UKURAN_RUPIAH = Ukuran(18, 2)  # money: 16 digits before the point, sen after it


class AngkaRusak(Decimal):
    """A stored value that does not fit its column (SQLite keeps whatever it is given).

    The database layer returns it instead of failing, so one bad row cannot take down every
    page of its year; :func:`format_angka` and friends show it as :data:`TANDA_TIDAK_SAH`
    and the capaian engine gives no capaian for it. It is still a ``Decimal``: sums and
    comparisons work, and the value itself can be reported (``periksa_angka``).
    """

    __slots__ = ()


def periksa_ukuran(
    nilai: Decimal, ukuran: Ukuran = UKURAN_ANGKA, *, signifikan: int | None = None
) -> Decimal:
    """The one check of a parsed number against what its column can store.

    Refuses (``AngkaTidakSah``, Indonesian message) NaN and infinity, more digits before the
    point than the column has, and more decimals than it keeps: a value the user typed is
    either stored exactly as typed or refused, never changed without a word (who typed
    12,34567 in a 4-decimal field should decide which 4 decimals). Trailing zeros do not
    count (``1,50000`` is ``1,5``). ``signifikan`` caps the significant digits where the
    database keeps fewer than the column says (SQLite: 15, as a binary float; the caller
    knows the database). Workbook cells that Excel stores as binary floats go
    through :func:`bulatkan_ke_ukuran` first.
    """
    if not nilai.is_finite():
        raise AngkaTidakSah(f"“{nilai}” bukan angka.")
    if nilai.is_zero():
        return nilai
    normal = nilai.normalize()
    eksponen = normal.as_tuple().exponent
    desimal = max(0, -eksponen) if isinstance(eksponen, int) else 0
    utuh = normal.adjusted() + 1  # digits before the point (≤ 0 for 0,0x)
    if utuh > ukuran.utuh:
        raise AngkaTidakSah(
            f"Angka terlalu besar: paling banyak {ukuran.utuh} angka sebelum koma "
            f"(yang diketik {utuh} angka)."
        )
    if signifikan is not None and len(normal.as_tuple().digits) > signifikan:
        raise AngkaTidakSah(
            f"Angka terlalu panjang: paling banyak {signifikan} angka seluruhnya (sebelum dan sesudah koma) "
            "yang dapat disimpan dengan tepat."
        )
    if desimal > ukuran.desimal:
        raise AngkaTidakSah(
            f"Terlalu banyak angka di belakang koma: paling banyak {ukuran.desimal} "
            f"(yang diketik {desimal}). Bulatkan dulu, mis. {format_ringkas(bulatkan(nilai, tempat=ukuran.desimal))}."
        )
    return nilai


def bulatkan_ke_ukuran(
    nilai: Decimal, ukuran: Ukuran = UKURAN_ANGKA, *, signifikan: int | None = None
) -> Decimal:
    """A workbook's binary float rounded half-up to the column's decimals (0,1 + 0,2 is stored
    by Excel as 0,30000000000000004: nobody typed the tail), then :func:`periksa_ukuran`."""
    if nilai.is_finite() and nilai.as_tuple().exponent < -ukuran.desimal:  # type: ignore[operator]
        nilai = bulatkan(nilai, tempat=ukuran.desimal).normalize()
        if nilai.as_tuple().exponent > 0:  # 1E+3 → 1000: keep plain digits
            nilai = nilai.quantize(Decimal(1))
    return periksa_ukuran(nilai, ukuran, signifikan=signifikan)


def muat(nilai: Decimal, ukuran: Ukuran) -> bool:
    """Whether a stored value fits its column (what the database layer checks on every read)."""
    if not nilai.is_finite():
        return False
    return nilai.is_zero() or nilai.adjusted() < ukuran.utuh


def bulatkan(nilai: Decimal, *, tempat: int = 2) -> Decimal:
    """Round half-up to ``tempat`` decimals: the only rounding rule of the product."""
    eksponen = Decimal(1).scaleb(-tempat)
    try:
        return nilai.quantize(eksponen, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        # More digits than the default context holds (28): only a value far beyond any
        # column (a sum over broken rows); round it with the precision it needs.
        if not nilai.is_finite():
            raise
        konteks = Context(prec=max(nilai.adjusted(), 0) + tempat + 2)
        return nilai.quantize(eksponen, rounding=ROUND_HALF_UP, context=konteks)


def format_angka(nilai: Decimal | int | None, *, tempat: int = 2, kosong: str = "-") -> str:
    """``Decimal("1234567.891")`` → ``"1.234.567,89"``; ``None`` → ``kosong``."""
    if nilai is None:
        return kosong
    if isinstance(nilai, AngkaRusak) or (isinstance(nilai, Decimal) and not nilai.is_finite()):
        return TANDA_TIDAK_SAH
    d = bulatkan(Decimal(nilai), tempat=tempat)
    tanda = "-" if d < 0 else ""
    teks = f"{d.copy_abs():,.{tempat}f}"  # English grouping first (copy_abs: no context rounding), then swap the separators
    teks = teks.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return tanda + teks


def format_ringkas(nilai: Decimal | int | None, *, maks: int = 4, kosong: str = "-") -> str:
    """A number as it was entered, without padding zeros: ``80.00`` → ``"80"``, ``74.76`` → ``"74,76"``.

    For targets and inputs (and numbers inside formulas); ``maks`` caps the decimals of a
    computed value such as 100 ÷ 3.
    """
    if nilai is None:
        return kosong
    if isinstance(nilai, AngkaRusak) or (isinstance(nilai, Decimal) and not nilai.is_finite()):
        return TANDA_TIDAK_SAH
    d = Decimal(nilai)
    eksponen = d.normalize().as_tuple().exponent
    tempat = min(max(0, -eksponen), maks) if isinstance(eksponen, int) else 0
    return format_angka(d, tempat=tempat)


def format_isian(nilai: Decimal | int | None) -> str:
    """The text of an input box: as entered (``1.500``, ``94,33``), empty for ``None``; a stored
    value that does not fit its column as its plain digits, so the operator sees what to fix
    and the save (which refuses it) says why."""
    if nilai is None:
        return ""
    if isinstance(nilai, AngkaRusak):
        return format(Decimal(nilai).normalize(), "f")
    return format_ringkas(nilai)


def format_persen(nilai: Decimal | None, *, tempat: int = 2, kosong: str = "-") -> str:
    """``96.579`` → ``"96,58 %"``."""
    if nilai is None:
        return kosong
    teks = format_angka(nilai, tempat=tempat)
    return teks if teks == TANDA_TIDAK_SAH else f"{teks} %"


def format_rupiah(nilai: Decimal | int | None, *, tempat: int = 0, kosong: str = "-") -> str:
    """``1234567`` → ``"Rp 1.234.567"``; negatives as ``"-Rp 1.234"``."""
    if nilai is None:
        return kosong
    if isinstance(nilai, AngkaRusak) or (isinstance(nilai, Decimal) and not nilai.is_finite()):
        return TANDA_TIDAK_SAH
    d = Decimal(nilai)
    teks = format_angka(d.copy_abs(), tempat=tempat)
    return f"-Rp {teks}" if d < 0 else f"Rp {teks}"


def format_tanggal(tanggal: dt.date | None, *, kosong: str = "-") -> str:
    """``date(2022, 2, 25)`` → ``"25 Februari 2022"``."""
    if tanggal is None:
        return kosong
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"


_HANYA_ANGKA = re.compile(r"^[+-]?[\d.,]+$")
_RIBUAN_TITIK = re.compile(r"^\d{1,3}(\.\d{3})+$")
_RIBUAN_KOMA = re.compile(r"^\d{1,3}(,\d{3})+$")


class AngkaTidakSah(ValueError):
    """A text that is not a number; the message is Indonesian and shown to the user."""


def urai_angka(teks: str | int | float | Decimal | None) -> Decimal | None:
    """Parse what a user types or a workbook holds; ``None`` for "belum ada data".

    Accepted: ``1.234.567,89`` and ``1234567,89`` (Indonesian), ``1,234,567.89`` and
    ``1234567.89`` (English), numbers from Excel, and a trailing ``%`` or ``Rp`` prefix.
    When only dots appear, ``1.500`` is Indonesian grouping (1500) while ``12.5`` is a
    decimal point; when only one comma appears it is a decimal comma (``12,5``). A value
    that fits neither reading (``1,234.5,6``) is refused rather than guessed.
    """
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise AngkaTidakSah("Nilai harus berupa angka.")
    if isinstance(teks, (int, Decimal)):
        return Decimal(teks)
    if isinstance(teks, float):
        # Excel stores binary floats: go through repr so 0.1 stays 0.1.
        return Decimal(repr(teks))
    bersih = str(teks).strip()
    if bersih.lower() in TANDA_KOSONG:
        return None
    bersih = re.sub(r"^rp\.?\s*", "", bersih, flags=re.IGNORECASE)
    bersih = bersih.removesuffix("%").replace(" ", "").replace("\u00a0", "").rstrip(",-")
    tanda = ""
    if bersih[:1] in "+-":
        tanda, bersih = bersih[0].replace("+", ""), bersih[1:]
    if not bersih or not _HANYA_ANGKA.match(bersih):
        raise AngkaTidakSah(f"“{teks}” bukan angka. Contoh penulisan yang benar: 1.234,5")
    titik, koma = bersih.count("."), bersih.count(",")
    if titik and koma:
        desimal = "," if bersih.rfind(",") > bersih.rfind(".") else "."
        ribuan = "." if desimal == "," else ","
        utuh, _, pecahan = bersih.rpartition(desimal)
        if bersih.count(desimal) != 1 or not re.match(rf"^\d{{1,3}}({re.escape(ribuan)}\d{{3}})*$", utuh):
            raise AngkaTidakSah(f"“{teks}” bukan angka yang jelas. Tulis seperti 1.234.567,89")
        normal = utuh.replace(ribuan, "") + "." + pecahan
    elif titik:
        normal = bersih.replace(".", "") if (titik > 1 or _RIBUAN_TITIK.match(bersih)) else bersih
        if titik > 1 and not _RIBUAN_TITIK.match(bersih):
            raise AngkaTidakSah(f"“{teks}” bukan angka yang jelas. Tulis seperti 1.234.567,89")
    elif koma:
        if koma > 1:
            if not _RIBUAN_KOMA.match(bersih):
                raise AngkaTidakSah(f"“{teks}” bukan angka yang jelas. Tulis seperti 1.234.567,89")
            normal = bersih.replace(",", "")
        else:
            normal = bersih.replace(",", ".")
    else:
        normal = bersih
    try:
        return Decimal(tanda + normal)
    except InvalidOperation as exc:  # pragma: no cover - the regexes above make this unreachable
        raise AngkaTidakSah(f"“{teks}” bukan angka.") from exc
