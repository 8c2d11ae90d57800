"""Render the assembled LKjIP: HTML (preview) and PDF (WeasyPrint).

The PDF fetches nothing over the network: fonts, CSS and the logo are read from the
project's own files, and any other URL is refused (no SSRF through a pasted image).
"""

from __future__ import annotations

import io
import logging
import pickle
import queue
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT = [
    ("fonts/liberation/LiberationSans-Regular.ttf", "normal", "normal"),
    ("fonts/liberation/LiberationSans-Bold.ttf", "bold", "normal"),
    ("fonts/liberation/LiberationSans-Italic.ttf", "normal", "italic"),
    ("fonts/liberation/LiberationSans-BoldItalic.ttf", "bold", "italic"),
]


def _statis(jalur: str) -> Path:
    hasil = finders.find(jalur)
    if not hasil:
        raise FileNotFoundError(jalur)
    return Path(hasil)


def _folder_aman() -> list[Path]:
    """The only folders a PDF may read files from: the bundled fonts and print CSS, and the pemda
    logos. Not the rest of MEDIA_ROOT: it holds every OPD's evidence uploads."""
    return [
        Path(settings.BASE_DIR / "static" / "fonts").resolve(),
        Path(settings.BASE_DIR / "static" / "laporan").resolve(),
        (Path(settings.MEDIA_ROOT) / "logo").resolve(),
    ]


def _pengambil() -> Any:
    """WeasyPrint's URL fetcher limited to data: URIs and the files of :func:`_folder_aman`."""
    from lkjip.laporan.render_anak import PengambilAman

    return PengambilAman(_folder_aman())


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (segno: pure Python)."""
    return segno.make(url, error="m").svg_inline(scale=3, border=1, dark="#000")


def html_dokumen(
    data: dict[str, Any], *, final: bool = False, verifikasi: dict[str, str] | None = None
) -> str:
    """The full HTML the PDF is printed from."""
    fonts = [{"uri": _statis(j).as_uri(), "berat": b, "gaya": g} for j, b, g in FONT]
    logo = data["meta"].get("logo") or ""
    logo_uri = Path(logo).as_uri() if logo and Path(logo).exists() else ""
    return render_to_string(
        "laporan/dokumen.html",
        {
            "data": data,
            "fonts": fonts,
            "css": _statis("laporan/lkjip-cetak.css").read_text(encoding="utf-8"),
            "final": final,
            "verifikasi": verifikasi,
            "qr_svg": qr_svg(verifikasi["url"]) if verifikasi else "",
            "logo_uri": logo_uri,
        },
    )


Kemajuan = Callable[[int, str], None]


@dataclass
class HasilPdf:
    """The PDF, its page count, and where the closing signature block landed."""

    pdf: bytes
    halaman: int
    halaman_ttd: int = -1
    kotak_ttd: tuple[float, float, float, float] | None = None


def pdf_dari_html(html: str, *, kemajuan: Kemajuan | None = None) -> HasilPdf:
    """Layout is the slow part; progress is reported around it.

    The document is cut at its forced page breaks (each chapter, and each change between portrait
    and landscape pages) into pieces that are laid out apart: in ``LKJIP_RENDER_PROSES`` child
    processes at once (0: one after the other in this process), so a long report uses both cores
    and no process ever holds more than one piece. The pieces are then joined (:func:`_gabung`).
    HTML without the cut marks of _isi.html is laid out whole."""
    lapor = kemajuan or (lambda persen, tahap: None)
    proses = max(0, settings.LKJIP_RENDER_PROSES)
    # twice as many pieces as processes: the longest first, the two cores finish close together
    rencana = _rencana_potongan(html, jumlah=2 * proses or 1)
    if rencana is None:
        return _pdf_utuh(html, lapor)
    lapor(35, f"Menata halaman (tata letak, {len(rencana.isi)} bagian)")
    anak: list[_Anak] = []
    try:  # a child that fails to start must not leave the ones before it running
        anak.extend(_Anak() for _ in range(min(proses, len(rencana.isi))))
        return _pdf_berpotong(rencana, anak, lapor)
    finally:
        for a in anak:
            a.tutup()


def _pdf_berpotong(rencana: _Rencana, anak: list[_Anak], lapor: Kemajuan) -> HasilPdf:
    isi = _jalankan(rencana.isi, anak)
    nomor = {}  # the page number each body anchor is printed on, for the table of contents
    jenis = []
    for potongan in isi:
        for h in potongan["halaman"]:
            jenis.append(h["jenis"])
            for nama in h["jangkar"]:
                nomor.setdefault(nama, len(jenis))
    lapor(75, "Menata halaman depan, daftar isi dan nomor halaman")
    depan, kaki = _jalankan(
        [rencana.html_depan(nomor), rencana.html_kaki(jenis)], anak, luar=frozenset(nomor)
    )
    lapor(85, f"Menggabungkan PDF ({len(depan['halaman']) + len(jenis)} halaman)")
    return _gabung([depan, *isi], kaki)


def _pdf_utuh(html: str, lapor: Kemajuan) -> HasilPdf:
    """The whole document laid out at once, in this process."""
    from weasyprint import HTML

    lapor(35, "Menata halaman (tata letak)")
    dokumen = HTML(string=html, base_url=_base_url(), url_fetcher=_pengambil()).render()
    lapor(80, f"Menulis PDF ({len(dokumen.pages)} halaman)")
    buf = io.BytesIO()
    dokumen.write_pdf(target=buf)
    hasil = HasilPdf(pdf=buf.getvalue(), halaman=len(dokumen.pages))
    for n, halaman in enumerate(dokumen.pages):
        if "ttd-penutup" in halaman.anchors:
            _letak_ttd(hasil, n, halaman.anchors["ttd-penutup"], halaman.height)
            break
    return hasil


def _letak_ttd(hasil: HasilPdf, n: int, kotak: tuple[float, ...], tinggi_px: float) -> None:
    """The electronic-signature stamp goes under the closing signature block (BAB IV), not on
    whatever page happens to be last: the block's anchor, converted from CSS px to PDF pt."""
    x1, _y1, x2, y2 = kotak
    tinggi_pt = tinggi_px * 0.75
    bawah_pt = tinggi_pt - y2 * 0.75  # the block's bottom edge in PDF coordinates
    hasil.halaman_ttd = n
    hasil.kotak_ttd = (x1 * 0.75, max(24.0, bawah_pt - 62), x2 * 0.75, max(80.0, bawah_pt - 6))


