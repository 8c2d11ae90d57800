"""Profile one page of the synthetic province: where its server time goes, function by function.

Run: ``.venv/bin/python bench/profil.py grid [--kali 10] [--db /tmp/profil.sqlite3] [--ulang 20]``.
PAGE is one of: pemda, dasbor, grid, anggaran, pohon, lkjip. The first run builds the pemda of
``bench/skala.py`` (60 OPD × 50 indicators, or × 500 with ``--kali 10``) into the SQLite file
``--db`` (one file per scale; later runs reuse it, so profiling again takes seconds, not minutes).
It then requests the page as ``skala.py`` does (test client, DEBUG=0), once to warm the template
cache, and ``--ulang`` times under cProfile; it prints the median time, the queries of one
request, and the top functions by cumulative and by own time (``--simpan FILE`` keeps the raw
profile for ``snakeviz`` or ``pstats``). ``--html FILE`` writes the page's HTML, to compare two
versions of the code on the same data.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

HALAMAN = ("pemda", "dasbor", "grid", "anggaran", "pohon", "lkjip")


def _argumen() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("halaman", choices=HALAMAN)
    p.add_argument("--kali", type=int, default=1, help="indikator per OPD = 50 × kali")
    p.add_argument("--opd", type=int, default=60)
    p.add_argument("--indikator", type=int, default=50)
    p.add_argument("--sub", type=int, default=10)
    p.add_argument("--tahun", type=int, default=2025)
    p.add_argument("--db", help="berkas SQLite data sintetis (dibuat bila belum ada)")
    p.add_argument("--ulang", type=int, default=20, help="permintaan yang diprofil")
    p.add_argument("--baris", type=int, default=30, help="fungsi teratas yang dicetak")
    p.add_argument("--simpan", help="simpan profil mentah (pstats) ke berkas ini")
    p.add_argument("--html", help="tulis HTML halaman ke berkas ini")
    p.add_argument("--kueri", action="store_true", help="cetak SQL permintaan pertama")
    p.add_argument("--tanpa-profil", action="store_true", help="hanya waktu dan kueri")
    return p.parse_args()


def main() -> None:
    a = _argumen()
    db = Path(
        a.db or f"/tmp/profil-{a.opd}x{a.indikator * a.kali}x{a.sub}-{a.tahun}.sqlite3"  # noqa: S108
    )
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import skala  # noqa: I001, PLC0415 - first: sets up Django with production settings on the file above

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from lkjip.laporan.models import LaporanKinerja
    from lkjip.models import Pengguna, Peran, PerangkatDaerah

    if not db.exists() or db.stat().st_size == 0 or not PerangkatDaerah.objects.exists():
        mulai = time.perf_counter()
        data = skala.siapkan_pemda(a.opd, a.tahun)
        skala.tambah_anggaran(data, a.tahun, a.sub)
        skala.tambah_indikator(data, a.tahun, 0, a.indikator * a.kali)
        skala.buat_lkjip(data["opd"][0], a.tahun)
        print(f"data dibuat di {db} dalam {time.perf_counter() - mulai:.1f} s", file=sys.stderr)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # the code may have moved on since the file was built

    opd = PerangkatDaerah.objects.order_by("pk").first()
    operator = Pengguna.objects.get(opd=opd, peran=Peran.OPERATOR)
    reviewer = Pengguna.objects.filter(peran=Peran.REVIEWER).first()
    laporan = LaporanKinerja.objects.filter(opd=opd).order_by("pk").first()
    renstra = opd.renstra.order_by("pk").first()
    t = a.tahun
    url, pengguna = {
        "pemda": (f"/dasbor/{t}/", reviewer),
        "dasbor": (f"/opd/{opd.pk}/dasbor/{t}/", operator),
        "grid": (f"/opd/{opd.pk}/realisasi/{t}/4/", operator),
        "anggaran": (f"/opd/{opd.pk}/anggaran/{t}/realisasi/4/", operator),
        "pohon": (f"/opd/{opd.pk}/renstra/{renstra.pk}/", operator),
        "lkjip": (f"/opd/{opd.pk}/lkjip/{laporan.pk}/", operator),
    }[a.halaman]

    statis = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": statis,
        }
    ):
        klien = Client()
        klien.force_login(pengguna)
        connection.queries_log.clear()  # a full log (data just built) would capture nothing
        with CaptureQueriesContext(connection) as q:
            r = klien.get(url)
        kueri = list(q.captured_queries)  # now: a later request empties the connection's log
        if r.status_code != 200:
            sys.exit(f"{url} menjawab {r.status_code}")
        if a.html:
            Path(a.html).write_bytes(r.content)
        waktu = []
        profil = cProfile.Profile()
        for _ in range(a.ulang):
            mulai = time.perf_counter()
            if a.tanpa_profil:
                klien.get(url)
            else:
                profil.runcall(klien.get, url)
            waktu.append(time.perf_counter() - mulai)
    print(
        f"{a.halaman} {url}: median {1000 * statistics.median(waktu):.1f} ms"
        f"{'' if a.tanpa_profil else ' (di bawah cProfile)'}, {len(kueri)} kueri, {len(r.content)} bita"
    )
    if a.kueri:
        for x in kueri:
            print(f"  {x['time']} {x['sql'][:300]}")
    if a.tanpa_profil:
        return
    if a.simpan:
        profil.dump_stats(a.simpan)
    for urut in ("cumulative", "tottime"):
        keluar = io.StringIO()
        pstats.Stats(profil, stream=keluar).strip_dirs().sort_stats(urut).print_stats(a.baris)
        print(keluar.getvalue())


if __name__ == "__main__":
    main()
