"""What the LKjIP adds to menus, OPD pages and home pages."""

from __future__ import annotations

from django.urls import reverse

from lkjip.beranda import Tugas
from lkjip.models import Pengguna, Peran, PerangkatDaerah


def menu(pengguna: Pengguna) -> list[tuple[str, str, str]]:
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA) and pengguna.opd_id:
        return [("LKjIP", reverse("lkjip_daftar", args=[pengguna.opd_id]), "file-earmark-richtext")]
    if pengguna.peran == Peran.ADMIN:
        return [
            ("Kerangka laporan", reverse("kerangka_laporan"), "list-ol"),
            ("Sertifikat tanda tangan", reverse("sertifikat"), "patch-check"),
        ]
    return []


def tautan_opd(pengguna: Pengguna, opd: PerangkatDaerah) -> list[tuple[str, str, str]]:
    return [("LKjIP", reverse("lkjip_daftar", args=[opd.pk]), "file-earmark-richtext")]


def tugas(pengguna: Pengguna, opd: PerangkatDaerah) -> list[Tugas]:
    from lkjip.laporan.models import LaporanKinerja, StatusLKjIP

    hasil = []
    if pengguna.peran == Peran.KEPALA:
        for lap in LaporanKinerja.objects.filter(opd=opd, status=StatusLKjIP.DIAJUKAN):
            hasil.append(
                Tugas(
                    f"Tandatangani {lap}",
                    "Diajukan operator: baca, lalu kembalikan dengan catatan atau tandatangani.",
                    reverse("lkjip_detail", args=[opd.pk, lap.pk]),
                    "warning",
                    3,
                )
            )
    if pengguna.peran == Peran.OPERATOR:
        for lap in LaporanKinerja.objects.filter(opd=opd, status=StatusLKjIP.DIKEMBALIKAN):
            hasil.append(
                Tugas(
                    f"Perbaiki {lap}",
                    lap.catatan_kepala or "Dikembalikan kepala OPD.",
                    reverse("lkjip_detail", args=[opd.pk, lap.pk]),
                    "danger",
                    3,
                )
            )
    return hasil
