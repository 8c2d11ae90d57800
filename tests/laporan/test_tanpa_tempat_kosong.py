"""No placeholder is ever printed (issue 10, item 4): what the data lacks is an error of the check with
a link to where it is filled, a red "[belum diisi: …]" in the draft, and signing is refused while one
remains. Also: the program indicators measured beside the PK (Tabel 3.6) and a logo on the cover."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkjip.laporan import services
from lkjip.laporan.models import TeksLaporan
from lkjip.laporan.periksa import periksa_lkjip
from lkjip.laporan.rakit import rakit_lkjip
from lkjip.laporan.render import html_dokumen
from pelaporan.dasbor import ringkasan_opd
from pelaporan.models import Realisasi
from renstra.models import Indikator, TargetIndikator
from tests.conftest import SANDI

pytestmark = pytest.mark.django_db


def _galat(laporan) -> list:
    return [m for m in periksa_lkjip(laporan) if m.tingkat == "galat"]


def test_laporan_lengkap_tanpa_galat_dan_tanpa_penanda(siap) -> None:
    assert _galat(siap) == []
    assert rakit_lkjip(siap)["kurang"] == []


def test_nama_bupati_kosong_di_pk_menjadi_galat_berlink_dan_tanda_merah_di_draf(data, siap) -> None:
    pk = data.rencana["pk"]
    pk.pihak_kedua_nama = ""
    pk.save()
    galat = _galat(siap)
    (m,) = [m for m in galat if "pihak kedua" in m.pesan]
    assert m.pesan.startswith("Belum diisi: nama pihak kedua (Bupati Uji)")
    assert m.url == reverse("pk_detail", args=[data.opd_a.pk, pk.pk])
    html = html_dokumen(rakit_lkjip(siap))
    assert 'class="nama belum-diisi"' in html and "[belum diisi: nama pihak kedua" in html
    assert "……" not in html


def test_teks_tanpa_bahan_dari_data_tidak_dicetak_sebagai_perintah(data, siap) -> None:
    r = Realisasi.objects.get(tahun=2022, triwulan=4)
    r.faktor_penghambat = ""
    r.save()
    TeksLaporan.objects.filter(laporan=siap, kunci="permasalahan").delete()
    data_laporan = rakit_lkjip(siap)
    html = html_dokumen(data_laporan)
    assert "Tuliskan" not in html
    assert "[belum diisi: teks “1.5 Permasalahan Utama dan Isu Strategis”]" in html
    (m,) = [m for m in _galat(siap) if "Permasalahan" in m.pesan]
    assert m.url == reverse("lkjip_teks", args=[data.opd_a.pk, siap.pk, "permasalahan"])
    # written by the operator: the error is gone
    services.teks_simpan(
        laporan=siap,
        kunci="permasalahan",
        isi="<p>Data PMKS belum terpadu.</p>",
        pengguna=data.pengguna["operator"],
    )
    assert not [m for m in _galat(siap) if "Permasalahan" in m.pesan]


def test_indikator_tujuan_kosong_menjadi_galat(data, siap) -> None:
    Indikator.objects.filter(tujuan=data.rencana["tujuan"]).delete()
    (m,) = [m for m in _galat(siap) if "indikator tujuan" in m.pesan]
    assert m.pesan == "Belum diisi: indikator tujuan T1."
    assert m.url == reverse("renstra_detail", args=[data.opd_a.pk, data.rencana["indikator"].renstra_id])


def test_penandatanganan_ditolak_selama_ada_yang_belum_diisi(data, siap, masuk, sinkron, monkeypatch) -> None:
    from lkjip.laporan.models import StatusLKjIP

    siap.status = StatusLKjIP.DIAJUKAN
    siap.save()
    pk = data.rencana["pk"]
    pk.pihak_kedua_nama = ""
    pk.save()
    with pytest.raises(ValidationError, match="masalah pemeriksaan"):
        services.tandatangani_setelah_diperiksa(laporan=siap, pengguna=data.pengguna["kepala"])
    # and should the check ever miss one, the assembled report itself stops the signing
    monkeypatch.setattr(services, "periksa_lkjip", lambda laporan: [])
    with pytest.raises(ValidationError, match="nama pihak kedua"):
        services.tandatangani_setelah_diperiksa(laporan=siap, pengguna=data.pengguna["kepala"])
    siap.refresh_from_db()
    assert siap.status == StatusLKjIP.DIAJUKAN
    assert not hasattr(siap, "dokumen")
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI}, follow=True
    )
    assert "belum" in respon.content.decode()
    siap.refresh_from_db()
    assert siap.status == StatusLKjIP.DIAJUKAN


def test_logo_pemda_di_sampul_dan_peringatan_bila_belum_ada(data, siap) -> None:
    assert any("Logo" in m.pesan and m.tingkat == "peringatan" for m in periksa_lkjip(siap))
    pemda = data.opd_a.pemda
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    pemda.logo = SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml")
    pemda.save()
    siap.opd.pemda.refresh_from_db()
    assert not any("Logo" in m.pesan for m in periksa_lkjip(siap))
    assert 'class="logo"' in html_dokumen(rakit_lkjip(siap))


def _indikator_program(data) -> Indikator:
    i = data.rencana["indikator"]
    p = Indikator.objects.create(
        renstra=i.renstra,
        program=data.rencana["program"],
        nama="Persentase penyandang disabilitas terlantar yang terpenuhi kebutuhannya",
        satuan="%",
        akumulasi="nilai_akhir",
    )
    TargetIndikator.objects.create(renstra=i.renstra, indikator=p, tahun=2022, nilai=Decimal(100))
    return p


def test_indikator_program_diisi_di_layar_triwulan_dan_tidak_masuk_rata_rata(data, masuk) -> None:
    p = _indikator_program(data)
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 4])
    c = masuk("operator")
    halaman = c.get(url).content.decode()
    assert "Indikator program (Renstra)" in halaman and p.nama in halaman
    sebelum = ringkasan_opd(data.opd_a, 2022, sampai=4).rata
    c.post(url, {f"n-{p.pk}": "91,8", f"v-{p.pk}": "0", f"a-{p.pk}": ""})
    assert Realisasi.objects.get(indikator=p, tahun=2022, triwulan=4).nilai == Decimal("91.8")
    # the program indicator has a capaian of its own but the OPD's mean is over the PK indicators only
    ringkas = ringkasan_opd(data.opd_a, 2022, sampai=4)
    assert [b.indikator.pk for b in ringkas.baris] == [data.rencana["indikator"].pk]
    assert ringkas.rata == sebelum


def test_tabel_program_memuat_capaian_dan_kategori_indikator_program(data, siap) -> None:
    p = _indikator_program(data)
    Realisasi.objects.create(opd=data.opd_a, indikator=p, tahun=2022, triwulan=4, nilai=Decimal("60.33"))
    rakitan = rakit_lkjip(siap)
    (tabel,) = [
        b
        for bab in rakitan["bab"]
        for g in bab["bagian"]
        for b in g["blok"]
        if b["jenis"] == "tabel" and b["judul"].startswith("Capaian Kinerja Program")
    ]
    (baris,) = tabel["baris"]
    assert [c["t"] for c in baris] == [
        "Meningkatnya penanganan PMKS",
        "1.06.04 Program Rehabilitasi Sosial",
        p.nama,
        "%",
        "100",
        "60,33",
        "60,33",
        "Rendah",
    ]


def test_judul_teks_di_penyunting_mengikuti_kerangka_pemda(data, siap) -> None:
    from lkjip.laporan.models import KerangkaLaporan, judul_teks

    assert dict(judul_teks(siap))["permasalahan"] == "1.5 Permasalahan Utama dan Isu Strategis"
    KerangkaLaporan.objects.create(
        pemda=data.opd_a.pemda,
        judul_bagian={"bab1.permasalahan": "Isu Strategis"},
        disembunyikan=["bab1.dasar_hukum"],
    )
    judul = dict(judul_teks(siap))
    # dasar hukum is left out, so the sections after it move up one number
    assert judul["permasalahan"] == "1.4 Isu Strategis"
    assert judul["dasar_hukum"].endswith("(tidak dicetak menurut kerangka laporan pemda)")
    # and a missing text is named by the heading the reader sees
    TeksLaporan.objects.filter(laporan=siap, kunci="permasalahan").delete()
    r = Realisasi.objects.get(tahun=2022, triwulan=4)
    r.faktor_penghambat = ""
    r.save()
    assert any(m.pesan == "Belum diisi: teks “1.4 Isu Strategis”." for m in _galat(siap))
