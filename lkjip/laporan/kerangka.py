"""A report outline per pemda (issue 10): the title, chapter and section titles, the order of the
sections, which optional sections are printed, applied to the assembled LKjIP.

The chapter builders (``rakit/``) lay out the report with today's titles and numbers and give
every section a stable ``kunci``. :func:`terapkan_kerangka` runs once after assembly and is the
only place that reads the pemda's outline: it renames, reorders and hides sections, numbers the
sections again, then numbers the tables and figures again in reading order, so the daftar tabel,
the daftar gambar, the anchors and the cross references the product writes ("Tabel 3.6") follow
the printed order. With the default outline (:data:`KERANGKA_BAKU`) the report is what the
builders made: a pemda that never opens the screen sees no change.

Titles may hold ``{tahun}`` (the report's year), e.g. "Capaian Kinerja Tahun {tahun}".
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

JUDUL_BAKU = "Laporan Kinerja Instansi Pemerintah (LKjIP) Perangkat Daerah"
PENANDA = ("{tahun}",)


@dataclass(frozen=True)
class BagianBaku:
    """A section as the builders make it: its key, default title (no number) and whether a pemda
    may leave it out of its report."""

    kunci: str
    judul: str
    opsional: bool = False
    # Sample table titles, for the preview of the outline screen (the real ones depend on the data).
    contoh_tabel: tuple[str, ...] = ()
    # Optional parts inside the section (a block the builder keys), as (key, title, sample table).
    bagian_pilihan: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class BabBaku:
    kunci: str
    nomor: str  # the prefix of its section numbers ("1" → 1.1, 1.2 …); "" for the ikhtisar
    judul: str
    bagian: tuple[BagianBaku, ...]


# The outline the builders make today, in order. Sections a PermenPAN-RB 53/2014 report must
# hold (the measurement, the comparisons, efficiency, budget, the conclusion) cannot be hidden.
KATALOG: tuple[BabBaku, ...] = (
    BabBaku(
        "ikhtisar",
        "",
        "IKHTISAR EKSEKUTIF",
        (BagianBaku("ikhtisar.isi", "", contoh_tabel=("Capaian Indikator Kinerja Utama",)),),
    ),
    BabBaku(
        "bab1",
        "1",
        "BAB I PENDAHULUAN",
        (
            BagianBaku("bab1.latar_belakang", "Latar Belakang"),
            BagianBaku("bab1.dasar_hukum", "Dasar Hukum", opsional=True),
            BagianBaku("bab1.tupoksi", "Tugas Pokok, Fungsi dan Struktur Organisasi"),
            BagianBaku(
                "bab1.sumber_daya",
                "Sumber Daya",
                opsional=True,
                contoh_tabel=("Jabatan Struktural menurut Eselon",),
            ),
            BagianBaku("bab1.permasalahan", "Permasalahan Utama dan Isu Strategis", opsional=True),
        ),
    ),
    BabBaku(
        "bab2",
        "2",
        "BAB II PERENCANAAN KINERJA",
        (
            BagianBaku("bab2.visi_misi", "Visi dan Misi Kepala Daerah", opsional=True),
            BagianBaku(
                "bab2.renstra",
                "Rencana Strategis",
                contoh_tabel=("Tujuan dan Sasaran Renstra",),
                bagian_pilihan=(
                    ("bab2.renstra.strategi", "Strategi dan arah kebijakan", "Strategi dan Arah Kebijakan"),
                ),
            ),
            BagianBaku(
                "bab2.pk",
                "Perjanjian Kinerja",
                contoh_tabel=("Perjanjian Kinerja Tahun {tahun}",),
            ),
        ),
    ),
    BabBaku(
        "bab3",
        "3",
        "BAB III AKUNTABILITAS KINERJA",
        (
            BagianBaku("bab3.metode", "Metode Pengukuran", contoh_tabel=("Skala Nilai Peringkat Kinerja",)),
            BagianBaku(
                "bab3.capaian",
                "Capaian Kinerja Tahun {tahun}",
                contoh_tabel=("Perbandingan Target dan Realisasi Kinerja Tahun {tahun}",),
            ),
            BagianBaku(
                "bab3.tahun_lalu",
                "Perbandingan dengan Tahun Sebelumnya",
                contoh_tabel=("Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya",),
            ),
            BagianBaku(
                "bab3.jangka_menengah",
                "Perbandingan dengan Target Jangka Menengah",
                contoh_tabel=("Perbandingan dengan Target Akhir Renstra",),
            ),
            BagianBaku(
                "bab3.standar",
                "Perbandingan dengan Standar Nasional dan Instansi Sejenis",
                contoh_tabel=("Perbandingan dengan Standar Nasional dan Instansi Sejenis",),
            ),
            BagianBaku(
                "bab3.efisiensi",
                "Analisis Efisiensi Penggunaan Sumber Daya",
                contoh_tabel=("Efisiensi Penggunaan Sumber Daya",),
            ),
            BagianBaku(
                "bab3.program",
                "Analisis Program dan Kegiatan Pendukung",
                opsional=True,
                contoh_tabel=("Capaian Kinerja Program dan Kegiatan",),
            ),
            BagianBaku(
                "bab3.anggaran", "Realisasi Anggaran", contoh_tabel=("Realisasi Anggaran Tahun {tahun}",)
            ),
        ),
    ),
    BabBaku(
        "bab4",
        "4",
        "BAB IV PENUTUP",
        (
            BagianBaku("bab4.kesimpulan", "Kesimpulan"),
            BagianBaku("bab4.saran", "Saran dan Perbaikan ke Depan"),
        ),
    ),
)

BAB = {b.kunci: b for b in KATALOG}
BAGIAN = {g.kunci: g for b in KATALOG for g in b.bagian}
# Optional parts inside a section: key → its title.
BAGIAN_PILIHAN = {k: judul for g in BAGIAN.values() for k, judul, _contoh in g.bagian_pilihan}
# The texts the operator writes (TeksLaporan.kunci) and the section each is printed in.
TEKS_KE_BAGIAN = {
    "latar_belakang": "bab1.latar_belakang",
    "dasar_hukum": "bab1.dasar_hukum",
    "tupoksi": "bab1.tupoksi",
    "sumber_daya": "bab1.sumber_daya",
    "permasalahan": "bab1.permasalahan",
    "kesimpulan": "bab4.kesimpulan",
    "saran": "bab4.saran",
}


@dataclass(frozen=True)
class Kerangka:
    """A pemda's outline: only what differs from :data:`KATALOG` (empty = the default)."""

    judul: str = ""
    judul_bab: Mapping[str, str] = field(default_factory=dict)
    judul_bagian: Mapping[str, str] = field(default_factory=dict)
    urutan_bagian: Mapping[str, list[str]] = field(default_factory=dict)
    disembunyikan: frozenset[str] = frozenset()

    def judul_laporan(self, *, tahun: int, triwulan: int | None = None) -> str:
        """The cover title, in capitals, with the period: "LAPORAN KINERJA TAHUN 2021"."""
        periode = f"TRIWULAN {ROMAWI[triwulan]} " if triwulan else ""
        return f"{(self.judul.strip() or JUDUL_BAKU).upper()} {periode}TAHUN {tahun}"

    def urutan(self, bab: BabBaku) -> list[BagianBaku]:
        """The chapter's sections in this outline's order (hidden ones included)."""
        urut = self.urutan_bagian.get(bab.kunci) or []
        posisi = {k: n for n, k in enumerate(urut)}
        return sorted(bab.bagian, key=lambda g: (posisi.get(g.kunci, len(posisi)), bab.bagian.index(g)))


