"""Small things a user notices (issue 13 item 6), in a real browser: the workbook's help page and
the upload page that links it, a date typed day first with the dashes written for the user, the
favicon, and dashboards that open on the latest year with data. axe-core checks every page."""

from __future__ import annotations

from pelaporan.excel_pengukuran import petunjuk


def test_halaman_format_dan_halaman_unggah(peramban) -> None:
    page = peramban.halaman("operator.dinsos")
    peramban.buka(page, "/opd/1/pengukuran/2021/", "unggah pengukuran")
    assert page.locator("text=docs/format-excel-pengukuran.md").count() == 0
    page.locator("a.btn", has_text="Petunjuk format").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/bantuan/format-excel-pengukuran/")
    peramban.periksa(page, "format excel pengukuran")
    assert page.locator("h1").inner_text() == petunjuk.JUDUL
    assert page.locator("#sheet-indikator code", has_text="Realisasi TW1 … TW4").count() == 1
    # the operator's way back to its own upload page
    assert page.get_by_role("link", name="Excel Pengukuran Kinerja").first.is_visible()


def test_tanggal_diketik_hari_dulu(peramban) -> None:
    page = peramban.halaman("admin.kukar")
    peramban.buka(page, "/pengaturan/periode/2021/", "jadwal triwulan")
    isian = page.locator("#id_sampai")
    assert isian.get_attribute("type") == "text" and isian.get_attribute("placeholder") == "hh-bb-tttt"
    isian.press_sequentially("25022022")
    assert isian.input_value() == "25-02-2022"
    isian.fill("")
    isian.press_sequentially("5-3-2021")
    assert isian.input_value() == "5-3-2021"
    # a stored schedule is shown day first, not as the browser's mm/dd/yyyy
    nilai = [
        v
        for v in page.locator("[data-tanggal]:not(#id_sampai)").evaluate_all("(es) => es.map((e) => e.value)")
        if v
    ]
    assert nilai and all(len(v) == 10 and v[2] == "-" and v[5] == "-" for v in nilai)


def test_favicon_dan_dasbor_tanpa_tahun(peramban) -> None:
    page = peramban.halaman("kepala.dinsos")
    peramban.buka(page, "/", "beranda kepala")
    ikon = page.locator('link[rel="icon"]').evaluate_all("(es) => es.map((e) => e.href)")
    assert len(ikon) == 2
    for url in [*ikon, peramban.basis + "/favicon.ico"]:
        jawab = page.request.get(url)
        assert jawab.status == 200 and jawab.headers["content-type"].startswith("image/"), url
    # the menu's Dasbor opens 2021, the demo's latest year with data, not the empty current year
    page.get_by_role("link", name="Dasbor").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/opd/1/dasbor/2021/")
    peramban.periksa(page, "dasbor kepala")
