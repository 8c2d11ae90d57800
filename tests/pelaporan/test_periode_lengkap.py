"""Screens follow DOMAIN §5 "complete periods": an incomplete figure shows no capaian and no
rating, only its reason and a labelled, uncoloured "sementara" figure (issue 11 item 1)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from pelaporan.models import Realisasi, TargetTriwulan
from pelaporan.selectors import grid_realisasi

D = Decimal


@pytest.fixture
def tw_ii_terlewat(data):
    i = data.rencana["indikator"]
    i.akumulasi = "kumulatif"
    i.save()
    for tw in (1, 2, 3):
        TargetTriwulan.objects.create(opd=data.opd_a, indikator=i, tahun=2022, triwulan=tw, nilai=D(30))
    Realisasi.objects.filter(indikator=i, tahun=2022).delete()
    Realisasi.objects.create(opd=data.opd_a, indikator=i, tahun=2022, triwulan=1, nilai=D(30))
    Realisasi.objects.create(opd=data.opd_a, indikator=i, tahun=2022, triwulan=3, nilai=D(33))
    return i


def test_the_grid_shows_belum_lengkap_and_an_uncoloured_sementara_figure(data, masuk, tw_ii_terlewat):
    baris = next(b for b in grid_realisasi(data.opd_a, 2022, sampai=3) if b.indikator == tw_ii_terlewat)
    assert baris.capaian.hasil.nilai is None
    assert baris.kategori is None
    respon = masuk("operator").get(
        reverse("realisasi_grid", kwargs={"opd_id": data.opd_a.pk, "tahun": 2022, "triwulan": 3})
    )
    assert respon.status_code == 200
    teks = respon.content.decode()
    sel = teks[teks.index(f'id="hasil-{tw_ii_terlewat.pk}"') :]
    sel = sel[: sel.index("</td>")]
    assert "belum lengkap: TW II belum ada data" in sel
    assert "sementara (TW I, TW III)" in sel
    assert "105,00 %" in sel  # (30 + 33) ÷ (30 + 30), shown as partial only
    assert "data-warna" not in sel  # never coloured by the scale
    # The explanation below the grid comes from the domain and states the rule.
    assert "Capaian s.d. TW k hanya ada bila periodenya lengkap" in teks


def test_the_opd_dashboard_gives_the_reason_not_a_rating(data, masuk, tw_ii_terlewat):
    respon = masuk("reviewer").get(reverse("dasbor_opd", kwargs={"opd_id": data.opd_a.pk, "tahun": 2022}))
    assert respon.status_code == 200
    teks = respon.content.decode()
    assert "belum lengkap: TW II belum ada data" in teks
    assert "sementara (TW I, TW III): 105,00 %" in teks


def test_the_settings_page_prints_the_pemdas_formulas(data, masuk):
    data.pemda.rumus_negatif = "rasio"
    data.pemda.save()
    teks = masuk("admin").get(reverse("pengaturan")).content.decode()
    assert "Rumus capaian yang berlaku sekarang" in teks
    assert "Negatif (makin rendah makin baik): target ÷ realisasi × 100" in teks
    assert "Target boleh berupa rentang a–b untuk arah apa pun" in teks
