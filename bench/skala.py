"""How the main pages scale with a province-sized pemda: server time and queries per page.

Run: ``make skala`` (or ``.venv/bin/python bench/skala.py [--opd 60 --indikator 50 --sub 10
--ulang 7 --kali 10 --pdf]``). It
1. builds a synthetic pemda in a throw-away database (SQLite in a temporary folder, or the EMPTY
   PostgreSQL database named by DATABASE_URL; it refuses one that holds data): N OPDs, each with a
   Renstra of M sasaran indicators (Renstra targets for five years, a PK, quarterly targets and
   realisasi for all four quarters) and K sub-kegiatan with a budget line and four quarters of
   budget realisasi, plus one operator per OPD, a reviewer, and the OPD's annual LKjIP made by the
   product's own service (``laporan_buat``). Rows go in through the models' audited bulk helper
   (``lkjip.audit.buat_massal``), so every row has its audit entry as in production;
2. requests each main page in-process with Django's test client under production settings
   (DEBUG=0): the pemda overview as the reviewer, the OPD pages as the OPD's operator. One request
   counts the queries and warms the template cache, then ``--ulang`` timed requests give the
   median and p95 server time;
3. with ``--kali 10``, adds indicators to every OPD until each has 10 × M and measures again;
4. with ``--pdf``, renders the measured OPD's LKjIP to PDF once per scale in a child process:
   pages, seconds, the child's peak resident memory (and, printed apart, the peak of the largest
   layout process that render started).
Exit status 1 when a page does not answer 200.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
FOLDER = Path(tempfile.mkdtemp(prefix="skala-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{FOLDER}/skala.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
# Production settings (DEBUG off: no debug toolbar-like costs, templates cached), reached over the
# test client: no TLS redirect, no secure-only cookies.
os.environ.update(
    {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "COOKIE_SECURE": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "MEDIA_ROOT": str(FOLDER / "media"),
    }
)

import warnings  # noqa: E402

import django  # noqa: E402

# WhiteNoise warns that STATIC_ROOT is empty: no collectstatic here, static files are not timed.
warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")

django.setup()

from django.db import connection  # noqa: E402

TRIWULAN = (1, 2, 3, 4)
SASARAN_PER_OPD = 5
PROGRAM_PER_OPD = 2
KEGIATAN_PER_PROGRAM = 2


def siapkan_pemda(jumlah_opd: int, tahun: int) -> dict:
    """Migrate, refuse a database with data, create the pemda, its OPDs, Renstra skeletons and users."""
    from django.core.management import call_command

    from lkjip import audit
    from lkjip.models import Pemda, Pengguna, Peran, PerangkatDaerah
    from pelaporan.models import PerjanjianKinerja
    from renstra.models import Renstra, Sasaran, Tujuan

    call_command("migrate", verbosity=0)
    if Pemda.objects.exists():
        sys.exit(
            "Basis data ini sudah berisi data: skala hanya berjalan pada basis data kosong (sekali pakai)."
        )
    with audit.oleh(None, keterangan="Data sintetis uji skala"):
        pemda = Pemda.objects.create(
            nama="Provinsi Uji Skala",
            nama_singkat="Uji Skala",
            ibu_kota="Kota Uji",
            kepala_daerah="Gubernur Uji",
        )
        reviewer = Pengguna.objects.create(
            username="reviewer.skala", nama="Reviewer Skala", peran=Peran.REVIEWER, pemda=pemda
        )
        opd_list = []
        for n in range(jumlah_opd):
            opd = PerangkatDaerah.objects.create(
                pemda=pemda, nama=f"Dinas Uji Skala {n + 1:03}", singkatan=f"US{n + 1:03}", kode_urusan="5.01"
            )
            operator = Pengguna.objects.create(
                username=f"operator.us{n + 1:03}",
                nama=f"Operator US{n + 1:03}",
                peran=Peran.OPERATOR,
                pemda=pemda,
                opd=opd,
            )
            renstra = Renstra.objects.create(opd=opd, tahun_awal=tahun - 1, tahun_akhir=tahun + 3)
            tujuan = Tujuan.objects.create(renstra=renstra, kode="T1", uraian="Meningkatnya kinerja layanan")
            sasaran = audit.buat_massal(
                [
                    Sasaran(
                        renstra=renstra,
                        tujuan=tujuan,
                        kode=f"S{s + 1}",
                        uraian=f"Sasaran uji {s + 1}",
                        urutan=s,
                    )
                    for s in range(SASARAN_PER_OPD)
                ]
            )
            pk = PerjanjianKinerja.objects.create(
                opd=opd, tahun=tahun, jenjang="kepala", pihak_kedua_nama="Gubernur Uji"
            )
            opd_list.append(
                {"opd": opd, "operator": operator, "renstra": renstra, "sasaran": sasaran, "pk": pk}
            )
    return {"pemda": pemda, "reviewer": reviewer, "opd": opd_list}


def tambah_indikator(data: dict, tahun: int, dari: int, sampai: int) -> None:
    """Indicators ``dari``..``sampai``-1 of every OPD with their targets, PK rows and realisasi."""
    from lkjip import audit
    from pelaporan.models import ButirPK, Realisasi, TargetTriwulan
    from renstra.models import Indikator, TargetIndikator

    with audit.oleh(None, keterangan="Data sintetis uji skala"):
        for d in data["opd"]:
            opd = d["opd"]
            indikator = audit.buat_massal(
                [
                    Indikator(
                        renstra=d["renstra"],
                        sasaran=d["sasaran"][i % SASARAN_PER_OPD],
                        nama=f"Jumlah layanan uji {i + 1}",
                        satuan="layanan",
                        akumulasi="kumulatif",
                        arah="negatif" if i % 10 == 9 else "positif",
                        iku=i % 5 == 0,
                        urutan=i,
                    )
                    for i in range(dari, sampai)
                ]
            )
            audit.buat_massal(
                [
                    TargetIndikator(renstra=d["renstra"], indikator=ind, tahun=t, nilai=Decimal(4000))
                    for ind in indikator
                    for t in range(tahun - 1, tahun + 4)
                ]
            )
            audit.buat_massal(
                [
                    ButirPK(perjanjian=d["pk"], indikator=ind, target=Decimal(4000), urutan=dari + u)
                    for u, ind in enumerate(indikator)
                ]
            )
            audit.buat_massal(
                [
                    TargetTriwulan(opd=opd, indikator=ind, tahun=tahun, triwulan=tw, nilai=Decimal(1000 * tw))
                    for ind in indikator
                    for tw in TRIWULAN
                ]
            )
            # capaian spread between ~60 % and ~130 %, so every band of the scale shows up
            audit.buat_massal(
                [
                    Realisasi(
                        opd=opd,
                        indikator=ind,
                        tahun=tahun,
                        triwulan=tw,
                        nilai=Decimal(1000 * tw) * Decimal(60 + (dari + u) * 7 % 71) / 100,
                    )
                    for u, ind in enumerate(indikator)
                    for tw in TRIWULAN
                ]
            )


def tambah_anggaran(data: dict, tahun: int, jumlah_sub: int) -> None:
    """Programs, kegiatan and ``jumlah_sub`` sub-kegiatan per OPD, each with a budget line and four
    quarters of spending."""
    from lkjip import audit
    from pelaporan.models import Anggaran, RealisasiAnggaran
    from renstra.models import Kegiatan, PemetaanProgram, Program, SubKegiatan

    with audit.oleh(None, keterangan="Data sintetis uji skala"):
        for d in data["opd"]:
            renstra = d["renstra"]
            program = audit.buat_massal(
                [
                    Program(
                        renstra=renstra,
                        kode=f"5.01.{p + 2:02}",
                        kode_tampil=f"5.01.{p + 2:02}",
                        nama=f"Program uji {p + 1}",
                        urutan=p,
                    )
                    for p in range(PROGRAM_PER_OPD)
                ]
            )
            audit.buat_massal(
                [
                    PemetaanProgram(renstra=renstra, sasaran=d["sasaran"][p % SASARAN_PER_OPD], program=prog)
                    for p, prog in enumerate(program)
                ]
            )
            kegiatan = audit.buat_massal(
                [
                    Kegiatan(
                        renstra=renstra,
                        program=prog,
                        kode=f"{prog.kode}.2.{k + 1:02}",
                        kode_tampil=f"{prog.kode}.2.{k + 1:02}",
                        nama=f"Kegiatan uji {p + 1}.{k + 1}",
                        urutan=k,
                    )
                    for p, prog in enumerate(program)
                    for k in range(KEGIATAN_PER_PROGRAM)
                ]
            )
            sub = audit.buat_massal(
                [
                    SubKegiatan(
                        renstra=renstra,
                        kegiatan=kegiatan[s % len(kegiatan)],
                        kode=f"{kegiatan[s % len(kegiatan)].kode}.{s + 1:04}",
                        kode_tampil=f"{kegiatan[s % len(kegiatan)].kode}.{s + 1:04}",
                        nama=f"Sub-kegiatan uji {s + 1}",
                        urutan=s,
                    )
                    for s in range(jumlah_sub)
                ]
            )
            anggaran = audit.buat_massal(
                [
                    Anggaran(
                        opd=d["opd"],
                        tahun=tahun,
                        sub_kegiatan=sk,
                        pagu_murni=Decimal(100_000_000 + s * 1_000_000),
                    )
                    for s, sk in enumerate(sub)
                ]
            )
            audit.buat_massal(
                [
                    RealisasiAnggaran(anggaran=a, triwulan=tw, jumlah=a.pagu_murni * Decimal("0.2"))
                    for a in anggaran
                    for tw in TRIWULAN
                ]
            )


def buat_lkjip(d: dict, tahun: int):  # noqa: ANN201
    from lkjip import audit
    from lkjip.laporan import services

    with audit.oleh(d["operator"]):
        return services.laporan_buat(opd=d["opd"], tahun=tahun, triwulan=None, pengguna=d["operator"])


def ukur(halaman: list[tuple[str, str, object]], ulang: int) -> list[dict]:
    """Per page: time and queries of the first request (cold: the pemda overview computes and
    stores every OPD's summary, as after a write to each), queries of a second one, then median
    and p95 of ``ulang`` timed requests."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    hasil = []
    for nama, url, pengguna in halaman:
        klien = Client()
        klien.force_login(pengguna)
        with CaptureQueriesContext(connection) as q:
            mulai = time.perf_counter()
            r = klien.get(url)
            dingin = time.perf_counter() - mulai
        kueri_dingin = len(q)  # now: every later request empties the connection's log
        if r.status_code != 200:
            sys.exit(f"{nama}: {url} menjawab {r.status_code}")
        with CaptureQueriesContext(connection) as q:
            klien.get(url)
        kueri = len(q)
        waktu = []
        for _ in range(ulang):
            mulai = time.perf_counter()
            klien.get(url)
            waktu.append(time.perf_counter() - mulai)
        waktu.sort()
        p95 = waktu[min(len(waktu) - 1, round(0.95 * (len(waktu) - 1)))]
        hasil.append(
            {
                "nama": nama,
                "median": statistics.median(waktu),
                "p95": p95,
                "kueri": kueri,
                "dingin": dingin,
                "kueri_dingin": kueri_dingin,
            }
        )
    return hasil


def _render_anak(laporan_pk: int, antrean: multiprocessing.Queue) -> None:
    from lkjip.laporan.models import LaporanKinerja
    from lkjip.laporan.rakit import rakit_lkjip
    from lkjip.laporan.render import html_dokumen, pdf_dari_html

    mulai = time.perf_counter()
    hasil = pdf_dari_html(html_dokumen(rakit_lkjip(LaporanKinerja.objects.get(pk=laporan_pk))))
    detik = time.perf_counter() - mulai
    puncak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    # the layout processes this render started (LKJIP_RENDER_PROSES at once): the largest one's peak
    anak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    antrean.put((hasil.halaman, detik, puncak, anak))


def ukur_pdf(laporan_pk: int) -> tuple[int, float, float]:
    """Pages, seconds, peak MiB of one render in a forked child (its own peak, not ours)."""
    connection.close()  # the child opens its own
    antrean: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    anak = multiprocessing.get_context("fork").Process(target=_render_anak, args=(laporan_pk, antrean))
    anak.start()
    halaman, detik, puncak, tata_letak = antrean.get()
    anak.join()
    print(
        f"  PDF {halaman} halaman: proses tata letak terbesar {tata_letak:.0f} MiB (di luar puncak di bawah)"
    )
    return halaman, detik, puncak


def main() -> None:
    from django.test.utils import override_settings

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--opd", type=int, default=60, help="jumlah OPD (N)")
    p.add_argument("--indikator", type=int, default=50, help="indikator per OPD (M)")
    p.add_argument("--sub", type=int, default=10, help="sub-kegiatan beranggaran per OPD (K)")
    p.add_argument("--ulang", type=int, default=7, help="permintaan terukur per halaman (R)")
    p.add_argument("--kali", type=int, default=1, help="ukur juga pada M × kali indikator (mis. 10)")
    p.add_argument("--tahun", type=int, default=2025)
    p.add_argument("--pdf", action="store_true", help="render PDF LKjIP satu OPD per skala")
    a = p.parse_args()
    tahun = a.tahun
    mesin = connection.vendor
    print(
        f"Skala: {a.opd} OPD × {a.indikator} indikator × 4 triwulan × {a.sub} sub-kegiatan, {mesin}, R={a.ulang}"
    )

    mulai = time.perf_counter()
    data = siapkan_pemda(a.opd, tahun)
    tambah_anggaran(data, tahun, a.sub)
    tambah_indikator(data, tahun, 0, a.indikator)
    d = data["opd"][0]
    laporan = buat_lkjip(d, tahun)
    print(f"  data 1× dibuat dalam {time.perf_counter() - mulai:.1f} s")

    opd, op = d["opd"].pk, d["operator"]
    halaman = [
        ("Ikhtisar pemda (reviewer)", f"/dasbor/{tahun}/", data["reviewer"]),
        ("Dasbor OPD", f"/opd/{opd}/dasbor/{tahun}/", op),
        ("Grid realisasi TW4", f"/opd/{opd}/realisasi/{tahun}/4/", op),
        ("Realisasi anggaran TW4", f"/opd/{opd}/anggaran/{tahun}/realisasi/4/", op),
        ("Pohon Renstra", f"/opd/{opd}/renstra/{d['renstra'].pk}/", op),
        ("LKjIP (halaman)", f"/opd/{opd}/lkjip/{laporan.pk}/", op),
    ]
    skala = [1] + ([a.kali] if a.kali > 1 else [])
    hasil: dict[int, list[dict]] = {}
    pdf: dict[int, tuple[int, float, float]] = {}
    # Plain static storage: the manifest of collectstatic is not needed to time the views.
    statis = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    for k in skala:
        if k > 1:
            mulai = time.perf_counter()
            tambah_indikator(data, tahun, a.indikator, a.indikator * k)
            print(f"  data {k}× dibuat dalam {time.perf_counter() - mulai:.1f} s")
        with override_settings(
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": statis,
            }
        ):
            hasil[k] = ukur(halaman, a.ulang)
        if a.pdf:
            pdf[k] = ukur_pdf(laporan.pk)

    judul = "".join(f" | {k:>2}× median   p95  kueri dingin kueri" for k in skala)
    print()
    print(f"{'halaman':<28}{judul}")
    print("-" * (28 + 44 * len(skala)))
    for i, (nama, _, _) in enumerate(halaman):
        baris = "".join(
            f" | {1000 * h['median']:9.0f} {1000 * h['p95']:6.0f} {h['kueri']:5} {1000 * h['dingin']:6.0f} {h['kueri_dingin']:5}"
            for k in skala
            for h in [hasil[k][i]]
        )
        print(f"{nama:<28}{baris}")
    print(
        "(waktu dalam ms; median dan p95 dari R permintaan; kueri: satu permintaan setelah yang pertama;\n"
        " dingin: waktu dan kueri permintaan pertama, termasuk menghitung ringkasan yang belum tersimpan)"
    )
    for k, (halaman_pdf, detik, mib) in pdf.items():
        print(
            f"PDF LKjIP {k}× ({a.indikator * k} indikator): {halaman_pdf} halaman, {detik:.1f} s, puncak {mib:.0f} MiB"
        )


if __name__ == "__main__":
    main()