KERANGKA_BAKU = Kerangka()


def periksa_kerangka(k: Kerangka) -> dict[str, list[str]]:
    """Problems of an outline in Indonesian, keyed by what they concern ("judul", a chapter or
    section key, or "" for the whole); an empty dict means valid."""
    masalah: dict[str, list[str]] = defaultdict(list)

    def judul_sah(kunci: str, teks: str) -> None:
        if not teks.strip():
            masalah[kunci].append("Judul tidak boleh kosong; kosongkan isian untuk memakai judul baku.")
        for penanda in re.findall(r"\{[^}]*\}", teks):
            if penanda not in PENANDA:
                masalah[kunci].append(
                    f"Penanda {penanda} tidak dikenal; yang bisa dipakai hanya {{tahun}} (tahun laporan)."
                )
        if len(teks) > 200:
            masalah[kunci].append("Judul paling panjang 200 karakter.")

    if k.judul:
        judul_sah("judul", k.judul)
        if re.search(r"\btahun\s+\d{4}\b|\{tahun\}", k.judul, re.IGNORECASE):
            masalah["judul"].append(
                "Tulis judul tanpa tahun: “TAHUN 2021” (atau “TRIWULAN I TAHUN 2021”) ditambahkan otomatis."
            )
    for kunci, teks in k.judul_bab.items():
        if kunci not in BAB:
            masalah[""].append(f"Bab “{kunci}” tidak dikenal.")
        else:
            judul_sah(kunci, teks)
    for kunci, teks in k.judul_bagian.items():
        if kunci not in BAGIAN or not BAGIAN[kunci].judul:
            masalah[""].append(f"Bagian “{kunci}” tidak dikenal atau tidak berjudul.")
        else:
            judul_sah(kunci, teks)
    for kunci in k.disembunyikan:
        if kunci in BAGIAN_PILIHAN:
            continue
        if kunci not in BAGIAN:
            masalah[""].append(f"Bagian “{kunci}” tidak dikenal.")
        elif not BAGIAN[kunci].opsional:
            masalah[kunci].append(
                f"Bagian “{BAGIAN[kunci].judul}” wajib ada dalam LKjIP dan tidak bisa disembunyikan."
            )
    for kunci, urut in k.urutan_bagian.items():
        if kunci not in BAB:
            masalah[""].append(f"Bab “{kunci}” tidak dikenal.")
        elif sorted(urut) != sorted(g.kunci for g in BAB[kunci].bagian):
            masalah[kunci].append("Urutan bagian harus memuat setiap bagian bab ini tepat satu kali.")
    return dict(masalah)


