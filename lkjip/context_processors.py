from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from lkjip import akses, beranda
from lkjip.models import Peran


def navigasi(request: HttpRequest) -> dict[str, Any]:
    """The menu for the user's role: what each role may open, nothing it may not."""
    pengguna = getattr(request, "user", None)
    if pengguna is None or not pengguna.is_authenticated:
        return {"menu": []}
    menu = [("Beranda", reverse("beranda"), "house")]
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA) and pengguna.opd_id:
        menu.append(("Profil OPD", reverse("opd_detail", args=[pengguna.opd_id]), "building"))
    if pengguna.peran in (Peran.ADMIN, Peran.REVIEWER) or pengguna.is_superuser:
        menu.append(("Perangkat Daerah", reverse("opd_daftar"), "buildings"))
    menu.extend(beranda.menu_untuk(pengguna))
    if akses.can_kelola_pemda(pengguna):
        menu.append(("Pengguna", reverse("pengguna_daftar"), "people"))
        menu.append(("Pengaturan", reverse("pengaturan"), "gear"))
    if akses.can_lihat_riwayat_pemda(pengguna):
        menu.append(("Riwayat Perubahan", reverse("riwayat"), "clock-history"))
    return {"menu": menu}
