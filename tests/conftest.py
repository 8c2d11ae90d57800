"""Shared fixtures: two OPDs in one pemda, a third OPD in another pemda, one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported lazily so tests/domain runs without Django (-p no:django)
    from django.test import Client

    from lkjip.models import Pejabat, Pemda, Pengguna, PerangkatDaerah, UnitKerja

SANDI = "sandi-uji-yang-panjang"


@dataclass
class DataDasar:
    pemda: Pemda
    pemda_lain: Pemda
    opd_a: PerangkatDaerah
    opd_b: PerangkatDaerah
    opd_c: PerangkatDaerah
    unit_a: UnitKerja
    pejabat_a: Pejabat
    pengguna: dict[str, Pengguna]


def buat_pengguna(username: str, peran: str, *, pemda: Pemda, opd: PerangkatDaerah | None = None) -> Pengguna:
    from lkjip.models import Pengguna

    p = Pengguna(
        username=username, nama=username.replace(".", " ").title(), peran=peran, pemda=pemda, opd=opd
    )
    p.set_password(SANDI)
    p.save()
    return p


@pytest.fixture(autouse=True)
def _sandi_cepat(request: pytest.FixtureRequest) -> None:
    """Tests hash many passwords; 1M PBKDF2 rounds each would make the suite take minutes."""
    if not request.config.pluginmanager.hasplugin("django"):
        return  # tests/domain may run with -p no:django
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # verifies the demo fixture's hashes
    ]


@pytest.fixture
def data(db) -> DataDasar:
    from lkjip.models import Pejabat, Pemda, Peran, PerangkatDaerah, UnitKerja

    pemda = Pemda.objects.create(
        nama="Pemerintah Kabupaten Uji", nama_singkat="Uji", ibu_kota="Kota Uji", zona_waktu="Asia/Makassar"
    )
    pemda_lain = Pemda.objects.create(nama="Pemerintah Kabupaten Lain", nama_singkat="Lain", ibu_kota="Lain")
    opd_a = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Sosial Uji", kode_urusan="1.06")
    opd_b = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Kesehatan Uji", kode_urusan="1.02")
    opd_c = PerangkatDaerah.objects.create(pemda=pemda_lain, nama="Dinas Sosial Lain", kode_urusan="1.06")
    unit_a = UnitKerja.objects.create(opd=opd_a, nama="Kepala Dinas", jenis="pimpinan", eselon="II.b")
    pejabat_a = Pejabat.objects.create(
        opd=opd_a,
        nama="H. Hamly, SE",
        nip="196404091988031013",
        jabatan="Kepala Dinas Sosial",
        unit_kerja=unit_a,
    )
    opd_a.kepala = pejabat_a
    opd_a.save()
    pengguna = {
        "operator": buat_pengguna("operator.a", Peran.OPERATOR, pemda=pemda, opd=opd_a),
        "kepala": buat_pengguna("kepala.a", Peran.KEPALA, pemda=pemda, opd=opd_a),
        "reviewer": buat_pengguna("reviewer", Peran.REVIEWER, pemda=pemda),
        "admin": buat_pengguna("admin.a", Peran.ADMIN, pemda=pemda),
        "operator_lain": buat_pengguna("operator.b", Peran.OPERATOR, pemda=pemda, opd=opd_b),
        "admin_lain": buat_pengguna("admin.lain", Peran.ADMIN, pemda=pemda_lain),
    }
    return DataDasar(pemda, pemda_lain, opd_a, opd_b, opd_c, unit_a, pejabat_a, pengguna)


def klien_untuk(pengguna: Pengguna | None) -> Client:
    from django.test import Client

    klien = Client()
    if pengguna is not None:
        klien.force_login(pengguna)
    return klien


@pytest.fixture
def masuk(data: DataDasar):
    """``masuk("operator")`` → a test client logged in with that role."""

    def _masuk(peran: str) -> Client:
        return klien_untuk(data.pengguna[peran])

    return _masuk
