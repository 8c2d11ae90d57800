"""Child process of lkjip.berkas: does a PDF on stdin open as a PDF? (issue 12 item 5).

Run as a script in a separate, resource-limited interpreter so that a hostile PDF that makes
the parser loop or allocate without end costs one short-lived process, never a server
worker. Imports nothing of the project or of Django. Prints one JSON object:
``{"halaman": n}`` when the file opens, ``{"galat": code}`` otherwise.

Usage: ``python -I _periksa_pdf.py MAKS_HALAMAN MAKS_DETIK MAKS_MEMORI_BYTE < berkas.pdf``
"""

from __future__ import annotations

import io
import json
import logging
import resource
import sys
import warnings


def periksa(data: bytes, *, maks_halaman: int) -> dict[str, object]:
    from pypdf import PasswordType, PdfReader

    if b"%PDF-" not in data[:1024]:  # where the specification allows the header
        return {"galat": "bukan_pdf"}
    # Lenient like the readers people use (minor producer faults pass), but the file must
    # have a readable trailer and every page must resolve: a truncated file fails here.
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        return {"galat": "bersandi"}
    jumlah = len(reader.pages)
    if jumlah == 0:
        return {"galat": "tanpa_halaman"}
    if jumlah > maks_halaman:
        return {"galat": "terlalu_banyak_halaman", "halaman": jumlah}
    for halaman in reader.pages:
        halaman.mediabox  # noqa: B018 - resolves the page's inherited attributes
        isi = halaman.get("/Contents")
        if isi is not None:
            isi.get_object()
    return {"halaman": jumlah}


def main() -> None:
    maks_halaman, maks_detik, maks_memori = (int(a) for a in sys.argv[1:4])
    resource.setrlimit(resource.RLIMIT_CPU, (maks_detik, maks_detik))
    resource.setrlimit(resource.RLIMIT_AS, (maks_memori, maks_memori))
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    data = sys.stdin.buffer.read()
    try:
        hasil = periksa(data, maks_halaman=maks_halaman)
    except Exception:  # noqa: BLE001 - any parser failure means "not a whole PDF"
        hasil = {"galat": "rusak"}
    sys.stdout.write(json.dumps(hasil))


if __name__ == "__main__":
    main()
