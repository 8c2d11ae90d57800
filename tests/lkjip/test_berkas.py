"""Uploaded files are parsed for what they claim to be (lkjip/berkas.py, issue 12 item 5)."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest

from lkjip import berkas
from lkjip.berkas import BUKTI, LOGO, Aturan, BerkasTidakSah, periksa
from tests import contoh_berkas as contoh

# --------------------------------------------------------------------------- the reported cases


def test_kepala_png_diikuti_skrip_ditolak() -> None:
    """Reported: the 16-byte check let a PNG signature followed by a script through."""
    data = b"\x89PNG\r\n\x1a\n" + b"<script>alert(document.cookie)</script>" * 10
    with pytest.raises(BerkasTidakSah, match="bukan gambar PNG yang utuh; simpan ulang sebagai PNG"):
        periksa(data, nama="foto.png", aturan=BUKTI)


def test_docx_yang_terurai_200_mb_ditolak_tanpa_diurai() -> None:
    """Reported: a .docx that inflates to 200 MB passed. It is refused from the zip's directory."""
    data = contoh.docx_bom(200)
    assert len(data) < 1024 * 1024  # under a megabyte on the wire
    mulai = time.perf_counter()
    with pytest.raises(BerkasTidakSah, match="terlalu besar setelah diurai"):
        periksa(data, nama="laporan.docx", aturan=BUKTI)
    assert time.perf_counter() - mulai < 1  # nothing was unpacked


def test_bagian_zip_dengan_rasio_mampat_mustahil_ditolak_walau_di_bawah_batas_total() -> None:
    data = contoh.docx_bom(20)  # 20 MB of zeros: under the 100 MB total, but ~1000× compressed
    with pytest.raises(BerkasTidakSah, match="dimampatkan lebih dari 100 kali"):
        periksa(data, nama="laporan.docx", aturan=BUKTI)


# --------------------------------------------------------------------------- whole files pass


