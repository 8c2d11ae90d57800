"""The LKjIP laid out in pieces and joined (issue 14, item 4) prints the same document as laid out
whole: the same pages with the same text (running header, "Halaman X dari Y", i/ii/iii on the front
matter, the table of contents' page numbers), the same outline, links and named destinations, the
signature stamp on the same spot; with child processes and without."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from lkjip.laporan import render
from lkjip.laporan.rakit import rakit_lkjip
from lkjip.laporan.render import html_dokumen, pdf_dari_html

pytestmark = pytest.mark.django_db


def _isi(pdf: bytes) -> dict:
    pembaca = PdfReader(io.BytesIO(pdf))

    def jalan(daftar, tingkat=0):  # noqa: ANN001, ANN202
        for butir in daftar:
            if isinstance(butir, list):
                yield from jalan(butir, tingkat + 1)
            else:
                yield (
                    tingkat,
                    butir.title,
                    pembaca.get_destination_page_number(butir),
                    round(float(butir.top), 1),
                )

    return {
        # whitespace aside: the joined PDF draws "Halaman X dari Y" as a block of its own, which
        # pypdf reads as a line of its own
        "teks": [" ".join(h.extract_text().split()) for h in pembaca.pages],
        "ukuran": [tuple(round(float(x)) for x in h.mediabox) for h in pembaca.pages],
        "penanda": list(jalan(pembaca.outline)),
        "tautan": sorted(
            (n, str(a.get_object()["/Dest"]), tuple(round(float(v), 1) for v in a.get_object()["/Rect"]))
            for n, h in enumerate(pembaca.pages)
            for a in h.get("/Annots") or []
        ),
        "tujuan": {
            nama: (pembaca.get_destination_page_number(t), round(float(t.left), 1), round(float(t.top), 1))
            for nama, t in pembaca.named_destinations.items()
            if not nama.startswith("chart-")  # pygal's ids are random per render
        },
        "judul": pembaca.metadata.title,
    }


@pytest.fixture
def html(siap) -> str:
    return html_dokumen(rakit_lkjip(siap))


@pytest.mark.parametrize(("proses", "batas"), [(0, 1), (2, 1), (2, None), (1, 60_000)])
def test_potongan_yang_digabung_sama_dengan_dokumen_utuh(html, settings, monkeypatch, proses, batas) -> None:
    """batas 1: every run in a piece of its own, the most joins there can be; otherwise pieces
    that hold the end of one chapter and the start of the next."""
    settings.LKJIP_RENDER_PROSES = proses
    utuh = render._pdf_utuh(html, lambda persen, tahap: None)
    if batas:
        monkeypatch.setattr(render, "BATAS_POTONGAN", batas)
    rencana = render._rencana_potongan(html, jumlah=2 * proses or 1)
    assert rencana is not None and len(rencana.isi) >= (5 if batas == 1 else 2)
    potong = pdf_dari_html(html)
    assert (potong.halaman, potong.halaman_ttd, potong.kotak_ttd) == (
        utuh.halaman,
        utuh.halaman_ttd,
        utuh.kotak_ttd,
    )
    a, b = _isi(utuh.pdf), _isi(potong.pdf)
    for kunci in ("teks", "ukuran", "penanda", "tautan", "tujuan", "judul"):
        assert b[kunci] == a[kunci], kunci
    # what the comparison stands on: numbered pages, a numbered table of contents, links into the body
    teks = "\n".join(b["teks"])
    akhir = re.search(r"Halaman (\d+) dari (\d+)", b["teks"][-1])
    assert akhir and akhir.group(1) == akhir.group(2) and "Halaman 1 dari " + akhir.group(2) in teks
    assert re.search(r"BAB III AKUNTABILITAS KINERJA ?\.{3,} ?\d+", teks)
    assert any(tujuan.startswith("bab3") for _, tujuan, _ in b["tautan"])


def test_bab_dipotong_sebelum_tabel_lanskap_dan_lanjutannya_berjudul_bab(html, monkeypatch) -> None:
    monkeypatch.setattr(render, "BATAS_POTONGAN", 1)
    rencana = render._rencana_potongan(html)
    lanjutan = [h for h in rencana.isi if re.search(r"<section[^>]*>\s*<[a-z]+ data-bab=", h)]
    assert lanjutan, "no chapter was cut at a landscape table"
    for h in lanjutan:
        assert "<h1" not in h  # a continuation: the running header comes from the body tag
        awal = h[h.index("<body") :][:400]
        assert re.search(
            r'<section[^>]*>\s*<(div|figure) data-bab="(BAB [IV]+ [^"]+|LAMPIRAN)" class="lanskap', awal
        ), awal


def test_potongan_seimbang_dan_utuh_tanpa_proses(html) -> None:
    """Pieces are whole runs in document order: joined back they hold every run once."""
    semua = render._rencana_potongan(html, jumlah=1000)
    satu = render._rencana_potongan(html, jumlah=1)
    dua = render._rencana_potongan(html, jumlah=2)
    assert len(satu.isi) == 1 and 2 <= len(dua.isi) < len(semua.isi)

    def jangkar(dokumen: list[str]) -> list[str]:
        return [j for h in dokumen for j in re.findall(r' id="([^"]+)"', h)]

    assert jangkar(semua.isi) == jangkar(satu.isi) == jangkar(dua.isi)


def test_html_tanpa_tanda_potong_ditata_utuh() -> None:
    assert render._rencana_potongan("<html><head></head><body><p>x</p></body></html>") is None
    hasil = pdf_dari_html("<html><head><title>x</title></head><body><p>satu</p></body></html>")
    assert hasil.halaman == 1 and hasil.halaman_ttd == -1
