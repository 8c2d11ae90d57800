"""Words on the signed LKjIP and around it that agree (issue 13, item 5): the signature stamp's
time as the report writes times, in the pemda's zone; the verification URL on the site's own
address; the certificate holder by name; one signing place for the cover and the signature."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid

from django.test import RequestFactory
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ContentStream

from lkjip.laporan import services
from lkjip.laporan.models import DokumenTertandatangan, SertifikatOPD
from lkjip.laporan.rakit import rakit_lkjip
from lkjip.laporan.render import html_dokumen
from lkjip.laporan.tandatangan import nama_pemegang, waktu_stempel
from lkjip.situs import alamat_situs
from tests.conftest import SANDI

WAKTU_INDONESIA = re.compile(r"Waktu: \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d\d\.\d\d WITA")  # fmt: skip


def teks_stempel(pdf: bytes) -> str:
    """The text drawn in the signature field's appearance (not part of the page's text)."""
    baris = []
    pembaca = PdfReader(io.BytesIO(pdf))
    for halaman in pembaca.pages:
        for a in halaman.get("/Annots") or []:
            a = a.get_object()
            if a.get("/FT") != "/Sig" and a.get("/Parent", {}).get("/FT") != "/Sig":
                continue
            tampilan = a["/AP"]["/N"].get_object()
            for operan, operator in ContentStream(tampilan, pembaca).operations:
                if operator == b"Tj":
                    baris.append(str(operan[0]))
    return "\n".join(baris)


def _tandatangani(data, siap, masuk, **kw) -> DokumenTertandatangan:  # noqa: ANN001
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI}, **kw
    )
    assert respon.status_code == 302
    return DokumenTertandatangan.objects.get(laporan=siap)


def test_waktu_stempel_dalam_kata_dan_zona_pemda() -> None:
    saat = dt.datetime(2026, 12, 3, 8, 43, 18, tzinfo=dt.UTC)
    assert waktu_stempel("Asia/Makassar", saat) == "3 Desember 2026 16.43 WITA"
    assert waktu_stempel("Asia/Jakarta", saat) == "3 Desember 2026 15.43 WIB"
    assert waktu_stempel("Asia/Jayapura", saat) == "3 Desember 2026 17.43 WIT"


def test_pdf_bertanda_tangan_memuat_waktu_wita_dan_url_alamat_situs_sendiri(
    data, siap, masuk, sinkron, settings
) -> None:
    """Kutai-like pemda (WITA) signing on a server in WIB, reached at sakip.contoh:8080 without
    SITE_URL: the stamp reads the Indonesian date in WITA, the QR/printed URL the request's host."""
    settings.SITE_URL = ""
    settings.TIME_ZONE = "Asia/Jakarta"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "sakip.contoh"]
    dokumen = _tandatangani(data, siap, masuk, HTTP_HOST="sakip.contoh:8080")
    pdf = bytes(dokumen.pdf)
    stempel = teks_stempel(pdf)
    assert "H. Hamly, SE" in stempel
    assert WAKTU_INDONESIA.search(stempel), stempel
    assert "WIB" not in stempel and not re.search(r"\d{4}-\d\d-\d\d", stempel)
    # the minute the document records as its signing time, written the same way
    tercatat = {
        waktu_stempel("Asia/Makassar", dokumen.ditandatangani_pada - dt.timedelta(minutes=m)) for m in (0, 1)
    }
    assert any(f"Waktu: {w}" in stempel for w in tercatat), stempel
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    url = f"http://sakip.contoh:8080{reverse('verifikasi', args=[dokumen.token])}"
    assert url in teks
    assert "127.0.0.1:8000" not in teks and ":8000/" not in teks


def test_url_verifikasi_memakai_site_url_bila_diatur(settings) -> None:
    token = uuid.uuid4()
    settings.SITE_URL = "https://sakip.kukarkab.go.id"
    permintaan = RequestFactory().get("/", HTTP_HOST="localhost:9000")
    assert alamat_situs(permintaan) == "https://sakip.kukarkab.go.id"
    assert services.url_verifikasi(token, alamat=alamat_situs(permintaan)) == (
        "https://sakip.kukarkab.go.id" + reverse("verifikasi", args=[token])
    )
    settings.SITE_URL = ""
    assert alamat_situs(permintaan) == "http://localhost:9000"
    assert services.url_verifikasi(token, alamat="http://localhost:9000").startswith("http://localhost:9000/")


def test_pengaturan_memperingatkan_site_url_kosong_di_produksi(data, masuk, settings) -> None:
    url = reverse("pengaturan")
    settings.SITE_URL, settings.DEBUG = "", False
    html = masuk("admin").get(url).content.decode()
    assert "Alamat situs (SITE_URL) belum diatur" in html
    settings.SITE_URL = "https://sakip.kukarkab.go.id"
    assert "SITE_URL" not in masuk("admin").get(url).content.decode()
    settings.SITE_URL, settings.DEBUG = "", True  # development: the request's own address is right
    assert "SITE_URL" not in masuk("admin").get(url).content.decode()


def test_nama_pemegang_sertifikat_dari_cn() -> None:
    assert nama_pemegang("CN=H. Hamly\\, SE,O=Dinas Sosial Uji,C=ID") == "H. Hamly, SE"
    assert nama_pemegang("O=Tanpa Nama,C=ID") == "O=Tanpa Nama,C=ID"
    assert nama_pemegang("bukan DN") == "bukan DN"


def test_sertifikat_ditampilkan_dengan_nama_pemegang(data, siap, masuk, sinkron) -> None:
    dokumen = _tandatangani(data, siap, masuk)
    assert dokumen.sertifikat_subjek.startswith("CN=H. Hamly\\, SE")  # stored as signed, unchanged
    halaman = {
        "detail": masuk("kepala").get(reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk])),
        "verifikasi": masuk("kepala").get(reverse("verifikasi", args=[dokumen.token])),
        "sertifikat": masuk("admin").get(reverse("sertifikat")),
    }
    for nama, respon in halaman.items():
        html = respon.content.decode()
        assert "H. Hamly, SE" in html, nama
        assert "CN=" not in html and "Hamly\\," not in html, nama
    assert SertifikatOPD.objects.get(opd=data.opd_a).subjek.startswith("CN=")


def test_sampul_dan_tanda_tangan_membaca_tempat_yang_sama(data, siap) -> None:
    data.opd_a.kota = "Tenggarong Seberang"
    data.opd_a.save()
    siap.tempat = "Tenggarong"
    siap.save()
    isi = rakit_lkjip(siap)
    assert isi["meta"]["tempat"] == "Tenggarong" and "kota" not in isi["meta"]
    html = html_dokumen(isi)
    assert '<div class="kota">TENGGARONG<br>' in html
    assert "Tenggarong, " in html and "SEBERANG" not in html.upper()
