"""The OPD pages cost a fixed number of queries, whatever the number of indicators."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from lkjip import audit
from pelaporan.models import PerjanjianKinerja, Realisasi
from tests.conftest import indikator_pk_massal, jumlah_kueri


def _tambah(data, pk: PerjanjianKinerja, dari: int, sampai: int) -> None:
    """Indicators ``dari``..``sampai``-1 in the PK, each reported in TW I by the operator."""
    tahun = pk.tahun
    with audit.oleh(None):
        indikator = indikator_pk_massal(data, pk, sampai - dari, awal=dari, arah_bergantian=True)
        audit.buat_massal(
            [
                Realisasi(
                    opd=data.opd_a,
                    indikator=i,
                    tahun=tahun,
                    triwulan=1,
                    nilai=Decimal(5 + n),
                    diubah_oleh=data.pengguna["operator"],
                )
                for n, i in enumerate(indikator)
            ]
        )


def test_grid_dan_dasbor_opd_jumlah_query_tetap(data, masuk) -> None:
    pk = PerjanjianKinerja.objects.create(
        opd=data.opd_a, tahun=2023, jenjang="kepala", pihak_kedua_nama="Bupati"
    )
    klien = masuk("operator")
    url = [
        reverse("realisasi_grid", args=[data.opd_a.pk, 2023, 1]),
        reverse("dasbor_opd", args=[data.opd_a.pk, 2023]),
    ]
    _tambah(data, pk, 0, 2)
    kecil = [jumlah_kueri(klien, u) for u in url]
    _tambah(data, pk, 2, 12)
    besar = [jumlah_kueri(klien, u) for u in url]
    assert kecil == besar, f"{url}: {kecil} kueri untuk 2 indikator, {besar} untuk 12"
