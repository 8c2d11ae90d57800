"""Error pages (400, 403, 404, 500 and a refused CSRF token), in Indonesian and in the site's layout.

400, 403, 404 and the CSRF page render with the request, so a logged-in user keeps the menu.
The 500 page renders without the request: no context processor, no user, no database, since
any of them may be what failed; and if even that template fails, a plain page is sent.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

log = logging.getLogger(__name__)

_CADANGAN_500 = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Terjadi kesalahan · e-SAKIP</title></head>
<body><h1>Terjadi kesalahan di server</h1>
<p>Permintaan Anda tidak dapat diselesaikan dan tidak ada data yang tersimpan dari permintaan ini.
Coba lagi beberapa saat lagi. Bila terus terjadi, hubungi admin pemda.</p>
<p><a href="/">Ke beranda</a> · <a href="/masuk/">Ke halaman masuk</a></p></body></html>"""


def _kembali(request: HttpRequest) -> str:
    """The page the user came from, when it is one of ours (else no 'back' link)."""
    asal = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a 400 for a host outside ALLOWED_HOSTS cannot name its own host
        return ""
    if asal and url_has_allowed_host_and_scheme(
        asal, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return asal
    return ""


def _halaman(request: HttpRequest, template: str, status: int, **konteks: object) -> HttpResponse:
    return render(request, template, {"kembali": _kembali(request), **konteks}, status=status)


def galat_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _halaman(request, "400.html", 400)


def galat_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Our PermissionDenied messages are Indonesian and say which role may do it.
    return _halaman(request, "403.html", 403, alasan=str(exception or ""))


def galat_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _halaman(request, "404.html", 404)


def gagal_csrf(request: HttpRequest, reason: str = "") -> HttpResponse:
    log.warning("Token CSRF ditolak: %s %s (%s)", request.method, request.path, reason)
    return _halaman(request, "403_csrf.html", 403)


def galat_500(request: HttpRequest) -> HttpResponse:
    try:
        html = loader.get_template("500.html").render()
    except Exception:
        log.exception("Halaman 500 gagal dirender; halaman cadangan dikirim.")
        html = _CADANGAN_500
    return HttpResponseServerError(html)
