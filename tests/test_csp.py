"""Headers (issue 12, item 4): the Content-Security-Policy and the pages that satisfy it.

In production mode (DEBUG off, as pytest-django runs) ``test_matriks`` checks the header and
the HTML of every URL for every role (tests/csp.py). Here: the checker itself, and every page
once more with DEBUG on, where django-htmx adds its debug script.
"""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import DataDasar, klien_untuk
from tests.csp import masalah_header, masalah_html
from tests.matriks import PERAN
from tests.test_matriks_izin import MATRIKS


def test_pemeriksa_mengenali_yang_diblokir() -> None:
    """The HTML check itself: each form of inline code is caught, the allowed forms pass."""
    buruk = [
        "<script>alert(1)</script>",
        '<button onclick="x()">',
        '<form onsubmit="return confirm(1)">',
        '<a href=" javascript:void(0)">',
        '<div hx-on:click="x()">',
        "<input hx-trigger=\"keyup[key=='Enter']\">",
        '<span style="color: red">',
        "<style>p{}</style>",
        '<script src="https://cdn.example/x.js"></script>',
    ]
    for html in buruk:
        assert masalah_html(html), html
    baik = [
        '<script src="/static/js/aplikasi.js"></script>',
        '<script type="application/json" id="d">{"a": 1}</script>',
        '<span data-warna="#fff" class="pita">',
        '<input hx-trigger="change" hx-post="/x/">',
    ]
    for html in baik:
        assert masalah_html(html) == [], html
    assert masalah_header(None)
    assert masalah_header("default-src 'self'; script-src 'self' 'unsafe-inline'")
    assert masalah_header("default-src 'self'; style-src 'self' 'unsafe-inline'")
    assert (
        masalah_header("default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'") == []
    )


def test_kebijakan_yang_dikirim(db, client) -> None:
    kebijakan = client.get(reverse("login"))["Content-Security-Policy"]
    assert kebijakan == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def test_setiap_halaman_dengan_debug_juga_memenuhi_csp(data: DataDasar, settings) -> None:
    """DEBUG on (``make run``): each page once, for the first role the matrix lets read it."""
    settings.DEBUG = True
    diperiksa = 0
    gagal: list[str] = []
    for nama, baris in sorted(MATRIKS.items()):
        peran = next((p for p in PERAN if baris.harapan[p] == 200), None)
        if baris.metode != "get" or peran is None:
            continue
        klien = klien_untuk(None if peran == "anonim" else data.pengguna[peran])
        url = reverse(nama, kwargs=baris.kwargs(data))
        respon = klien.get(url)
        assert respon.status_code == 200, url
        gagal += [f"{url}: {m}" for m in masalah_header(respon.get("Content-Security-Policy"))]
        if respon["Content-Type"].startswith("text/html"):
            html = respon.content.decode()
            assert "django-htmx.js" in html  # the debug script is there, from a file
            gagal += [f"{url}: {m}" for m in masalah_html(html)]
            diperiksa += 1
    assert gagal == []
    assert diperiksa >= 60


def test_halaman_tidak_ditemukan_dan_admin_juga_mengirim_csp(data: DataDasar, admin_client) -> None:
    assert masalah_header(klien_untuk(None).get("/tidak-ada/").get("Content-Security-Policy")) == []
    assert masalah_header(admin_client.get("/admin/").get("Content-Security-Policy")) == []
