"""Reading uploaded workbooks safely (lkjip/excel.py): what a hostile or broken file gets."""

from __future__ import annotations

import io
import zipfile

import pytest

from lkjip.excel import MAKS_BYTE_TERURAI, BerkasTidakSah, Masalah, buka


def test_bom_zip_ditolak_sebelum_diurai() -> None:
    """A small .xlsx whose parts unpack to more than the limit is refused without unpacking it."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z,
        z.open("xl/worksheets/sheet1.xml", "w") as f,
    ):
        nol = b"\0" * (1024 * 1024)
        for _ in range(MAKS_BYTE_TERURAI // len(nol) + 1):
            f.write(nol)
    data = buf.getvalue()
    assert len(data) < 1024 * 1024  # under a megabyte on the wire
    with pytest.raises(BerkasTidakSah, match="terlalu besar setelah diurai"):
        buka(data)


def test_masalah_tentang_seluruh_berkas_tanpa_letak() -> None:
    assert str(Masalah("", 0, "", "Berkas terlalu besar.")) == "Berkas terlalu besar."
    assert (
        str(Masalah("Indikator", 7, "Target", "bukan angka"))
        == "Sheet “Indikator”, baris 7, kolom “Target”: bukan angka"
    )


def test_workbook_dengan_bagian_bermampat_mustahil_ditolak_walau_di_bawah_batas_total() -> None:
    """The same zip bounds as evidence (lkjip.berkas.buka_zip): a 20 MB sheet of zeros is no workbook."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z,
        z.open("xl/worksheets/sheet1.xml", "w") as f,
    ):
        for _ in range(20):
            f.write(b"\0" * (1024 * 1024))
    with pytest.raises(BerkasTidakSah, match="dimampatkan lebih dari 100 kali"):
        buka(buf.getvalue())


def test_bukan_zip_diberi_pesan_simpan_ulang() -> None:
    with pytest.raises(BerkasTidakSah, match="rusak atau tidak dapat dibaca; simpan ulang sebagai"):
        buka(b"PK\x03\x04 terpotong")
