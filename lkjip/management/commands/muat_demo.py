"""Load the demo data (once) and print the demo logins: the second half of `make run`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from lkjip import demo
from lkjip.models import Pemda, Pengguna

# In dependency order; each app's issue adds its own file here.
FIXTURE_DEMO = [
    "demo_organisasi.json",
    "demo_renstra.json",
    "demo_pelaporan.json",
    "demo_lkjip.json",
    "demo_sidoarjo.json",
]
SANDI_DEMO = "sakip-demo"


class Command(BaseCommand):
    help = "Memuat data demo (Dinas Sosial Kutai Kartanegara dan lainnya) bila basis data masih kosong."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--paksa", action="store_true", help="Muat ulang walau sudah ada data.")

    def handle(self, *args: Any, paksa: bool = False, **opsi: Any) -> None:
        if Pemda.objects.exists() and not paksa:
            self.stdout.write(
                "Data sudah ada: data demo tidak dimuat ulang (pakai --paksa untuk memuat ulang)."
            )
        else:
            folder = Path(settings.BASE_DIR) / "fixtures"
            for nama in FIXTURE_DEMO:
                call_command("loaddata", str(folder / nama), verbosity=0)
            demo.jalankan(tulis=self.stdout.write)  # what the apps add (the LKjIP's certificate)
            self.stdout.write(self.style.SUCCESS("Data demo dimuat."))
        self.stdout.write(f"\nAkun demo (kata sandi semuanya: {SANDI_DEMO})")
        for p in (
            Pengguna.objects.filter(username__in=_AKUN_DEMO).select_related("opd", "pemda").order_by("pk")
        ):
            cakupan = p.opd or p.pemda
            self.stdout.write(f"  {p.username:<24} {p.get_peran_display():<22} {cakupan}")


_AKUN_DEMO = [
    "admin.kukar",
    "operator.dinsos",
    "kepala.dinsos",
    "reviewer.inspektorat",
    "operator.inspektorat",
    "operator.sidoarjo",
    "admin.sidoarjo",
]
