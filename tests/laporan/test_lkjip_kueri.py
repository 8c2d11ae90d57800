"""The LKjIP page costs a fixed number of queries, whatever the number of indicators in the PK."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from lkjip import audit
from pelaporan.models import ButirPK, Realisasi
from tests.conftest import indikator_pk_massal, jumlah_kueri


def test_halaman_lkjip_jumlah_query_tidak_bertambah_dengan_indikator(data, siap, masuk) -> None:
    r = data.rencana
    klien = masuk("operator")
    url = reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk])
    awal = jumlah_kueri(klien, url)
    with audit.oleh(None):
        # the PK's rows without their own kinerja text: the appendix reads the sasaran's
        indikator = indikator_pk_massal(data, r["pk"], 6, awal=10)
        audit.buat_massal(
            [
                Realisasi(opd=data.opd_a, indikator=i, tahun=2022, triwulan=t, nilai=Decimal(20 * t))
                for i in indikator
                for t in (1, 2, 3, 4)
            ]
        )
    assert ButirPK.objects.filter(perjanjian=r["pk"]).count() == 7
    assert jumlah_kueri(klien, url) == awal
