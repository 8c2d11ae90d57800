"""Dashboards: the reviewer's overview of every OPD and one OPD's year, from the same figures as the LKjIP.

Golden figures are seed 000 recomputed (see test_demo_pelaporan): mean capaian 96,58 % Sangat
Tinggi, never the printed 99,84 %; budget realisation 84,45 %, never the printed 84,50 %.
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.dasbor import ringkasan_opd, triwulan_terakhir
from pelaporan.models import Realisasi

AKAR = Path(__file__).resolve().parents[2]
FIXTURE = [AKAR / "fixtures" / f"demo_{nama}.json" for nama in ("organisasi", "renstra", "pelaporan")]
OPD_KUKAR = 1


@pytest.fixture
def demo(db) -> None:
    call_command("loaddata", *map(str, FIXTURE), verbosity=0)


def _klien(username: str) -> Client:
    c = Client()
    c.force_login(Pengguna.objects.get(username=username))
    return c


def test_dasbor_opd_menunjukkan_angka_yang_dihitung_ulang(demo) -> None:
    html = _klien("reviewer.inspektorat").get(reverse("dasbor_opd", args=[OPD_KUKAR, 2021])).content.decode()
    assert "96,58 %" in html and "Sangat Tinggi" in html and "84,45 %" in html
    assert "99,84" not in html and "84,50 %" not in html
    assert "10 dari 10 indikator dihitung" in html
    # charts are SVG drawn by the server, shown as images (the CSP allows no inline <style>): no
    # script, nothing fetched from the internet
    grafik = re.findall(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(grafik) >= 2
    for isi in map(base64.b64decode, grafik):
        assert isi.startswith(b"<svg") and b"<script" not in isi and b"//kozea" not in isi
    assert "cdn" not in html.lower()


def test_dasbor_pemda_membandingkan_semua_opd(demo) -> None:
    reviewer = _klien("reviewer.inspektorat")
    respon = reviewer.get(reverse("dasbor_pemda", args=[2021]))
    html = respon.content.decode()
    kukar = PerangkatDaerah.objects.get(pk=OPD_KUKAR)
    assert kukar.nama in html and "96,58 %" in html and "84,45 %" in html
    # each OPD links to its own dashboard; another pemda's OPDs are not shown
    assert reverse("dasbor_opd", args=[OPD_KUKAR, 2021]) in html
    lain = PerangkatDaerah.objects.exclude(pemda=kukar.pemda).first()
    assert lain is not None and lain.nama not in html
    # the menu sends the reviewer to the overview, the operator to its own OPD (2021: the demo's
    # latest year with data, not the empty current year)
    assert reviewer.get(reverse("dasbor"))["Location"] == reverse("dasbor_pemda", args=[2021])
    operator = _klien("operator.dinsos")
    assert operator.get(reverse("dasbor"))["Location"] == reverse("dasbor_opd", args=[OPD_KUKAR, 2021])
    assert operator.get(reverse("dasbor_pemda", args=[2021])).status_code == 403


def test_dasbor_dibuka_pada_tahun_terakhir_yang_berisi_data(demo) -> None:
    """Data only in 2021: every "no year given" entry opens 2021, never the empty current year."""
    tahun_ini = timezone.localdate().year
    assert tahun_ini > 2023
    kukar = PerangkatDaerah.objects.get(pk=OPD_KUKAR)
    kosong = PerangkatDaerah.objects.filter(pemda=kukar.pemda).exclude(pk=OPD_KUKAR).first()
    reviewer = _klien("reviewer.inspektorat")
    assert reviewer.get(reverse("dasbor"))["Location"] == reverse("dasbor_pemda", args=[2021])
    for username in ("operator.dinsos", "kepala.dinsos"):
        lokasi = _klien(username).get(reverse("dasbor"))["Location"]
        assert lokasi == reverse("dasbor_opd", args=[OPD_KUKAR, 2021]), username
    # the OPD page's "Dasbor" link goes through the year-less URL
    html = reviewer.get(reverse("opd_detail", args=[OPD_KUKAR])).content.decode()
    assert reverse("dasbor_opd_terbaru", args=[OPD_KUKAR]) in html
    respon = reviewer.get(reverse("dasbor_opd_terbaru", args=[OPD_KUKAR]))
    assert respon["Location"] == reverse("dasbor_opd", args=[OPD_KUKAR, 2021])
    # an OPD without any data opens on the current year, and a realisasi alone counts as data
    assert reviewer.get(reverse("dasbor_opd_terbaru", args=[kosong.pk]))["Location"] == reverse(
        "dasbor_opd", args=[kosong.pk, tahun_ini]
    )
    contoh = Realisasi.objects.filter(opd=kukar, tahun=2021).first()
    Realisasi.objects.create(opd=kukar, indikator=contoh.indikator, tahun=2023, triwulan=1, nilai=Decimal(1))
    assert reviewer.get(reverse("dasbor"))["Location"] == reverse("dasbor_pemda", args=[2023])
    # a year after this one (a PK drafted ahead) is not where the dashboard opens
    Realisasi.objects.create(
        opd=kukar, indikator=contoh.indikator, tahun=tahun_ini + 1, triwulan=1, nilai=Decimal(1)
    )
    assert reviewer.get(reverse("dasbor_opd_terbaru", args=[OPD_KUKAR]))["Location"] == reverse(
        "dasbor_opd", args=[OPD_KUKAR, 2023]
    )


def test_belum_ada_data_tidak_dihitung_nol_dan_triwulan_dipilih(demo) -> None:
    kukar = PerangkatDaerah.objects.get(pk=OPD_KUKAR)
    # up to TW I only the indicators measured in TW I count; the rest are left out, not 0 %
    r = ringkasan_opd(kukar, 2021, sampai=1)
    assert r.rata.jumlah_dipakai + len(r.rata.dikecualikan) == len(r.baris) == 10
    assert sum(s.jumlah for s in r.sebaran) + r.tanpa_data == 10
    html = (
        _klien("reviewer.inspektorat")
        .get(reverse("dasbor_opd", args=[OPD_KUKAR, 2021]) + "?sampai=1")
        .content.decode()
    )
    assert "s/d Triwulan I<" in html
    # a year without any PK says so instead of showing zeros
    html = _klien("reviewer.inspektorat").get(reverse("dasbor_opd", args=[OPD_KUKAR, 2030])).content.decode()
    assert "Belum ada Perjanjian Kinerja 2030" in html and "0,00 %" not in html


def test_triwulan_bawaan_mengikuti_data(demo) -> None:
    import datetime as dt

    kukar = PerangkatDaerah.objects.get(pk=OPD_KUKAR)
    assert triwulan_terakhir(2021, hari_ini=dt.date(2026, 5, 1), opd=kukar) == 4
    assert triwulan_terakhir(2026, hari_ini=dt.date(2026, 5, 1), opd=kukar) == 1  # nothing yet this year
    contoh = Realisasi.objects.filter(opd=kukar, tahun=2021).first()
    Realisasi.objects.create(opd=kukar, indikator=contoh.indikator, tahun=2026, triwulan=2, nilai=Decimal(1))
    assert triwulan_terakhir(2026, hari_ini=dt.date(2026, 8, 1), opd=kukar) == 2


def test_lkjip_dan_dasbor_memakai_angka_yang_sama(demo) -> None:
    from lkjip.laporan.models import LaporanKinerja
    from lkjip.laporan.rakit import Perakit

    kukar = PerangkatDaerah.objects.get(pk=OPD_KUKAR)
    laporan = LaporanKinerja.objects.create(opd=kukar, tahun=2021)
    p = Perakit(laporan)
    r = ringkasan_opd(kukar, 2021, sampai=4)
    assert p.rata.nilai == r.rata.nilai and p.pita_rata == r.pita
    assert p.anggaran.total.persen == r.serapan


def test_realisasi_anggaran_yang_belum_diisi_disebut_bukan_dihitung_nol(demo) -> None:
    from pelaporan.models import RealisasiAnggaran

    RealisasiAnggaran.objects.filter(anggaran__opd_id=OPD_KUKAR, anggaran__tahun=2021, triwulan=4).delete()
    r = ringkasan_opd(PerangkatDaerah.objects.get(pk=OPD_KUKAR), 2021, sampai=4)
    assert r.anggaran.tw_kosong == [4]
    html = _klien("reviewer.inspektorat").get(reverse("dasbor_opd", args=[OPD_KUKAR, 2021])).content.decode()
    assert "Realisasi anggaran TW IV belum diisi" in html
    html = _klien("reviewer.inspektorat").get(reverse("dasbor_pemda", args=[2021])).content.decode()
    assert "Realisasi anggaran TW IV belum diisi" in html


def test_grafik_mencetak_capaian_asli_walau_batang_berhenti_di_ujung_sumbu() -> None:
    from pelaporan.grafik import grafik_capaian

    svg = grafik_capaian(judul="Capaian", baris=[("Indikator A", Decimal("150.25"), "#198754")])
    assert "150,25 %" in svg and "120,00 %" not in svg


def test_grafik_ponsel_digambar_sempit_dengan_huruf_besar_dan_sumbu_jarang() -> None:
    """Issue 13: the phone's chart is its own drawing (420 units wide, 13-unit labels, three round
    ticks), not the 900-unit one squeezed to 5-6 px type."""
    from pelaporan.grafik import dua_ukuran, grafik_anggaran, grafik_capaian

    nama = "Persentase ketersediaan rumusan alternatif kebijakan"
    g = dua_ukuran(grafik_capaian, judul="Capaian", baris=[(nama, Decimal("93.45"), "#198754")])
    assert 'viewBox="0 0 900' in g.lebar and 'viewBox="0 0 420' in g.sempit
    assert nama[:40] in g.lebar and nama[:21] + "…" in g.sempit and nama[:30] not in g.sempit
    assert "font-size:12px" in g.sempit.replace(" ", "") and "font-size:12px" not in g.lebar.replace(" ", "")
    assert all(f">{t} %<" in g.sempit for t in (0, 50, 100)) and ">60 %<" not in g.sempit
    assert ">60 %<" in g.lebar
    a = dua_ukuran(
        grafik_anggaran,
        judul="Anggaran",
        baris=[("Program A", Decimal("10876000000"), Decimal("10000000000"))],
    )
    assert all(f">{t}<" in a.sempit for t in ("5.000", "10.000")) and ">2.000<" not in a.sempit


def test_gambar_dua_ukuran_tidak_digambar_ulang_untuk_angka_yang_sama(monkeypatch) -> None:
    from pelaporan import grafik

    panggilan = []

    def gambar(**kw):  # noqa: ANN003, ANN202
        panggilan.append(kw)
        return grafik.grafik_capaian(**kw)

    baris = [("Indikator A", Decimal("93.45"), "#198754")]
    pertama = grafik.dua_ukuran(gambar, judul="Capaian", baris=list(baris))
    assert grafik.dua_ukuran(gambar, judul="Capaian", baris=list(baris)) is pertama
    assert len(panggilan) == 2  # one drawing per size, once
    lain = grafik.dua_ukuran(gambar, judul="Capaian", baris=[("Indikator A", Decimal("93.46"), "#198754")])
    assert lain is not pertama and len(panggilan) == 4 and "93,46 %" in lain.sempit


def test_dasbor_memberi_ponsel_gambar_sendiri(demo) -> None:
    html = _klien("kepala.dinsos").get(reverse("dasbor_opd", args=[OPD_KUKAR, 2021])).content.decode()
    gambar = html.count('<figure class="grafik">')
    assert (
        gambar >= 2
        and html.count('<source media="(max-width: 575.98px)" srcset="data:image/svg+xml;base64,') == gambar
    )
    html = _klien("reviewer.inspektorat").get(reverse("dasbor_pemda", args=[2021])).content.decode()
    assert '<source media="(max-width: 575.98px)"' in html


def test_dasbor_opd_menghitung_tahun_penuh_sekali(demo, monkeypatch) -> None:
    """The year shown and the same year in the trend table are one computation."""
    from pelaporan import dasbor

    panggilan = []
    asli = dasbor.grid_realisasi

    def hitung(opd, tahun, *, sampai):  # noqa: ANN001, ANN202
        panggilan.append((tahun, sampai))
        return asli(opd, tahun, sampai=sampai)

    monkeypatch.setattr(dasbor, "grid_realisasi", hitung)
    _klien("reviewer.inspektorat").get(reverse("dasbor_opd", args=[OPD_KUKAR, 2021]))
    assert panggilan.count((2021, 4)) == 1


def test_status_triwulan_bernama_sama_di_dasbor_dan_tabel(demo) -> None:
    html = _klien("reviewer.inspektorat").get(reverse("dasbor_opd", args=[OPD_KUKAR, 2021])).content.decode()
    assert html.count("Disetujui kepala") >= 4 and 'class="badge text-bg-success"' in html
