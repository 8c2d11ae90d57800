"""Uploaded files checked for what they claim to be, in one place (issue 12 item 5).

Evidence (bukti dukung), the pemda's logo, Excel workbooks and the PDF on the public
verification page all pass here, whether they come from the browser or from a management
command; a form's ``accept=`` and help text are read from the same :class:`Aturan`.

Reading the first bytes is not enough (a PNG signature followed by a script passed, and so
did a .docx unpacking to 200 MB). So each kind is parsed:

- PDF: opened by pypdf in a separate interpreter with CPU, memory and wall-clock limits, so
  that a hostile file costs one short-lived process, never a server worker (_periksa_pdf.py);
- PNG/JPEG: Pillow reads the header (pixel count bounded before anything is decoded), then
  ``verify()`` (PNG chunk CRCs) and a decode (JPEG at 1/8 scale, cheap); a PNG must end at
  its IEND chunk;
- DOCX/XLSX/PPTX: a zip whose declared unpacked size, member count and compression ratio
  are bounded before anything is unpacked (:func:`buka_zip`, shared with lkjip.excel), whose
  ``[Content_Types].xml`` names the main part of what the extension says, without macros;
- SVG (logo only): well-formed XML (defusedxml: no entities) with no script, no event
  handler and no reference outside the file.

Anything else is refused with a message that says what to do.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from lkjip.angka import bulatkan, format_ringkas, pesan_terlalu_besar

MB = 1024 * 1024
# A zip may not unpack to more than this (lkjip/excel.py's limit since issue 3).
MAKS_BYTE_TERURAI = 100 * MB
MAKS_ANGGOTA_ZIP = 5_000
# Office XML compresses 5-15×; a member beyond this ratio is a bomb, not a document.
MAKS_RASIO_ZIP = 100
RASIO_DIPERIKSA_DARI = 1 * MB  # small members may compress absurdly well and harm nobody
MAKS_CONTENT_TYPES = 1 * MB
MAKS_HALAMAN_PDF = 3_000
MAKS_DETIK_PDF = 10
MAKS_MEMORI_PDF = 1024 * MB  # address space of the checking process
SKRIP_PDF = Path(__file__).with_name("_periksa_pdf.py")
# Pixels in an image header, checked before any decoding (a 1 MB PNG can claim 20 000 × 20 000).
MAKS_PIKSEL = 50_000_000


class BerkasTidakSah(ValueError):
    """The file is not what it claims to be, or too large once unpacked (message for the user)."""


class ZipTerlaluBesar(BerkasTidakSah):
    """A zip that would unpack beyond the bounds (its message names the limit)."""


# =========================================================================== zip


def buka_zip(data: bytes, *, maks_terurai: int = MAKS_BYTE_TERURAI, nama: str = "Berkas") -> zipfile.ZipFile:
    """Open a zip after checking, from its directory alone, that unpacking it stays bounded.

    Declared sizes can be trusted as a bound: Python's zipfile stops reading a member at its
    declared size (and then fails its CRC), so a member that lies unpacks no further.
    """
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        daftar = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BerkasTidakSah(f"{nama} rusak atau bukan berkas zip ({type(exc).__name__}).") from exc
    if len(daftar) > MAKS_ANGGOTA_ZIP:
        raise ZipTerlaluBesar(
            f"{nama} berisi terlalu banyak bagian ({len(daftar)}; paling banyak {MAKS_ANGGOTA_ZIP})."
        )
    terurai = sum(i.file_size for i in daftar)
    if terurai > maks_terurai:
        raise ZipTerlaluBesar(
            f"Isi berkas terlalu besar setelah diurai ({_ukuran(terurai)}; paling besar "
            f"{_ukuran(maks_terurai)}). Kirim berkas yang hanya berisi data yang diperlukan "
            "(mis. kecilkan gambar di dalamnya)."
        )
    for i in daftar:
        if i.file_size > RASIO_DIPERIKSA_DARI and i.file_size > MAKS_RASIO_ZIP * max(i.compress_size, 1):
            raise ZipTerlaluBesar(
                f"Isi berkas terlalu besar setelah diurai: bagian “{i.filename}” dimampatkan lebih dari "
                f"{MAKS_RASIO_ZIP} kali. Berkas seperti ini bukan dokumen biasa; simpan ulang dari aplikasinya."
            )
    return z


# =========================================================================== kinds


@dataclass(frozen=True)
class Jenis:
    """One kind of file: its extensions, the MIME type it is served with, and its check."""

    nama: str  # as the user knows it, in messages: "PDF", "dokumen Word (.docx)"
    ekstensi: tuple[str, ...]
    tipe: str
    simpan_ulang: str  # what to do when the file is not a whole one of these
    periksa: Callable[[bytes, Jenis, Aturan], None]

    def rusak(self, alasan: str = "") -> BerkasTidakSah:
        tambahan = f" ({alasan})" if alasan else ""
        return BerkasTidakSah(
            f"Berkas ini bukan {self.nama} yang utuh{tambahan}; {self.simpan_ulang} lalu unggah lagi."
        )


_PESAN_PDF = {
    "bukan_pdf": "",
    "rusak": "",
    "tanpa_halaman": "tidak ada halamannya",
    "bersandi": "dikunci dengan sandi",
}


def _periksa_pdf(data: bytes, jenis: Jenis, aturan: Aturan) -> None:
    if b"%PDF-" not in data[:1024]:  # where the specification allows the header
        raise jenis.rusak()
    batas = [str(aturan.maks_halaman), str(MAKS_DETIK_PDF), str(MAKS_MEMORI_PDF)]
    try:
        proses = subprocess.run(  # noqa: S603 - our own script, fixed arguments, no shell
            [sys.executable, "-I", str(SKRIP_PDF), *batas],
            input=data,
            capture_output=True,
            timeout=MAKS_DETIK_PDF + 1,
            check=False,
        )
        hasil = json.loads(proses.stdout or b"{}")
    except subprocess.TimeoutExpired as exc:
        raise BerkasTidakSah(
            f"PDF ini tidak selesai diperiksa dalam {MAKS_DETIK_PDF} detik; simpan ulang sebagai PDF "
            "(mis. “Cetak → Simpan sebagai PDF”) lalu unggah lagi."
        ) from exc
    except ValueError:
        hasil = {}
    if "galat" not in hasil and "halaman" in hasil:
        return
    galat = hasil.get("galat", "rusak")  # no answer: the process was killed at a limit
    if galat == "terlalu_banyak_halaman":
        raise BerkasTidakSah(
            f"PDF ini berisi {hasil['halaman']} halaman; paling banyak {aturan.maks_halaman}. "
            "Unggah bagian yang diperlukan saja."
        )
    raise jenis.rusak(_PESAN_PDF.get(galat, ""))


_FORMAT_PILLOW = {"PNG": "gambar PNG", "JPEG": "gambar JPEG", "GIF": "gambar GIF", "WEBP": "gambar WebP"}
_AKHIR_PNG = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _periksa_gambar(data: bytes, jenis: Jenis, aturan: Aturan) -> None:
    from PIL import Image, UnidentifiedImageError

    harapan = "PNG" if ".png" in jenis.ekstensi else "JPEG"
    try:
        gambar = Image.open(io.BytesIO(data), formats=None)
        format_, (lebar, tinggi) = gambar.format, gambar.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise jenis.rusak() from exc
    if format_ != harapan:
        isi = _FORMAT_PILLOW.get(format_ or "", "gambar lain")
        raise BerkasTidakSah(
            f"Berkas ini berakhiran {jenis.ekstensi[0]} tetapi isinya {isi}; simpan ulang sebagai "
            f"{jenis.ekstensi[0].lstrip('.').upper()} lalu unggah lagi."
        )
    if lebar * tinggi > aturan.maks_piksel:
        raise BerkasTidakSah(
            f"Gambar terlalu besar ({lebar} × {tinggi} piksel; paling banyak "
            f"{aturan.maks_piksel / 1_000_000:.0f} juta piksel). Perkecil ukurannya lalu unggah lagi."
        )
    if harapan == "PNG" and not data.endswith(_AKHIR_PNG):
        # Nothing may follow the IEND chunk: that is where a script rides along.
        raise jenis.rusak("ada data lain sesudah akhir gambar")
    if harapan == "JPEG" and not _jpeg_berakhir(data):
        # Checked by hand: WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
        # after which Pillow decodes a truncated JPEG without complaint.
        raise jenis.rusak("gambarnya terpotong")
    try:
        gambar.verify()
        gambar = Image.open(io.BytesIO(data))
        if harapan == "JPEG":
            gambar.draft("RGB", (max(lebar // 8, 1), max(tinggi // 8, 1)))  # decode every block, cheaply
        gambar.load()
    except Exception as exc:  # noqa: BLE001 - a broken image may fail anywhere inside the decoder
        raise jenis.rusak() from exc


def _jpeg_berakhir(data: bytes) -> bool:
    """Does the JPEG's image data reach its end-of-image marker? Walks the marker segments up
    to the first scan (skipping APP segments, whose EXIF thumbnail has markers of its own),
    then looks for EOI: inside entropy-coded data 0xFF is always stuffed, so EOI there is real.
    Bytes after EOI are allowed (phones append motion-photo data)."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return False
        penanda = data[i + 1]
        if penanda == 0xFF:  # fill byte
            i += 1
            continue
        if penanda == 0xDA:  # start of scan: the rest is image data
            return b"\xff\xd9" in data[i + 2 :]
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return False


