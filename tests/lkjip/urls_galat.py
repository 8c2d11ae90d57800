"""The product's URLs and error handlers, plus two views that fail on purpose (error-page tests)."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from lkjip.urls import handler400, handler403, handler404, handler500
from lkjip.urls import urlpatterns as _produk

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def _meledak(request):
    raise RuntimeError("kesalahan uji")


def _curiga(request):
    raise SuspiciousOperation("permintaan uji yang tidak sah")


urlpatterns = [path("uji/meledak/", _meledak), path("uji/curiga/", _curiga), *_produk]
