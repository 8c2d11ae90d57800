"""The "Pengukuran Kinerja" workbook (issue 6): a year of one OPD out to Excel and back in.

Format (docs/format-excel-pengukuran.md): header row 1, exact header names, extra columns
ignored, numbers Indonesian-style, English-style or Excel numbers.

- Sheet ``Indikator``: one row per PK indicator, identified by (``Sasaran``, ``Indikator``):
  ``Satuan``, ``Arah``, ``Akumulasi``, ``Target``, ``Target TW1..4``, ``Realisasi TW1..4``.
- Sheet ``Anggaran``: one row per program, kegiatan, sub-kegiatan or uraian-only line:
  ``Kode``, ``Uraian``, ``Pagu``, ``Realisasi TW1..4`` and the optional ``Sumber Dana``. A row
  whose code has descendants in the sheet is a parent: blank, or equal to the sum of its
  children; never stored. A final row ``Jumlah`` is the parent of every top-level row. A
  program or kegiatan absent from both the sheet and the plan is made from its child's code,
  named by the pemda's nomenclature or "… (nama belum diisi)" (impor_node); ``X.XX`` without
  the OPD's bidang urusan is read as the one every other code shares (impor).
- Export adds computed columns (``Realisasi``, ``Capaian (%)``, ``Kategori``; ``Realisasi``,
  ``Realisasi (%)``, ``Sisa``), all from pelaporan.domain through the selectors; import
  never reads them.

Import is all or nothing. The workbook is read and checked cell by cell, then applied
inside one transaction with every model's ``full_clean()``; the preview runs the very same
code and rolls back, so what the preview says is exactly what confirming does. A blank
cell leaves what is stored alone (import never deletes); ``-`` or ``N/A`` in a realisasi
cell is "belum ada data", stored as a row without a value, never as 0.
"""

from __future__ import annotations

from pelaporan.excel_pengukuran.ekspor import ekspor_pengukuran
from pelaporan.excel_pengukuran.format import (
    HITUNG_ANGGARAN,
    HITUNG_INDIKATOR,
    KOLOM_ANGGARAN,
    KOLOM_INDIKATOR,
    SHEET_ANGGARAN,
    SHEET_INDIKATOR,
    SHEET_INFO,
    WAJIB_ANGGARAN,
    WAJIB_INDIKATOR,
    jenis_unggahan,
)
from pelaporan.excel_pengukuran.hasil import HasilImpor
from pelaporan.excel_pengukuran.impor import impor_pengukuran

__all__ = [
    "HITUNG_ANGGARAN",
    "HITUNG_INDIKATOR",
    "KOLOM_ANGGARAN",
    "KOLOM_INDIKATOR",
    "SHEET_ANGGARAN",
    "SHEET_INDIKATOR",
    "SHEET_INFO",
    "WAJIB_ANGGARAN",
    "WAJIB_INDIKATOR",
    "HasilImpor",
    "ekspor_pengukuran",
    "impor_pengukuran",
    "jenis_unggahan",
]