# The content type of the main part of each OOXML document: its extension's, nothing else
# (a macro-enabled .docm renamed .docx names a different one and is refused).
_TIPE_UTAMA_OFFICE = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
_NS_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _periksa_office(data: bytes, jenis: Jenis, aturan: Aturan) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise jenis.rusak(
            "mungkin dikunci dengan sandi atau berformat lama" if data[:4] == b"\xd0\xcf\x11\xe0" else ""
        )
    try:
        z = buka_zip(data, maks_terurai=aturan.maks_terurai)
    except ZipTerlaluBesar:
        raise
    except BerkasTidakSah as exc:
        raise jenis.rusak() from exc
    with z:
        try:
            info = z.getinfo("[Content_Types].xml")
            if info.file_size > MAKS_CONTENT_TYPES:
                raise jenis.rusak()
            akar = ElementTree.fromstring(z.read(info))
        except (
            KeyError,
            zipfile.BadZipFile,
            OSError,
            EOFError,
            DefusedXmlException,
            ElementTree.ParseError,
        ) as exc:
            raise jenis.rusak() from exc
        bagian = {
            (e.get("PartName") or "").lstrip("/"): e.get("ContentType") or ""
            for e in akar.iter(f"{_NS_CONTENT_TYPES}Override")
        }
        semua_tipe = [
            *bagian.values(),
            *(e.get("ContentType") or "" for e in akar.iter(f"{_NS_CONTENT_TYPES}Default")),
        ]
        if any("vbaProject" in t or "macroEnabled" in t for t in semua_tipe):
            raise BerkasTidakSah(
                f"Berkas ini berisi makro; simpan ulang sebagai {jenis.nama} biasa (tanpa makro) lalu unggah lagi."
            )
        ekstensi = jenis.ekstensi[0]
        utama = [nama for nama, tipe in bagian.items() if tipe == _TIPE_UTAMA_OFFICE[ekstensi]]
        if not utama or not all(n in z.NameToInfo for n in utama):
            lain = next((e for e, t in _TIPE_UTAMA_OFFICE.items() if t in bagian.values()), None)
            if lain:
                raise BerkasTidakSah(
                    f"Berkas ini berakhiran {ekstensi} tetapi isinya {JENIS[lain].nama}; ubah akhiran namanya "
                    f"menjadi {lain} atau simpan ulang sebagai {jenis.nama}, lalu unggah lagi."
                )
            raise jenis.rusak()


