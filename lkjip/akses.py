"""Who may see and do what (DOMAIN §8). Every view asks here; nothing decides in a template.

Reads start from the tenant: :func:`opd_terlihat` is the only way a view finds an OPD, so an
OPD outside the user's scope answers 404 (it leaks nothing), while a visible OPD that the role
may not change answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from lkjip.models import Pemda, Pengguna, Peran, PerangkatDaerah


def opd_terlihat(pengguna: Pengguna) -> QuerySet[PerangkatDaerah]:
    """The OPDs this user may read: their own, or every OPD of their pemda."""
    qs = PerangkatDaerah.objects.select_related("pemda")
    if not pengguna.is_authenticated or not pengguna.is_active:
        return qs.none()
    if pengguna.is_superuser and not pengguna.peran:
        return qs
    if pengguna.peran in (Peran.ADMIN, Peran.REVIEWER):
        return qs.filter(pemda_id=pengguna.pemda_id)
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA) and pengguna.opd_id:
        return qs.filter(pk=pengguna.opd_id)
    return qs.none()


def pemda_terlihat(pengguna: Pengguna) -> QuerySet[Pemda]:
    if pengguna.is_superuser and not pengguna.peran:
        return Pemda.objects.all()
    return Pemda.objects.filter(pk=pengguna.pemda_id)


def pemda_pengguna(request: HttpRequest) -> Pemda:
    """The pemda an admin works in (a superuser without a role takes the first one)."""
    pemda = pemda_terlihat(request.user).order_by("pk").first()
    if pemda is None:
        raise PermissionDenied("Akun ini belum terhubung ke pemda mana pun.")
    return pemda


def adalah(pengguna: Pengguna, *peran: str) -> bool:
    return pengguna.is_authenticated and pengguna.is_active and pengguna.peran in peran


def can_kelola_pemda(pengguna: Pengguna, pemda: Pemda | None = None) -> bool:
    """Admin pemda: settings, OPDs, users, deadlines."""
    if not adalah(pengguna, Peran.ADMIN):
        return pengguna.is_superuser and not pengguna.peran
    return pemda is None or pemda.pk == pengguna.pemda_id


def can_ubah_profil_opd(pengguna: Pengguna, opd: PerangkatDaerah) -> bool:
    """Profile, unit kerja and pejabat: the OPD's operator or the admin of its pemda."""
    if adalah(pengguna, Peran.OPERATOR):
        return pengguna.opd_id == opd.pk
    return can_kelola_pemda(pengguna, opd.pemda)


def can_isi_data(pengguna: Pengguna, opd: PerangkatDaerah) -> bool:
    """Renstra, PK, rencana aksi, realisasi, anggaran and report texts: the OPD's operator only."""
    return adalah(pengguna, Peran.OPERATOR) and pengguna.opd_id == opd.pk


def can_setujui(pengguna: Pengguna, opd: PerangkatDaerah) -> bool:
    """Approve, return and sign: the kepala of that OPD."""
    return adalah(pengguna, Peran.KEPALA) and pengguna.opd_id == opd.pk


def can_reviu(pengguna: Pengguna, opd: PerangkatDaerah) -> bool:
    """Write review notes: a reviewer of the OPD's pemda."""
    return adalah(pengguna, Peran.REVIEWER) and pengguna.pemda_id == opd.pemda_id


def can_lihat_riwayat_pemda(pengguna: Pengguna) -> bool:
    """The pemda-wide audit browser: admin and Inspektorat."""
    return adalah(pengguna, Peran.ADMIN, Peran.REVIEWER) or (pengguna.is_superuser and not pengguna.peran)


Izin = Callable[[Pengguna, PerangkatDaerah], bool]


def halaman_opd(
    izin: Izin | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view taking ``opd_id``: login, then scope (404), then role (403).

    The view receives the OPD object instead of its id and finds it on ``request.opd`` too.
    """

    def dekorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def bungkus(request: HttpRequest, opd_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            opd = get_object_or_404(opd_terlihat(request.user), pk=opd_id)
            if izin is not None and not izin(request.user, opd):
                raise PermissionDenied("Peran Anda tidak boleh membuka halaman ini.")
            request.opd = opd
            return view(request, opd, *args, **kwargs)

        bungkus.izin = izin  # read by the permission-matrix test
        return bungkus

    return dekorator


def halaman_peran(
    izin: Callable[[Pengguna], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a pemda-level view: login, then role (403)."""

    def dekorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def bungkus(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not izin(request.user):
                raise PermissionDenied("Peran Anda tidak boleh membuka halaman ini.")
            return view(request, *args, **kwargs)

        return bungkus

    return dekorator
