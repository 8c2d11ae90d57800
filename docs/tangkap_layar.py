"""Screenshots for the user guide (docs/gambar/), taken from a throw-away demo server.

Run with `make docs-gambar`. It starts the app on a temporary SQLite database with the demo
data, logs in as each role in Debian's Chromium (driven by Playwright, no browser download),
and saves desktop and phone views. The list below is the guide's list of pictures.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

AKAR = Path(__file__).resolve().parent.parent
GAMBAR = AKAR / "docs" / "gambar"
SANDI = "sakip-demo"
ARGS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# (file, login, path, phone?) — paths may use {opd} for the user's own OPD id.
HALAMAN: list[tuple[str, str | None, str, bool]] = [
    ("login", None, "/masuk/", False),
    ("operator-beranda", "operator.dinsos", "/", False),
    ("operator-profil-opd", "operator.dinsos", "/opd/1/", False),
    ("operator-ubah-pejabat-salah", "operator.dinsos", "/opd/1/pejabat/1/ubah/", False),
    ("kepala-beranda", "kepala.dinsos", "/", False),
    ("reviewer-beranda", "reviewer.inspektorat", "/", False),
    ("admin-beranda", "admin.kukar", "/", False),
    ("admin-pengaturan", "admin.kukar", "/pengaturan/", False),
    ("admin-pengguna", "admin.kukar", "/pengguna/", False),
    ("admin-riwayat", "admin.kukar", "/riwayat/", False),
    ("operator-profil-opd-ponsel", "operator.dinsos", "/opd/1/", True),
    ("operator-renstra-daftar", "operator.dinsos", "/opd/1/renstra/", False),
    ("operator-renstra-pohon", "operator.dinsos", "/opd/1/renstra/1002/?sampai=kegiatan", False),
    ("operator-renstra-pohon-iku", "operator.dinsos", "/opd/1/renstra/1002/?iku=1", False),
    ("operator-indikator-form", "operator.dinsos", "/opd/1/renstra/1002/indikator/1013/ubah/", False),
    ("operator-program-kode-salah", "operator.dinsos", "/opd/1/renstra/1002/program/tambah/", False),
    ("operator-renstra-impor", "operator.dinsos", "/opd/1/renstra/1002/impor/", False),
    ("operator-renstra-pohon-ponsel", "operator.dinsos", "/opd/1/renstra/1002/?sampai=sasaran", True),
    ("reviewer-renstra-sidoarjo", "admin.kukar", "/rpjmd/1001/", False),
    ("operator-pk-daftar", "operator.dinsos", "/opd/1/pk/?tahun=2021", False),
    ("kepala-pk-detail", "kepala.dinsos", "/opd/1/pk/1001/", False),
    ("operator-rencana-aksi", "operator.dinsos", "/opd/1/rencana-aksi/2021/", False),
    ("operator-realisasi-index", "operator.dinsos", "/opd/1/realisasi/", False),
    ("operator-realisasi-grid", "operator.dinsos", "/opd/1/realisasi/2021/4/", False),
    ("operator-realisasi-grid-salah", "operator.dinsos", "/opd/1/realisasi/2021/4/", False),
    ("operator-realisasi-detail", "operator.dinsos", "/opd/1/realisasi/2021/4/indikator/1009/", False),
    ("operator-realisasi-grid-ponsel", "operator.dinsos", "/opd/1/realisasi/2021/4/", True),
    ("operator-realisasi-grid-kartu-ponsel", "operator.dinsos", "/opd/1/realisasi/2021/4/", True),
    ("operator-petunjuk-format-excel", "operator.dinsos", "/bantuan/format-excel-pengukuran/", False),
    ("kepala-realisasi-grid", "kepala.dinsos", "/opd/1/realisasi/2021/3/", False),
    ("operator-anggaran", "operator.dinsos", "/opd/1/anggaran/2021/", False),
    ("operator-anggaran-realisasi", "operator.dinsos", "/opd/1/anggaran/2021/realisasi/4/", False),
    ("admin-periode", "admin.kukar", "/pengaturan/periode/2021/", False),
    ("reviewer-dasbor-pemda", "reviewer.inspektorat", "/dasbor/2021/", False),
    ("reviewer-dasbor-opd", "reviewer.inspektorat", "/opd/1/dasbor/2021/", False),
    ("kepala-dasbor-ponsel", "kepala.dinsos", "/opd/1/dasbor/2021/", True),
    ("kepala-dasbor-grafik-ponsel", "kepala.dinsos", "/opd/1/dasbor/2021/", True),
    ("operator-lkjip-daftar", "operator.dinsos", "/opd/1/lkjip/", False),
    ("operator-lkjip-detail", "operator.dinsos", "/opd/1/lkjip/1001/", False),
    ("operator-lkjip-teks", "operator.dinsos", "/opd/1/lkjip/1001/teks/analisis:1009/", False),
    ("operator-lkjip-pembanding", "operator.dinsos", "/opd/1/lkjip/1001/pembanding/", False),
    ("operator-lkjip-pratinjau", "operator.dinsos", "/opd/1/lkjip/1001/pratinjau/", False),
    ("reviewer-lkjip-detail", "reviewer.inspektorat", "/opd/1/lkjip/1001/", False),
    ("admin-sertifikat", "admin.kukar", "/pengaturan/sertifikat/", False),
    ("admin-kerangka-laporan", "admin.sidoarjo", "/pengaturan/kerangka-laporan/", False),
    ("admin-nomenklatur", "admin.kukar", "/pengaturan/nomenklatur/", False),
    ("admin-kerangka-laporan-salah", "admin.sidoarjo", "/pengaturan/kerangka-laporan/", False),
]
# Long pages shown as the first screen only.
LAYAR_SAJA = {"operator-lkjip-pratinjau"}
BAGIAN_SAJA = {
    "kepala-dasbor-grafik-ponsel": "figure.grafik",
    "operator-realisasi-grid-kartu-ponsel": "#baris-1009",  # one indicator's card
}

# Demo state the pictures need: 2021 TW IV returned by the kepala and reopened by the admin (so
# the operator's grid is editable), TW III submitted and waiting for the kepala.
PERSIAPAN = """
import datetime as dt
from django.utils import timezone
from lkjip.models import Pengguna
from pelaporan.models import LaporanTriwulan, PembukaanKembali, PeriodeTriwulan
admin = Pengguna.objects.get(username="admin.kukar")
kepala = Pengguna.objects.get(username="kepala.dinsos")
tw4 = LaporanTriwulan.objects.get(opd_id=1, tahun=2021, triwulan=4)
tw4.status, tw4.catatan = "dikembalikan", "Lengkapi bukti dukung SK penanganan PMKS dan penjelasan capaian SIRUP."
tw4.diputuskan_oleh = kepala
tw4.save()
PembukaanKembali.objects.create(periode=PeriodeTriwulan.objects.get(pemda_id=1, tahun=2021, triwulan=4), opd_id=1,
    sampai=timezone.localdate() + dt.timedelta(days=30), alasan="Perbaikan atas catatan kepala", dibuka_oleh=admin)
