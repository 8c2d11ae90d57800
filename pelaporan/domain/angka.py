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
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


def bulatkan(nilai: Decimal, *, tempat: int = 2) -> Decimal:
    """Round half-up to ``tempat`` decimals: the only rounding rule of the product."""
    return nilai.quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)


def format_angka(nilai: Decimal | int | None, *, tempat: int = 2, kosong: str = "-") -> str:
    """``Decimal("1234567.891")`` → ``"1.234.567,89"``; ``None`` → ``kosong``."""
    if nilai is None:
        return kosong
    d = bulatkan(Decimal(nilai), tempat=tempat)
    tanda = "-" if d < 0 else ""
    teks = f"{abs(d):,.{tempat}f}"  # English grouping first, then swap the separators
    teks = teks.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return tanda + teks


def format_ringkas(nilai: Decimal | int | None, *, maks: int = 4, kosong: str = "-") -> str:
    """A number as it was entered, without padding zeros: ``80.00`` → ``"80"``, ``74.76`` → ``"74,76"``.

    For targets and inputs (and numbers inside formulas); ``maks`` caps the decimals of a
    computed value such as 100 ÷ 3.
    """
    if nilai is None:
        return kosong
    d = Decimal(nilai)
    eksponen = d.normalize().as_tuple().exponent
    tempat = min(max(0, -eksponen), maks) if isinstance(eksponen, int) else 0
    return format_angka(d, tempat=tempat)


def format_persen(nilai: Decimal | None, *, tempat: int = 2, kosong: str = "-") -> str:
    """``96.579`` → ``"96,58 %"``."""
    if nilai is None:
        return kosong
    return f"{format_angka(nilai, tempat=tempat)} %"


def format_rupiah(nilai: Decimal | int | None, *, tempat: int = 0, kosong: str = "-") -> str:
    """``1234567`` → ``"Rp 1.234.567"``; negatives as ``"-Rp 1.234"``."""
    if nilai is None:
        return kosong
    d = Decimal(nilai)
    teks = format_angka(abs(d), tempat=tempat)
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
