"""How long the demo LKjIP 2021 of Dinas Sosial Kutai Kartanegara takes to become a PDF, and our
overhead over WeasyPrint alone rendering the very same HTML.

Run: .venv/bin/python bench/lkjip_pdf.py   (throw-away SQLite database with the demo data, or
DATABASE_URL). Prints pages, seconds per step (best of 3) and the ratio. "Ours" is everything a
user waits for: assembling the figures from the database, the HTML, WeasyPrint's layout and
writing, and finding where the signature stamp goes; signing is timed apart.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

ULANG = 3


def terbaik(fungsi, ulang: int = ULANG):  # noqa: ANN001, ANN201
    waktu, hasil = [], None
    for _ in range(ulang):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - mulai)
    return min(waktu), hasil


def main() -> None:
    from weasyprint import HTML

    from lkjip.laporan import services
    from lkjip.laporan.models import LaporanKinerja
    from lkjip.laporan.rakit import rakit_lkjip
    from lkjip.laporan.render import html_dokumen, pdf_dari_html
    from lkjip.laporan.sertifikat import buat_demo, pasang
    from lkjip.laporan.tandatangan import penandatangan_untuk
    from lkjip.models import Pengguna, PerangkatDaerah

    call_command("migrate", verbosity=0)
    call_command("muat_demo", verbosity=0, stdout=io.StringIO())
    opd = PerangkatDaerah.objects.get(pk=1)
    laporan = LaporanKinerja.objects.filter(opd=opd, tahun=2021, triwulan=None).order_by("-versi").first()
    if laporan is None:
        laporan = services.laporan_buat(
            opd=opd, tahun=2021, triwulan=None, pengguna=Pengguna.objects.get(username="operator.dinsos")
        )

    def ours():  # noqa: ANN202
        return pdf_dari_html(html_dokumen(rakit_lkjip(LaporanKinerja.objects.get(pk=laporan.pk))))

    t_rakit, data = terbaik(lambda: rakit_lkjip(LaporanKinerja.objects.get(pk=laporan.pk)))
    t_html, html = terbaik(lambda: html_dokumen(data))
    t_kita, hasil = terbaik(ours)
    base = settings.BASE_DIR.as_uri() + "/"

    def weasy():  # noqa: ANN202 - what HTML(...).write_pdf() does, keeping the page count
        dokumen = HTML(string=html, base_url=base).render()
        return len(dokumen.pages), dokumen.write_pdf()

    t_weasy, (halaman_weasy, _) = terbaik(weasy)

    if not hasattr(opd, "sertifikat"):
        p12, sandi, ca = buat_demo(opd=opd, nama_kepala="Kepala Dinas Sosial")
        pasang(opd=opd, p12=p12, sandi=sandi, ca_pem=ca)
    penandatangan = penandatangan_untuk(opd.pk)
    t_ttd, _ = terbaik(
        lambda: penandatangan.tandatangani(
            hasil.pdf,
            alasan="Bench",
            lokasi="Tenggarong",
            nama_penanda_tangan="Kepala",
            halaman=hasil.halaman_ttd,
            kotak=hasil.kotak_ttd,
        )
    )

    print(f"LKjIP {laporan.tahun} {opd.nama}")
    print(f"  halaman                    : {hasil.halaman} (WeasyPrint saja: {halaman_weasy})")
    print(f"  ukuran PDF                 : {len(hasil.pdf) / 1024:.0f} KiB")
    print(f"  rakit data (DB → JSON)     : {t_rakit:.3f} s")
    print(f"  HTML dari template         : {t_html:.3f} s")
    print(f"  kita, total (rakit+HTML+PDF): {t_kita:.3f} s")
    print(f"  WeasyPrint saja, HTML sama : {t_weasy:.3f} s")
    rasio = t_kita / t_weasy
    print(f"  rasio kita / WeasyPrint    : {rasio:.2f}  (overhead {100 * (rasio - 1):.1f} %, batas 30 %)")
    print(f"  tanda tangan PAdES         : {t_ttd:.3f} s")
    print(f"  per halaman (kita)         : {1000 * t_kita / hasil.halaman:.0f} ms")


if __name__ == "__main__":
    main()
