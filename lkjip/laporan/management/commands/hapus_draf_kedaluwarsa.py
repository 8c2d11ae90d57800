"""Remove the PDFs of finished LKjIP drafts older than LKJIP_DRAF_KEDALUWARSA_HARI days.

The worker does the same after every job; this command is for a daily cron on a server where
nobody renders for weeks. Signed documents are never touched.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from lkjip.laporan.tugas import kedaluwarsakan_draf


class Command(BaseCommand):
    help = (
        "Menghapus PDF draf LKjIP yang selesai lebih dari LKJIP_DRAF_KEDALUWARSA_HARI hari lalu "
        "(barisnya tetap, ditandai kedaluwarsa). Dokumen bertanda tangan tidak disentuh."
    )

    def handle(self, *args: Any, **opsi: Any) -> None:
        jumlah = kedaluwarsakan_draf()
        self.stdout.write(
            f"{jumlah} PDF draf kedaluwarsa dihapus (batas {settings.LKJIP_DRAF_KEDALUWARSA_HARI} hari)."
        )