def _base_url() -> str:
    return settings.BASE_DIR.as_uri() + "/"


# Cut marks written by _isi.html: before each top-level section (front matter or body) and before
# each block of a chapter, with the page type the block opens on.
_TANDA_BAGIAN = re.compile(r"<!--lkjip:(depan|isi)-->")
_TANDA_BLOK = re.compile(r"<!--lkjip:blok (tegak|lanskap)-->")
# A piece of the body prints its own header and left footer; "Halaman X dari Y" needs the whole
# body, so it comes from a document of footers alone laid over the joined pages. A piece that
# continues a chapter sets the running header on its first element, as the chapter's h1 would (on
# the body it would be set again on every page, past the next chapter's h1). The front
# matter is one piece that keeps its own footers (i, ii, iii), its table of contents given the body
# pages as plain numbers.
_CSS_ISI = """<style>
@page { @bottom-right { content: none; } }
[data-bab] { string-set: bab attr(data-bab); }
</style>
"""
_CSS_DEPAN = """<style>
.daftar a[data-hal]::after { content: leader('.') attr(data-hal); }
</style>
"""
_CSS_KAKI = """<style>
.hal { break-before: page; }
.hal:first-child { break-before: auto; }
.hal-lanskap { page: lanskap; }
</style>
"""
# A piece holds at most this much HTML unless one chapter run alone is longer: it bounds a layout
# process's memory (about 0.6 MiB per kB of HTML at a few hundred pages).
BATAS_POTONGAN = 250_000


@dataclass
class _Satuan:
    """A run of a body section that starts on a new page: the section's opening tag, the run's HTML,
    which section it belongs to, whether it opens the section, and the section's title."""

    buka: str
    isi: str
    bagian: int
    awal: bool
    judul: str