# ---------------------------------------------------------------------------------------------
# Applying the outline to the assembled report

_NOMOR_BAGIAN = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
# "Tabel 3.6", "Gambar 1.1", "Tabel L.2", "Tabel 1" and the anchors "#tabel-3-6".
_RUJUKAN = re.compile(r"\b(Tabel|Gambar)((?:\s|&nbsp;)+)((?:L|\d+)(?:\.\d+)?)\b")
_JANGKAR = re.compile(r"#(tabel|gambar)-((?:L|\d+)(?:-\d+)?)\b")


def terapkan_kerangka(dokumen: dict[str, Any], kerangka: Kerangka | None = None) -> dict[str, Any]:
    """Apply the outline to what ``Perakit.rakit()`` returned (in place; the same dict returned)."""
    k = kerangka or KERANGKA_BAKU
    sebelum = _isi_teks(dokumen) if k.disembunyikan and dokumen.get("kurang") else None
    meta = dokumen.get("meta") or {}
    tahun = meta.get("tahun")
    if k.judul.strip() and tahun:
        meta["judul"] = k.judul_laporan(tahun=tahun, triwulan=meta.get("triwulan"))
    for bab in dokumen.get("bab", []):
        baku = BAB.get(bab.get("kunci", ""))
        if bab.get("kunci") in k.judul_bab:
            bab["judul"] = k.judul_bab[bab["kunci"]]
        bab["bagian"] = _susun_bagian(bab.get("bagian", []), baku, k, tahun)
    _nomori_ulang(dokumen)
    if sebelum is not None:
        # A missing piece marked only in a part this pemda does not print is not missing from its
        # report (the check and signing read this list); one the builder records without a mark stays.
        sesudah = _isi_teks(dokumen)
        dokumen["kurang"] = [
            x for x in dokumen["kurang"] if not (_ada_tanda(x, sebelum) and not _ada_tanda(x, sesudah))
        ]
    return dokumen


def _isi_teks(dokumen: dict[str, Any]) -> str:
    return json.dumps([dokumen.get("bab"), dokumen.get("lampiran"), dokumen.get("kata_pengantar")])


