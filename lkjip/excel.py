"""Workbooks in and out, safely. Shared by every Excel exchange of the product.

Reading: size and row limits, read-only parsing (defusedxml guards openpyxl against XML
bombs), formulas refused rather than evaluated, and every problem reported with its sheet,
row and column in Indonesian. Writing: one header style, number formats that Excel shows
the Indonesian way, frozen header row.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import openpyxl
import openpyxl.xml
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from lkjip import berkas
from lkjip.angka import (
    TANDA_TIDAK_SAH,
    UKURAN_ANGKA,
    AngkaRusak,
    AngkaTidakSah,
    Ukuran,
    bulatkan_simpan,
    format_ringkas,
    periksa_simpan,
    pesan_terlalu_besar,
    urai_angka,
)
from lkjip.berkas import ZipTerlaluBesar, buka_zip

MAKS_BYTE = 5 * 1024 * 1024
MAKS_BARIS = 20_000
# A 5 MB .xlsx is a zip; its unpacked parts may not exceed this (a zip bomb unpacks to gigabytes).
MAKS_BYTE_TERURAI = berkas.MAKS_BYTE_TERURAI
TIPE_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# openpyxl only refuses entity-expansion attacks when defusedxml is importable.
assert openpyxl.xml.DEFUSEDXML, "defusedxml harus terpasang agar unggahan Excel aman"  # noqa: S101


class BerkasTidakSah(Exception):
    """The upload is not a workbook we can read at all (message for the user)."""


@dataclass(frozen=True, order=True)
class Masalah:
    sheet: str
    baris: int
    kolom: str
    pesan: str

    def __str__(self) -> str:
        if not self.sheet:  # about the whole file (too large, not a workbook): no place to name
            return self.pesan
        letak = f"Sheet “{self.sheet}”"
        if self.baris:
            letak += f", baris {self.baris}"
        if self.kolom:
            letak += f", kolom “{self.kolom}”"
        return f"{letak}: {self.pesan}"


def buka(data: bytes, *, maks_byte: int = MAKS_BYTE) -> Workbook:
    """Open an uploaded .xlsx without evaluating anything; clear message when it is not one."""
    if len(data) > maks_byte:
        raise BerkasTidakSah(pesan_terlalu_besar(len(data), maks_byte))
    if not data[:4] == b"PK\x03\x04":
        raise BerkasTidakSah(
            "Berkas ini bukan workbook Excel (.xlsx). Simpan ulang sebagai “Excel Workbook (.xlsx)”."
        )
    try:
        # The same bounds as every other uploaded zip (evidence .docx/.xlsx/.pptx): one helper.
        buka_zip(data, maks_terurai=MAKS_BYTE_TERURAI, nama="Berkas Excel").close()
    except ZipTerlaluBesar as exc:
        raise BerkasTidakSah(str(exc)) from exc
    except berkas.BerkasTidakSah as exc:
        raise BerkasTidakSah(
            "Berkas Excel rusak atau tidak dapat dibaca; simpan ulang sebagai “Excel Workbook (.xlsx)” lalu "
            "unggah lagi."
        ) from exc
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise BerkasTidakSah(f"Berkas Excel rusak atau tidak dapat dibaca ({type(exc).__name__}).") from exc
    except Exception as exc:  # noqa: BLE001 - a hostile file may fail anywhere inside the parser
        raise BerkasTidakSah("Berkas Excel tidak dapat dibaca: isinya tidak sesuai format .xlsx.") from exc


@dataclass
class Baris:
    """One data row: values by header name, with its sheet and row number for messages."""

    sheet: str
    nomor: int
    nilai: dict[str, Any]

    def teks(self, kolom: str) -> str:
        v = self.nilai.get(kolom)
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    def kosong(self) -> bool:
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.nilai.values())


def baca_sheet(
    wb: Workbook,
    nama: str,
    *,
    wajib: Sequence[str],
    masalah: list[Masalah],
    maks_baris: int = MAKS_BARIS,
    kolom_diketahui: Sequence[str] | None = None,
) -> Iterator[Baris]:
    """Rows of a sheet by header name (row 1). Extra columns are ignored; missing required
    headers, formulas and too many rows are reported into ``masalah``."""
    if nama not in wb.sheetnames:
        masalah.append(Masalah(nama, 0, "", f"sheet “{nama}” tidak ada di workbook."))
        return
    ws = wb[nama]
    baris_iter = ws.iter_rows(values_only=False)
    try:
        kepala = next(baris_iter)
    except StopIteration:
        masalah.append(Masalah(nama, 1, "", "sheet kosong: baris 1 harus berisi judul kolom."))
        return
    indeks: dict[str, int] = {}
    for i, sel in enumerate(kepala):
        if sel.value is not None and str(sel.value).strip():
            indeks.setdefault(str(sel.value).strip(), i)
    hilang = [k for k in wajib if k not in indeks]
    if hilang:
        masalah.append(
            Masalah(nama, 1, "", "judul kolom tidak ditemukan: " + ", ".join(f"“{k}”" for k in hilang) + ".")
        )
        return
    if kolom_diketahui is not None:
        dipakai = [k for k in indeks if k in kolom_diketahui]
        indeks = {k: indeks[k] for k in dipakai}
    for nomor, sel_baris in enumerate(baris_iter, start=2):
        if nomor > maks_baris + 1:
            masalah.append(Masalah(nama, nomor, "", f"terlalu banyak baris (paling banyak {maks_baris})."))
            return
        nilai: dict[str, Any] = {}
        for kolom, i in indeks.items():
            sel = sel_baris[i] if i < len(sel_baris) else None
            if sel is None:
                nilai[kolom] = None
                continue
            if getattr(sel, "data_type", None) == "f" or (
                isinstance(sel.value, str) and sel.value.startswith("=")
            ):
                masalah.append(Masalah(nama, nomor, kolom, "berisi rumus Excel; tulis nilainya saja."))
                nilai[kolom] = None
                continue
            nilai[kolom] = sel.value
        b = Baris(nama, nomor, nilai)
        if not b.kosong():
            yield b


class _Kosong:
    """A blank cell: "leave what is stored alone" (distinct from None, "belum ada data")."""

    def __repr__(self) -> str:
        return "KOSONG"


KOSONG: Any = _Kosong()


def sel_kosong(b: Baris, kolom: str) -> bool:
    """The cell is blank (nothing, or only spaces)."""
    v = b.nilai.get(kolom)
    return v is None or (isinstance(v, str) and not v.strip())


def angka(
    b: Baris,
    kolom: str,
    masalah: list[Masalah],
    *,
    negatif: bool = True,
    kosong: Any = None,
    ukuran: Ukuran = UKURAN_ANGKA,
) -> Any:
    """The one reader of a number cell (Indonesian, English or Excel number).

    A blank cell and an unreadable one give ``kosong`` (``None`` by default; the
    measurement workbook passes :data:`KOSONG` to leave stored values alone); "-" or "N/A"
    give ``None`` ("belum ada data", not 0); otherwise the ``Decimal``, checked against
    the column it goes to (``ukuran``: lkjip.angka.periksa_simpan). A number cell (Excel
    keeps binary floats) is rounded half-up to the column's decimals first; a text cell is
    taken as typed. A problem is added to ``masalah`` with its sheet, row and column.
    """
    if sel_kosong(b, kolom):
        return kosong
    mentah = b.nilai.get(kolom)
    try:
        nilai = urai_angka(mentah)
        if nilai is not None:
            nilai = (
                bulatkan_simpan(nilai, ukuran) if isinstance(mentah, float) else periksa_simpan(nilai, ukuran)
            )
    except AngkaTidakSah as exc:
        masalah.append(Masalah(b.sheet, b.nomor, kolom, str(exc)))
        return kosong
    if nilai is not None and not negatif and nilai < 0:
        masalah.append(Masalah(b.sheet, b.nomor, kolom, "tidak boleh negatif."))
        return kosong
    return nilai


# A range target: "80–90", "80 — 90", "80 - 90", "80-90", "80 s.d. 90", "80 s/d 90",
# "80 sampai 90"; bounds may be negative ("-5 – 5"). A lone "-5" stays a negative number.
_RENTANG = re.compile(
    r"^\s*([-+]?[\d.,]+)\s*%?\s*(?:–|—|-|s\.\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*([-+]?[\d.,]+)\s*%?\s*$",
    re.IGNORECASE,
)


def target(b: Baris, kolom: str, masalah: list[Masalah], *, kosong: Any = None) -> Any:
    """The one reader of a target cell: ``(nilai, None)`` for a number, ``(a, b)`` for a range.

    A range is a form of target for every arah (DOMAIN §5). A blank cell, "-" and an
    unreadable or reversed range give ``kosong`` (a target has no "belum ada data"); the
    problem, if any, goes to ``masalah``.
    """
    v = b.nilai.get(kolom)
    cocok = _RENTANG.match(v) if isinstance(v, str) else None
    if cocok:
        bawah = angka(Baris(b.sheet, b.nomor, {kolom: cocok[1]}), kolom, masalah, kosong=kosong)
        atas = angka(Baris(b.sheet, b.nomor, {kolom: cocok[2]}), kolom, masalah, kosong=kosong)
        if bawah is kosong or atas is kosong or bawah is None or atas is None:
            return kosong
        if atas < bawah:
            masalah.append(
                Masalah(
                    b.sheet,
                    b.nomor,
                    kolom,
                    f"batas atas rentang ({format_ringkas(atas)}) lebih kecil dari batas bawah "
                    f"({format_ringkas(bawah)}). Tulis batas bawah dulu, mis. 80–90.",
                )
            )
            return kosong
        return (bawah, atas)
    nilai = angka(b, kolom, masalah, kosong=kosong)
    if nilai is kosong or nilai is None:
        return kosong
    return (nilai, None)


# --------------------------------------------------------------------------- writing

GAYA_JUDUL = Font(bold=True, color="FFFFFF")
ISI_JUDUL = PatternFill("solid", fgColor="1F4E79")
FORMAT_ANGKA = "#,##0.####"
FORMAT_RUPIAH = "#,##0.00"
FORMAT_PERSEN = "0.00"


def sheet_baru(
    wb: Workbook, nama: str, judul: Sequence[str], *, lebar: dict[str, int] | None = None
) -> Worksheet:
    ws = wb.create_sheet(nama)
    ws.append(list(judul))
    for i, _ in enumerate(judul, start=1):
        sel = ws.cell(row=1, column=i)
        sel.font = GAYA_JUDUL
        sel.fill = ISI_JUDUL
        sel.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = (lebar or {}).get(judul[i - 1], 14)
    ws.freeze_panes = "A2"
    return ws


def workbook_baru() -> Workbook:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


def ke_bytes(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes. We never write formulas: a text typed by a user that starts
    with "=" (an indicator named "=HYPERLINK(…)") is stored as text, not as a live formula."""
    for ws in wb.worksheets:
        for baris in ws.iter_rows():
            for sel in baris:
                if sel.data_type == "f":
                    sel.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sel_angka(nilai: Decimal | None) -> Decimal | int | str | None:
    """Write a Decimal so Excel stores a number (an integer stays an integer); a stored value
    that does not fit its column as "nilai tidak sah" (the importers refuse it back)."""
    if nilai is None:
        return None
    if isinstance(nilai, AngkaRusak) or not nilai.is_finite():
        return TANDA_TIDAK_SAH
    return int(nilai) if nilai == nilai.to_integral_value() else nilai


def sel_target(nilai: Decimal | None, atas: Decimal | None) -> Decimal | int | str | None:
    """A target cell: a number, or a range written "60 – 70" (the importers read both back)."""
    if nilai is None:
        return None
    if atas is not None:
        if isinstance(nilai, AngkaRusak) or isinstance(atas, AngkaRusak):
            return TANDA_TIDAK_SAH
        return f"{format_ringkas(nilai)} – {format_ringkas(atas)}"
    return sel_angka(nilai)
