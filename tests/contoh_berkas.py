"""Small real files (and hostile ones) built in the test, for the upload checks (lkjip.berkas)."""

from __future__ import annotations

import io
import zipfile

JENIS_OFFICE = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}


def pdf(halaman: int = 1) -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(halaman):
        w.add_blank_page(595, 842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def gambar(format_: str = "PNG", ukuran: tuple[int, int] = (64, 48)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", ukuran, (200, 30, 30)).save(buf, format_)
    return buf.getvalue()


def office(
    jenis: str = "docx", *, isi: dict[str, bytes] | None = None, tipe_utama: str | None = None
) -> bytes:
    """A minimal OOXML package: [Content_Types].xml naming the main part, and that part."""
    bagian, tipe = JENIS_OFFICE[jenis]
    tipe = tipe_utama or tipe
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{bagian}" ContentType="{tipe}"/>'
        "</Types>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr(bagian, "<dokumen>isi</dokumen>")
        for nama, data in (isi or {}).items():
            z.writestr(nama, data)
    return buf.getvalue()


def docx_bom(mb: int = 200) -> bytes:
    """A valid-looking .docx with one highly compressible member that unpacks to ``mb`` MB."""
    buf = io.BytesIO(office("docx"))
    with (
        zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as z,
        z.open("word/media/nol.bin", "w") as f,
    ):
        nol = b"\0" * (1024 * 1024)
        for _ in range(mb):
            f.write(nol)
    return buf.getvalue()