def _ada_tanda(kurang: dict[str, str], isi: str) -> bool:
    """Whether the draft mark "[belum diisi: …]" of a missing piece is printed (raw or HTML-escaped)."""
    tanda = f"[belum diisi: {kurang.get('apa', '')}]"
    return any(json.dumps(t)[1:-1] in isi for t in {tanda, str(escape(tanda))})


def _susun_bagian(
    bagian: list[dict[str, Any]], baku: BabBaku | None, k: Kerangka, tahun: int | None
) -> list[dict[str, Any]]:
    # Order: the slots held by sections the outline orders are refilled in its order; a section
    # the outline does not know (no key, or a new one) keeps its place.
    urut = [g.kunci for g in k.urutan(baku)] if baku and baku.kunci in k.urutan_bagian else []
    posisi = {kunci: n for n, kunci in enumerate(urut)}
    slot = [n for n, g in enumerate(bagian) if g.get("kunci") in posisi]
    diurutkan = sorted((bagian[n] for n in slot), key=lambda g: posisi[g["kunci"]])
    hasil = list(bagian)
    for n, g in zip(slot, diurutkan, strict=True):
        hasil[n] = g
    hasil = [g for g in hasil if g.get("kunci") not in k.disembunyikan]
    for g in hasil:
        if any(b.get("kunci") in k.disembunyikan for b in g.get("blok", [])):
            g["blok"] = [b for b in g["blok"] if b.get("kunci") not in k.disembunyikan]
    nomor = 0
    for g in hasil:
        if not g.get("judul"):
            continue
        judul = k.judul_bagian.get(g.get("kunci", ""))
        if judul is not None:
            judul = judul.replace("{tahun}", str(tahun) if tahun else "")
        elif baku and baku.nomor:
            judul = _NOMOR_BAGIAN.sub("", g["judul"])
        else:
            continue  # a chapter the outline does not number: the builder's title stands
        if baku and baku.nomor:
            nomor += 1
            judul = f"{baku.nomor}.{nomor} {judul}"
        g["judul"] = judul
    return hasil


def _blok_bernomor(obj: Any, jenis: str) -> Iterator[dict[str, Any]]:
    """Every block of this kind in reading order, however deeply the chapters nest them."""
    if isinstance(obj, dict):
        if obj.get("jenis") == jenis and "nomor" in obj:
            yield obj
        for v in obj.values():
            if isinstance(v, (dict, list)):
                yield from _blok_bernomor(v, jenis)
    elif isinstance(obj, list):
        for v in obj:
            yield from _blok_bernomor(v, jenis)


def _nomori_ulang(dokumen: dict[str, Any]) -> None:
    badan = [dokumen.get("bab", []), dokumen.get("lampiran", [])]
    peta: dict[tuple[str, str], str] = {}
    for jenis, kata, daftar in (("tabel", "Tabel", "daftar_tabel"), ("gambar", "Gambar", "daftar_gambar")):
        hitung: dict[str, int] = defaultdict(int)
        lama_daftar = {d.get("nomor"): d for d in dokumen.get(daftar, [])}
        baru_daftar = []
        for blok in _blok_bernomor(badan, jenis):
            lama = str(blok["nomor"])
            awalan = lama.rsplit(".", 1)[0] if "." in lama else ""
            hitung[awalan] += 1
            baru = f"{awalan}.{hitung[awalan]}" if awalan else str(hitung[awalan])
            peta[(kata, lama)] = baru
            blok["nomor"] = baru
            blok["jangkar"] = f"{jenis}-{baru.replace('.', '-')}"
            entri = dict(lama_daftar.get(lama) or {})
            entri.update(nomor=baru, judul=blok.get("judul", entri.get("judul", "")), jangkar=blok["jangkar"])
            baru_daftar.append(entri)
        if daftar in dokumen:
            dokumen[daftar] = baru_daftar
    if any(lama != baru for (_k, lama), baru in peta.items()):
        _ganti_rujukan(badan, peta)


