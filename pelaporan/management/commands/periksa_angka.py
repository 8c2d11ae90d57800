"""``python manage.py periksa_angka``: list stored figures that do not fit their column."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pelaporan.angka_tersimpan import cari_angka_rusak


class Command(BaseCommand):
    help = (
        "Mencari angka tersimpan yang melebihi ukuran kolomnya (hanya mungkin di SQLite, dari isian sebelum "
        "semua angka diperiksa). Hanya melaporkan; perbaiki nilainya lewat halaman tempat angka itu diisi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--gagal",
            action="store_true",
            help="Keluar dengan status 1 bila ada yang ditemukan (untuk CI/cron).",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        temuan = cari_angka_rusak()
        if not temuan:
            self.stdout.write(self.style.SUCCESS("Semua angka tersimpan muat di kolomnya."))
            return
        self.stdout.write(f"{len(temuan)} angka tersimpan tidak sah (ditampilkan sebagai “nilai tidak sah”):")
        for t in temuan:
            self.stdout.write(f"  {t}")
        if o["gagal"]:
            raise CommandError(f"{len(temuan)} angka tersimpan tidak sah.")
