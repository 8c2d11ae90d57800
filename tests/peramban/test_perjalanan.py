"""Every role's journey through one reporting year, in Chromium, as people do it (issue 13, item 1).

One story on the demo (Dinas Sosial Kutai Kartanegara, 2021): the operator fills TW IV by
keyboard, makes a mistake, fixes it, saves and submits; the kepala returns it, then approves it;
the operator submits the LKjIP; the kepala signs it (a real ``db_worker`` process does the work,
the page shows the progress) and downloads the PDF; a visitor with no account verifies it; the
Inspektorat reviewer browses both dashboards and writes a review note; the admin reopens a
quarter.
While the quarter is returned, the operator also round-trips the Excel workbook. The operator's
quarter is also done on a 390×844 phone. Every page on the way is checked with
axe-core (tests/peramban/conftest.py): no serious or critical WCAG 2.1 A/AA finding, no script
error, no CSP violation.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

SANDI = "sakip-demo"
GRID = "/opd/1/realisasi/2021/4/"
LKJIP = "/opd/1/lkjip/1001/"
PMKS = "n-1009"  # Cakupan Penanganan PMKS, TW IV 2021


def _url_basis_data_uji() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    pengguna, sandi = quote(s["USER"] or "", safe=""), quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{pengguna}:{sandi}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def _pekerja():
    """``manage.py db_worker`` beside the live server, on the test database, as `make run` has it."""
    env = {**os.environ, "DATABASE_URL": _url_basis_data_uji(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    env.pop("LKJIP_RENDER_SINKRON", None)
    env["LKJIP_RENDER_PROSES"] = "0"
    proses = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield proses
    finally:
        proses.terminate()
        try:
            proses.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proses.kill()


def _status(page) -> str:  # noqa: ANN001
    return page.inner_text("#grid .alert .badge").strip()


def isi_kuartal_dengan_papan_ketik(peramban, page) -> None:  # noqa: ANN001
    """TW IV by keyboard: a word where a number belongs, Enter to the next row, save; the error is
    marked beside the box and nothing is saved; the fix, saved; then submitted to the kepala."""
    peramban.buka(page, GRID, "grid realisasi")
    kotak = page.locator(f"#{PMKS}")
    kotak.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("sembilan puluh")
    page.keyboard.press("Enter")  # realisasi-grid.js: Enter moves to the next row's box
    assert page.evaluate("document.activeElement.id") == "n-1010"
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    page.click("#form-grid button[type=submit]")
    page.wait_for_selector(f"#{PMKS}.is-invalid")
    assert "Belum disimpan" in page.inner_text("#grid") or page.locator(".invalid-feedback").count() >= 1
    peramban.periksa(page, "grid realisasi: isian salah")

    page.locator(f"#{PMKS}").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("91,5")
    page.keyboard.press("Tab")
    page.click("#form-grid button[type=submit]")
    page.wait_for_selector(f"#{PMKS}:not(.is-invalid)")
    page.wait_for_load_state("networkidle")
    assert page.input_value(f"#{PMKS}") == "91,5"
    assert page.locator(".is-invalid").count() == 0
    peramban.periksa(page, "grid realisasi: tersimpan")

    page.once("dialog", lambda d: d.accept())
    with page.expect_navigation():
        page.click("text=Ajukan ke kepala OPD")
    assert _status(page) == "Diajukan ke kepala"
    peramban.periksa(page, "grid realisasi: diajukan")


def test_satu_tahun_pelaporan_setiap_peran(peramban, tmp_path) -> None:
    import openpyxl

    from pelaporan.models import LaporanTriwulan, PembukaanKembali, Realisasi

    operator = peramban.halaman("operator.dinsos")
    peramban.buka(operator, "/", "beranda operator")
    isi_kuartal_dengan_papan_ketik(peramban, operator)

    # The kepala returns the quarter with a note, the operator submits again, the kepala approves.
    kepala = peramban.halaman("kepala.dinsos")
    peramban.buka(kepala, "/", "beranda kepala")
    peramban.buka(kepala, GRID, "grid realisasi: keputusan kepala")
    kepala.fill("#id_catatan", "Lengkapi penjelasan capaian PMKS.")
    with kepala.expect_navigation():
        kepala.click("button[value=kembalikan]")
    assert _status(kepala) == "Dikembalikan dengan catatan"
    peramban.buka(operator, GRID, "grid realisasi: dikembalikan")
    assert "Lengkapi penjelasan capaian PMKS." in operator.inner_text("#grid")
    # While it is returned, the operator's workbook: download, edit TW IV, upload, preview, confirm.
    peramban.buka(operator, "/opd/1/pengukuran/2021/", "Excel pengukuran")
    with operator.expect_download() as unduhan:
        operator.click("text=Unduh berisi data")
    wb = openpyxl.load_workbook(io.BytesIO(Path(unduhan.value.path()).read_bytes()))
    ws = wb["Indikator"]
    kolom = [c.value for c in ws[1]].index("Realisasi TW4") + 1
    baris = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "Cakupan Penanganan PMKS")
    ws.cell(baris, kolom).value = 93.25
    berkas = tmp_path / "pengukuran-2021.xlsx"
    wb.save(berkas)
    operator.set_input_files("input[type=file]", str(berkas))
    with operator.expect_navigation():
        operator.click("button:has-text('Periksa berkas')")
    assert "93,25" in operator.inner_text("main")
    peramban.periksa(operator, "Excel pengukuran: pratinjau")
    with operator.expect_navigation():
        operator.click("button:has-text('Simpan semua perubahan ini')")
    peramban.periksa(operator, "Excel pengukuran: tersimpan")
    r = Realisasi.objects.get(indikator_id=1009, tahun=2021, triwulan=4)
    assert str(r.nilai) in ("93.25", "93.2500")

    peramban.buka(operator, GRID, "grid realisasi: setelah Excel")
    assert operator.input_value(f"#{PMKS}") == "93,25"
    operator.once("dialog", lambda d: d.accept())
    with operator.expect_navigation():
        operator.click("text=Ajukan ke kepala OPD")
    kepala.goto(peramban.basis + GRID)
    with kepala.expect_navigation():
        kepala.click("button[value=setuju]")
    assert _status(kepala) == "Disetujui kepala"
    assert LaporanTriwulan.objects.get(opd_id=1, tahun=2021, triwulan=4).status == "disetujui"

    # The operator submits the LKjIP; the kepala signs it, the worker renders, the page follows.
    peramban.buka(operator, LKJIP, "LKjIP operator")
    with operator.expect_navigation():
        operator.click("text=Ajukan ke kepala OPD")
    peramban.periksa(operator, "LKjIP diajukan")
    peramban.buka(kepala, LKJIP, "LKjIP kepala")
    with _pekerja() as pekerja:
        kepala.fill("#sandi", SANDI)
        kepala.click("button:has-text('Tandatangani')")
        try:
            kepala.wait_for_selector("#kemajuan")
        except Exception:
            raise AssertionError(kepala.url + "\n" + kepala.inner_text("main")) from None
        peramban.periksa(kepala, "LKjIP proses tanda tangan")
        try:
            kepala.wait_for_selector("text=sudah ditandatangani", timeout=180_000)
        except Exception:
            pekerja.terminate()
            raise AssertionError(pekerja.communicate(timeout=60)[0]) from None
    peramban.periksa(kepala, "LKjIP selesai ditandatangani")
    kepala.goto(peramban.basis + LKJIP)
    with kepala.expect_download() as unduhan:
        kepala.click("text=Unduh PDF bertanda tangan")
    pdf = Path(unduhan.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf
    tautan = kepala.locator("a[href*='/verifikasi/']").first.get_attribute("href")

    # A visitor with no account checks the file on the public page.
    tamu = peramban.halaman()
    peramban.buka(tamu, tautan.removeprefix(peramban.basis), "verifikasi publik")
    berkas = tmp_path / "unduhan-kepala.pdf"
    berkas.write_bytes(pdf)
    tamu.set_input_files("input[type=file]", str(berkas))
    with tamu.expect_navigation():
        tamu.click("main button[type=submit]")
    assert "asli" in tamu.inner_text("main").lower()
    peramban.periksa(tamu, "verifikasi publik: hasil")

    # The Inspektorat: both dashboards, then a review note on the signed LKjIP.
    reviewer = peramban.halaman("reviewer.inspektorat")
    peramban.buka(reviewer, "/", "beranda reviewer")
    peramban.buka(reviewer, "/dasbor/2021/", "dasbor pemda")
    peramban.buka(reviewer, "/opd/1/dasbor/2021/", "dasbor OPD")
    peramban.buka(reviewer, LKJIP, "LKjIP reviewer")
    reviewer.fill("input[name=bagian]", "BAB III")
    reviewer.fill("textarea[name=isi]", "Analisis capaian PMKS perlu membandingkan dengan tahun 2020.")
    with reviewer.expect_navigation():
        reviewer.click("button:has-text('Simpan catatan')")
    assert "membandingkan dengan tahun 2020" in reviewer.inner_text("main")
    peramban.periksa(reviewer, "LKjIP catatan reviu")

    # The admin reopens TW III for the Inspektorat's own OPD.
    admin = peramban.halaman("admin.kukar")
    peramban.buka(admin, "/", "beranda admin")
    peramban.buka(admin, "/pengaturan/periode/2021/", "jadwal triwulan")
    bentuk = admin.locator("form:has(input[name=aksi][value=buka])").last
    bentuk.locator("select[name=opd]").select_option(label="Inspektorat Daerah Kabupaten Kutai Kartanegara")
    bentuk.locator("select[name=triwulan]").select_option("3")
    bentuk.locator("[name=sampai]").fill("31-01-2027")  # typed day first (TanggalField)
    bentuk.locator("[name=alasan]").fill("Koreksi data TW III")
    with admin.expect_navigation():
        bentuk.locator("button[type=submit]").click()
    assert PembukaanKembali.objects.filter(
        opd_id=2, periode__triwulan=3, alasan="Koreksi data TW III"
    ).exists()
    assert "Koreksi data TW III" in admin.inner_text("main")
    peramban.periksa(admin, "jadwal triwulan: dibuka kembali")


def test_operator_mengisi_triwulan_di_ponsel(peramban) -> None:
    """The operator's quarter at 390×844: the same keyboard journey, and nothing wider than the phone."""
    page = peramban.halaman("operator.dinsos", ponsel=True)
    peramban.buka(page, "/", "beranda operator")
    isi_kuartal_dengan_papan_ketik(peramban, page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for jalur, nama in (
        ("/opd/1/renstra/1002/", "pohon Renstra"),
        ("/opd/1/dasbor/2021/", "dasbor OPD"),
        (LKJIP, "LKjIP operator"),
    ):
        peramban.buka(page, jalur, nama)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, nama
