"""Saving a quarter's grid costs a fixed number of queries, whatever the number of indicators."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lkjip import audit
from pelaporan import services
from pelaporan.models import ButirPK, PerjanjianKinerja, Realisasi
from tests.conftest import indikator_pk_massal


def siapkan_grid(data, jumlah: int, tahun: int = 2023) -> PerjanjianKinerja:
    """A PK of OPD A with ``jumlah`` indicators, half of them already reported in TW I."""
    pk = PerjanjianKinerja.objects.create(
        opd=data.opd_a, tahun=tahun, jenjang="kepala", pihak_kedua_nama="Bupati"
    )
    indikator = indikator_pk_massal(data, pk, jumlah)
    audit.buat_massal(
        [
            Realisasi(opd=data.opd_a, indikator=i, tahun=tahun, triwulan=1, nilai=Decimal(5))
            for i in indikator[::2]
        ]
    )
    return pk


def masukan_semua(jumlah_awal: dict[int, Realisasi], indikator: list[int]) -> list[services.SelGrid]:
    return [
        services.SelGrid(
            kunci=i,
            nilai=Decimal(10 + n),
            awal="5" if i in jumlah_awal else "",
            versi=jumlah_awal[i].versi if i in jumlah_awal else 0,
        )
        for n, i in enumerate(indikator)
    ]


def _simpan(data, jumlah: int, tahun: int) -> tuple[int, int]:
    pk = siapkan_grid(data, jumlah, tahun)
    ids = list(ButirPK.objects.filter(perjanjian=pk).values_list("indikator_id", flat=True))
    ada = {r.indikator_id: r for r in Realisasi.objects.filter(tahun=tahun, triwulan=1, indikator_id__in=ids)}
    masukan = masukan_semua(ada, ids)
    with CaptureQueriesContext(connection) as ctx:
        hasil = services.realisasi_simpan_grid(
            opd=data.opd_a, tahun=tahun, triwulan=1, masukan=masukan, pengguna=data.pengguna["operator"]
        )
    assert hasil.disimpan == jumlah and not hasil.konflik
    return len(ctx.captured_queries), hasil.disimpan


def test_simpan_grid_200_indikator_jumlah_query_tetap(data) -> None:
    q20, _ = _simpan(data, 20, 2023)
    q200, n = _simpan(data, 200, 2024)
    assert n == 200
    # Reads and the UPDATE are one query each whatever the size; INSERTs (rows and audit entries)
    # go in batches because SQLite allows 999 parameters per statement. Pinned at 23: 20, plus
    # the savepoint around the writes (a lost INSERT race rolls back to it, issue 12) and the
    # one read of the rows' last editors.
    assert q20 <= 23 and q200 <= 23, f"20 indikator: {q20} query, 200 indikator: {q200} query"
