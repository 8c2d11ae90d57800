"""The permission matrix: every URL of the product, for every role.

anonymous → login; another OPD → 404; wrong role → 403; right role → 200 (or the redirect a
successful POST makes). A URL added without a row here fails ``test_setiap_url_punya_baris``.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import DataDasar, klien_untuk
from tests.csp import masalah_header, masalah_html
from tests.matriks import (  # noqa: F401 - the helpers rows are written with
    ADMIN_REVIEWER,
    ADMIN_SAJA,
    BACA_OPD,
    DIKECUALIKAN_NAMESPACE,
    ISI_DATA,
    ISI_DATA_POST,
    LUAR,
    PERAN,
    RPJMD_ADMIN,
    UBAH_PROFIL,
    UBAH_PROFIL_POST,
    Baris,
    logo_pemda,
    opd_a,
    pk_a,
    renstra_a,
    semua,
    tw_a,
    unggahan_rusak,
)
from tests.matriks_excel import MATRIKS_EXCEL
from tests.matriks_laporan import MATRIKS_LAPORAN

MATRIKS_INTI: dict[str, Baris] = {
    "beranda": Baris(lambda d: {}, semua(200)),
    "favicon": Baris(lambda d: {}, semua(200, anonim=200)),  # browsers ask before anyone logs in
    "login": Baris(lambda d: {}, semua(302, anonim=200)),  # logged-in users are sent home
    "logout": Baris(lambda d: {}, semua(302), metode="post"),
    "password_change": Baris(lambda d: {}, semua(200)),
    "password_change_done": Baris(lambda d: {}, semua(200)),
    "opd_daftar": Baris(lambda d: {}, ADMIN_REVIEWER),
    "opd_tambah": Baris(lambda d: {}, ADMIN_SAJA),
    "opd_detail": Baris(opd_a, BACA_OPD),
    "opd_ubah": Baris(opd_a, UBAH_PROFIL),
    "unit_tambah": Baris(opd_a, UBAH_PROFIL),
    "unit_ubah": Baris(lambda d: {"opd_id": d.opd_a.pk, "pk": d.unit_a.pk}, UBAH_PROFIL),
    "unit_hapus": Baris(lambda d: {"opd_id": d.opd_a.pk, "pk": d.unit_a.pk}, UBAH_PROFIL_POST, metode="post"),
    "pejabat_tambah": Baris(opd_a, UBAH_PROFIL),
    "pejabat_ubah": Baris(lambda d: {"opd_id": d.opd_a.pk, "pk": d.pejabat_a.pk}, UBAH_PROFIL),
    "pejabat_hapus": Baris(
        lambda d: {"opd_id": d.opd_a.pk, "pk": d.pejabat_a.pk}, UBAH_PROFIL_POST, metode="post"
    ),
    "pengaturan": Baris(lambda d: {}, ADMIN_SAJA),
    "pemda_logo": Baris(logo_pemda, ADMIN_SAJA),
    "pengguna_daftar": Baris(lambda d: {}, ADMIN_SAJA),
    "pengguna_tambah": Baris(lambda d: {}, ADMIN_SAJA),
    "pengguna_ubah": Baris(
        lambda d: {"pk": d.pengguna["operator"].pk}, semua(403, admin=200, admin_lain=404)
    ),
    "pengguna_buka_kunci": Baris(
        lambda d: {"pk": d.pengguna["operator"].pk}, semua(403, admin=302, admin_lain=404), metode="post"
    ),
    "riwayat": Baris(lambda d: {}, ADMIN_REVIEWER),
    # renstra
    "renstra_daftar": Baris(opd_a, BACA_OPD),
    "renstra_tambah": Baris(opd_a, ISI_DATA),
    "renstra_detail": Baris(renstra_a, BACA_OPD),
    "renstra_ubah": Baris(renstra_a, ISI_DATA),
    "renstra_hapus": Baris(renstra_a, ISI_DATA_POST, metode="post"),  # refused (not empty), redirected
    "renstra_ekspor": Baris(renstra_a, BACA_OPD),
    "renstra_impor": Baris(renstra_a, ISI_DATA),
    "renstra_impor_terapkan": Baris(
        lambda d: {**renstra_a(d), "token": unggahan_rusak(d)}, ISI_DATA, metode="post"
    ),
    "node_tambah": Baris(lambda d: {**renstra_a(d), "jenis": "sasaran"}, ISI_DATA),
    "node_ubah": Baris(lambda d: {**renstra_a(d), "jenis": "tujuan", "pk": d.rencana["tujuan"].pk}, ISI_DATA),
    "node_hapus": Baris(
        lambda d: {**renstra_a(d), "jenis": "arah", "pk": d.rencana["arah"].pk}, ISI_DATA_POST, metode="post"
    ),
    "indikator_tambah": Baris(
        lambda d: {**renstra_a(d), "tingkat": "sasaran", "induk_id": d.rencana["sasaran"].pk}, ISI_DATA
    ),
    "indikator_ubah": Baris(lambda d: {**renstra_a(d), "pk": d.rencana["indikator"].pk}, ISI_DATA),
    "indikator_ganti": Baris(lambda d: {**renstra_a(d), "pk": d.rencana["indikator"].pk}, ISI_DATA),
    "indikator_hapus": Baris(
        lambda d: {**renstra_a(d), "pk": d.rencana["indikator"].pk}, ISI_DATA_POST, metode="post"
    ),
    "rpjmd_daftar": Baris(lambda d: {}, semua(200)),
    "rpjmd_tambah": Baris(lambda d: {}, ADMIN_SAJA),
    "rpjmd_detail": Baris(lambda d: {"pk": d.rencana["rpjmd"].pk}, semua(200, admin_lain=404)),
    "rpjmd_ubah": Baris(lambda d: {"pk": d.rencana["rpjmd"].pk}, RPJMD_ADMIN),
    "rpjmd_node_tambah": Baris(lambda d: {"rpjmd_id": d.rencana["rpjmd"].pk, "jenis": "misi"}, RPJMD_ADMIN),
    "rpjmd_node_ubah": Baris(
        lambda d: {"rpjmd_id": d.rencana["rpjmd"].pk, "jenis": "tujuan", "pk": d.rencana["tujuan_daerah"].pk},
        RPJMD_ADMIN,
    ),
    # pelaporan
    "pk_daftar": Baris(opd_a, BACA_OPD),
    "pk_tambah": Baris(opd_a, ISI_DATA),
    "pk_detail": Baris(pk_a, BACA_OPD),
    "pk_ubah": Baris(pk_a, ISI_DATA),
    "butir_tambah": Baris(pk_a, ISI_DATA),
    "butir_ubah": Baris(lambda d: {**pk_a(d), "butir_id": d.rencana["butir"].pk}, ISI_DATA),
    "butir_hapus": Baris(
        lambda d: {**pk_a(d), "butir_id": d.rencana["butir"].pk}, ISI_DATA_POST, metode="post"
    ),
    "anggaran_pk_tambah": Baris(pk_a, ISI_DATA),
    "anggaran_pk_hapus": Baris(
        lambda d: {**pk_a(d), "baris_id": d.rencana["anggaran_pk"].pk}, ISI_DATA_POST, metode="post"
    ),
    "pk_tandatangani": Baris(pk_a, semua(403, kepala=302, **LUAR), metode="post"),
    "pk_perubahan": Baris(pk_a, ISI_DATA),
    "pk_banding": Baris(pk_a, semua(302, **LUAR)),  # a first version has nothing to compare: back to the PK
    "rencana_aksi": Baris(lambda d: {**opd_a(d), "tahun": 2022}, BACA_OPD),
    "realisasi_index": Baris(opd_a, BACA_OPD),
    "realisasi_grid": Baris(tw_a, BACA_OPD),
    "realisasi_pratinjau": Baris(
        lambda d: {**tw_a(d), "indikator_id": d.rencana["indikator"].pk}, BACA_OPD, metode="post"
    ),
    "realisasi_detail": Baris(lambda d: {**tw_a(d), "indikator_id": d.rencana["indikator"].pk}, BACA_OPD),
    "bukti_unggah": Baris(
        lambda d: {**tw_a(d), "indikator_id": d.rencana["indikator"].pk}, ISI_DATA_POST, metode="post"
    ),
    "laporan_ajukan": Baris(tw_a, ISI_DATA_POST, metode="post"),
    "laporan_putuskan": Baris(tw_a, semua(403, kepala=302, **LUAR), metode="post"),
    "bukti_unduh": Baris(lambda d: {**opd_a(d), "token": d.rencana["bukti"].token}, BACA_OPD),
    "bukti_hapus": Baris(
        lambda d: {**opd_a(d), "token": d.rencana["bukti"].token}, ISI_DATA_POST, metode="post"
    ),
    "anggaran_daftar": Baris(lambda d: {**opd_a(d), "tahun": 2022}, BACA_OPD),
    "anggaran_tambah": Baris(lambda d: {**opd_a(d), "tahun": 2022}, ISI_DATA),
    "anggaran_ubah": Baris(lambda d: {**opd_a(d), "tahun": 2022, "pk": d.rencana["anggaran"].pk}, ISI_DATA),
    "anggaran_hapus": Baris(
        lambda d: {**opd_a(d), "tahun": 2022, "pk": d.rencana["anggaran"].pk}, ISI_DATA_POST, metode="post"
    ),
    "anggaran_realisasi": Baris(lambda d: {**opd_a(d), "tahun": 2022, "triwulan": 1}, BACA_OPD),
    "periode": Baris(lambda d: {"tahun": 2022}, ADMIN_SAJA),
    "dasbor": Baris(lambda d: {}, semua(302)),  # sends each role to its own dashboard
    "dasbor_pemda": Baris(lambda d: {"tahun": 2022}, ADMIN_REVIEWER),
    "dasbor_opd": Baris(lambda d: {**opd_a(d), "tahun": 2022}, BACA_OPD),
    "dasbor_opd_terbaru": Baris(opd_a, semua(302, **LUAR)),  # to the latest year with data
    "rpjmd_node_hapus": Baris(
        lambda d: {
            "rpjmd_id": d.rencana["rpjmd"].pk,
            "jenis": "sasaran",
            "pk": d.rencana["sasaran_daerah"].pk,
        },
        semua(403, admin=302, admin_lain=404),
        metode="post",
    ),
}

# Rows kept beside their feature; a duplicated name would hide a row, so it is refused.
_TAMBAHAN: list[dict[str, Baris]] = [MATRIKS_EXCEL, MATRIKS_LAPORAN]
MATRIKS: dict[str, Baris] = dict(MATRIKS_INTI)
for _baris in _TAMBAHAN:
    assert not set(_baris) & set(MATRIKS), set(_baris) & set(MATRIKS)
    MATRIKS.update(_baris)


def _nama_url(pola: list, namespace: str = "") -> set[str]:
    nama: set[str] = set()
    for p in pola:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            if ns in DIKECUALIKAN_NAMESPACE:
                continue
            nama |= _nama_url(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern):
            if p.name is None:
                raise AssertionError(f"URL tanpa nama: {p.pattern}")
            nama.add(namespace + p.name)
    return nama


def test_setiap_url_punya_baris() -> None:
    url = _nama_url(get_resolver().url_patterns)
    assert url - set(MATRIKS) == set(), "URL tanpa baris di matriks izin"
    assert set(MATRIKS) - url == set(), "baris matriks untuk URL yang tidak ada"


@pytest.mark.parametrize("nama", sorted(MATRIKS))
@pytest.mark.parametrize("peran", PERAN)
def test_matriks(data: DataDasar, nama: str, peran: str) -> None:
    baris = MATRIKS[nama]
    klien = klien_untuk(None if peran == "anonim" else data.pengguna[peran])
    url = reverse(nama, kwargs=baris.kwargs(data))
    respon = getattr(klien, baris.metode)(url, baris.data(data))
    harapan = baris.harapan[peran]
    assert respon.status_code == harapan, f"{peran} {baris.metode.upper()} {url}"
    # Issue 12 item 4: every response carries the CSP, and every page satisfies it.
    assert masalah_header(respon.get("Content-Security-Policy")) == []
    if respon.status_code == 200 and respon["Content-Type"].startswith("text/html"):
        assert masalah_html(respon.content.decode()) == []
    if peran == "anonim" and harapan == 302 and nama not in ("logout",):
        assert respon["Location"].startswith(reverse("login"))


def test_operator_opd_a_mendapat_404_di_semua_halaman_opd_b(data: DataDasar) -> None:
    """Scoping, walked over every URL that takes an OPD: B's pages do not exist for A."""
    klien = klien_untuk(data.pengguna["operator"])
    diperiksa = 0
    for nama, baris in MATRIKS.items():
        kwargs = baris.kwargs(data)
        if "opd_id" not in kwargs:
            continue
        kwargs["opd_id"] = data.opd_b.pk
        respon = getattr(klien, baris.metode)(reverse(nama, kwargs=kwargs))
        assert respon.status_code == 404, nama
        diperiksa += 1
    assert diperiksa >= 8


def test_admin_django_hanya_untuk_superuser(data: DataDasar, admin_client) -> None:
    for peran in ("operator", "admin", "reviewer"):
        respon = klien_untuk(data.pengguna[peran]).get("/admin/")
        assert respon.status_code == 302
    assert admin_client.get("/admin/").status_code == 200
