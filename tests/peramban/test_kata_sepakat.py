"""The screens whose status words changed (issue 13, item 5), in a browser with axe-core: quarter
badges (closed, reopened, returned), the admin's reopening reason, the home tasks, the LKjIP's
badge and check, the certificate holder's name and the SITE_URL warning.

Each page is checked whole with axe-core by the fixture, and the parts this change drew (badges,
notes, tasks, the certificate's cells) must be on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


def _buka(peramban, page, jalur: str, *pilih: str) -> str:  # noqa: ANN001
    """Open ``jalur`` (200, axe-core on the whole page through the fixture), check that the parts
    this change drew are there; the page's HTML."""
    peramban.buka(page, jalur)
    hilang = [p for p in pilih if page.locator(p).count() == 0]
    assert hilang == [], f"{jalur}: tidak ditemukan {hilang}"
    return page.content()


def _siapkan() -> tuple[str, str]:
    """2026 TW I closed for the Dinas Sosial, TW II reopened by the admin after it was submitted;
    a signed LKjIP 2020 with a DN-escaped certificate subject. Returns its verification and detail paths."""
    from lkjip.laporan.models import DokumenTertandatangan, LaporanKinerja
    from lkjip.models import Pengguna
    from pelaporan.models import LaporanTriwulan, PeriodeTriwulan
    from pelaporan.services.periode import pembukaan_kembali_buat

    admin = Pengguna.objects.get(username="admin.kukar")
    operator = Pengguna.objects.get(username="operator.dinsos")
    hari = timezone.localdate()
    lalu = hari - dt.timedelta(days=40)
    for tw in (1, 2):
        PeriodeTriwulan.objects.create(
            pemda_id=1, tahun=hari.year, triwulan=tw, dibuka=lalu - dt.timedelta(days=30), ditutup=lalu
        )
    LaporanTriwulan.objects.create(
        opd_id=1,
        tahun=hari.year,
        triwulan=2,
        status="diajukan",
        diajukan_oleh=operator,
        diajukan_pada=timezone.now(),
    )
    pembukaan_kembali_buat(
        periode=PeriodeTriwulan.objects.get(pemda_id=1, tahun=hari.year, triwulan=2),
        opd=operator.opd,
        sampai=hari + dt.timedelta(days=10),
        alasan="Data BPS terlambat",
        pengguna=admin,
        konfirmasi=True,
    )
    baru = LaporanKinerja.objects.create(opd_id=1, tahun=2020, status="ditandatangani", tempat="Tenggarong")
    dokumen = DokumenTertandatangan.objects.create(
        laporan=baru,
        snapshot={"meta": {"tempat": "Tenggarong"}},
        pdf=b"%PDF-1.7 uji",
        sha256="0" * 64,
        halaman=1,
        ditandatangani_oleh=Pengguna.objects.get(username="kepala.dinsos"),
        ditandatangani_pada=timezone.now(),
        penandatangan={"nama": "H. Hamly, SE"},
        penyedia="sertifikat lokal (PKCS#12)",
        sertifikat_subjek="CN=H. Hamly\\, SE,O=Dinas Sosial Kabupaten Kutai Kartanegara,C=ID",
    )
    return f"/verifikasi/{dokumen.token}/", f"/opd/1/lkjip/{baru.pk}/"


@pytest.mark.parametrize("ponsel", [False, True], ids=["layar", "ponsel"])
def test_layar_kata_status_bersih_axe(peramban, settings, ponsel) -> None:
    verifikasi, detail_ttd = _siapkan()
    tahun = timezone.localdate().year
    op = peramban.halaman("operator.dinsos", ponsel=ponsel)
    html = _buka(peramban, op, "/", ".kartu-tugas")
    assert "dibuka kembali oleh admin" in html
    html = _buka(peramban, op, "/opd/1/realisasi/", "main .card .badge")
    assert "Ditutup" in html
    html = _buka(peramban, op, f"/opd/1/realisasi/{tahun}/1/", "#grid .alert:has(> .badge)")
    assert "Ditutup" in html and "Sedang diisi" not in html
    html = _buka(
        peramban,
        op,
        f"/opd/1/realisasi/{tahun}/2/",
        "#grid .alert:has(> .badge)",
        "#grid .alert:has(> strong)",
    )
    assert "Alasan pembukaan kembali oleh admin" in html and "Catatan kepala" not in html
    html = _buka(peramban, op, "/opd/1/lkjip/1001/", "main .badge", "main .card-body")
    kepala = peramban.halaman("kepala.dinsos", ponsel=ponsel)
    html = _buka(peramban, kepala, detail_ttd, "main .badge", "main dl")
    assert "H. Hamly, SE" in html and "CN=" not in html
    _buka(peramban, kepala, "/opd/1/dasbor/2021/", "main li .badge")
    reviewer = peramban.halaman("reviewer.inspektorat", ponsel=ponsel)
    _buka(peramban, reviewer, "/dasbor/2021/", "main td .badge")
    settings.SITE_URL, settings.DEBUG = "", False  # production without SITE_URL: the admin is warned
    admin = peramban.halaman("admin.kukar", ponsel=ponsel)
    html = _buka(peramban, admin, "/pengaturan/", "main .alert-warning")
    assert "SITE_URL" in html
    _buka(peramban, admin, "/pengaturan/sertifikat/", "main table")
    publik = peramban.halaman(None, ponsel=ponsel)
    html = _buka(peramban, publik, verifikasi, "main dl")
    assert "H. Hamly, SE" in html and "CN=" not in html