@dataclass
class _Rencana:
    """The document cut into pieces: its head, body tag, front matter and body pieces."""

    kepala: str
    tubuh: str
    depan: str
    isi: list[str]

    def html_depan(self, nomor: dict[str, int]) -> str:
        def bernomor(m: re.Match) -> str:
            nama = m.group(1)
            return f'<a href="#{nama}" data-hal="{nomor[nama]}">' if nama in nomor else m.group(0)

        isi = re.sub(r'<a href="#([^"]+)">', bernomor, self.depan)
        return self.kepala.replace("</head>", _CSS_DEPAN + "</head>", 1) + self.tubuh + isi + "</body></html>"

    def html_kaki(self, jenis: list[str]) -> str:
        """A document of empty body pages of the same types, printing only "Halaman X dari Y"."""
        div = [f'<div class="hal{" hal-lanskap" if j == "lanskap" else ""}"></div>' for j in jenis]
        div[-1] = div[-1].replace("<div ", '<div id="akhir" ', 1)
        kepala = self.kepala.replace("</head>", _CSS_KAKI + "</head>", 1)
        return kepala + "<body>" + "".join(div) + "</body></html>"


def _rencana_potongan(html: str, jumlah: int = 1) -> _Rencana | None:
    """The document cut into its front matter and about ``jumlah`` body pieces of similar size
    (more when one would pass :data:`BATAS_POTONGAN`); None when it has no cut marks."""
    m = re.search(r"(<body[^>]*>)(.*)</body>", html, re.DOTALL)
    if m is None or not _TANDA_BAGIAN.search(m.group(2)):
        return None
    kepala, tubuh = html[: m.start()], m.group(1)
    bagian = _TANDA_BAGIAN.split(m.group(2))
    depan, satuan = bagian[0], []
    for n, (jenis, teks) in enumerate(zip(bagian[1::2], bagian[2::2], strict=True)):
        if jenis == "depan":
            if satuan:
                return None  # front matter after a chapter: numbering the pieces apart is not worth it
            depan += teks
        else:
            satuan.extend(_potong_bab(teks, n))
    if not satuan:
        return None
    total = sum(len(s.isi) for s in satuan)
    sasaran = min(BATAS_POTONGAN, total / max(1, jumlah))
    kelompok: list[list[_Satuan]] = [[]]
    ukuran = 0
    for s in satuan:
        if kelompok[-1] and ukuran + len(s.isi) / 2 > sasaran:
            kelompok.append([])
            ukuran = 0
        kelompok[-1].append(s)
        ukuran += len(s.isi)
    isi = [_dokumen_isi(kepala, tubuh, k) for k in kelompok]
    return _Rencana(kepala=kepala, tubuh=tubuh, depan=depan, isi=isi)


def _dokumen_isi(kepala: str, tubuh: str, satuan: list[_Satuan]) -> str:
    """One body piece: consecutive runs, each inside its section's own tag."""
    bagian = []
    for i, s in enumerate(satuan):
        if i == 0 or s.bagian != satuan[i - 1].bagian:
            bagian.append(s.buka)
        if i == 0 and not s.awal and s.judul:
            # on the run's first element: an element of its own before it would take room on the
            # page, and a figure as tall as the page would move on to the next one
            # (a function, not a template: a backslash in a title is text, not a group reference)
            bagian.append(
                re.sub(
                    r"^(\s*<[a-z0-9]+)", lambda m, j=s.judul: f'{m.group(1)} data-bab="{j}"', s.isi, count=1
                )
            )
        else:
            bagian.append(s.isi)
        if i == len(satuan) - 1 or s.bagian != satuan[i + 1].bagian:
            bagian.append("</section>" if s.buka else "")
    return kepala.replace("</head>", _CSS_ISI + "</head>", 1) + tubuh + "".join(bagian) + "</body></html>"


