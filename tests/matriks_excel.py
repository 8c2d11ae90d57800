"""Permission-matrix rows of the Excel exchange (issue 6) and the nomenclature it names nodes with (issue 10)."""

from __future__ import annotations

from typing import Any

from tests.conftest import DataDasar
from tests.matriks import ADMIN_SAJA, BACA_OPD, ISI_DATA, LUAR, Baris, renstra_a, semua


def pengukuran_a(d: DataDasar) -> dict[str, Any]:
    return {"opd_id": d.opd_a.pk, "tahun": 2022}


def unggahan_pengukuran_rusak(d: DataDasar) -> str:
    """An upload the operator previewed; confirming it re-reads it and shows why it fails (200)."""
    from lkjip.models import UnggahanSementara

    u = UnggahanSementara.objects.create(
        pengguna=d.pengguna["operator"],
        opd=d.opd_a,
        jenis="pengukuran-2022",
        nama_berkas="x.xlsx",
        isi=b"bukan excel",
    )
    return str(u.token)


MATRIKS_EXCEL: dict[str, Baris] = {
    # The workbook's help page: every signed-in user (nothing in it is an OPD's).
    "pengukuran_format": Baris(lambda d: {}, semua(200)),
    # GET: everyone in scope reads and downloads; the upload POST is checked in test_excel_pengukuran.
    "pengukuran": Baris(pengukuran_a, BACA_OPD),
    "pengukuran_templat": Baris(pengukuran_a, BACA_OPD),
    "pengukuran_ekspor": Baris(pengukuran_a, BACA_OPD),
    "pengukuran_terapkan": Baris(
        lambda d: {**pengukuran_a(d), "token": unggahan_pengukuran_rusak(d)}, ISI_DATA, metode="post"
    ),
    # The import's "perlu diberi nama" link: the operator to the edit page, other readers to the tree.
    "node_kode": Baris(lambda d: {**renstra_a(d), "jenis": "program", "kode": "1.06.04"}, semua(302, **LUAR)),
    # The pemda's nomenclature list: its admin only.
    "nomenklatur": Baris(lambda d: {}, ADMIN_SAJA),
    "nomenklatur_unduh": Baris(lambda d: {}, ADMIN_SAJA),
    "nomenklatur_kembalikan": Baris(lambda d: {}, semua(403, admin=302, admin_lain=302), metode="post"),
}
