"""The main pages in a real browser under the Content-Security-Policy (issue 12, item 4).

Debian's Chromium (driven by Playwright, no browser download) opens the demo's pages and
records every CSP violation the page reports; the behaviour moved out of inline script is used
once (the grid's live capaian through htmx, the band colours, the tree's buttons, the year
switch, a confirmation). Skipped only where /usr/bin/chromium is missing
(``bash .ci/paket-debian chromium`` installs it). The demo comes from ``conftest.demo``.
"""

from __future__ import annotations

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


def test_halaman_utama_tanpa_pelanggaran_csp_di_peramban(peramban) -> None:
    """Every page above opens with htmx loaded; the fixture fails the test on any CSP violation,
    script error or axe-core finding (tests/peramban/conftest.py)."""
    basis = peramban.basis
    konsol: list[str] = []
    konteks: dict[str | None, object] = {}

    def halaman(login: str | None):  # noqa: ANN202 - a Playwright page, one per login
        if login not in konteks:
            konteks[login] = page = peramban.halaman(login)
            page.on("console", lambda m: konsol.append(m.text) if m.type == "error" else None)
        return konteks[login]

    for login, jalur in HALAMAN:
        page = peramban.buka(halaman(login), jalur)
        assert page.evaluate("typeof htmx") == "object", jalur

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
        [page.eval_on_selector("#hasil-1009", "e => e.outerHTML"), *konsol, *peramban.galat_js]
    )  # a str, which pytest prints whole (a tuple's repr is cut in the middle)
    peramban.periksa(page, "grid setelah htmx")
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
    peramban.periksa(page, "pohon Renstra ditutup")
    page = halaman("kepala.dinsos")
    page.goto(f"{basis}/opd/1/dasbor/2021/")
    assert page.eval_on_selector(".pita[data-warna]", "e => e.style.backgroundColor") != ""
    lain = page.eval_on_selector_all("select[aria-label=Tahun] option:not([selected])", "os => os[0].value")
    with page.expect_navigation():
        page.select_option("select[aria-label=Tahun]", lain)
    assert page.url.endswith(f"/opd/1/dasbor/{lain}/")
    peramban.periksa(page, f"dasbor OPD {lain}")
    # what the page itself logs of the policy (the fixture asserts the reported violations)
    assert [k for k in konsol if "Content Security Policy" in k] == []
