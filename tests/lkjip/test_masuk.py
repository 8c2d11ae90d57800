"""Login throttling and lockout (issue 12 item 3), with the settings production really loads."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from lkjip.masuk import PESAN_NONAKTIF, PESAN_SALAH, alamat_klien
from lkjip.models import CatatanAudit
from tests.conftest import SANDI, klien_untuk

AKAR = Path(__file__).resolve().parents[2]

# Prints, as JSON, what lkjip/settings.py gives with DEBUG=0: the lockout settings and the
# authentication chain, so the tests below run with exactly those and not with test defaults.
_SKRIP = """
import datetime, json
import lkjip.settings as s
def nilai(v):
    return {"detik": v.total_seconds()} if isinstance(v, datetime.timedelta) else v
nama = [n for n in dir(s) if n.startswith(("AXES_", "MASUK_"))]
nama += ["AUTHENTICATION_BACKENDS", "MIDDLEWARE", "INSTALLED_APPS", "DEBUG"]
print(json.dumps({n: nilai(getattr(s, n)) for n in nama}))
"""


@pytest.fixture(scope="session")
def _pengaturan_produksi() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASUK_", "AXES_"))}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="sakip.contoh.go.id")
    keluar = subprocess.run([sys.executable, "-c", _SKRIP], cwd=AKAR, env=env, capture_output=True, text=True)
    assert keluar.returncode == 0, keluar.stderr
    return json.loads(keluar.stdout)


@pytest.fixture
def produksi(settings, _pengaturan_produksi: dict) -> dict:
    """Apply production's lockout settings (and DEBUG off) to this test."""
    p = dict(_pengaturan_produksi)
    assert p.pop("DEBUG") is False
    assert "axes" in p.pop("INSTALLED_APPS")
    for nama, nilai in p.items():
        if isinstance(nilai, dict) and "detik" in nilai:
            nilai = dt.timedelta(seconds=nilai["detik"])
        setattr(settings, nama, nilai)
    settings.DEBUG = False
    return p


def _masuk(klien: Client, username: str, password: str, alamat: str = "127.0.0.1"):
    return klien.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=alamat)


def _terkunci(respon) -> bool:
    return respon.status_code == 429 and "Login dikunci sementara" in respon.content.decode()


def test_produksi_12_sandi_salah_lalu_sandi_benar_ditolak(data, produksi, caplog) -> None:
    klien = Client()
    hasil = [_masuk(klien, "operator.a", f"salah-{i}") for i in range(12)]
    batas = produksi["MASUK_BATAS_GAGAL_AKUN"]
    assert batas <= 12
    assert [r.status_code for r in hasil[: batas - 1]] == [200] * (batas - 1)
    assert PESAN_SALAH in hasil[0].content.decode()
    assert all(_terkunci(r) for r in hasil[batas - 1 :])

    respon = _masuk(klien, "operator.a", SANDI)
    assert _terkunci(respon)
    html = respon.content.decode()
    assert "Coba lagi setelah pukul" in html and "admin pemda" in html
    assert "_auth_user_id" not in klien.session
    # The account is locked, not only this address.
    assert _terkunci(_masuk(Client(), "operator.a", SANDI, alamat="10.20.30.40"))
    assert any("Login dikunci sementara: pengguna='operator.a'" in r.getMessage() for r in caplog.records)


