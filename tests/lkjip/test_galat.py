"""Error pages in Indonesian and in the site's layout (issue 12 item 6), with DEBUG off."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from lkjip import galat
from tests.conftest import SANDI, klien_untuk

pytestmark = pytest.mark.usefixtures("_debug_mati")

TATA_LETAK = 'class="navbar'  # the site's own layout (base.html), not Django's bare page


@pytest.fixture
def _debug_mati():
    with override_settings(DEBUG=False):
        yield


def _html(respon) -> str:
    return respon.content.decode()


def test_404_untuk_data_opd_lain_berbahasa_indonesia(data) -> None:
    respon = klien_untuk(data.pengguna["operator"]).get(reverse("opd_detail", args=[data.opd_b.pk]))
    assert respon.status_code == 404
    html = _html(respon)
    assert "Halaman tidak ditemukan" in html and "perangkat daerah lain" in html
    assert TATA_LETAK in html and "Keluar" in html  # the logged-in user keeps the menu
    assert 'href="/"' in html
    assert data.opd_b.nama not in html  # nothing of the other OPD leaks
    assert "Not Found" not in html


def test_404_tamu_diarahkan_ke_beranda_dan_masuk(db) -> None:
    html = _html(Client().get("/tidak-ada/"))
    assert "Halaman tidak ditemukan" in html
    assert f'href="{reverse("login")}"' in html


def test_tautan_kembali_hanya_ke_situs_sendiri(data) -> None:
    klien = klien_untuk(data.pengguna["operator"])
    url = reverse("opd_detail", args=[data.opd_b.pk])
    html = _html(klien.get(url, HTTP_REFERER="http://testserver/opd/"))
    assert 'href="http://testserver/opd/"' in html and "Kembali ke halaman sebelumnya" in html
    for asing in ("https://jahat.example/", "javascript:alert(1)"):
        html = _html(klien.get(url, HTTP_REFERER=asing))
        assert "Kembali ke halaman sebelumnya" not in html and asing not in html


def test_403_menyebut_alasan_dalam_bahasa_indonesia(data) -> None:
    respon = klien_untuk(data.pengguna["operator"]).get(reverse("opd_tambah"))
    assert respon.status_code == 403
    html = _html(respon)
    assert "Anda tidak berhak membuka halaman ini" in html
    assert "Peran Anda tidak boleh membuka halaman ini." in html
    assert "admin pemda" in html and TATA_LETAK in html
    assert "403 Forbidden" not in html


def test_400_untuk_host_tak_dikenal(db) -> None:
    respon = Client().get("/", HTTP_HOST="jahat.example")
    assert respon.status_code == 400
    html = _html(respon)
    assert "Permintaan tidak dapat diproses" in html and TATA_LETAK in html
    assert "Bad Request" not in html


@override_settings(ROOT_URLCONF="tests.lkjip.urls_galat")
def test_400_untuk_permintaan_mencurigakan(db) -> None:
    respon = Client().get("/uji/curiga/")
    assert respon.status_code == 400
    assert "Permintaan tidak dapat diproses" in _html(respon)


@override_settings(ROOT_URLCONF="tests.lkjip.urls_galat")
def test_500_berbahasa_indonesia_dalam_tata_letak(data) -> None:
    klien = klien_untuk(data.pengguna["operator"])
    klien.raise_request_exception = False
    respon = klien.get("/uji/meledak/")
    assert respon.status_code == 500
    html = _html(respon)
    assert "Terjadi kesalahan di server" in html and "tidak ada data yang" in html
    assert TATA_LETAK in html and 'href="/"' in html
    assert "Server Error" not in html and "kesalahan uji" not in html


def test_500_tanpa_database_pengguna_maupun_context_processor(db, django_assert_num_queries) -> None:
    permintaan = RequestFactory().get("/apa-saja/")  # no user, no session: nothing set by middleware
    with django_assert_num_queries(0):
        respon = galat.galat_500(permintaan)
    assert respon.status_code == 500
    assert "Terjadi kesalahan di server" in _html(respon)


def test_500_tetap_terkirim_bila_templatenya_gagal(monkeypatch, caplog) -> None:
    def rusak(nama):
        raise RuntimeError("template rusak")

    monkeypatch.setattr(galat.loader, "get_template", rusak)
    respon = galat.galat_500(RequestFactory().get("/"))
    assert respon.status_code == 500
    assert "Terjadi kesalahan di server" in _html(respon) and "hubungi admin pemda" in _html(respon)
    assert "Halaman 500 gagal dirender" in caplog.text


def test_csrf_ditolak_dengan_halaman_indonesia(data, settings) -> None:
    assert settings.CSRF_FAILURE_VIEW == "lkjip.galat.gagal_csrf"
    klien = Client(enforce_csrf_checks=True)
    respon = klien.post(reverse("login"), {"username": "operator.a", "password": SANDI})
    assert respon.status_code == 403
    html = _html(respon)
    assert "Formulir tidak dapat dikirim: sudah kedaluwarsa" in html and "muat ulang" in html
    assert TATA_LETAK in html
    assert "CSRF verification failed" not in html