def _ganti_rujukan(obj: Any, peta: dict[tuple[str, str], str]) -> Any:
    """Cross references the product wrote follow the new numbers (one pass, so 3.6 → 3.7 and
    3.7 → 3.6 do not chain). The operator's own texts are left alone: they were written against
    the numbers the preview showed, which are already the outline's."""

    def rujukan(m: re.Match[str]) -> str:
        baru = peta.get((m.group(1), m.group(3)))
        return f"{m.group(1)}{m.group(2)}{baru}" if baru else m.group(0)

    def jangkar(m: re.Match[str]) -> str:
        kata = "Tabel" if m.group(1) == "tabel" else "Gambar"
        baru = peta.get((kata, m.group(2).replace("-", ".")))
        return f"#{m.group(1)}-{baru.replace('.', '-')}" if baru else m.group(0)

    if isinstance(obj, list):
        for n, v in enumerate(obj):
            obj[n] = _ganti_rujukan(v, peta)
    elif isinstance(obj, dict):
        if obj.get("jenis") == "teks" and obj.get("kunci"):
            return obj  # the operator's text (or its draft): see the docstring
        for kunci, v in obj.items():
            if kunci in ("nomor", "jangkar", "svg"):
                continue
            obj[kunci] = _ganti_rujukan(v, peta)
    elif isinstance(obj, str) and (
        "Tabel" in obj or "Gambar" in obj or "#tabel-" in obj or "#gambar-" in obj
    ):
        return _JANGKAR.sub(jangkar, _RUJUKAN.sub(rujukan, obj))
    return obj


# ---------------------------------------------------------------------------------------------
# The preview of the outline screen: the default outline with sample tables, outlined.


def contoh_dokumen(*, tahun: int) -> dict[str, Any]:
    """A skeleton report shaped like the builders' output (keys, numbered titles, tables)."""
    bab = []
    for b in KATALOG:
        hitung = 0
        bagian = []
        for n, g in enumerate(b.bagian, start=1):
            blok = []
            contoh = [(judul, "") for judul in g.contoh_tabel]
            contoh += [(judul, kunci) for kunci, _j, judul in g.bagian_pilihan]
            for judul, kunci in contoh:
                hitung += 1
                nomor = f"{b.nomor}.{hitung}" if b.nomor else str(hitung)
                blok.append(
                    {"jenis": "tabel", "nomor": nomor, "judul": judul.replace("{tahun}", str(tahun))}
                    | ({"kunci": kunci} if kunci else {})
                )
            judul = g.judul.replace("{tahun}", str(tahun))
            bagian.append(
                {"kunci": g.kunci, "judul": f"{b.nomor}.{n} {judul}" if judul else "", "blok": blok}
            )
        bab.append({"kunci": b.kunci, "judul": b.judul, "bagian": bagian})
    return {
        "meta": {"judul": KERANGKA_BAKU.judul_laporan(tahun=tahun), "tahun": tahun, "triwulan": None},
        "bab": bab,
        "lampiran": [],
        "daftar_tabel": [],
        "daftar_gambar": [],
    }


def judul_bagian_bernomor(k: Kerangka, kunci_bagian: str, *, tahun: int | None = None) -> str | None:
    """A section's heading as this outline prints it ("1.1 Latar Belakang"), or None when the outline
    leaves the section out: the text editor and the check name a text by the heading the reader sees."""
    for bab in KATALOG:
        if kunci_bagian not in {g.kunci for g in bab.bagian}:
            continue
        nomor = 0
        for g in k.urutan(bab):
            if g.kunci in k.disembunyikan:
                if g.kunci == kunci_bagian:
                    return None
                continue
            judul = (k.judul_bagian.get(g.kunci) or g.judul).replace("{tahun}", str(tahun) if tahun else "")
            if not judul:
                continue
            nomor += 1
            if g.kunci == kunci_bagian:
                return f"{bab.nomor}.{nomor} {judul}" if bab.nomor else judul
    return None


def kerangka_pemda(pemda: Any) -> Kerangka:
    """The outline a pemda set on its screen, or the default one."""
    from lkjip.laporan.models import KerangkaLaporan

    simpanan = KerangkaLaporan.objects.filter(pemda=pemda).first()
    return simpanan.kerangka() if simpanan else KERANGKA_BAKU
