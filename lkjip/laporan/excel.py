"""Every table of the LKjIP as Excel: one sheet per table, numbers as numbers (users live in Excel)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from lkjip.excel import TIPE_XLSX, ke_bytes, sheet_baru, workbook_baru


def _nama_sheet(nomor: str, dipakai: set[str]) -> str:
    nama = re.sub(r"[\[\]:*?/\\]", "-", f"Tabel {nomor}")[:31]
    while nama in dipakai:
        nama = nama[:28] + f"-{len(dipakai)}"
    dipakai.add(nama)
    return nama


def _format_seperti(teks: str) -> str:
    """The Excel number format that shows a figure as the report prints it: a count "1" stays 1,
    a capaian "93,45" keeps two decimals, a rupiah "10.875.718.854,00" keeps its ",00"."""
    desimal = teks.rsplit(",", 1)[1] if "," in teks else ""
    return "#,##0." + "0" * len(desimal) if desimal.isdigit() else "#,##0"


def excel_lkjip(data: dict[str, Any]) -> tuple[str, str, bytes]:
    wb = workbook_baru()
    dipakai: set[str] = set()
    isi = sheet_baru(wb, "Daftar Tabel", ["Tabel", "Judul", "Sheet"], lebar={"Judul": 80})
    tabel = [b for bab in data["bab"] for g in bab["bagian"] for b in g["blok"] if b["jenis"] == "tabel"]
    tabel += [b for lamp in data["lampiran"] for b in lamp["blok"] if b["jenis"] == "tabel"]
    for t in tabel:
        nama = _nama_sheet(t["nomor"], dipakai)
        isi.append([t["nomor"], t["judul"], nama])
        ws = sheet_baru(wb, nama, t["kolom"], lebar={k: 18 for k in t["kolom"]})
        for baris in t["baris"] + t.get("kaki", []):
            ws.append([Decimal(c["n"]) if c.get("n") not in (None, "") else c["t"] for c in baris])
            for sel, c in zip(ws[ws.max_row], baris, strict=False):
                if isinstance(sel.value, Decimal):
                    sel.number_format = _format_seperti(c["t"])
        if t.get("catatan"):
            ws.append([])
            ws.append([t["catatan"]])
    m = data["meta"]
    nama = f"Tabel-LKjIP-{m['tahun']}-{m['opd']}.xlsx".replace(" ", "-")[:120]
    return nama, TIPE_XLSX, ke_bytes(wb)
