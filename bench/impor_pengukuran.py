"""How long importing a 5.000-row "Pengukuran Kinerja" workbook takes, and how many queries.

Run: .venv/bin/python bench/impor_pengukuran.py   (a throw-away SQLite database, or
DATABASE_URL for PostgreSQL). The workbook: 2.480 indicator rows (40 new sasaran × 62 new
indicators, each with an annual target, four quarterly targets and four realisasi) and
2.520 budget rows (20 programs and 100 kegiatan as parent rows, 2.400 sub-kegiatan leaves
with pagu and four quarters). Prints rows, seconds, rows/second and queries for: the
preview of the first import (everything is created, then rolled back), its confirmation,
and a second import of the same file (nothing changes).
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

SASARAN, INDIKATOR_PER_SASARAN = 40, 62
PROGRAM, KEGIATAN_PER_PROGRAM, SUB_PER_KEGIATAN = 20, 5, 24
TAHUN = 2025


def buku() -> tuple[bytes, int]:
    import openpyxl

    from pelaporan.excel_pengukuran import KOLOM_ANGGARAN, KOLOM_INDIKATOR

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Indikator")
    ws.append(KOLOM_INDIKATOR)
    baris = 0
    for s in range(SASARAN):
        for i in range(INDIKATOR_PER_SASARAN):
            kumulatif = i % 2 == 0
            ws.append(
                [
                    f"Sasaran uji nomor {s + 1}",
                    f"Indikator uji {s + 1}.{i + 1}",
                    "orang" if kumulatif else "%",
                    "Positif",
                    "Kumulatif" if kumulatif else "Nilai Akhir",
                    400 if kumulatif else 90,
                    *([100] * 4 if kumulatif else [90] * 4),
                    *([95, 101, "-", 99] if kumulatif else ["85,5", "88", "90,25", "-"]),
                ]
            )
            baris += 1
    wa = wb.create_sheet("Anggaran")
    wa.append(KOLOM_ANGGARAN)
    for p in range(1, PROGRAM + 1):
        wa.append([f"1.06.{p:02d}", f"Program uji {p}"])
        for k in range(1, KEGIATAN_PER_PROGRAM + 1):
            wa.append([f"1.06.{p:02d}.2.{k:02d}", f"Kegiatan uji {p}.{k}"])
            for s in range(1, SUB_PER_KEGIATAN + 1):
                wa.append(
                    [
                        f"1.06.{p:02d}.2.{k:02d}.{s:04d}",
                        f"Sub kegiatan uji {p}.{k}.{s}",
                        "125.000.000",
                        10_000_000,
                        "25.000.000,50",
                        30_000_000,
                        None,
                        "APBD",
                    ]
                )
            baris += 1 + SUB_PER_KEGIATAN
        baris += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), baris


def main() -> None:
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from lkjip.models import Pemda, PerangkatDaerah
    from pelaporan.excel_pengukuran import impor_pengukuran
    from renstra.models import Renstra

    pemda = Pemda.objects.create(nama="Pemerintah Kabupaten Bench", nama_singkat="Bench", ibu_kota="Bench")
    opd = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Sosial Bench", kode_urusan="1.06")
    Renstra.objects.create(opd=opd, tahun_awal=2025, tahun_akhir=2029)

    mulai = time.perf_counter()
    data, jumlah_baris = buku()
    print(
        f"Basis data: {connection.vendor}; workbook {jumlah_baris} baris ({len(data) / 1024:.0f} KB), "
        f"dibuat dalam {time.perf_counter() - mulai:.1f} s"
    )
    for label, terapkan in (
        ("pratinjau impor pertama (semua dibuat, lalu dibatalkan)", False),
        ("impor pertama (semua dibuat)", True),
        ("impor ulang berkas yang sama (tidak ada yang berubah)", True),
    ):
        query = [0]

        def hitung(execute, sql, params, many, context, query=query):  # noqa: ANN001, ANN202
            query[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(hitung):
            mulai = time.perf_counter()
            hasil = impor_pengukuran(
                opd=opd, tahun=TAHUN, data=data, terapkan=terapkan, keterangan="bench impor_pengukuran"
            )
            detik = time.perf_counter() - mulai
        assert not hasil.masalah, hasil.masalah[:5]
        print(
            f"  {label}: {jumlah_baris} baris, {detik:.1f} s, {jumlah_baris / detik:.0f} baris/detik, "
            f"{query[0]} query; data {hasil.jumlah['buat']} dibuat, "
            f"{hasil.jumlah['ubah']} diubah, {hasil.jumlah['sama']} tetap"
        )


if __name__ == "__main__":
    main()
