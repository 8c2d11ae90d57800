"""The LKjIP: assembled from data, checked, submitted, returned or signed, verifiable, never changed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from lkjip.laporan import services
from lkjip.laporan.models import DokumenTertandatangan, LaporanKinerja, StatusLKjIP, TeksLaporan
from lkjip.laporan.periksa import periksa_lkjip
from lkjip.laporan.sanitasi import bersihkan
from lkjip.laporan.tandatangan import verifikasi_pdf
from pelaporan.models import Realisasi
from tests.conftest import SANDI


def test_laporan_baru_berisi_draf_dari_data(data, siap) -> None:
    teks = dict(TeksLaporan.objects.filter(laporan=siap).values_list("kunci", "isi"))
    assert {"kata_pengantar", "ikhtisar", "kesimpulan", f"analisis:{data.rencana['indikator'].pk}"} <= set(
        teks
    )
    analisis = teks[f"analisis:{data.rencana['indikator'].pk}"]
    assert "ditargetkan 90" in analisis and "realisasi 88,2" in analisis and "98,00 %" in analisis
    assert "Sangat Tinggi" in analisis and "pemutakhiran DTKS" in analisis


def test_teks_dibersihkan_dari_skrip_dan_gaya(data, siap, masuk) -> None:
    masuk("operator").post(
        reverse("lkjip_teks", args=[data.opd_a.pk, siap.pk, "latar_belakang"]),
        {
            "isi": '<p style="color:red" onclick="x()">Teks <b>tebal</b><script>alert(1)</script></p>'
            '<table><tr><td colspan="2">sel</td></tr></table><img src="http://x/y.png">'
        },
    )
    isi = TeksLaporan.objects.get(laporan=siap, kunci="latar_belakang").isi
    assert "<script" not in isi and "onclick" not in isi and "style" not in isi and "<img" not in isi
    assert "<b>tebal</b>" in isi and 'colspan="2"' in isi
    assert bersihkan("baris satu\nbaris dua") == "<p>baris satu</p><p>baris dua</p>"


def test_pemeriksaan_memblokir_pengajuan_dan_menunjukkan_tempat_memperbaikinya(data, siap, masuk) -> None:
    r = Realisasi.objects.get(tahun=2022, triwulan=4)
    r.penjelasan = ""
    r.save()
    masalah = periksa_lkjip(siap)
    galat = [m for m in masalah if m.tingkat == "galat"]
    assert any("penjelasan capaian belum ditulis" in m.pesan for m in galat)
    assert galat[0].url.startswith("/opd/")
    respon = masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]), follow=True)
    assert "belum dapat diajukan" in respon.content.decode()
    siap.refresh_from_db()
    assert siap.status == StatusLKjIP.DRAFT


def test_teks_yang_menyebut_tahun_lain_diperingatkan(data, siap) -> None:
    services.teks_simpan(
        laporan=siap,
        kunci="kesimpulan",
        isi="<p>Capaian Tahun 2021 meningkat.</p>",
        pengguna=data.pengguna["operator"],
    )
    siap2 = LaporanKinerja.objects.get(pk=siap.pk)
    assert not any(
        "menyebut tahun 2021" in m.pesan for m in periksa_lkjip(siap2)
    )  # the previous year is fine
    services.teks_simpan(
        laporan=siap,
        kunci="kesimpulan",
        isi="<p>Sesuai Peraturan Nomor 53 Tahun 2014 dan Renstra Tahun 2016–2021, capaian Tahun 2019 ...</p>",
        pengguna=data.pengguna["operator"],
    )
    pesan = [m.pesan for m in periksa_lkjip(siap) if m.tingkat == "peringatan"]
    assert any("Teks “4.1 Kesimpulan” menyebut tahun 2019;" in p for p in pesan)
    assert not any("menyebut tahun 2014" in p for p in pesan)  # a regulation's year is not a reporting year
    assert not any("menyebut tahun 2016" in p for p in pesan)  # nor is the start of a plan period


def test_kepala_mengembalikan_dengan_catatan(data, siap, masuk) -> None:
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    kepala = masuk("kepala")
    respon = kepala.post(
        reverse("lkjip_kembalikan", args=[data.opd_a.pk, siap.pk]), {"catatan": ""}, follow=True
    )
    assert "Tulis catatan" in respon.content.decode()
    kepala.post(
        reverse("lkjip_kembalikan", args=[data.opd_a.pk, siap.pk]),
        {"catatan": "Lengkapi analisis efisiensi."},
    )
    siap.refresh_from_db()
    assert siap.status == StatusLKjIP.DIKEMBALIKAN
    assert "Lengkapi analisis efisiensi." in masuk("operator").get(reverse("beranda")).content.decode()


def _tandatangani(data, siap, masuk) -> DokumenTertandatangan:
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI}
    )
    assert respon.status_code == 302
    halaman = masuk("kepala").get(respon["Location"]).content.decode()
    assert "sudah ditandatangani" in halaman
    return DokumenTertandatangan.objects.get(laporan=siap)


def test_tanda_tangan_memerlukan_kata_sandi(data, siap, masuk, sinkron) -> None:
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": "salah"}, follow=True
    )
    assert "Kata sandi salah" in respon.content.decode()
    assert not DokumenTertandatangan.objects.filter(laporan=siap).exists()


def test_pdf_bertanda_tangan_sah_menurut_pyhanko_dan_satu_byte_diubah_gagal(
    data, siap, masuk, sinkron
) -> None:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    dokumen = _tandatangani(data, siap, masuk)
    pdf = bytes(dokumen.pdf)
    ca_pem = data.opd_a.sertifikat.ca_pem
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pem") as f:
        f.write(ca_pem.encode())
        f.flush()
        vc = ValidationContext(trust_roots=[load_cert_from_pemder(f.name)])
        status = validate_pdf_signature(PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0], vc)
        assert status.bottom_line and status.intact and status.valid and status.trusted
        rusak = bytearray(pdf)
        rusak[len(rusak) // 3] ^= 0x01
        status = validate_pdf_signature(
            PdfFileReader(io.BytesIO(bytes(rusak)), strict=False).embedded_signatures[0], vc
        )
        assert not status.intact and not status.bottom_line
    assert verifikasi_pdf(pdf, sha256_tersimpan=dokumen.sha256, ca_pem=ca_pem).asli
    assert not verifikasi_pdf(bytes(rusak), sha256_tersimpan=dokumen.sha256, ca_pem=ca_pem).asli
    # the public verification page says the same to anyone
    url = reverse("verifikasi", args=[dokumen.token])
    publik = Client()
    html = publik.post(url, {"berkas": SimpleUploadedFile("lkjip.pdf", pdf)}).content.decode()
    assert "Dokumen ASLI" in html and dokumen.sha256 in html
    assert " WITA" in html and " WIB" not in html  # the signing pemda's zone, not the server's
    html = publik.post(url, {"berkas": SimpleUploadedFile("lkjip.pdf", bytes(rusak))}).content.decode()
    assert "TIDAK ASLI" in html
    # anyone may post here: what is not a whole PDF is refused before pyHanko parses it
    respon = publik.post(url, {"berkas": SimpleUploadedFile("lkjip.pdf", pdf[: len(pdf) // 2])})
    assert respon.status_code == 200 and "bukan PDF yang utuh" in str(respon.context["form"].errors)
    assert 'accept=".pdf"' in respon.content.decode()
    # what the PDF carries: the signature block and the QR's URL
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "H. Hamly, SE" in teks and "NIP. 19640409 198803 1 013" in teks
    assert str(dokumen.token) in teks.replace("\n", "")


def test_snapshot_dan_pdf_tidak_berubah_setelah_data_diubah(data, siap, masuk, sinkron) -> None:
    dokumen = _tandatangani(data, siap, masuk)
    sebelum = (dict(dokumen.snapshot), dokumen.sha256, bytes(dokumen.pdf))
    r = Realisasi.objects.get(tahun=2022, triwulan=4)
    r.nilai = Decimal(10)
    r.save()
    with pytest.raises(Exception, match="sudah ditandatangani"):
        services.teks_simpan(laporan=siap, kunci="kesimpulan", isi="x", pengguna=data.pengguna["operator"])
    dokumen = DokumenTertandatangan.objects.get(pk=dokumen.pk)
    assert (dokumen.snapshot, dokumen.sha256, bytes(dokumen.pdf)) == sebelum
    with pytest.raises(Exception, match="tidak dapat diubah"):
        dokumen.save()
    with pytest.raises(Exception, match="tidak dapat dihapus"):
        dokumen.delete()
    # corrections go into a new version; the signed one stays
    respon = masuk("operator").post(reverse("lkjip_versi_baru", args=[data.opd_a.pk, siap.pk]))
    baru = LaporanKinerja.objects.get(menggantikan=siap)
    assert respon.status_code == 302 and baru.versi == 2 and baru.status == StatusLKjIP.DRAFT
    assert (
        TeksLaporan.objects.filter(laporan=baru).count() == TeksLaporan.objects.filter(laporan=siap).count()
    )


def test_pdf_draf_dibuat_di_latar_dengan_kemajuan(data, siap, masuk, sinkron) -> None:
    klien = masuk("reviewer")
    respon = klien.post(reverse("lkjip_pdf_buat", args=[data.opd_a.pk, siap.pk]))
    halaman = klien.get(respon["Location"])
    assert "PDF siap" in halaman.content.decode()
    unduh = klien.get(
        reverse("lkjip_render_unduh", args=[data.opd_a.pk, siap.pk, halaman.context["t"].token])
    )
    assert unduh["Content-Type"] == "application/pdf" and unduh.content.startswith(b"%PDF")
    # the waiting page polls itself while running, and stops polling when done (htmx fragment)
    fragmen = klien.get(respon["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragmen and "PDF siap" in fragmen


def test_semua_tabel_dapat_diunduh_sebagai_excel(data, siap, masuk) -> None:
    import openpyxl

    respon = masuk("reviewer").get(reverse("lkjip_excel", args=[data.opd_a.pk, siap.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(respon.content))
    assert wb.sheetnames[0] == "Daftar Tabel" and len(wb.sheetnames) > 10
    judul = [r[1] for r in wb["Daftar Tabel"].iter_rows(min_row=2, values_only=True)]
    assert any("Perbandingan Target dan Realisasi Kinerja" in j for j in judul)
    # numbers keep the decimals the report prints: target 90 stays 90, capaian 98,00 has two
    sel = {c.coordinate: c for ws in wb.worksheets[1:] for row in ws.iter_rows() for c in row}
    angka = [
        c for c in sel.values() if isinstance(c.value, (int, float)) or type(c.value).__name__ == "Decimal"
    ]
    assert {c.number_format for c in angka} <= {"#,##0", "#,##0.00", "#,##0.0", "#,##0.0000"}
    assert any(c.number_format == "#,##0" for c in angka) and any(
        c.number_format == "#,##0.00" for c in angka
    )


def test_reviewer_menulis_catatan_dan_pernyataan_reviu_dilampirkan(data, siap, masuk) -> None:
    reviewer = masuk("reviewer")
    reviewer.post(
        reverse("lkjip_catatan", args=[data.opd_a.pk, siap.pk]),
        {"bagian": "BAB III", "isi": "Periksa sumber data."},
    )
    assert siap.catatan_reviu.get().isi == "Periksa sumber data."
    reviewer.post(
        reverse("lkjip_pernyataan", args=[data.opd_a.pk, siap.pk]),
        {
            "nomor": "700/12/ITDA/2023",
            "tanggal": "2023-02-20",
            "isi": "Telah direviu.",
            "nama_penanda_tangan": "Drs. Reviu",
            "jabatan_penanda_tangan": "Inspektur",
            "nip_penanda_tangan": "",
        },
    )
    from lkjip.laporan.rakit import rakit_lkjip

    lampiran = rakit_lkjip(LaporanKinerja.objects.get(pk=siap.pk))["lampiran"]
    assert any("Pernyataan Telah Direviu" in lamp["judul"] for lamp in lampiran)


def test_perintah_cetak_lkjip_menulis_pdf(data, siap, tmp_path) -> None:
    keluaran = tmp_path / "lkjip.pdf"
    out = io.StringIO()
    call_command(
        "cetak_lkjip",
        pemda=data.pemda.nama,
        opd=data.opd_a.nama,
        tahun=2022,
        triwulan=4,
        keluaran=str(keluaran),
        stdout=out,
    )
    assert keluaran.read_bytes().startswith(b"%PDF") and "draf" in out.getvalue()


def test_laporan_yang_dikembalikan_selama_render_tidak_ditandatangani(
    data, siap, masuk, sinkron, monkeypatch
) -> None:
    """The render runs outside any transaction; whatever happened meanwhile is checked again before storing."""
    from lkjip.laporan import render
    from lkjip.laporan.models import TugasRender

    asli = render.pdf_dari_html

    def sambil_dikembalikan(html, **kw):  # noqa: ANN001, ANN202
        services.laporan_kembalikan(
            laporan=LaporanKinerja.objects.get(pk=siap.pk),
            catatan="Tunggu data TW IV.",
            pengguna=data.pengguna["kepala"],
        )
        return asli(html, **kw)

    monkeypatch.setattr(services, "pdf_dari_html", sambil_dikembalikan)
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI}
    )
    assert respon.status_code == 302
    tugas = TugasRender.objects.filter(laporan=siap).latest("dibuat")
    assert tugas.status == "gagal" and "belum ditandatangani" in tugas.pesan
    assert not DokumenTertandatangan.objects.filter(laporan=siap).exists()
    siap.refresh_from_db()
    assert siap.status == StatusLKjIP.DIKEMBALIKAN
