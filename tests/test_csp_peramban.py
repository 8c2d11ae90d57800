"""The main pages in a real browser under the Content-Security-Policy (issue 12, item 4).

Debian's Chromium (driven by Playwright, no browser download) opens the demo's pages and
records every CSP violation the page reports; the behaviour moved out of inline script is used
once (the grid's live capaian through htmx, the band colours, the tree's buttons, the year
switch, a confirmation). Skipped only where /usr/bin/chromium is missing
(``bash .ci/paket-debian chromium`` installs it).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.core.management import call_command

AKAR = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = [AKAR / "fixtures" / f"demo_{n}.json" for n in ("organisasi", "renstra", "pelaporan", "lkjip")]
SANDI = "sakip-demo"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# (login, path) of the pages issue 12 names: login, home, realisasi grid, Renstra tree,
# dashboards, the LKjIP editor and preview; plus the forms whose scripts moved.
HALAMAN = [
    (None, "/masuk/"),
    ("operator.dinsos", "/"),
    ("operator.dinsos", "/opd/1/realisasi/2021/4/"),
    ("operator.dinsos", "/opd/1/renstra/1002/"),
    ("operator.dinsos", "/opd/1/renstra/1002/indikator/1013/ubah/"),
    ("operator.dinsos", "/opd/1/lkjip/1001/"),
    ("operator.dinsos", "/opd/1/lkjip/1001/teks/kata_pengantar/"),
    ("operator.dinsos", "/opd/1/lkjip/1001/pratinjau/"),
    ("kepala.dinsos", "/opd/1/dasbor/2021/"),
    ("reviewer.inspektorat", "/dasbor/2021/"),
    ("admin.kukar", "/pengaturan/kerangka-laporan/"),
]

# Every violation the document sees, whatever its source (an init script is not bound by CSP).
PENCATAT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium Debian belum terpasang")


def _persiapan_demo() -> None:
    """The demo state of the guide's screenshots: 2021 TW IV reopened, so the grid is editable."""
    spec = importlib.util.spec_from_file_location("tangkap_layar", AKAR / "docs" / "tangkap_layar.py")
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    exec(modul.PERSIAPAN, {})  # noqa: S102 - our own setup code, shared with the screenshots


@pytest.fixture
def demo(transactional_db) -> None:
    from lkjip.models import Pengguna

    call_command("loaddata", *map(str, FIXTURE), verbosity=0)
    _persiapan_demo()
    for p in Pengguna.objects.all():  # the test hasher: 1M PBKDF2 rounds per login cost seconds
        p.set_password(SANDI)
        p.save()


def test_halaman_utama_tanpa_pelanggaran_csp_di_peramban(demo, live_server, monkeypatch) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    basis = live_server.url
    pelanggaran: list[str] = []
    konsol: list[str] = []
    galat_js: list[str] = []  # uncaught exceptions: never console messages, so listed apart
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        konteks = {}

        def halaman(login: str | None):  # noqa: ANN202 - a Playwright page
            if login not in konteks:
                ctx = browser.new_context(locale="id-ID")
                ctx.add_init_script(PENCATAT)
                page = ctx.new_page()
                page.on("console", lambda m: konsol.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: galat_js.append(f"{page.url}: {e}"))
                if login:
                    page.goto(f"{basis}/masuk/")
                    page.fill("#id_username", login)
                    page.fill("#id_password", SANDI)
                    page.click("main button[type=submit]")
                    page.wait_for_load_state("networkidle")
                konteks[login] = page
            return konteks[login]

        def catat(page, jalur: str) -> None:  # noqa: ANN001
            pelanggaran.extend(f"{jalur}: {v}" for v in page.evaluate("window.__csp"))

        for login, jalur in HALAMAN:
            page = halaman(login)
            page.goto(basis + jalur)
            assert page.evaluate("typeof htmx") == "object", jalur
            catat(page, jalur)

        # The grid: a value typed in goes through htmx and comes back coloured by its band.
        page = halaman("operator.dinsos")
        page.goto(f"{basis}/opd/1/realisasi/2021/4/")
        pratinjau: list[str] = []
        page.on("request", lambda r: pratinjau.append(r.url) if "/pratinjau/1009/" in r.url else None)
        page.fill("#n-1009", "20")
        page.press("#n-1009", "Enter")  # realisasi-grid.js: Enter moves down; the blur sends "change"
        page.wait_for_selector("#hasil-1009 >> text=belum disimpan")
        # One preview per value: Enter only moves the focus, and the browser's "change" on leaving
        # the box asks once (hx-trigger "change changed" drops a repeat of the same value). A second
        # one would already be listed here: htmx sends a queued request in the same task that swaps
        # the first response in.
        assert len(pratinjau) == 1, pratinjau
        # aplikasi.js colours it on htmx:load, which htmx fires when the swap settles.
        # (Polled from here: wait_for_function evaluates a string, which this very CSP refuses.
        # Up to 10 s: a loaded CI machine once took longer than the 1 s this allowed before.)
        for _ in range(200):
            if page.eval_on_selector("#hasil-1009 [data-warna]", "e => e.style.backgroundColor"):
                break
            page.wait_for_timeout(50)
        assert page.eval_on_selector("#hasil-1009 [data-warna]", "e => e.style.backgroundColor"), "\n".join(
            [page.eval_on_selector("#hasil-1009", "e => e.outerHTML"), *konsol, *galat_js]
        )  # a str, which pytest prints whole (a tuple's repr is cut in the middle)
        catat(page, "grid setelah htmx")
        # A confirmation refused keeps the user on the page (data-konfirmasi, aplikasi.js).
        page.once("dialog", lambda d: d.dismiss())
        page.click("text=Ajukan ke kepala OPD")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/opd/1/realisasi/2021/4/")

        # The tree's buttons and the dashboard's year switch.
        page.goto(f"{basis}/opd/1/renstra/1002/")
        page.click("[data-simpul-semua=buka]")
        assert page.eval_on_selector_all("details.simpul", "ds => ds.every(d => d.open)")
        page.click("[data-simpul-semua=tutup]")
        assert page.eval_on_selector_all("details.simpul", "ds => ds.every(d => !d.open)")
        catat(page, "pohon")
        page = halaman("kepala.dinsos")
        page.goto(f"{basis}/opd/1/dasbor/2021/")
        assert page.eval_on_selector(".pita[data-warna]", "e => e.style.backgroundColor") != ""
        lain = page.eval_on_selector_all(
            "select[aria-label=Tahun] option:not([selected])", "os => os[0].value"
        )
        with page.expect_navigation():
            page.select_option("select[aria-label=Tahun]", lain)
        assert page.url.endswith(f"/opd/1/dasbor/{lain}/")
        catat(page, f"dasbor {lain}")
        browser.close()

    assert pelanggaran == []
    assert galat_js == []
    assert [k for k in konsol if "Content Security Policy" in k] == []
