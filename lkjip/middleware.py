from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from lkjip import audit


class KonteksPenggunaMiddleware:
    """Per request: the pemda's time zone (WIB/WITA/WIT) and the user every audit entry names."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pengguna = request.user if request.user.is_authenticated else None
        zona = None
        if pengguna is not None and pengguna.pemda_id:
            zona = pengguna.pemda.zona_waktu
        if zona:
            timezone.activate(zoneinfo.ZoneInfo(zona))
        else:
            timezone.deactivate()
        try:
            with audit.oleh(pengguna):
                return self.get_response(request)
        finally:
            timezone.deactivate()