_NS_SVG = "{http://www.w3.org/2000/svg}"
_TAG_SVG_TERLARANG = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}


def _periksa_svg(data: bytes, jenis: Jenis, aturan: Aturan) -> None:
    try:
        akar = ElementTree.fromstring(data)
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as exc:
        raise jenis.rusak() from exc
    if akar.tag not in (f"{_NS_SVG}svg", "svg"):
        raise jenis.rusak()
    for e in akar.iter():
        nama = e.tag.rsplit("}", 1)[-1].lower() if isinstance(e.tag, str) else ""
        if nama in _TAG_SVG_TERLARANG:
            raise BerkasTidakSah(
                f"Logo SVG ini memuat unsur <{nama}> yang tidak diizinkan; simpan ulang sebagai PNG lalu unggah lagi."
            )
        for atribut, nilai in e.attrib.items():
            lokal = atribut.rsplit("}", 1)[-1].lower()
            nilai = nilai.strip().lower()
            if lokal.startswith("on") or (
                lokal == "href" and not (nilai.startswith("#") or nilai.startswith("data:image/"))
            ):
                raise BerkasTidakSah(
                    f"Logo SVG ini memuat skrip atau tautan ke berkas lain ({lokal}); simpan ulang sebagai PNG "
                    "lalu unggah lagi."
                )
            if "url(" in nilai and "url(#" not in nilai.replace(" ", ""):
                raise BerkasTidakSah(
                    "Logo SVG ini memuat tautan ke berkas lain; simpan ulang sebagai PNG lalu unggah lagi."
                )