def _potong_bab(teks: str, n: int) -> list[_Satuan]:
    """A chapter cut where a landscape block follows portrait ones (a forced page break in the whole
    document too)."""
    buka = re.match(r"\s*(<section[^>]*>)", teks)
    if buka is None or not teks.rstrip().endswith("</section>"):
        return [_Satuan(buka="", isi=teks, bagian=n, awal=True, judul="")]
    dalam = teks[buka.end() : teks.rstrip().rindex("</section>")]
    judul = re.search(r"<h1[^>]*>(.*?)</h1>", dalam, re.DOTALL)
    bagian = _TANDA_BLOK.split(dalam)
    # WeasyPrint breaks the page before a landscape block that follows portrait content, but not
    # after it: portrait blocks after a landscape table go on in its page. Cut only there.
    kelompok: list[list[str]] = [["", bagian[0]]]
    for jenis, isi in zip(bagian[1::2], bagian[2::2], strict=True):
        if jenis == "lanskap" and kelompok[-1][0] == "tegak":
            kelompok.append([jenis, isi])
        else:
            kelompok[-1][0] = jenis
            kelompok[-1][1] += isi
    return [
        _Satuan(buka=buka.group(1), isi=isi, bagian=n, awal=i == 0, judul=judul.group(1) if judul else "")
        for i, (_, isi) in enumerate(kelompok)
    ]


class _Anak:
    """A render child process (``python -m lkjip.laporan.render_anak``): a fresh interpreter that
    imports WeasyPrint only, never Django or a database connection, so it is safe to start from a
    web thread or a task worker alike, and it gives its memory back when it ends."""

    def __init__(self) -> None:
        self.proses = subprocess.Popen(
            [sys.executable, "-m", "lkjip.laporan.render_anak"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=settings.BASE_DIR,
        )

    def tata_letak(self, *tugas: Any) -> dict[str, Any]:
        pickle.dump(tugas, self.proses.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.proses.stdin.flush()
        try:
            status, hasil = pickle.load(self.proses.stdout)  # noqa: S301 - our own child answering
        except EOFError:
            raise RuntimeError(f"Proses tata letak PDF berhenti (kode {self.proses.wait()}).") from None
        if status != "ok":
            raise RuntimeError(f"Tata letak PDF gagal di proses anak:\n{hasil}")
        for tingkat, pesan in hasil.pop("catatan"):
            logging.getLogger("weasyprint").log(tingkat, "%s", pesan)
        return hasil

    def tutup(self) -> None:
        try:
            self.proses.stdin.close()
            self.proses.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proses.kill()
            self.proses.wait()


def _jalankan(
    dokumen: list[str], anak: list[_Anak], luar: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Lay out each HTML document, the longest first, on whichever child is free (or here, one
    after the other, without children)."""
    argumen = (_base_url(), [str(f) for f in _folder_aman()], luar)
    if not anak:
        from lkjip.laporan.render_anak import tata_letak  # imports WeasyPrint: only when laying out here

        return [tata_letak(h, *argumen) for h in dokumen]
    bebas: queue.Queue[_Anak] = queue.Queue()
    for a in anak:
        bebas.put(a)

    def satu(html: str) -> dict[str, Any]:
        a = bebas.get()
        try:
            return a.tata_letak(html, *argumen)
        finally:
            bebas.put(a)

    urutan = sorted(range(len(dokumen)), key=lambda i: -len(dokumen[i]))
    with ThreadPoolExecutor(max_workers=len(anak)) as kolam:
        tugas = {i: kolam.submit(satu, dokumen[i]) for i in urutan}
        return [tugas[i].result() for i in range(len(dokumen))]


def _tumpuk(penulis: Any, halaman: Any, atas: Any, nama: str) -> None:
    """Draw page ``atas`` over ``halaman`` as the form XObject ``nama``: unlike pypdf's merge_page,
    the page's own (long) content stream is neither parsed nor rewritten. The name is one per page:
    WeasyPrint's pages of one piece share one resource dictionary."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    bentuk = DecodedStreamObject()
    bentuk.set_data(atas.get_contents().get_data())
    bentuk.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): atas.mediabox,
            NameObject("/Resources"): penulis._add_object(atas["/Resources"].get_object().clone(penulis)),
        }
    )
    sumber = halaman["/Resources"].get_object()
    if "/XObject" not in sumber:
        sumber[NameObject("/XObject")] = DictionaryObject()
    sumber["/XObject"].get_object()[NameObject(nama)] = penulis._add_object(bentuk)
    isi = halaman["/Contents"].get_object()
    isi = list(isi) if isinstance(isi, ArrayObject) else [halaman.raw_get("/Contents")]
    buka, tutup = DecodedStreamObject(), DecodedStreamObject()
    buka.set_data(b"q\n")
    tutup.set_data(f"\nQ q {nama} Do Q\n".encode())
    halaman[NameObject("/Contents")] = ArrayObject(
        [penulis._add_object(buka), *isi, penulis._add_object(tutup)]
    )


