"""Import of a Matriks Rencana Strategis workbook: read, check, then apply all or nothing."""

from __future__ import annotations

from django.db import transaction

from lkjip.excel import BerkasTidakSah, Masalah, baca_sheet, buka
from renstra.excel.format import KOLOM_STRATEGI, SHEET_INFO, SHEET_MATRIKS, SHEET_STRATEGI, kolom_matriks
from renstra.excel.pengimpor import HasilImpor, _Pengimpor
from renstra.models import Renstra


class _Batal(Exception):
    """Rolls the transaction back (a preview, or an import with problems)."""


def impor_renstra(*, renstra: Renstra, data: bytes, terapkan: bool) -> HasilImpor:
    """Check (``terapkan=False``) or apply a Matriks Rencana Strategis workbook, all or nothing."""
    hasil = HasilImpor()
    try:
        wb = buka(data)
    except BerkasTidakSah as exc:
        hasil.masalah.append(Masalah("", 0, "", str(exc)))
        return hasil
    kolom = kolom_matriks(renstra)
    info = {
        b.teks("Isian"): b
        for b in baca_sheet(wb, SHEET_INFO, wajib=["Isian", "Nilai"], masalah=hasil.masalah)
    }
    matriks = list(
        baca_sheet(
            wb,
            SHEET_MATRIKS,
            wajib=["Tingkat", "Kode", "Uraian", "Induk", "Indikator"],
            masalah=hasil.masalah,
            kolom_diketahui=kolom,
        )
    )
    strategi = (
        list(baca_sheet(wb, SHEET_STRATEGI, wajib=KOLOM_STRATEGI, masalah=hasil.masalah))
        if SHEET_STRATEGI in wb.sheetnames
        else []
    )
    wb.close()
    for judul, harus in (("Tahun Awal", renstra.tahun_awal), ("Tahun Akhir", renstra.tahun_akhir)):
        b = info.get(judul)
        if b is not None and b.teks("Nilai") and b.teks("Nilai") != str(harus):
            hasil.masalah.append(
                Masalah(
                    SHEET_INFO,
                    b.nomor,
                    "Nilai",
                    f"{judul} {b.teks('Nilai')} tidak sama dengan Renstra ini ({harus}).",
                )
            )
    if hasil.masalah:
        return hasil
    try:
        with transaction.atomic():
            p = _Pengimpor(renstra, hasil)
            p.matriks(matriks)
            p.strategi(strategi)
            if hasil.masalah or not terapkan:
                raise _Batal
    except _Batal:
        pass
    else:
        hasil.diterapkan = True
    hasil.masalah.sort()
    return hasil
