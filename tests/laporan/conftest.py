"""Fixtures of the LKjIP tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from lkjip.laporan import services
from lkjip.laporan.sertifikat import buat_demo, pasang
from pelaporan.models import Realisasi
from tests.conftest import SANDI


@pytest.fixture
def sinkron(settings) -> None:
    settings.LKJIP_RENDER_SINKRON = True


@pytest.fixture
def siap(data, masuk):
    """OPD A's 2022 LKjIP, ready to submit: PK signed, TW IV reported with an explanation."""
    r = data.rencana
    pk = r["pk"]
    masuk("kepala").post(reverse("pk_tandatangani", args=[data.opd_a.pk, pk.pk]), {"sandi": SANDI})
    Realisasi.objects.create(
        opd=data.opd_a,
        indikator=r["indikator"],
        tahun=2022,
        triwulan=4,
        nilai=Decimal("88.2"),
        penjelasan="Penanganan PMKS meningkat berkat pemutakhiran DTKS.",
        faktor_penghambat="Data PMKS belum terpadu antardesa.",
        rencana_tindak_lanjut="Memperkuat Puskesos di desa.",
    )
    # What a complete report needs beyond the figures (issue 10: nothing printed as "[belum diisi: …]").
    from renstra.models import Indikator

    i = r["indikator"]
    i.definisi = "PMKS tertangani ÷ seluruh PMKS × 100"
    i.save()
    Indikator.objects.create(
        renstra=i.renstra, tujuan=r["tujuan"], nama="Indeks Pembangunan Manusia", satuan="Indeks"
    )
    lap = services.laporan_buat(opd=data.opd_a, tahun=2022, triwulan=4, pengguna=data.pengguna["operator"])
    p12, sandi, ca = buat_demo(opd=data.opd_a, nama_kepala="H. Hamly, SE")
    pasang(opd=data.opd_a, p12=p12, sandi=sandi, ca_pem=ca)
    return lap
