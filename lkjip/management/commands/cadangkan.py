"""``python manage.py cadangkan --keluaran FILE.tar.gz``: the database and MEDIA_ROOT in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lkjip.cadangan import CadanganDitolak, cadangkan


class Command(BaseCommand):
    help = (
        "Mencadangkan seluruh basis data dan berkas unggahan (MEDIA_ROOT: logo, bukti dukung) ke satu "
        "arsip .tar.gz beserta manifest (migrasi, jumlah baris, SHA-256 tiap berkas). Pulihkan dengan "
        "`manage.py pulihkan`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keluaran",
            metavar="FILE",
            help="Berkas arsip yang ditulis (bawaan: cadangan-esakip-TANGGAL-JAM.tar.gz di folder ini).",
        )
        parser.add_argument("--database", default="default", help="Alias basis data (bawaan: default).")

    def handle(self, *args: Any, **o: Any) -> None:
        keluaran = o["keluaran"] or (f"cadangan-esakip-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            hasil = cadangkan(keluaran=Path(keluaran), using=o["database"], tulis=self.stdout.write)
        except CadanganDitolak as e:
            raise CommandError(str(e)) from e
        for jalur in hasil.berkas_hilang:
            self.stderr.write(
                self.style.WARNING(f"Berkas dirujuk data tetapi tidak ada di MEDIA_ROOT: {jalur}")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{hasil.berkas} ditulis ({hasil.ukuran / 1024:.0f} KB): {hasil.baris} baris, "
                f"{hasil.berkas_media} berkas, {hasil.detik:.1f} detik."
            )
        )