def _gabung(potongan: list[dict[str, Any]], kaki: dict[str, Any]) -> HasilPdf:
    """Join the pieces' PDFs in order and lay the footer document's pages over the body; put back the
    links of the table of contents to anchors in other pieces (WeasyPrint drops a link whose
    anchor is not in its own document) and one outline built from every piece's bookmarks."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        Fit,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    penulis = PdfWriter()
    info = []
    sendiri: list[set[str]] = []  # per page, the anchors of its own piece
    for p in potongan:
        pembaca = PdfReader(io.BytesIO(p["pdf"]))
        if not info:
            penulis.add_metadata({k: v for k, v in (pembaca.metadata or {}).items()})
        penulis.append(pembaca, import_outline=False)
        info.extend(p["halaman"])
        jangkar = {nama for h in p["halaman"] for nama in h["jangkar"]}
        sendiri.extend(jangkar for _ in p["halaman"])
    halaman_kaki = PdfReader(io.BytesIO(kaki["pdf"])).pages
    depan = len(potongan[0]["halaman"])  # the front matter prints its own numbers
    for n, (halaman, atas) in enumerate(zip(penulis.pages[depan:], halaman_kaki, strict=True)):
        _tumpuk(penulis, halaman, atas, f"/KakiHalaman{n + 1}")

    letak: dict[str, tuple[int, float, float]] = {}
    for n, h in enumerate(info):
        for nama, (x, y, *_) in h["jangkar"].items():
            letak.setdefault(nama, (n, x, y))
    hasil = HasilPdf(pdf=b"", halaman=len(info))
    for n, h in enumerate(info):
        tinggi = h["tinggi"] * 0.75
        for sasaran, (x1, y1, x2, y2) in h["tautan"]:
            if sasaran in letak and sasaran not in sendiri[n]:
                tautan = DictionaryObject(
                    {
                        NameObject("/Type"): NameObject("/Annot"),
                        NameObject("/Subtype"): NameObject("/Link"),
                        NameObject("/Rect"): ArrayObject(
                            [
                                FloatObject(x1 * 0.75),
                                FloatObject(tinggi - y1 * 0.75),
                                FloatObject(x2 * 0.75),
                                FloatObject(tinggi - y2 * 0.75),
                            ]
                        ),
                        NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(0)}),
                        NameObject("/Dest"): TextStringObject(sasaran),
                    }
                )
                penulis.add_annotation(n, tautan)
        if "ttd-penutup" in h["jangkar"] and hasil.halaman_ttd < 0:
            _letak_ttd(hasil, n, h["jangkar"]["ttd-penutup"], h["tinggi"])

    induk: dict[int, Any] = {}
    for n, h in enumerate(info):
        for tingkat, label, (x, y), keadaan in h["penanda"]:
            atas = next((induk[t] for t in sorted(induk, reverse=True) if t < tingkat), None)
            butir = penulis.add_outline_item(
                title=label,
                page_number=n,
                parent=atas,
                fit=Fit.xyz(x * 0.75, h["tinggi"] * 0.75 - y * 0.75, 0),
                is_open=keadaan == "open",
            )
            induk = {t: b for t, b in induk.items() if t < tingkat}
            induk[tingkat] = butir
    buf = io.BytesIO()
    penulis.write(buf)
    hasil.pdf = buf.getvalue()
    return hasil
