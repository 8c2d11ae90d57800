"""Permission-matrix rows of the LKjIP (issue 7)."""

from __future__ import annotations

from typing import Any

from tests.conftest import DataDasar
from tests.matriks import ADMIN_SAJA, BACA_OPD, ISI_DATA_POST, LUAR, Baris, semua


def lap(d: DataDasar) -> dict[str, Any]:
    return {"opd_id": d.opd_a.pk, "pk": d.rencana["lkjip"].pk}


def render(d: DataDasar) -> dict[str, Any]:
    return {**lap(d), "token": d.rencana["render"].token}


KEPALA_POST = semua(403, kepala=302, **LUAR)

MATRIKS_LAPORAN: dict[str, Baris] = {
    "lkjip_daftar": Baris(lambda d: {"opd_id": d.opd_a.pk}, BACA_OPD),
    "lkjip_detail": Baris(lap, BACA_OPD),
    "lkjip_teks": Baris(lambda d: {**lap(d), "kunci": "kata_pengantar"}, BACA_OPD),
    "lkjip_pembanding": Baris(lap, BACA_OPD),
    "lkjip_pratinjau": Baris(lap, BACA_OPD),
    "lkjip_pratinjau_draf": Baris(lambda d: {"opd_id": d.opd_a.pk, "tahun": 2023}, BACA_OPD),
    "lkjip_pdf_buat": Baris(lap, semua(302, **LUAR), metode="post"),  # any reader may print a draft
    "lkjip_render": Baris(render, BACA_OPD),
    "lkjip_render_unduh": Baris(render, BACA_OPD),
    "lkjip_excel": Baris(lap, BACA_OPD),
    "lkjip_ajukan": Baris(lap, ISI_DATA_POST, metode="post"),
    "lkjip_kembalikan": Baris(lap, KEPALA_POST, metode="post"),
    "lkjip_tandatangani": Baris(lap, KEPALA_POST, metode="post"),
    "lkjip_unduh": Baris(lap, BACA_OPD),
    "lkjip_versi_baru": Baris(lap, ISI_DATA_POST, metode="post"),
    "lkjip_catatan": Baris(lap, semua(403, reviewer=302, **LUAR), metode="post"),
    "lkjip_pernyataan": Baris(lap, semua(403, reviewer=200, **LUAR)),
    "verifikasi": Baris(lambda d: {"token": d.rencana["dokumen"].token}, semua(200, anonim=200)),
    "sertifikat": Baris(lambda d: {}, ADMIN_SAJA),
    "kerangka_laporan": Baris(lambda d: {}, ADMIN_SAJA),
}
