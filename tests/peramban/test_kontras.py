"""A rating band's badge is readable in any colour a pemda picks for its scale (issue 13, item 2).

The band colours are the pemda's own (Pengaturan → Kerangka laporan); aplikasi.js writes the
label in black or white, whichever contrasts more. This puts badges of many colours on a page,
as htmx would swap them in, and measures the contrast the browser actually draws.
"""

from __future__ import annotations

WARNA = [
    "#198754", "#20c997", "#ffc107", "#fd7e14", "#dc3545", "#0d6efd", "#6f42c1", "#ffffff",
    "#000000", "#777777", "#7f7f7f", "#808080", "#ff0000", "#00ff00", "#0000ff", "#ffff00",
    "#00ffff", "#ff00ff", "#3a8f3a", "#b8860b", "#f0f", "#abc",
]  # fmt: skip

UKUR = """(warna) => {
  const wadah = document.createElement("div");
  wadah.innerHTML = warna.map((w) => `<span class="pita" data-warna="${w}">Sangat Tinggi</span>`).join("");
  document.querySelector("main").appendChild(wadah);
  htmx.process(wadah);  // htmx:load, as for a swapped-in fragment: aplikasi.js colours it
  const kanal = (c) => c.match(/\\d+/g).slice(0, 3).map(Number);
  const terang = (rgb) => {
    const l = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  return Array.from(wadah.children).map((el) => {
    const gaya = getComputedStyle(el);
    const a = terang(kanal(gaya.color)), b = terang(kanal(gaya.backgroundColor));
    return [el.dataset.warna, gaya.backgroundColor, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""


def test_label_pita_terbaca_di_warna_apa_pun(peramban) -> None:
    page = peramban.halaman("reviewer.inspektorat")
    peramban.buka(page, "/dasbor/2021/", "dasbor pemda")
    hasil = page.evaluate(UKUR, WARNA)
    assert len(hasil) == len(WARNA)
    for warna, latar, kontras in hasil:
        assert latar not in ("rgba(0, 0, 0, 0)", ""), warna  # the band's colour was applied
        assert kontras >= 4.5, (warna, latar, round(kontras, 2))
    peramban.periksa(page, "dasbor pemda: pita berbagai warna")
