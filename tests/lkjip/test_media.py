"""Stored files only through views that check the reader (issue 12, item 4).

With DEBUG on (``make run``) the URLconf used to serve MEDIA_ROOT at /media/: every OPD's
evidence, to anyone holding the path. Evidence goes through ``bukti_unduh`` (the reader's OPD) and
the pemda logo through ``pemda_logo`` (that pemda's admin).
"""

from __future__ import annotations

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from tests.conftest import DataDasar, klien_untuk

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.fixture
def urlconf_debug(settings):
    """The URLconf as ``make run`` builds it: imported while DEBUG is on."""
    import lkjip.urls

    settings.DEBUG = True
    importlib.reload(lkjip.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(lkjip.urls)
    clear_url_caches()


@pytest.fixture
def logo(data: DataDasar) -> str:
    data.pemda.logo = SimpleUploadedFile("lambang.svg", SVG, content_type="image/svg+xml")
    data.pemda.save()
    return data.pemda.logo.name


def test_media_tidak_dilayani_langsung_walau_debug(data: DataDasar, logo: str, urlconf_debug) -> None:
    bukti = data.rencana["bukti"].berkas.name
    assert bukti.startswith(f"bukti/{data.opd_a.pk}/")
    for peran in (None, "operator_lain", "operator"):
        klien = klien_untuk(data.pengguna[peran] if peran else None)
        for jalur in (bukti, logo):
            assert klien.get(f"/media/{jalur}").status_code == 404, (peran, jalur)


def test_bukti_hanya_untuk_pembaca_opd_nya(data: DataDasar) -> None:
    token = data.rencana["bukti"].token
    milik_a = reverse("bukti_unduh", kwargs={"opd_id": data.opd_a.pk, "token": token})
    lewat_b = reverse("bukti_unduh", kwargs={"opd_id": data.opd_b.pk, "token": token})
    respon = klien_untuk(data.pengguna["operator"]).get(milik_a)
    assert respon.status_code == 200
    assert b"".join(respon.streaming_content) == b"%PDF-1.4 uji"
    assert respon["Content-Disposition"].startswith("attachment")
    # OPD B's operator: neither A's URL nor the token under B's own OPD.
    lain = klien_untuk(data.pengguna["operator_lain"])
    assert lain.get(milik_a).status_code == 404
    assert lain.get(lewat_b).status_code == 404


def test_logo_lewat_view_untuk_admin_pemdanya(data: DataDasar, logo: str) -> None:
    url = reverse("pemda_logo")
    respon = klien_untuk(data.pengguna["admin"]).get(url)
    assert respon.status_code == 200
    assert b"".join(respon.streaming_content) == SVG
    assert respon["Content-Type"] == "image/svg+xml"
    # An uploaded SVG may carry script: opened on its own it runs none and loads nothing.
    assert "sandbox" in respon["Content-Security-Policy"]
    assert "default-src 'none'" in respon["Content-Security-Policy"]
    assert klien_untuk(data.pengguna["admin_lain"]).get(url).status_code == 404  # no logo of its own
    assert klien_untuk(data.pengguna["operator"]).get(url).status_code == 403
    assert klien_untuk(None).get(url).status_code == 302
    # The settings form links the current logo through the view, not /media/.
    halaman = klien_untuk(data.pengguna["admin"]).get(reverse("pengaturan")).content.decode()
    assert f'href="{url}"' in halaman
    assert "/media/" not in halaman
