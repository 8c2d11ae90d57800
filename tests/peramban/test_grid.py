"""The realisasi grid in a real browser (issue 13 items 3 and 4), on the demo's editable quarter.

One save marks every refused cell, whatever the reason; the live preview clears a cell's message
once it is fixed and updates every computed column; on a 390-px phone the grid is one card per
indicator, with nothing off-screen. axe-core checks each state (tests/peramban/conftest.py).
"""

from __future__ import annotations

from typing import Any

GRID = "/opd/1/realisasi/2021/4/"
TEKS = "1002"  # Temuan Hasil Pemeriksaan …, satuan Persen
CACAH = "1004"  # Pengamanan bidang tanah: kumulatif, satuan Jumlah, TW I–III 1 + 0 + 0, TW IV 1


def _ubah(page: Any, kunci: str, nilai: str) -> None:
    """Type ``nilai`` in row ``kunci``'s box and leave it, as a user does (one live preview)."""
    with page.expect_response(lambda r: f"/pratinjau/{kunci}/" in r.url):
        page.fill(f"#n-{kunci}", nilai)
        page.press(f"#n-{kunci}", "Tab")
    page.wait_for_selector(f"#hasil-{kunci}[data-pratinjau]")


def _simpan(page: Any) -> None:
    with page.expect_response(lambda r: r.url.endswith(GRID) and r.request.method == "POST"):
        page.click("#form-grid button[type=submit]")
    page.wait_for_load_state("networkidle")


def _ditandai(page: Any, kunci: str) -> bool:
    return page.eval_on_selector(
        f"#n-{kunci}", "e => e.classList.contains('is-invalid') && e.getAttribute('aria-invalid') === 'true'"
    )


def _pesan(page: Any, kunci: str) -> str:
    return page.inner_text(f"#galat-{kunci}").strip()


def test_grid_menandai_semua_sel_salah_sekali_simpan_dan_membersihkannya_langsung(peramban) -> None:
    page = peramban.halaman("operator.dinsos")
    peramban.buka(page, GRID, "grid")
    assert page.inner_text(f"#sd-{CACAH}").strip() == "2"

    # the previews mark both as they are typed; the save then refuses both at once
    _ubah(page, TEKS, "dua belas")
    _ubah(page, CACAH, "-5")
    assert _ditandai(page, TEKS) and _ditandai(page, CACAH)
    _simpan(page)
    assert "Tidak ada yang disimpan" in page.inner_text("#grid")
    for kunci in (TEKS, CACAH):
        assert _ditandai(page, kunci), kunci
    assert "bukan angka" in _pesan(page, TEKS)
    assert "tidak boleh negatif" in _pesan(page, CACAH) and "Isi 0 atau angka positif" in _pesan(page, CACAH)
    assert page.is_visible(f"#galat-{TEKS}") and page.is_visible(f"#galat-{CACAH}")
    peramban.periksa(page, "grid: dua sel salah setelah simpan")

    # Fixed one by one: each message and red state goes with its preview; the other stays.
    _ubah(page, TEKS, "100")
    assert not _ditandai(page, TEKS) and _pesan(page, TEKS) == ""
    assert _ditandai(page, CACAH) and "tidak boleh negatif" in _pesan(page, CACAH)
    assert "table-danger" not in page.get_attribute(f"#baris-{TEKS}", "class")
    _ubah(page, CACAH, "3")
    assert not _ditandai(page, CACAH) and _pesan(page, CACAH) == ""
    # every computed column follows the value: realisasi s/d TW (1 + 0 + 0 + 3), capaian, kategori
    assert page.inner_text(f"#sd-{CACAH}").strip() == "4"
    capaian = page.inner_text(f"#hasil-{CACAH}")
    assert "%" in capaian and "belum disimpan" in capaian
    assert page.query_selector(f"#hasil-{CACAH} [data-warna]") is not None
    peramban.periksa(page, "grid: diperbaiki, pratinjau langsung")

    # A negative typed live is an error next to the box, never a rating; the columns show no figure.
    _ubah(page, CACAH, "-1")
    assert _ditandai(page, CACAH) and "tidak boleh negatif" in _pesan(page, CACAH)
    assert page.query_selector(f"#hasil-{CACAH} [data-warna]") is None
    assert "%" not in page.inner_text(f"#hasil-{CACAH}")
    assert page.inner_text(f"#sd-{CACAH}").strip() == "–"
    peramban.periksa(page, "grid: negatif di pratinjau")
    _ubah(page, CACAH, "3")

    _simpan(page)
    assert "nilai disimpan" in page.inner_text("#grid")
    assert page.inner_text(f"#sd-{CACAH}").strip() == "4"
    peramban.periksa(page, "grid: disimpan")


def test_grid_di_ponsel_satu_kartu_per_indikator_tanpa_gulir_samping(peramban) -> None:
    page = peramban.halaman("operator.dinsos", ponsel=True)
    peramban.buka(page, GRID, "grid ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    baris = page.query_selector("tr.baris-indikator")
    kunci = baris.get_attribute("id").removeprefix("baris-")
    page.eval_on_selector(f"#n-{kunci}", "e => e.scrollIntoView({block: 'center'})")
    # the row's name, box, realisasi s/d TW, capaian and kategori are all on screen, side by side none
    for pilih in (
        "td.sel-nama",
        f"#n-{kunci}",
        f"#sd-{kunci}",
        f"#hasil-{kunci}",
        f"#hasil-{kunci} [data-warna]",
    ):
        kotak = page.locator(f"#baris-{kunci} {pilih}" if pilih.startswith("td") else pilih).bounding_box()
        assert kotak is not None, pilih
        assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390, (pilih, kotak)
    kotak = page.locator(f"#n-{kunci}").bounding_box()
    assert kotak["y"] >= 0 and kotak["y"] + kotak["height"] <= 844, kotak
    assert kotak["width"] >= 150  # a box a thumb can use, not a sliver

    # The live preview works the same on a phone, and the card stays within the screen.
    _ubah(page, CACAH, "-5")
    assert _ditandai(page, CACAH) and page.is_visible(f"#galat-{CACAH}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    peramban.periksa(page, "grid ponsel: negatif")
    _ubah(page, CACAH, "3")
    assert not _ditandai(page, CACAH) and page.inner_text(f"#sd-{CACAH}").strip() == "4"
    peramban.periksa(page, "grid ponsel: diperbaiki")
