"""Logging in: throttling and temporary lockout (django-axes), and honest refusals.

Failed logins are counted per account and, separately, per client address (settings
``MASUK_BATAS_GAGAL_AKUN`` / ``MASUK_BATAS_GAGAL_ALAMAT``). A count that reaches its limit within
``MASUK_JEDA_MENIT`` refuses every login of that account (or from that address), the right
password too, until the pause has passed since the last failure or the admin pemda unlocks the
account. A deactivated account is told so, but only to someone who typed its right password:
a wrong password gets the same answer whether the account exists, is active or not.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import AllowAllUsersModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lkjip import audit
from lkjip.models import Pengguna

log = logging.getLogger(__name__)

PESAN_SALAH = "Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil."
PESAN_NONAKTIF = "Akun Anda dinonaktifkan; hubungi admin pemda."


class FormMasuk(AuthenticationForm):
    error_messages = {"invalid_login": PESAN_SALAH, "inactive": PESAN_NONAKTIF}


class BackendPengguna(AllowAllUsersModelBackend):
    """Passwords as Django checks them; a deactivated account's right password is let through
    to :class:`FormMasuk`, which refuses it by name (``confirm_login_allowed``), while a session
    of a deactivated account is still refused on every request (``get_user``)."""

    def get_user(self, user_id: Any) -> Pengguna | None:
        pengguna = super().get_user(user_id)
        return pengguna if pengguna is not None and pengguna.is_active else None


class PenanganPercobaan(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for the address.

    Axes compares one number with ``AXES_FAILURE_LIMIT`` (the account's limit). The address's
    failures are put on that scale, rounded down, so they reach it exactly when they reach
    ``MASUK_BATAS_GAGAL_ALAMAT``: n * A // B >= A  ⇔  n >= B.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        batas = get_cool_off_threshold(request)
        baru = AccessAttempt.objects.filter(attempt_time__gte=batas)
        akun = _jumlah(baru.filter(username=get_client_username(request, credentials)))
        alamat = _jumlah(baru.filter(ip_address=request.axes_ip_address))
        return max(akun, alamat * settings.MASUK_BATAS_GAGAL_AKUN // settings.MASUK_BATAS_GAGAL_ALAMAT)


def _jumlah(qs: Any) -> int:
    return qs.aggregate(n=Sum("failures_since_start"))["n"] or 0


def alamat_klien(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the header the reverse proxy was configured to set.

    Only a header named in ``MASUK_HEADER_ALAMAT`` is read, since any other can be sent by the
    client itself. For X-Forwarded-For the last entry is the one our proxy appended.
    """
    header = settings.MASUK_HEADER_ALAMAT
    if header:
        alamat = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(alamat))
        except ValueError:
            log.warning("Header %s tidak berisi alamat IP (%r); REMOTE_ADDR dipakai.", header, alamat[:60])
    return request.META.get("REMOTE_ADDR")


def respon_terkunci(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The login page again, saying until when and whom to ask (HTTP 429)."""
    # The refused attempt itself restarts the pause (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    sampai = timezone.localtime(timezone.now() + dt.timedelta(minutes=settings.MASUK_JEDA_MENIT))
    username = get_client_username(request, credentials) or ""
    konteks = {
        "form": FormMasuk(request, initial={"username": username}),
        "terkunci_sampai": sampai,
        "jeda_menit": settings.MASUK_JEDA_MENIT,
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", konteks, status=429)


def catat_terkunci(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    """One line for the server's operator per refused attempt while locked."""
    log.warning(
        "Login dikunci sementara: pengguna=%r alamat=%s (batas %d gagal per akun, %d per alamat, jeda %d menit)",
        username,
        ip_address,
        settings.MASUK_BATAS_GAGAL_AKUN,
        settings.MASUK_BATAS_GAGAL_ALAMAT,
        settings.MASUK_JEDA_MENIT,
    )


def akun_terkunci(*, username: list[str]) -> dict[str, dt.datetime]:
    """``{username: until when}`` for the accounts among these that are locked now."""
    jeda = dt.timedelta(minutes=settings.MASUK_JEDA_MENIT)
    baris = (
        AccessAttempt.objects.filter(username__in=username, attempt_time__gte=timezone.now() - jeda)
        .values("username")
        .annotate(n=Sum("failures_since_start"), akhir=Max("attempt_time"))
        .filter(n__gte=settings.MASUK_BATAS_GAGAL_AKUN)
    )
    return {b["username"]: b["akhir"] + jeda for b in baris}


def akun_buka_kunci(*, pengguna: Pengguna, oleh: Pengguna) -> int:
    """Forget the account's failed logins (every address), leaving an audit entry and a log line."""
    with transaction.atomic():
        n, _ = AccessAttempt.objects.filter(username=pengguna.username).delete()
        with audit.oleh(oleh):
            audit.catat_aksi(
                pengguna,
                aksi="lkjip.pengguna.buka_kunci",
                perubahan={"kunci": {"label": "kunci login", "lama": "terkunci", "baru": "dibuka"}},
            )
    log.warning(
        "Kunci login akun %r dibuka oleh %r (%d catatan gagal dihapus).", pengguna.username, oleh.username, n
    )
    return n
