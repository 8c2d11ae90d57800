"""Dates typed day first, whatever the browser's language (issue 13 item 6): every date of every
form is a TanggalField (text box, hh-bb-tttt), read by the server, shown back as dd-mm-yyyy."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from lkjip.fields import PESAN_TANGGAL, POLA_TANGGAL, TanggalField, TanggalInput
from lkjip.forms import RiwayatFilterForm
from lkjip.laporan.forms import PernyataanReviuForm
from lkjip.models import PerangkatDaerah
from pelaporan.forms import PembukaanKembaliForm, PeriodeForm, PerjanjianKinerjaForm
from pelaporan.models import PeriodeTriwulan

AKAR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("teks", "tanggal"),
    [
        ("25-02-2022", dt.date(2022, 2, 25)),
        ("5-2-2022", dt.date(2022, 2, 5)),
        (" 25/02/2022 ", dt.date(2022, 2, 25)),
        ("25.02.2022", dt.date(2022, 2, 25)),
        ("25022022", dt.date(2022, 2, 25)),  # a phone's number pad has no dash
        ("2022-02-25", dt.date(2022, 2, 25)),  # ISO, as older links wrote it
        ("04-05-2022", dt.date(2022, 5, 4)),  # 4 May, never April 5th
    ],
)
def test_tanggal_dibaca_hari_dulu(teks: str, tanggal: dt.date) -> None:
    assert TanggalField().clean(teks) == tanggal
    assert re.fullmatch(POLA_TANGGAL, teks) or teks == "2022-02-25"


@pytest.mark.parametrize("teks", ["02-25-2022", "31-02-2022", "25-02-22", "kemarin", "2022/02/25"])
def test_tanggal_salah_ditolak_dengan_pesan_indonesia(teks: str) -> None:
    with pytest.raises(forms.ValidationError) as galat:
        TanggalField().clean(teks)
    assert galat.value.messages == [PESAN_TANGGAL]
    assert "hh-bb-tttt" in PESAN_TANGGAL


def test_isian_teks_bukan_type_date() -> None:
    html = TanggalInput().render("t", dt.date(2022, 2, 25))
    assert 'type="text"' in html and 'value="25-02-2022"' in html
    assert 'placeholder="hh-bb-tttt"' in html and 'inputmode="numeric"' in html and "data-tanggal" in html
    assert re.search(r'pattern="[^"]+"', html)
    # what the user typed comes back as typed, so a mistake can be corrected
    assert 'value="31-02-2022"' in TanggalInput().render("t", "31-02-2022")


def test_setiap_tanggal_di_formulir_adalah_tanggalfield(data) -> None:
    daftar = [
        RiwayatFilterForm(opd_qs=PerangkatDaerah.objects.none(), jenis_data=[]),
        PernyataanReviuForm(),
        PerjanjianKinerjaForm(opd=data.opd_a),
        PeriodeForm(tahun=2022, awal={}),
        PembukaanKembaliForm(opd_qs=PerangkatDaerah.objects.none()),
    ]
    jumlah = 0
    for form in daftar:
        for nama, field in form.fields.items():
            if isinstance(field, forms.DateField):
                assert isinstance(field, TanggalField) and isinstance(field.widget, TanggalInput), nama
                jumlah += 1
    assert jumlah == 2 + 1 + 1 + 8 + 1
    # and no template or form asks the browser for its own date picker
    for jalur in [*AKAR.glob("templates/**/*.html"), *AKAR.glob("*/**/forms*.py")]:
        if ".venv" in jalur.parts:
            continue
        teks = jalur.read_text(encoding="utf-8")
        assert 'type="date"' not in teks and '"type": "date"' not in teks, jalur


def test_jadwal_triwulan_diisi_dan_ditampilkan_hh_bb_tttt(data, masuk) -> None:
    klien = masuk("admin")
    url = reverse("periode", args=[2022])
    isian = {"aksi": "jadwal", "dibuka_1": "01-04-2022", "ditutup_1": "15042022"}
    assert klien.post(url, isian).status_code == 302
    p = PeriodeTriwulan.objects.get(pemda=data.pemda, tahun=2022, triwulan=1)
    assert (p.dibuka, p.ditutup) == (dt.date(2022, 4, 1), dt.date(2022, 4, 15))
    html = klien.get(url).content.decode()
    assert 'name="dibuka_1" value="01-04-2022"' in html and 'name="ditutup_1" value="15-04-2022"' in html
    # a month-first date is refused next to its field, and nothing changes
    respon = klien.post(url, {**isian, "ditutup_1": "04-15-2022"})
    assert respon.status_code == 200 and PESAN_TANGGAL in respon.content.decode()
    assert PeriodeTriwulan.objects.get(pk=p.pk).ditutup == dt.date(2022, 4, 15)


def test_saringan_riwayat_membaca_hh_bb_tttt(data, masuk) -> None:
    klien = masuk("admin")
    respon = klien.get(reverse("riwayat"), {"dari": "01-01-2000", "sampai": "31-12-2099"})
    assert respon.status_code == 200 and respon.context["form"].is_valid()
    assert 'value="01-01-2000"' in respon.content.decode()
    respon = klien.get(reverse("riwayat"), {"dari": "12-31-2022"})
    assert PESAN_TANGGAL in respon.content.decode()
