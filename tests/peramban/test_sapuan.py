"""The rest of each role's everyday pages, checked whole with axe-core (issue 13, item 2): the
lists and forms the journeys pass by without stopping (PK, budgets, action plans, history, users,
OPDs, RPJMD, Renstra list, nomenclature, LKjIP list and comparison). Each must open (200) with no
serious or critical WCAG 2.1 A/AA finding, script error or CSP violation."""

from __future__ import annotations

import pytest

HALAMAN = {
    "operator.dinsos": [
        "/opd/1/",
        "/opd/1/pk/",
        "/opd/1/pk/?tahun=2021",
        "/opd/1/rencana-aksi/2021/",
        "/opd/1/anggaran/2021/",
        "/opd/1/realisasi/2021/4/indikator/1009/",
        "/opd/1/renstra/",
        "/opd/1/lkjip/",
        "/opd/1/lkjip/1001/pembanding/",
    ],
    "admin.kukar": [
        "/opd/",
        "/pengguna/",
        "/pengguna/tambah/",
        "/rpjmd/",
        "/pengaturan/nomenklatur/",
        "/opd/1/ubah/",
        "/riwayat/",
    ],
    "reviewer.inspektorat": ["/opd/", "/opd/1/", "/opd/1/lkjip/", "/opd/1/renstra/1002/"],
}


@pytest.mark.parametrize("login", list(HALAMAN))
def test_halaman_sehari_hari_bersih_axe(peramban, login) -> None:
    page = peramban.halaman(login)
    for jalur in HALAMAN[login]:
        peramban.buka(page, jalur)
