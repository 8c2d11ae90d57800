"""The LKjIP page costs a fixed number of queries, whatever the number of indicators in the PK."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lkjip import audit
from pelaporan.models import ButirPK, Realisasi
from renstra.models import Indikator


def _jumlah_query(klien, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        respon = klien.get(url)
    assert respon.status_code == 200
    return len(ctx.captured_queries)


def test_halaman_lkjip_jumlah_query_tidak_bertambah_dengan_indikator(data, siap, masuk) -> None:
    r = data.rencana
    klien = masuk("operator")
    url = reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk])
    awal = _jumlah_query(klien, url)
    with audit.oleh(None):
        # the PK's rows without their own kinerja text: the appendix reads the sasaran's
        indikator = audit.buat_massal(
            [
                Indikator(
                    renstra=r["renstra"],
                    sasaran=r["sasaran"],
                    nama=f"Indikator tambahan {n}",
                    satuan="orang",
                    akumulasi="kumulatif",
                )
                for n in range(6)
            ]
        )
        audit.buat_massal(
            [
                ButirPK(perjanjian=r["pk"], indikator=i, target=Decimal(100), urutan=10 + n)
                for n, i in enumerate(indikator)
            ]
        )
        audit.buat_massal(
            [
                Realisasi(opd=data.opd_a, indikator=i, tahun=2022, triwulan=t, nilai=Decimal(20 * t))
                for i in indikator
                for t in (1, 2, 3, 4)
            ]
        )
    assert ButirPK.objects.filter(perjanjian=r["pk"]).count() == 7
    assert _jumlah_query(klien, url) == awal
