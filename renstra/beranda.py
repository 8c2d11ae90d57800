"""What the plan adds to menus and home pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from lkjip import akses
from lkjip.beranda import Tugas
from lkjip.models import Pengguna, Peran, PerangkatDaerah
from renstra.models import Indikator, Renstra
from renstra.selectors import node_belum_bernama


def menu(pengguna: Pengguna) -> list[tuple[str, str, str]]:
    hasil = []
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA) and pengguna.opd_id:
        hasil.append(("Renstra", reverse("renstra_daftar", args=[pengguna.opd_id]), "diagram-3"))
    if pengguna.peran in Peran.values:
        hasil.append(("RPJMD", reverse("rpjmd_daftar"), "flag"))
    if akses.can_kelola_pemda(pengguna):
        hasil.append(("Nomenklatur program", reverse("nomenklatur"), "list-ol"))
    return hasil


def tugas(pengguna: Pengguna, opd: PerangkatDaerah) -> list[Tugas]:
    if pengguna.peran != Peran.OPERATOR:
        return []
    return _tugas_nama(opd) + _tugas_renstra(opd)


def _tugas_nama(opd: PerangkatDaerah) -> list[Tugas]:
    """Nodes an Excel import made from a code that nobody has named yet."""
    belum = node_belum_bernama(opd)
    if not belum:
        return []
    pertama = belum[0]
    return [
        Tugas(
            f"Beri nama {len(belum)} program/kegiatan/sub-kegiatan hasil impor",
            f"Dibuat dari kodenya saja, mis. {pertama.node.nama}.",
            reverse("node_ubah", args=[opd.pk, pertama.node.renstra_id, pertama.jenis, pertama.node.pk]),
            "warning",
            32,
        )
    ]


def _tugas_renstra(opd: PerangkatDaerah) -> list[Tugas]:
    tahun = timezone.localdate().year
    renstra = (
        Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal")
        .first()
    )
    if renstra is None:
        return [
            Tugas(
                f"Isi Renstra yang mencakup tahun {tahun}",
                "Target, Perjanjian Kinerja dan laporan berinduk pada Renstra.",
                reverse("renstra_daftar", args=[opd.pk]),
                "warning",
                30,
            )
        ]
    if not Indikator.objects.filter(renstra=renstra, sasaran__isnull=False).exists():
        return [
            Tugas(
                f"Lengkapi indikator sasaran {renstra}",
                "Belum ada indikator pada tingkat sasaran strategis (IKU).",
                reverse("renstra_detail", args=[opd.pk, renstra.pk]),
                "info",
                35,
            )
        ]
    return []


def tautan_opd(pengguna: Pengguna, opd: PerangkatDaerah) -> list[tuple[str, str, str]]:
    return [("Renstra", reverse("renstra_daftar", args=[opd.pk]), "diagram-3")]