_DAFTAR_JENIS = [
    Jenis("PDF", (".pdf",), "application/pdf", "simpan ulang sebagai PDF", _periksa_pdf),
    Jenis("gambar JPEG", (".jpg", ".jpeg"), "image/jpeg", "simpan ulang sebagai JPG", _periksa_gambar),
    Jenis("gambar PNG", (".png",), "image/png", "simpan ulang sebagai PNG", _periksa_gambar),
    Jenis(
        "dokumen Word (.docx)",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "simpan ulang dari Word sebagai “Dokumen Word (.docx)”",
        _periksa_office,
    ),
    Jenis(
        "workbook Excel (.xlsx)",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "simpan ulang dari Excel sebagai “Excel Workbook (.xlsx)”",
        _periksa_office,
    ),
    Jenis(
        "presentasi PowerPoint (.pptx)",
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "simpan ulang dari PowerPoint sebagai “Presentasi PowerPoint (.pptx)”",
        _periksa_office,
    ),
    Jenis("gambar SVG", (".svg",), "image/svg+xml", "simpan ulang sebagai SVG biasa atau PNG", _periksa_svg),
]
JENIS: dict[str, Jenis] = {e: j for j in _DAFTAR_JENIS for e in j.ekstensi}


# =========================================================================== rules per upload


@dataclass(frozen=True)
class Aturan:
    """What one upload accepts. The form's ``accept=`` and help text come from here too, so the
    browser and the server (and the management commands) state the same limits."""

    ekstensi: tuple[str, ...]
    maks_byte: int
    maks_piksel: int = MAKS_PIKSEL
    maks_halaman: int = MAKS_HALAMAN_PDF
    maks_terurai: int = MAKS_BYTE_TERURAI

    @property
    def accept(self) -> str:
        return ",".join(self.ekstensi)

    @property
    def daftar_jenis(self) -> str:
        """``PDF, JPG, PNG, XLSX, DOCX atau PPTX``."""
        nama = list(dict.fromkeys(e.lstrip(".").upper().replace("JPEG", "JPG") for e in self.ekstensi))
        return nama[0] if len(nama) == 1 else ", ".join(nama[:-1]) + " atau " + nama[-1]

    @property
    def bantuan(self) -> str:
        return f"{self.daftar_jenis}; paling besar {_ukuran(self.maks_byte)}."


def _ukuran(n: int) -> str:
    """``"5 MB"``, ``"2,5 MB"``, ``"300 KB"``: sizes the Indonesian way (decimal comma)."""
    if n >= MB:
        return f"{format_ringkas(bulatkan(Decimal(n) / MB, tempat=1))} MB"
    return f"{format_ringkas(Decimal(n) / 1024, maks=0)} KB"


BUKTI = Aturan(ekstensi=(".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".docx", ".pptx"), maks_byte=10 * MB)
# The logo is drawn by WeasyPrint on every cover: few pixels, small file.
LOGO = Aturan(ekstensi=(".png", ".jpg", ".jpeg", ".svg"), maks_byte=1 * MB, maks_piksel=16_000_000)
PDF_VERIFIKASI = Aturan(ekstensi=(".pdf",), maks_byte=30 * MB)


def periksa(data: bytes | IO[bytes], *, nama: str, aturan: Aturan) -> str:
    """The MIME type of an acceptable file, or :class:`BerkasTidakSah` saying what to do.

    ``data``: the bytes, or a file object (read whole, then rewound; its size is checked
    against ``aturan.maks_byte`` before reading when it has one).
    """
    ekstensi = os.path.splitext(nama or "")[1].lower()
    if ekstensi not in aturan.ekstensi:
        raise BerkasTidakSah(
            f"Jenis berkas {ekstensi or '(tanpa ekstensi)'} tidak diterima. Gunakan {aturan.daftar_jenis}."
        )
    ukuran = len(data) if isinstance(data, bytes) else getattr(data, "size", None)
    if ukuran is not None and ukuran > aturan.maks_byte:
        raise BerkasTidakSah(_pesan_besar(ukuran, aturan.maks_byte))
    if not isinstance(data, bytes):
        data.seek(0)
        isi = data.read(aturan.maks_byte + 1)
        data.seek(0)
        if len(isi) > aturan.maks_byte:
            raise BerkasTidakSah(_pesan_besar(len(isi), aturan.maks_byte))
    else:
        isi = data
    if not isi:
        raise BerkasTidakSah("Berkas ini kosong (0 byte); pilih berkas yang benar lalu unggah lagi.")
    jenis = JENIS[ekstensi]
    jenis.periksa(isi, jenis, aturan)
    return jenis.tipe


def _pesan_besar(ukuran: int, batas: int) -> str:
    if batas >= MB:
        return pesan_terlalu_besar(ukuran, batas)
    return f"Berkas terlalu besar ({_ukuran(ukuran)}); paling besar {_ukuran(batas)}."
