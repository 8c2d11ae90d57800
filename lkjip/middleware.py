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


def kebijakan_csp(arahan: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], …}`` as the header's text: ``default-src 'self'; …``."""
    return "; ".join(" ".join([nama, *sumber]) for nama, sumber in arahan.items())


class CspMiddleware:
    """Sends ``settings.SECURE_CSP`` as the Content-Security-Policy of every response.

    The policy is static (no nonces: no page has an inline script or style), so a dozen lines do
    what django-csp would. The setting has the name and shape of Django 6's own ``SECURE_CSP``: on
    Django 6 this class gives way to ``django.middleware.csp.ContentSecurityPolicyMiddleware``.
    A view that sets its own policy (e.g. a stricter one for an uploaded file) keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.kebijakan = kebijakan_csp(settings.SECURE_CSP)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        respon = self.get_response(request)
        respon.headers.setdefault("Content-Security-Policy", self.kebijakan)
        return respon
