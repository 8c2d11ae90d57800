"""``python manage.py ekspor_pengukuran --pemda NAME --opd NAME --tahun YYYY --keluaran FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pelaporan.excel_pengukuran import ekspor_pengukuran
from pelaporan.management.commands.impor_pengukuran import cari_opd, cari_pemda


class Command(BaseCommand):
    help = (
        "Mengekspor workbook Pengukuran Kinerja (sheet Indikator dan Anggaran, dengan kolom hitungan) satu "
        "perangkat daerah untuk satu tahun, dalam format yang sama dengan impor_pengukuran."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", required=True, help="Nama pemda (lengkap atau nama wilayah).")
        parser.add_argument("--opd", required=True, help="Nama (atau singkatan) perangkat daerah.")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--keluaran", required=True, metavar="FILE", help="Berkas .xlsx yang ditulis.")
        parser.add_argument("--kosong", action="store_true", help="Templat kosong (judul kolom saja).")

    def handle(self, *args: Any, **o: Any) -> None:
        pemda = cari_pemda(o["pemda"])
        if pemda is None:
            raise CommandError(f"Pemda “{o['pemda']}” tidak ditemukan.")
        opd = cari_opd(pemda, o["opd"])
        if opd is None:
            raise CommandError(f"Perangkat daerah “{o['opd']}” tidak ditemukan di {pemda}.")
        _, _, isi = ekspor_pengukuran(opd=opd, tahun=o["tahun"], kosong=o["kosong"])
        keluaran = Path(o["keluaran"])
        keluaran.parent.mkdir(parents=True, exist_ok=True)
        keluaran.write_bytes(isi)
        self.stdout.write(
            self.style.SUCCESS(f"{keluaran} ditulis ({len(isi) / 1024:.0f} KB): {opd}, {o['tahun']}.")
        )