tw3 = LaporanTriwulan.objects.get(opd_id=1, tahun=2021, triwulan=3)
tw3.status = "diajukan"
tw3.save()
"""


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    GAMBAR.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/docs.sqlite3", "DEBUG": "1"}
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v0"], cwd=AKAR, env=env, check=True)
    subprocess.run([py, "manage.py", "muat_demo"], cwd=AKAR, env=env, check=True, capture_output=True)
    subprocess.run(
        [py, "manage.py", "shell", "-c", PERSIAPAN], cwd=AKAR, env=env, check=True, capture_output=True
    )
    port = _port_bebas()
    server = subprocess.Popen(
        [py, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=AKAR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The signing flow waits for the background worker, as in `make run`.
    pekerja = subprocess.Popen(
        [py, "manage.py", "db_worker", "--no-reload"],
        cwd=AKAR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        basis = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS_CHROMIUM)
            # `python docs/tangkap_layar.py NAMA …` retakes only those pages (no Excel, signing or PDF flow).
            hanya = set(sys.argv[1:])
            for nama, login, jalur, ponsel in HALAMAN:
                if hanya and nama not in hanya:
                    continue
                ukuran = {"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 860}
                ctx = browser.new_context(viewport=ukuran, locale="id-ID", device_scale_factor=1)
                page = ctx.new_page()
                if login:
                    page.goto(f"{basis}/masuk/")
                    page.fill("#id_username", login)
                    page.fill("#id_password", SANDI)
                    page.click("main button[type=submit]")
                    page.wait_for_load_state("networkidle")
                page.goto(basis + jalur)
                page.wait_for_load_state("networkidle")
                if nama == "operator-program-kode-salah":
                    page.fill("#id_kode_tampil", "1.06.99.2")
                    page.fill("#id_nama", "Program Contoh")
                    page.click("main button[type=submit]")
                    page.wait_for_load_state("networkidle")
                if nama == "operator-realisasi-grid-salah":
                    page.fill("#n-1009", "sembilan puluh")
                    page.click("main button[type=submit]")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(300)
                if nama == "admin-kerangka-laporan-salah":
                    # a band with a label and no lower bound, and a title with its year
                    page.fill("#id_judul", "Laporan Kinerja Tahun 2021")
                    page.fill("#id_pita_5_label", "Istimewa")
                    page.click("button[name=pratinjau]")
                    page.wait_for_load_state("networkidle")
                if nama == "operator-ubah-pejabat-salah":
                    page.fill("#id_nip", "19640230 198803 1 013")
                    page.click("main button[type=submit]")
                    page.wait_for_load_state("networkidle")
                if nama in BAGIAN_SAJA:  # one element of the page, e.g. the phone's own chart drawing
                    page.locator(BAGIAN_SAJA[nama]).first.screenshot(path=str(GAMBAR / f"{nama}.png"))
                else:
                    page.screenshot(
                        path=str(GAMBAR / f"{nama}.png"), full_page=not ponsel and nama not in LAYAR_SAJA
                    )
                print(f"docs/gambar/{nama}.png")
                ctx.close()
            if hanya:
                browser.close()
                return
            alur_excel(browser, basis)
            pdf = alur_tanda_tangan(browser, basis)
            browser.close()
        halaman_pdf(pdf)
    finally:
        for proses in (server, pekerja):
            proses.terminate()
            try:
                proses.wait(timeout=60)  # the worker finishes the job it is running first
            except subprocess.TimeoutExpired:
                proses.kill()  # never hide the error that brought us here behind this one


def _masuk(browser: Any, basis: str, login: str, ukuran: dict | None = None) -> tuple[Any, Any]:
    ctx = browser.new_context(viewport=ukuran or {"width": 1280, "height": 860}, locale="id-ID")
    page = ctx.new_page()
    page.goto(f"{basis}/masuk/")
    page.fill("#id_username", login)
    page.fill("#id_password", SANDI)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    return ctx, page


def _simpan(page: Any, nama: str, *, penuh: bool = True) -> None:
    page.screenshot(path=str(GAMBAR / f"{nama}.png"), full_page=penuh)
    print(f"docs/gambar/{nama}.png")


def alur_excel(browser: Any, basis: str) -> None:
    """The Pengukuran workbook: the page, a preview of one change (TW IV is reopened in the
    demo state above), and a file with a word in a number cell."""
    import openpyxl

    halaman = f"{basis}/opd/1/pengukuran/2021/"
    ctx, page = _masuk(browser, basis, "operator.dinsos")
    page.goto(halaman)
    _simpan(page, "operator-pengukuran")
    data = page.request.get(f"{halaman}unduh/").body()
    tmp = Path(tempfile.mkdtemp())
    for nama, nilai in (("pratinjau", 91), ("masalah", "empat puluh")):
        wb = openpyxl.load_workbook(io.BytesIO(data))
        ws = wb["Indikator"]
        kolom = [c.value for c in ws[1]].index("Realisasi TW4") + 1
        baris = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "Cakupan Penanganan PMKS")
        ws.cell(baris, kolom).value = nilai
        berkas = tmp / f"pengukuran-{nama}.xlsx"
        wb.save(berkas)
        page.goto(halaman)
        page.set_input_files("input[type=file]", str(berkas))
        page.click("button:has-text('Periksa berkas')")
        page.wait_for_load_state("networkidle")
        _simpan(page, f"operator-pengukuran-{nama}")
    ctx.close()


def alur_tanda_tangan(browser: Any, basis: str) -> bytes:
    """The demo LKjIP 2021 through the browser: operator submits, kepala signs with the password,
    the progress page turns into the download, anyone checks the PDF on the public page."""
    detail = f"{basis}/opd/1/lkjip/1001/"
    ctx, page = _masuk(browser, basis, "operator.dinsos")
    page.goto(detail)
    page.click("text=Ajukan ke kepala OPD")
    page.wait_for_load_state("networkidle")
    ctx.close()

    ctx, page = _masuk(browser, basis, "kepala.dinsos")
    page.goto(detail)
    _simpan(page, "kepala-lkjip-tandatangani")
    page.fill("#sandi", SANDI)
    page.click("button:has-text('Tandatangani')")
    page.wait_for_selector("#kemajuan")
    _simpan(page, "kepala-lkjip-proses", penuh=False)
    page.wait_for_selector("text=sudah ditandatangani", timeout=120_000)
    _simpan(page, "kepala-lkjip-selesai", penuh=False)
    pdf = page.request.get(f"{detail}unduh/").body()
    page.goto(detail)
    tautan = page.locator("a[href*='/verifikasi/']").first.get_attribute("href")
    ctx.close()

    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="id-ID")
    page = ctx.new_page()
    page.goto(tautan if tautan.startswith("http") else basis + tautan)
    berkas = Path(tempfile.mkdtemp()) / "LKjIP-2021-Dinsos-Kukar.pdf"
    berkas.write_bytes(pdf)
    page.set_input_files("input[type=file]", str(berkas))
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    _simpan(page, "publik-verifikasi")
    ctx.close()
    return pdf


def halaman_pdf(pdf: bytes) -> None:
    """Pages of the signed demo PDF as people see them: the cover, the BAB III page with the
    capaian table, and the first landscape page (pdftoppm from poppler-utils)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    teks = [p.extract_text() for p in reader.pages]
    awal_bab3 = next(n for n, t in enumerate(teks) if t.lstrip().startswith("BAB III"))
    bab3 = next(n for n, t in enumerate(teks) if n >= awal_bab3 and "96,58" in t)  # the capaian table
    lanskap = next(
        n for n, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height and "Tabel" in teks[n]
    )
    tmp = Path(tempfile.mkdtemp())
    (tmp / "lkjip.pdf").write_bytes(pdf)
    for nama, nomor in (("sampul", 0), ("bab3", bab3), ("lanskap", lanskap)):
        keluar = tmp / nama
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(nomor + 1),
                "-l",
                str(nomor + 1),
                "-singlefile",
                str(tmp / "lkjip.pdf"),
                str(keluar),
            ],
            check=True,
        )
        tujuan = GAMBAR / f"lkjip-halaman-{nama}.png"
        tujuan.write_bytes((tmp / f"{nama}.png").read_bytes())
        print(f"docs/gambar/{tujuan.name} (halaman {nomor + 1})")


if __name__ == "__main__":
    main()