def test_admin_pemda_membuka_kunci_lalu_login_berhasil(data, produksi) -> None:
    operator = data.pengguna["operator"]
    for i in range(12):
        _masuk(Client(), "operator.a", f"salah-{i}")
    assert _terkunci(_masuk(Client(), "operator.a", SANDI))

    admin = klien_untuk(data.pengguna["admin"])
    html = admin.get(reverse("pengguna_daftar")).content.decode()
    assert "login terkunci" in html and reverse("pengguna_buka_kunci", args=[operator.pk]) in html
    # Another pemda's admin cannot see or unlock it.
    luar = klien_untuk(data.pengguna["admin_lain"]).post(reverse("pengguna_buka_kunci", args=[operator.pk]))
    assert luar.status_code == 404
    assert _terkunci(_masuk(Client(), "operator.a", SANDI))

    respon = admin.post(reverse("pengguna_buka_kunci", args=[operator.pk]), follow=True)
    assert "Kunci login akun “operator.a” dibuka" in respon.content.decode()
    entri = CatatanAudit.objects.get(aksi="lkjip.pengguna.buka_kunci")
    assert (entri.objek_id, entri.pengguna_id, entri.pemda_id) == (
        str(operator.pk),
        data.pengguna["admin"].pk,
        data.pemda.pk,
    )
    assert "login terkunci" not in admin.get(reverse("pengguna_daftar")).content.decode()

    klien = Client()
    respon = _masuk(klien, "operator.a", SANDI)
    assert respon.status_code == 302
    assert klien.session["_auth_user_id"] == str(operator.pk)


def test_satu_alamat_dikunci_setelah_gagal_di_banyak_akun(data, produksi) -> None:
    batas = produksi["MASUK_BATAS_GAGAL_ALAMAT"]
    assert batas > produksi["MASUK_BATAS_GAGAL_AKUN"]  # an office behind one NAT address
    penyerang = "10.0.0.7"
    hasil = [_masuk(Client(), f"tebakan.{i}", "salah", alamat=penyerang) for i in range(batas)]
    assert [r.status_code for r in hasil[:-1]] == [200] * (batas - 1)  # no account reached its limit
    assert _terkunci(hasil[-1])
    # From that address even a real account's right password is refused; from another it works.
    assert _terkunci(_masuk(Client(), "kepala.a", SANDI, alamat=penyerang))
    assert _masuk(Client(), "kepala.a", SANDI, alamat="10.0.0.8").status_code == 302


def test_kunci_berakhir_setelah_jeda(data, produksi, time_machine) -> None:
    for i in range(12):
        _masuk(Client(), "operator.a", f"salah-{i}")
    assert _terkunci(_masuk(Client(), "operator.a", SANDI))
    nanti = timezone.now() + dt.timedelta(minutes=produksi["MASUK_JEDA_MENIT"], seconds=5)
    time_machine.move_to(nanti, tick=False)
    assert _masuk(Client(), "operator.a", SANDI).status_code == 302


def test_akun_nonaktif_diberi_tahu_hanya_dengan_sandi_benar(data, produksi) -> None:
    operator = data.pengguna["operator"]
    sesi_lama = klien_untuk(operator)
    operator.is_active = False
    operator.save()

    benar = _masuk(Client(), "operator.a", SANDI)
    assert benar.status_code == 200
    assert PESAN_NONAKTIF in benar.content.decode()
    # A wrong password reads the same for a deactivated, an active and an unknown account.
    for username in ("operator.a", "kepala.a", "tidak.ada"):
        html = _masuk(Client(), username, "salah").content.decode()
        assert PESAN_SALAH in html and PESAN_NONAKTIF not in html
    # A session opened before the deactivation ends with it.
    assert sesi_lama.get(reverse("beranda")).status_code == 302


def test_alamat_hanya_dari_header_yang_dipercaya(settings) -> None:
    rf = RequestFactory()
    palsu = rf.post("/masuk/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.99")
    settings.MASUK_HEADER_ALAMAT = ""
    assert alamat_klien(palsu) == "192.0.2.10"  # a header nobody configured is ignored

    settings.MASUK_HEADER_ALAMAT = "HTTP_X_FORWARDED_FOR"
    lewat_proxy = rf.post("/masuk/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert alamat_klien(lewat_proxy) == "198.51.100.7"  # the entry our proxy appended
    rusak = rf.post("/masuk/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="bukan-ip")
    assert alamat_klien(rusak) == "127.0.0.1"


def test_admin_django_menampilkan_percobaan_gagal(data, produksi, admin_client) -> None:
    _masuk(Client(), "operator.a", "salah")
    respon = admin_client.get("/admin/axes/accessattempt/")
    assert respon.status_code == 200
    assert "operator.a" in respon.content.decode()