@pytest.mark.parametrize(
    "nama, isi, tipe",
    [
        ("laporan.pdf", contoh.pdf(3), "application/pdf"),
        ("foto.png", contoh.gambar("PNG"), "image/png"),
        ("foto.jpg", contoh.gambar("JPEG"), "image/jpeg"),
        ("FOTO.JPEG", contoh.gambar("JPEG"), "image/jpeg"),
        (
            "sk.docx",
            contoh.office("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "data.xlsx",
            contoh.office("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "materi.pptx",
            contoh.office("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
)
def test_berkas_utuh_diterima(nama, isi, tipe) -> None:
    assert periksa(isi, nama=nama, aturan=BUKTI) == tipe
    assert periksa(io.BytesIO(isi), nama=nama, aturan=BUKTI) == tipe  # a file object too


def test_workbook_openpyxl_sungguhan_diterima() -> None:
    from lkjip.excel import ke_bytes, workbook_baru

    wb = workbook_baru()
    wb.create_sheet("Indikator").append(["Indikator", 1, 2])
    assert periksa(ke_bytes(wb), nama="data.xlsx", aturan=BUKTI).endswith("spreadsheetml.sheet")


# --------------------------------------------------------------------------- broken or disguised


def test_pdf_terpotong_ditolak_dengan_pesan_yang_menyuruh_menyimpan_ulang() -> None:
    data = contoh.pdf(3)
    with pytest.raises(BerkasTidakSah) as exc:
        periksa(data[: len(data) * 2 // 3], nama="laporan.pdf", aturan=BUKTI)
    assert str(exc.value) == "Berkas ini bukan PDF yang utuh; simpan ulang sebagai PDF lalu unggah lagi."


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("laporan.pdf", b"%PDF-1.7 isi laporan", "bukan PDF yang utuh"),
        ("laporan.pdf", b"<html><script>alert(1)</script></html>", "bukan PDF yang utuh"),
        ("foto.png", contoh.pdf(), "bukan gambar PNG yang utuh"),
        ("foto.png", contoh.gambar("JPEG"), "berakhiran .png tetapi isinya gambar JPEG"),
        ("foto.jpg", contoh.gambar("PNG"), "berakhiran .jpg tetapi isinya gambar PNG"),
        (
            "foto.png",
            contoh.gambar("PNG") + b"<script>alert(1)</script>",
            "ada data lain sesudah akhir gambar",
        ),
        ("foto.png", contoh.gambar("PNG")[:-20], "bukan gambar PNG yang utuh"),
        ("foto.jpg", contoh.gambar("JPEG", (800, 600))[:3000], "bukan gambar JPEG yang utuh"),
        ("sk.docx", contoh.office("xlsx"), "berakhiran .docx tetapi isinya workbook Excel (.xlsx)"),
        ("data.xlsx", contoh.office("docx"), "berakhiran .xlsx tetapi isinya dokumen Word (.docx)"),
        ("sk.docx", contoh.pdf(), "bukan dokumen Word (.docx) yang utuh"),
        (
            "sk.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500,
            "dikunci dengan sandi atau berformat lama",
        ),
        ("sk.docx", contoh.office("docx")[:-40], "bukan dokumen Word (.docx) yang utuh"),
        (
            "sk.docx",
            contoh.office("docx", tipe_utama="application/vnd.ms-word.document.macroEnabled.main+xml"),
            "berisi makro",
        ),
        (
            "skrip.exe",
            b"MZ\x90\x00",
            "Jenis berkas .exe tidak diterima. Gunakan PDF, JPG, PNG, XLSX, DOCX atau PPTX.",
        ),
        ("tanpa-ekstensi", b"%PDF-", "Jenis berkas (tanpa ekstensi) tidak diterima"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_berkas_rusak_atau_menyamar_ditolak(nama, isi, pesan) -> None:
    with pytest.raises(BerkasTidakSah, match=re.escape(pesan)):
        periksa(isi, nama=nama, aturan=BUKTI)


def test_ukuran_dibatasi_sebelum_dibaca() -> None:
    class BerkasBesar(io.BytesIO):
        size = 11 * 1024 * 1024

    with pytest.raises(BerkasTidakSah, match=r"terlalu besar \(11,0 MB\); paling besar 10 MB"):
        periksa(BerkasBesar(b"%PDF-"), nama="besar.pdf", aturan=BUKTI)


def test_pdf_bersandi_dan_terlalu_banyak_halaman_ditolak() -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(contoh.pdf())))
    w.encrypt(user_password="rahasia", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(BerkasTidakSah, match="dikunci dengan sandi"):
        periksa(buf.getvalue(), nama="sk.pdf", aturan=BUKTI)
    with pytest.raises(BerkasTidakSah, match="berisi 3 halaman; paling banyak 2"):
        periksa(
            contoh.pdf(3),
            nama="sk.pdf",
            aturan=Aturan(ekstensi=(".pdf",), maks_byte=berkas.MB, maks_halaman=2),
        )


def test_pemeriksa_pdf_yang_macet_dihentikan(monkeypatch, tmp_path) -> None:
    """A PDF that makes the parser hang costs MAKS_DETIK_PDF seconds of one child process."""
    macet = tmp_path / "macet.py"
    macet.write_text("import time\ntime.sleep(60)\n")
    monkeypatch.setattr(berkas, "SKRIP_PDF", macet)
    monkeypatch.setattr(berkas, "MAKS_DETIK_PDF", 1)
    mulai = time.perf_counter()
    with pytest.raises(BerkasTidakSah, match="tidak selesai diperiksa dalam 1 detik"):
        periksa(contoh.pdf(), nama="sk.pdf", aturan=BUKTI)
    assert time.perf_counter() - mulai < 10


def test_pemeriksa_pdf_yang_kehabisan_memori_berarti_ditolak(monkeypatch) -> None:
    monkeypatch.setattr(berkas, "MAKS_MEMORI_PDF", 16 * 1024 * 1024)  # cannot even import pypdf
    with pytest.raises(BerkasTidakSah, match="bukan PDF yang utuh"):
        periksa(contoh.pdf(), nama="sk.pdf", aturan=BUKTI)


def test_jpeg_terpotong_ditolak_walau_weasyprint_melonggarkan_pillow(monkeypatch) -> None:
    """WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES = True for the whole process on import."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = contoh.gambar("JPEG", (800, 600))
    with pytest.raises(BerkasTidakSah, match="gambarnya terpotong"):
        periksa(data[:3000], nama="foto.jpg", aturan=BUKTI)
    assert periksa(data + b"MotionPhoto_Data" + b"\0" * 100, nama="foto.jpg", aturan=BUKTI) == "image/jpeg"


def test_gambar_dengan_piksel_mustahil_ditolak_sebelum_diurai() -> None:
    data = contoh.gambar("PNG", (5000, 4000))  # 20 million pixels in a few kilobytes
    assert len(data) < 100_000
    with pytest.raises(BerkasTidakSah, match="5000 × 4000 piksel; paling banyak 16 juta"):
        periksa(data, nama="logo.png", aturan=LOGO)


def test_zip_dengan_terlalu_banyak_bagian_ditolak() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(berkas.MAKS_ANGGOTA_ZIP + 1):
            z.writestr(f"x/{i}", b"")
    with pytest.raises(BerkasTidakSah, match="terlalu banyak bagian"):
        berkas.buka_zip(buf.getvalue())


# --------------------------------------------------------------------------- SVG logo

SVG_BAIK = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
    b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>'
    b'<use xlink:href="#g"/></svg>'
)


def test_logo_svg_biasa_diterima() -> None:
    assert periksa(SVG_BAIK, nama="logo.svg", aturan=LOGO) == "image/svg+xml"


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "unsur <script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "skrip atau tautan"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="file:///etc/passwd"/></svg>',
            "skrip atau tautan",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "unsur <foreignobject>",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/y)"/></svg>', "tautan"),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            "bukan gambar SVG yang utuh",
        ),
        (b"<html><body>bukan svg</body></html>", "bukan gambar SVG yang utuh"),
        (b"\x89PNG\r\n\x1a\n", "bukan gambar SVG yang utuh"),
    ],
)
def test_logo_svg_berskrip_atau_bertautan_ditolak(isi, pesan) -> None:
    with pytest.raises(BerkasTidakSah, match=pesan):
        periksa(isi, nama="logo.svg", aturan=LOGO)


def test_svg_bukan_bukti() -> None:
    with pytest.raises(BerkasTidakSah, match="Jenis berkas .svg tidak diterima"):
        periksa(SVG_BAIK, nama="logo.svg", aturan=BUKTI)


def test_aturan_menjadi_accept_dan_teks_bantuan_form() -> None:
    assert BUKTI.accept == ".pdf,.jpg,.jpeg,.png,.xlsx,.docx,.pptx"
    assert BUKTI.bantuan == "PDF, JPG, PNG, XLSX, DOCX atau PPTX; paling besar 10 MB."
    assert LOGO.bantuan == "PNG, JPG atau SVG; paling besar 1 MB."
