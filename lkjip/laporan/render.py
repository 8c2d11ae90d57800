"""Render the assembled LKjIP: HTML (preview) and PDF (WeasyPrint).

The PDF fetches nothing over the network: fonts, CSS and the logo are read from the
project's own files, and any other URL is refused (no SSRF through a pasted image).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT = [
    ("fonts/liberation/LiberationSans-Regular.ttf", "normal", "normal"),
    ("fonts/liberation/LiberationSans-Bold.ttf", "bold", "normal"),
    ("fonts/liberation/LiberationSans-Italic.ttf", "normal", "italic"),
    ("fonts/liberation/LiberationSans-BoldItalic.ttf", "bold", "italic"),
]


def _statis(jalur: str) -> Path:
    hasil = finders.find(jalur)
    if not hasil:
        raise FileNotFoundError(jalur)
    return Path(hasil)


def _folder_aman() -> list[Path]:
    """The only folders a PDF may read files from: the bundled fonts and print CSS, and the pemda
    logos. Not the rest of MEDIA_ROOT: it holds every OPD's evidence uploads."""
    return [
        Path(settings.BASE_DIR / "static" / "fonts").resolve(),
        Path(settings.BASE_DIR / "static" / "laporan").resolve(),
        (Path(settings.MEDIA_ROOT) / "logo").resolve(),
    ]


def _pengambil() -> Any:
    """WeasyPrint's URL fetcher limited to data: URIs and the files of :func:`_folder_aman`."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class PengambilAman(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"})

        def fetch(self, url: str, headers: Any = None) -> Any:
            # Schemes are case-insensitive ("FILE:///etc/passwd" is a file URL too).
            skema = urlparse(url).scheme.lower()
            if skema == "data":
                return super().fetch(url, headers)
            if skema != "file":
                raise ValueError(f"Alamat “{skema}:” tidak diizinkan dalam PDF.")
            jalur = Path(unquote(urlparse(url).path)).resolve()
            if not any(jalur.is_relative_to(f) for f in _folder_aman()):
                raise ValueError(f"Berkas di luar folder aplikasi tidak diizinkan dalam PDF: {jalur}")
            return super().fetch(url, headers)

    return PengambilAman()


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (segno: pure Python)."""
    return segno.make(url, error="m").svg_inline(scale=3, border=1, dark="#000")


def html_dokumen(
    data: dict[str, Any], *, final: bool = False, verifikasi: dict[str, str] | None = None
) -> str:
    """The full HTML the PDF is printed from."""
    fonts = [{"uri": _statis(j).as_uri(), "berat": b, "gaya": g} for j, b, g in FONT]
    logo = data["meta"].get("logo") or ""
    logo_uri = Path(logo).as_uri() if logo and Path(logo).exists() else ""
    return render_to_string(
        "laporan/dokumen.html",
        {
            "data": data,
            "fonts": fonts,
            "css": _statis("laporan/lkjip-cetak.css").read_text(encoding="utf-8"),
            "final": final,
            "verifikasi": verifikasi,
            "qr_svg": qr_svg(verifikasi["url"]) if verifikasi else "",
            "logo_uri": logo_uri,
        },
    )


Kemajuan = Callable[[int, str], None]


@dataclass
class HasilPdf:
    """The PDF, its page count, and where the closing signature block landed."""

    pdf: bytes
    halaman: int
    halaman_ttd: int = -1
    kotak_ttd: tuple[float, float, float, float] | None = None


def pdf_dari_html(html: str, *, kemajuan: Kemajuan | None = None) -> HasilPdf:
    """Layout is the slow part; progress is reported around it."""
    from weasyprint import HTML

    lapor = kemajuan or (lambda persen, tahap: None)
    lapor(35, "Menata halaman (tata letak)")
    dokumen = HTML(string=html, base_url=settings.BASE_DIR.as_uri() + "/", url_fetcher=_pengambil()).render()
    lapor(80, f"Menulis PDF ({len(dokumen.pages)} halaman)")
    buf = io.BytesIO()
    dokumen.write_pdf(target=buf)
    hasil = HasilPdf(pdf=buf.getvalue(), halaman=len(dokumen.pages))
    # The electronic-signature stamp goes under the closing signature block (BAB IV), not on
    # whatever page happens to be last: find the block's anchor and convert CSS px to PDF pt.
    for n, halaman in enumerate(dokumen.pages):
        if "ttd-penutup" in halaman.anchors:
            x1, _y1, x2, y2 = halaman.anchors["ttd-penutup"]
            tinggi_pt = halaman.height * 0.75
            bawah_pt = tinggi_pt - y2 * 0.75  # the block's bottom edge in PDF coordinates
            hasil.halaman_ttd = n
            hasil.kotak_ttd = (x1 * 0.75, max(24.0, bawah_pt - 62), x2 * 0.75, max(80.0, bawah_pt - 6))
            break
    return hasil
