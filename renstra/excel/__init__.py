"""The "Matriks Rencana Strategis" workbook: export a Renstra, import the same workbook.

Format (documented in docs/format-excel-renstra.md):

- Sheet ``Info``: ``Perangkat Daerah``, ``Tahun Awal``, ``Tahun Akhir`` (checked on import).
- Sheet ``Matriks Renstra``, header row 1, one row per (node, indicator) in tree order; a
  node without indicator has one row with the indicator columns blank. Columns:
  ``Tingkat`` (Tujuan/Sasaran/Program/Kegiatan/Sub Kegiatan), ``Kode``, ``Uraian``,
  ``Induk`` (code — or name when it has none — of the parent; for a program, the codes of
  the sasaran it serves separated by ``;``), ``Acuan RPJMD`` (misi number for a tujuan,
  sasaran daerah code for a sasaran), ``Unit Penanggung Jawab``, ``Indikator``, ``Satuan``,
  ``Arah``, ``Akumulasi``, ``IKU``, ``Definisi``, ``Pembilang``, ``Penyebut``,
  ``Komponen`` (``;``-separated), ``Kondisi Awal``, ``Tahun Kondisi Awal``,
  ``Target <tahun>`` for each year, ``Target Akhir``, ``Pagu <tahun>`` (sub-kegiatan only),
  ``Sumber Data``, ``PJ Indikator``, ``Berlaku Mulai``, ``Berlaku Sampai``.
- Sheet ``Strategi``: ``No Strategi``, ``Sasaran``, ``Strategi``, ``No Arah``, ``Arah Kebijakan``.

Import is all or nothing: the whole workbook is applied inside a transaction with every
model check; the preview runs the very same code and rolls back, so what the preview says
is exactly what confirming does. Rows absent from the workbook are left as they are.
"""

from renstra.excel.ekspor import ekspor_renstra
from renstra.excel.format import (
    AKUMULASI_LABEL,
    ARAH_LABEL,
    KOLOM_BELAKANG,
    KOLOM_DEPAN,
    KOLOM_STRATEGI,
    LABEL_KE_TINGKAT,
    SHEET_INFO,
    SHEET_MATRIKS,
    SHEET_STRATEGI,
    TINGKAT_KE_LABEL,
    kolom_matriks,
)
from renstra.excel.impor import impor_renstra
from renstra.excel.pengimpor import HasilImpor

__all__ = [
    "AKUMULASI_LABEL",
    "ARAH_LABEL",
    "KOLOM_BELAKANG",
    "KOLOM_DEPAN",
    "KOLOM_STRATEGI",
    "LABEL_KE_TINGKAT",
    "SHEET_INFO",
    "SHEET_MATRIKS",
    "SHEET_STRATEGI",
    "TINGKAT_KE_LABEL",
    "HasilImpor",
    "ekspor_renstra",
    "impor_renstra",
    "kolom_matriks",
]
