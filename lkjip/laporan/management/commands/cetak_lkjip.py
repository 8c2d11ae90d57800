"""Write an OPD's LKjIP as PDF: the signed one when it exists, otherwise a draft from the data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lkjip.laporan.models import DokumenTertandatangan, LaporanKinerja
from lkjip.laporan.rakit import rakit_lkjip
from lkjip.laporan.render import html_dokumen, pdf_dari_html
from lkjip.models import Pemda, PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Menulis LKjIP sebagai PDF. Bila versi terakhir sudah ditandatangani, PDF bertanda tangan itu yang ditulis "
        "(persis seperti disimpan); bila belum ada LKjIP atau belum ditandatangani, dibuat PDF draf dari data."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--pemda",
            required=True,
            help="Nama pemda, persis (mis. “Pemerintah Kabupaten Kutai Kartanegara”).",
        )
        parser.add_argument("--opd", required=True, help="Nama perangkat daerah, persis.")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4], help="Untuk LKjIP triwulanan.")
        parser.add_argument("--keluaran", required=True, help="Berkas PDF yang ditulis.")

    def handle(
        self, *args: Any, pemda: str, opd: str, tahun: int, triwulan: int | None, keluaran: str, **o: Any
    ) -> None:
        p = Pemda.objects.filter(nama=pemda).first() or Pemda.objects.filter(nama_singkat=pemda).first()
        if p is None:
            raise CommandError(
                f"Pemda “{pemda}” tidak ditemukan. Ada: {', '.join(Pemda.objects.values_list('nama', flat=True))}."
            )
        o_ = PerangkatDaerah.objects.filter(pemda=p, nama=opd).first()
        if o_ is None:
            daftar = ", ".join(PerangkatDaerah.objects.filter(pemda=p).values_list("nama", flat=True))
            raise CommandError(f"Perangkat daerah “{opd}” tidak ditemukan di {p}. Ada: {daftar}.")
        lap = LaporanKinerja.objects.filter(opd=o_, tahun=tahun, triwulan=triwulan).order_by(
            "-versi"
        ).first() or LaporanKinerja(opd=o_, tahun=tahun, triwulan=triwulan, tempat=p.ibu_kota)
        dokumen = DokumenTertandatangan.objects.filter(laporan=lap).first() if lap.pk else None
        if dokumen is not None:
            isi, halaman, jenis = bytes(dokumen.pdf), dokumen.halaman, "bertanda tangan"
        else:
            hasil = pdf_dari_html(html_dokumen(rakit_lkjip(lap)))
            isi, halaman = hasil.pdf, hasil.halaman
            jenis = "draf"
        Path(keluaran).write_bytes(isi)
        self.stdout.write(
            self.style.SUCCESS(
                f"{lap} ({jenis}) ditulis ke {keluaran}: {halaman} halaman, {len(isi) // 1024} KiB."
            )
        )
