"""The site's own address, for links that leave the browser (the QR code and printed URL of a
signed LKjIP, links in command output).

SITE_URL when it is configured. In development it may be unset: the address the request came
in on (its host and port, whatever ``runserver`` was given) is right there. In production an
unset SITE_URL is a setup gap the admin's settings page names (:func:`peringatan_alamat_situs`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def alamat_situs(request: HttpRequest | None = None) -> str:
    """``https://sakip.kukarkab.go.id``, without a trailing slash; "" with neither setting nor request."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


# Where ``manage.py runserver`` serves by default: only for a command's printed links, which have no
# request to take the address from and are read by the person who ran it (never in a signed PDF).
ALAMAT_RUNSERVER = "http://127.0.0.1:8000"


def alamat_situs_perintah() -> str:
    """The site's address for links a management command prints."""
    return settings.SITE_URL or ALAMAT_RUNSERVER


def peringatan_alamat_situs() -> str:
    """Why the admin should set SITE_URL, or "" when nothing is missing."""
    if settings.SITE_URL or settings.DEBUG:
        return ""
    return (
        "Alamat situs (SITE_URL) belum diatur di server. Tautan dan kode QR verifikasi pada LKjIP "
        "yang ditandatangani memakai alamat yang sedang dibuka kepala OPD saat menandatangani; minta "
        "pengelola server mengisi SITE_URL dengan alamat publik aplikasi, mis. https://sakip.kukarkab.go.id."
    )
