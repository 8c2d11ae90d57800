"""A year's LKjIP can be printed and previewed before anyone creates the report (issue 10, item 2)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from lkjip.laporan.models import LaporanKinerja
from pelaporan.models import ButirPK, PerjanjianKinerja, Realisasi
from renstra.models import TargetIndikator

pytestmark = pytest.mark.django_db


def _tahun_2023(data) -> None:
    """OPD A's 2023: a PK and a TW IV realisasi, and no LKjIP record."""
    i = data.rencana["indikator"]
    TargetIndikator.objects.create(renstra=i.renstra, indikator=i, tahun=2023, nilai=Decimal(91))
    pk = PerjanjianKinerja.objects.create(
        opd=data.opd_a,
        tahun=2023,
        jenjang="kepala",
        pihak_pertama=data.opd_a.kepala,
        pihak_kedua_jabatan="Bupati Uji",
        pihak_kedua_nama="Bupati Uji",
    )
    ButirPK.objects.create(perjanjian=pk, indikator=i, target=Decimal(91))
    Realisasi.objects.create(opd=data.opd_a, indikator=i, tahun=2023, triwulan=4, nilai=Decimal("88.2"))


def test_cetak_lkjip_tanpa_laporan_menulis_draf_dan_tidak_menyimpan_apa_pun(data, tmp_path) -> None:
    _tahun_2023(data)
    keluaran = tmp_path / "draf.pdf"
    out = io.StringIO()
    call_command(
        "cetak_lkjip",
        pemda=data.opd_a.pemda.nama,
        opd=data.opd_a.nama,
        tahun=2023,
        keluaran=str(keluaran),
        stdout=out,
    )
    assert "(draf)" in out.getvalue()
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(keluaran.read_bytes())).pages)
    assert "BAB III AKUNTABILITAS KINERJA" in teks
    assert "88,2" in teks
    assert not LaporanKinerja.objects.filter(opd=data.opd_a, tahun=2023).exists()


def test_pratinjau_draf_tahun_tanpa_laporan_dari_daftar(data, masuk) -> None:
    _tahun_2023(data)
    c = masuk("reviewer")
    daftar = c.get(reverse("lkjip_daftar", args=[data.opd_a.pk])).content.decode()
    url = reverse("lkjip_pratinjau_draf", args=[data.opd_a.pk, 2023])
    assert url in daftar
    r = c.get(url)
    assert r.status_code == 200
    assert "belum ada yang disimpan" in r.content.decode()
    assert "BAB III" in r.content.decode()
    assert not LaporanKinerja.objects.filter(opd=data.opd_a, tahun=2023).exists()


def test_pratinjau_draf_tahun_yang_sudah_ada_laporannya_membuka_laporan_itu(data, masuk) -> None:
    lap = data.rencana["lkjip"]
    r = masuk("operator").get(reverse("lkjip_pratinjau_draf", args=[data.opd_a.pk, lap.tahun]))
    assert r.status_code == 302
    assert r.url == reverse("lkjip_pratinjau", args=[data.opd_a.pk, lap.pk])
