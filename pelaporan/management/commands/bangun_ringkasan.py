"""``python manage.py bangun_ringkasan``: empty the stored dashboard summaries and compute them again."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from lkjip.models import PerangkatDaerah
from pelaporan.dasbor import ikhtisar_pemda
from pelaporan.models import PerjanjianKinerja
from pelaporan.ringkasan_tersimpan import hapus_semua


class Command(BaseCommand):
    help = (
        "Mengosongkan ringkasan dasbor tersimpan lalu menghitungnya kembali dari data (untuk setiap OPD "
        "aktif, setiap tahun yang punya PK, s/d TW I–IV). Tanpa perintah ini pun ringkasan yang tidak ada "
        "dihitung saat dasbor dibuka."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tahun", type=int, action="append", help="Hanya tahun ini (boleh diulang).")
        parser.add_argument(
            "--kosongkan-saja", action="store_true", help="Hanya kosongkan; dihitung saat dasbor dibuka."
        )

    def handle(self, *args: Any, **o: Any) -> None:
        # Short transactions, one per pemda, year and quarter: SQLite has one writer at a time,
        # and a rebuild of a province must not hold every operator's save behind it.
        with transaction.atomic():
            dihapus = hapus_semua()
        self.stdout.write(f"{dihapus} ringkasan tersimpan dihapus.")
        if o["kosongkan_saja"]:
            return
        daftar_tahun = o["tahun"] or sorted(
            set(PerjanjianKinerja.objects.values_list("tahun", flat=True).distinct())
        )
        semua = list(
            PerangkatDaerah.objects.filter(aktif=True).select_related("pemda").order_by("pemda_id", "pk")
        )
        jumlah = 0
        for pemda, isi in groupby(semua, key=lambda x: x.pemda):
            daftar_opd = list(isi)
            for tahun in daftar_tahun:
                for sampai in (1, 2, 3, 4):
                    with transaction.atomic():
                        jumlah += len(
                            ikhtisar_pemda(pemda, daftar_opd, tahun, sampai=sampai, dengan_status=False)
                        )
        self.stdout.write(self.style.SUCCESS(f"{jumlah} ringkasan dihitung dan disimpan."))
