"""Lay out one piece of the LKjIP with WeasyPrint and write it as a PDF: the work a render child does.

No Django here (no settings, no database): render.py cuts the document into pieces in the parent
and hands each piece over as a string to a child started as ``python -m lkjip.laporan.render_anak``
(a fresh interpreter that imports WeasyPrint, about 0,65 s, and holds nothing but its pieces).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.logger import LOGGER
from weasyprint.urls import URLFetcher


class PengambilAman(URLFetcher):
    """WeasyPrint's URL fetcher limited to data: URIs and the files of the given folders."""

    def __init__(self, folder: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.folder = [Path(f).resolve() for f in folder]

    def fetch(self, url: str, headers: Any = None) -> Any:
        # Schemes are case-insensitive ("FILE:///etc/passwd" is a file URL too).
        skema = urlparse(url).scheme.lower()
        if skema == "data":
            return super().fetch(url, headers)
        if skema != "file":
            raise ValueError(f"Alamat “{skema}:” tidak diizinkan dalam PDF.")
        jalur = Path(unquote(urlparse(url).path)).resolve()
        if not any(jalur.is_relative_to(f) for f in self.folder):
            raise ValueError(f"Berkas di luar folder aplikasi tidak diizinkan dalam PDF: {jalur}")
        return super().fetch(url, headers)


class _TanpaJangkarLuar(logging.Filter):
    """Silences WeasyPrint's warning about a link whose anchor is in another piece of the report
    (the link is put back when the pieces are joined); any other missing anchor is still logged."""

    def __init__(self, luar: set[str]) -> None:
        super().__init__()
        self.luar = luar

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.msg == "No anchor #%s for internal URI reference" and record.args[0] in self.luar)


def tata_letak(
    html: str, base_url: str, folder: list[str], luar: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Lay out ``html`` and write it. Returns the PDF and, per page, what joining the pieces needs
    (plain values only, so it crosses a process boundary): size and page type in CSS px, anchors,
    bookmarks, and the internal links (those whose anchor lies in another piece are dropped by
    WeasyPrint and put back when the pieces are joined)."""
    mulai = time.process_time()
    dokumen = HTML(
        string=html, base_url=base_url, url_fetcher=PengambilAman([Path(f) for f in folder])
    ).render()
    halaman = [
        {
            "lebar": h.width,
            "tinggi": h.height,
            "jenis": h._page_box.page_type.name or "",
            "jangkar": {nama: tuple(letak) for nama, letak in h.anchors.items()},
            "penanda": [
                (tingkat, label, tuple(titik), keadaan) for tingkat, label, titik, keadaan in h.bookmarks
            ],
            "tautan": [
                (sasaran, tuple(kotak)) for jenis, sasaran, kotak, _ in h.links if jenis == "internal"
            ],
        }
        for h in dokumen.pages
    ]
    penyaring = _TanpaJangkarLuar(set(luar))
    LOGGER.addFilter(penyaring)
    try:
        pdf = dokumen.write_pdf()
    finally:
        LOGGER.removeFilter(penyaring)
    return {"pdf": pdf, "halaman": halaman, "cpu": time.process_time() - mulai}


class _Catat(logging.Handler):
    """Keeps WeasyPrint's warnings and errors in a child, for the parent to log as its own."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.catatan: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.catatan.append((record.levelno, record.getMessage()))


def main() -> None:
    """A render child: reads pickled ``(html, base_url, folder, luar)`` jobs (the arguments of :func:`tata_letak`) from stdin until it closes and
    answers each on stdout with ``("ok", result)`` or ``("galat", traceback)``. Only its parent,
    render.py, writes to its stdin."""
    import pickle
    import sys
    import traceback

    masuk, keluar = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answer stream
    while True:
        try:
            tugas = pickle.load(masuk)  # noqa: S301 - only the parent writes to our stdin
        except EOFError:
            return
        catat = _Catat()
        LOGGER.addHandler(catat)
        try:
            jawaban = ("ok", {**tata_letak(*tugas), "catatan": catat.catatan})
        except Exception:  # noqa: BLE001 - the parent raises it with the child's traceback
            jawaban = ("galat", traceback.format_exc())
        finally:
            LOGGER.removeHandler(catat)
        pickle.dump(jawaban, keluar, protocol=pickle.HIGHEST_PROTOCOL)
        keluar.flush()


if __name__ == "__main__":
    main()
