"""Create a demo signing certificate for an OPD (for demonstrations and tests; never production)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lkjip.laporan.sertifikat import buat_demo, pasang
from lkjip.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Membuat sertifikat tanda tangan DEMO (CA uji + sertifikat kepala OPD) dan memasangnya pada OPD. "
        "Hanya untuk demonstrasi: produksi memakai sertifikat dari BSrE/PSrE."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--opd", required=True, help="Nama perangkat daerah (persis) atau id-nya.")

    def handle(self, *args: Any, opd: str, **opsi: Any) -> None:
        qs = (
            PerangkatDaerah.objects.filter(pk=int(opd))
            if opd.isdigit()
            else PerangkatDaerah.objects.filter(nama=opd)
        )
        obj = qs.select_related("pemda", "kepala").first()
        if obj is None:
            raise CommandError(f"Perangkat daerah “{opd}” tidak ditemukan.")
        p12, sandi, ca = buat_demo(opd=obj, nama_kepala=obj.kepala.nama if obj.kepala else "")
        sertifikat = pasang(opd=obj, p12=p12, sandi=sandi, ca_pem=ca)
        self.stdout.write(self.style.SUCCESS(f"Sertifikat demo dipasang untuk {obj}: {sertifikat.subjek}"))
