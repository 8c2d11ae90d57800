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
        return {"menu": [], "menu_pengaturan": []}
    menu = [("Beranda", reverse("beranda"), "house")]
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA) and pengguna.opd_id:
        menu.append(("Profil OPD", reverse("opd_detail", args=[pengguna.opd_id]), "building"))
    if pengguna.peran in (Peran.ADMIN, Peran.REVIEWER) or pengguna.is_superuser:
        menu.append(("Perangkat Daerah", reverse("opd_daftar"), "buildings"))
    menu.extend(beranda.menu_untuk(pengguna))
    if akses.can_kelola_pemda(pengguna):
        menu.append(("Pengguna", reverse("pengguna_daftar"), "people"))
        menu.append(("Pengaturan pemda", reverse("pengaturan"), "gear"))
    if akses.can_lihat_riwayat_pemda(pengguna):
        menu.append(("Riwayat", reverse("riwayat"), "clock-history"))
    # The admin's settings pages (users, schedule, certificates …) sit under one "Pengaturan"
    # drop-down so the bar fits a laptop screen.
    pengaturan = [m for m in menu if m[1].startswith(_AWALAN_PENGATURAN)]
    return {"menu": [m for m in menu if m not in pengaturan], "menu_pengaturan": pengaturan}


_AWALAN_PENGATURAN = ("/pengaturan/", "/pengguna/")
