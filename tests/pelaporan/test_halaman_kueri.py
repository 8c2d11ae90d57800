"""The OPD pages cost a fixed number of queries, whatever the number of indicators."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lkjip import audit
from pelaporan.models import ButirPK, PerjanjianKinerja, Realisasi
from renstra.models import Indikator


def _tambah(data, pk: PerjanjianKinerja, dari: int, sampai: int) -> None:
    """Indicators ``dari``..``sampai``-1 in the PK, each reported in TW I by the operator."""
    r = data.rencana
    tahun = pk.tahun
    with audit.oleh(None):
        indikator = audit.buat_massal(
            [
                Indikator(
                    renstra=r["renstra"],
                    sasaran=r["sasaran"],
                    nama=f"Indikator {tahun}-{n}",
                    satuan="orang",
                    akumulasi="kumulatif",
                    arah="negatif" if n % 2 else "positif",
                )
                for n in range(dari, sampai)
            ]
        )
        audit.buat_massal(
            [
                ButirPK(perjanjian=pk, indikator=i, target=Decimal(100), urutan=dari + n)
                for n, i in enumerate(indikator)
            ]
        )
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


def _jumlah_query(klien, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        respon = klien.get(url)
    assert respon.status_code == 200
    return len(ctx.captured_queries)


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
    kecil = [_jumlah_query(klien, u) for u in url]
    _tambah(data, pk, 2, 12)
    besar = [_jumlah_query(klien, u) for u in url]
    assert kecil == besar, f"{url}: {kecil} kueri untuk 2 indikator, {besar} untuk 12"
