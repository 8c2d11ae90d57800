"""``python manage.py pulihkan FILE.tar.gz``: an archive of ``cadangkan`` into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lkjip.cadangan import CadanganDitolak, pulihkan


class Command(BaseCommand):
    help = (
        "Memulihkan arsip `manage.py cadangkan` ke basis data yang sudah dimigrasikan tetapi masih kosong "
        "dan ke MEDIA_ROOT. Menolak bila basis data berisi atau migrasi arsip berbeda dengan kode; "
        "semua atau tidak sama sekali."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arsip", metavar="FILE", help="Arsip .tar.gz dari `manage.py cadangkan`.")
        parser.add_argument("--database", default="default", help="Alias basis data (bawaan: default).")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            hasil = pulihkan(arsip=Path(o["arsip"]), using=o["database"], tulis=self.stdout.write)
        except CadanganDitolak as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan: {hasil.baris} baris dan {hasil.berkas_media} berkas dalam {hasil.detik:.1f} detik "
                f"(arsip dari commit {hasil.commit or 'tidak tercatat'})."
            )
        )
