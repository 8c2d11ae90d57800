"""Does the narrative agree with the figures? (issue 10 item 5; DOMAIN §9)

An LKjIP's texts are the OPD's own words, and seed 000 shows how they drift from its own
tables: the archive score is called "predikat Cukup" where the scale rates its capaian
"Tinggi", the SIRUP analysis says "Seluruh paket … telah dilakukan entry" beside a realisasi
of 99,72 %, and the conclusion prints a mean capaian of "86,77% (Tinggi)" where the ten
indicators average 96,58 % (Sangat Tinggi). This module finds such statements and compares
them with the computed figures; it never rewrites a text (the caller warns, a kepala may
still sign).

How a text is read. The rules are deliberately narrow: a check that cries wolf is ignored.

- A text is cut into blocks (paragraph, list item, table cell, line) and sentences (``.``,
  ``!``, ``?`` before a capital or digit, and ``;``).
- **Subject** — whom a statement is about. An indicator's analysis is about its indicator.
  Where a sentence names an indicator it speaks about that one from the name on (a name
  inside the sentence never counts as a keyword: "Predikat Tata Kelola Arsip" holds no
  category claim). In a chapter text a sentence with "rata-rata", "secara umum",
  "secara keseluruhan" or "sasaran strategis" speaks about the OPD's mean capaian; one that
  counts indicators ("sembilan indikator …") about no single subject; any other sentence
  continues the subject of the sentence before it in the same block. A named sasaran is no
  checkable subject either.
- **Figures.** A number belongs to the nearest keyword before it — *capaian* or
  *realisasi* — when no other number stands between them (years and dates do not count).
  *target*, *anggaran/pagu/Rp/dana* and *naik/turun/selisih* words take the next number
  away unchecked, so "realisasi anggaran 84,45 %" and "penurunan capaian 13,95 poin persen"
  are not read as capaian; nor is a bound ("< 100 %", "lebih dari 90 %"). A realisasi is compared only in the indicator's unit (with "%"
  or "persen" for a percentage indicator; without a unit or with the satuan's word
  otherwise), and not when it is a count out of a total ("55 dari 59"): "realisasinya
  1.043 orang" on a percentage indicator is a component, not its realisasi.
- **Another year.** After "tahun 2020", "tahun lalu", a bare other year (not "Nomor 53 Tahun
  2014", not a period "2016–2021") the rest of the sentence is about that year: unchecked.
- **Category.** A label of a capaian scale after *kategori, berkategori, predikat, kriteria,
  tergolong, termasuk* (with filler words such as "dalam kategori peringkat kinerja dengan
  kriteria"), or in brackets right after a capaian ("86,77% (Tinggi)"). When the same
  sentence also gives the computed category for the same subject, another label in it is
  read as another assessment's grade (the ikhtisar's "berkategori Tinggi dengan nilai 58,78
  (predikat Cukup)") and not flagged.
- **Everything.** "semua/seluruh …" (not after *belum, tidak, hampir, kepada, bagi, untuk,
  dari, di …*) in a sentence that says it was done (*telah, sudah, tercapai …*) and gives no
  percentage, or an unclaimed "100 %", states that realisasi is 100 % (or, for an
  indicator not in percent, that the target is fully met).
- **Tolerance.** A written figure is right when the computed value rounded half-up to as
  many decimals as written equals it: "96,6 %" and "97 %" agree with 96,579 %. "100 %"
  written without decimals claims everything and is compared at the product's 2 decimals,
  so it does not agree with 99,72 %.
- **Numbers** are read the Indonesian way ("1.043" is a thousand and forty-three, "95,43" a
  decimal), and "93.45" (dot with 1–2 digits) as the English decimal seed 000 also prints.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pelaporan.domain.angka import bulatkan, format_persen, format_ringkas
from pelaporan.domain.skala import SKALA_EMPAT_PITA, SKALA_PERMENDAGRI_86_2017, Skala

__all__ = [
    "RATA_RATA",
    "AngkaSubjek",
    "Jenis",
    "Pernyataan",
    "Selisih",
    "baca_angka",
    "bandingkan_narasi",
    "cari_pernyataan",
    "pola_subjek",
    "cocok",
    "label_kategori",
    "uraian_selisih",
]

# The subject key of the OPD's mean capaian (indicators are keyed by the caller, e.g. their pk).
RATA_RATA = "rata-rata"

_SERATUS = Decimal(100)


class Jenis(StrEnum):
    """What a statement claims."""

    CAPAIAN = "capaian"
    REALISASI = "realisasi"
    KATEGORI = "kategori"
    SEMUA = "semua"  # "seluruh paket … telah …": everything, i.e. 100 %


@dataclass(frozen=True, slots=True)
class AngkaSubjek:
    """What the data says about one subject: an indicator, or the OPD's mean (``RATA_RATA``)."""

    capaian: Decimal | None
    capaian_dibatasi: Decimal | None = None
    realisasi: Decimal | None = None
    satuan: str = ""
    kategori: str | None = None

    @property
    def satuan_persen(self) -> bool:
        return satuan_persen(self.satuan)


@dataclass(frozen=True, slots=True)
class Pernyataan:
    """A figure, category or "everything" a text states about a subject, as written."""

    jenis: Jenis
    subjek: Hashable
    kutipan: str
    kalimat: int  # which sentence of the text (the same-sentence category rule)
    nilai: Decimal | None = None
    tempat: int = 0
    persen: bool = False
    satuan: str = ""  # the word after a number ("orang", "kk"), lower case
    label: str = ""  # a category claim's label as the scale spells it
    dari: bool = False  # "55 dari 59": a count out of a total


@dataclass(frozen=True, slots=True)
class Selisih:
    """A statement that differs from the data."""

    pernyataan: Pernyataan
    data: AngkaSubjek
    label_di_skala: bool = True  # False: the text's category is not a label of the pemda's scale


# ---------------------------------------------------------------------------------- numbers


def baca_angka(teks: str, *, persen: bool = False) -> tuple[Decimal, int]:
    """``"1.043"`` → 1043, ``"95,43"`` → (95.43, 2 decimals), ``"93.45"`` → (93.45, 2).

    A comma is the decimal separator and dots group thousands; without a comma a dot
    followed by exactly three digits groups thousands, any other dot is a decimal point
    (seed 000 prints "93.45%" beside "74,76"). A percentage cannot run into thousands, so
    "99.720 %" is read as a decimal.
    """
    if "," in teks:
        bulat, pecahan = teks.split(",", 1)
        return Decimal(f"{bulat.replace('.', '')}.{pecahan}"), len(pecahan)
    bagian = teks.split(".")
    if len(bagian) > 1 and all(len(b) == 3 for b in bagian[1:]) and not (persen and len(bagian) == 2):
        return Decimal(teks.replace(".", "")), 0
    if len(bagian) > 2:
        raise ValueError(f"“{teks}” bukan angka.")
    return Decimal(teks), len(bagian[1]) if len(bagian) == 2 else 0


def cocok(*, tertulis: Decimal, tempat: int, dihitung: Decimal) -> bool:
    """Is the written figure the computed one, as far as it was written? (module docstring)"""
    if tertulis == _SERATUS and tempat == 0:
        return bulatkan(dihitung, tempat=2) == _SERATUS
    return bulatkan(dihitung, tempat=tempat) == tertulis


def label_kategori(*, skala: Skala) -> tuple[str, ...]:
    """The category words read in texts: the pemda's scale and the preset capaian scales.

    A label of another capaian scale ("Cukup", "Baik") is still a category claim, and one the
    pemda's scale cannot confirm. The SAKIP grades (AA … D) are left out unless they are the
    pemda's own scale: they grade a score such as "nilai 74,76 (predikat BB)", a realisasi,
    not a capaian, and single letters are too common to read as claims.
    """
    hasil: list[str] = []
    for s in (skala, SKALA_PERMENDAGRI_86_2017, SKALA_EMPAT_PITA):
        for p in s.pita:
            if p.label.lower() not in (x.lower() for x in hasil):
                hasil.append(p.label)
    return tuple(hasil)


# ---------------------------------------------------------------------------------- reading

_BULAN = r"januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember"
_ANGKA = re.compile(r"(?<![\w.,/])\d+(?:[.,]\d+)*(?![\w/]|[.,]\d)")
_SESUDAH_PERSEN = re.compile(r"\s*(?:%|persen\b|per\s*seratus\b)", re.IGNORECASE)
# the word after a number, past a spelled-out copy in brackets: "10 (sepuluh) indikator"
_SESUDAH_KATA = re.compile(r"\s*(?:\([^()]*\)\s*)?([^\W\d_]+)")
_SESUDAH_DARI = re.compile(r"\s*(?:[^\W\d_]+\s+)?dari\s+(?:total\s+|jumlah\s+)?\d", re.IGNORECASE)
_SESUDAH_BULAN = re.compile(rf"\s+(?:{_BULAN})\b", re.IGNORECASE)
_SEBELUM_RP = re.compile(r"(?:\brp\.?|rupiah)\s*$", re.IGNORECASE)
# "< 100 %", "lebih dari 90 %", "hampir 100 %": a bound, not the figure
_SEBELUM_BATAS = re.compile(
    r"(?:[<>≤≥]|\b(?:kurang|lebih)\s+dari|\bdi\s+(?:atas|bawah)|\b(?:hampir|mendekati|melebihi|maksimal|"
    r"minimal|paling\s+(?:sedikit|banyak|lambat)))\s*$",
    re.IGNORECASE,
)
_SEBELUM_PERATURAN = re.compile(r"\b(?:nomor|no\.?)\s+[\w./-]+\s+(?:tahun\s+)?$", re.IGNORECASE)
_RENTANG = r"\s*(?:–|—|-|s\.\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*"
_SEBELUM_RENTANG = re.compile(rf"\d{{4}}{_RENTANG}$", re.IGNORECASE)
_SESUDAH_RENTANG = re.compile(rf"{_RENTANG}\d{{4}}", re.IGNORECASE)
# Words that follow a number without being its unit.
_BUKAN_SATUAN = frozenset(
    "atau dari dan dengan yang pada di ke sehingga untuk dalam sedangkan namun tetapi karena sebagai "  # noqa: SIM905
    "per bila jika serta maka adalah yaitu ini itu tersebut".split()
)

_KUNCI = [
    (re.compile(r"\bcapaian(?:nya)?\b", re.IGNORECASE), Jenis.CAPAIAN),
    (re.compile(r"\b(?:realisasi(?:nya)?|terealisasi(?:kan)?|terealisir)\b", re.IGNORECASE), Jenis.REALISASI),
    # These take the next number away, unchecked.
    (re.compile(r"\b(?:target(?:nya)?|ditargetkan|targetkan)\b", re.IGNORECASE), None),
    (
        re.compile(r"\b(?:anggaran|pagu|dana|belanja|serapan|penyerapan|rupiah|rp\b\.?)", re.IGNORECASE),
        None,
    ),
    (
        re.compile(
            r"\b(?:penurunan|kenaikan|peningkatan|selisih|naik|turun|meningkat|menurun|bertambah|berkurang)\b",
            re.IGNORECASE,
        ),
        None,
    ),
]
_RATA = re.compile(r"\brata-rata\b", re.IGNORECASE)
_CIRI_RATA = re.compile(
    r"\brata-rata\b|\bsecara\s+(?:umum|keseluruhan)\b|\bsasaran\s+strategis\b", re.IGNORECASE
)
_INDIKATOR_UMUM = re.compile(r"\bindikator\b(?!\s+(?:ini|tersebut)\b)", re.IGNORECASE)
_TAHUN_LAIN = re.compile(
    r"\btahun[-\s]+(?:lalu|sebelumnya|kemarin|depan|mendatang|berikutnya)\b", re.IGNORECASE
)
_SEMUA = re.compile(r"\b(?:semua(?:nya)?|seluruh(?:nya)?)\b", re.IGNORECASE)
_SEBELUM_SEMUA_BUKAN_KLAIM = re.compile(
    r"\b(?:belum|tidak|tak|hampir|kepada|bagi|untuk|dari|terhadap|oleh|atas|di|ke|pada)\s+$", re.IGNORECASE
)
_SELESAI = re.compile(
    r"\b(?:telah|sudah|terlaksana|tercapai|terpenuhi|selesai|tuntas|terealisasi)\b", re.IGNORECASE
)
_ISYARAT_KATEGORI = (
    r"\b(?:(?:ber)?kategori|predikat|kriteria|tergolong|termasuk)"
    r"(?:\s+(?:dalam|kategori|peringkat|kinerja|penilaian|dengan|kriteria|sebagai|yang|adalah|yaitu|predikat))*"
    r"[\s:“”\"'*]*"
)
_BLOK_HTML = re.compile(r"<\s*(?:/?(?:p|li|ol|ul|tr|td|th|table|h\d|div|blockquote)|br\s*/?)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_ADA_TAG = re.compile(r"<\s*/?[a-zA-Z][^>]*>")  # HTML, not "< 100" in a plain text
_KALIMAT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(\d])|;\s*")


def satuan_persen(satuan: str) -> bool:
    """Whether a unit is a percentage ("%", "persen", "Persen", "prosen", "persentase" …)."""
    s = satuan.strip().lower()
    return s in ("%", "persen", "prosen", "persentase") or s.startswith("persen")


def _blok(teks: str) -> list[str]:
    """The text as blocks of plain words (HTML paragraphs, list items and cells; plain lines)."""
    if _ADA_TAG.search(teks):
        teks = html.unescape(_TAG.sub(" ", _BLOK_HTML.sub("\n", teks)))
    return [" ".join(b.split()) for b in teks.split("\n") if b.strip()]


@dataclass(frozen=True, slots=True)
class _Peristiwa:
    awal: int
    akhir: int
    macam: str  # nama, kunci, angka, kategori, kurung, semua, lain
    nilai: object = None


def _tutup(teks: str, awal: int, akhir: int) -> str:
    return teks[:awal] + " " * (akhir - awal) + teks[akhir:]


# (regex, subject, the name's first word in lower case when it is ASCII, else None)
PolaSubjek = list[tuple[re.Pattern[str], Hashable | None, str | None]]

# The only characters that ``re.IGNORECASE`` matches to an ASCII letter other than its own
# two cases (dotted capital I, dotless i, long s, Kelvin sign): a sentence holding one is read
# without the word filter of _baca_kalimat.
_SERUPA_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def pola_subjek(nama_subjek: Mapping[str, Hashable | None]) -> PolaSubjek:
    """The names of ``nama_subjek`` as compiled regexes with their subjects, longest first.

    A report checks one text per indicator against every indicator's name: build these once
    and pass them to each :func:`cari_pernyataan` (500 names are more than ``re`` caches).
    """
    urut = sorted(
        ((p, k, b) for nama, k in nama_subjek.items() for p, b in _pola_nama_dengan_bentuk(nama)),
        key=lambda x: -len(x[0]),
    )
    return [
        (re.compile(p, re.IGNORECASE), k, kata.lower() if (kata := b.split()[0]).isascii() else None)
        for p, k, b in urut
    ]


def _pola_nama_dengan_bentuk(nama: str) -> list[tuple[str, str]]:
    """A name as regexes, each with the words it was made of: whole, and without a trailing
    bracket when what stays is specific enough."""
    bentuk = [nama]
    inti = nama.split("(")[0].strip()
    if inti != nama.strip() and len(inti.split()) >= 3:
        bentuk.append(inti)
    return [(r"(?<!\w)" + r"\s+".join(map(re.escape, b.split())) + r"(?!\w)", b) for b in bentuk if b.split()]


def cari_pernyataan(
    *,
    teks: str,
    tahun: int,
    nama_subjek: Mapping[str, Hashable | None],
    label: Sequence[str],
    subjek_bawaan: Hashable | None = None,
    pola: PolaSubjek | None = None,
) -> list[Pernyataan]:
    """Every statement of ``teks`` about a known subject (the rules in the module docstring).

    ``nama_subjek`` maps each name to find to its subject key, or to ``None`` for a name that
    is no checkable subject (a sasaran); ``subjek_bawaan`` is the subject of an indicator's
    own analysis (``None`` for a chapter text); ``label`` the category words to read;
    ``pola`` the names already compiled by :func:`pola_subjek` (of the same ``nama_subjek``).
    """
    pola_nama = pola if pola is not None else pola_subjek(nama_subjek)
    label_urut = sorted(label, key=len, reverse=True)
    pola_label = "|".join(r"\s+".join(map(re.escape, x.split())) for x in label_urut)
    isyarat = re.compile(rf"{_ISYARAT_KATEGORI}({pola_label})(?![\w-])", re.IGNORECASE) if label else None
    kurung = (
        re.compile(rf"(?:%|persen)\s*\(\s*[“\"']?\s*({pola_label})\s*[”\"']?\s*\)", re.IGNORECASE)
        if label
        else None
    )
    kanonik = {x.lower(): x for x in label}

    hasil: list[Pernyataan] = []
    nomor = 0
    for blok in _blok(teks):
        subjek_lalu = subjek_bawaan
        for kalimat in (k for k in _KALIMAT.split(blok) if k and k.strip()):
            nomor += 1
            subjek_lalu = _baca_kalimat(
                kalimat,
                nomor=nomor,
                tahun=tahun,
                pola_nama=pola_nama,
                isyarat=isyarat,
                kurung=kurung,
                kanonik=kanonik,
                subjek_bawaan=subjek_bawaan,
                subjek_lalu=subjek_lalu,
                hasil=hasil,
            )
    return hasil


def _baca_kalimat(
    asli: str,
    *,
    nomor: int,
    tahun: int,
    pola_nama: PolaSubjek,
    isyarat: re.Pattern[str] | None,
    kurung: re.Pattern[str] | None,
    kanonik: dict[str, str],
    subjek_bawaan: Hashable | None,
    subjek_lalu: Hashable | None,
    hasil: list[Pernyataan],
) -> Hashable | None:
    """Append the sentence's statements to ``hasil``; return its subject at the end."""
    peristiwa: list[_Peristiwa] = []
    teks = asli
    # A name matches only where its first word stands, in any case: the sentence in lower case
    # rules most of a report's 500 names out before their regex runs (exact for ASCII words
    # when no character of _SERUPA_ASCII is in the sentence; otherwise every regex runs).
    rendah = None if _SERUPA_ASCII.search(asli) else asli.lower()
    for pola, kunci, kata in pola_nama:  # longest first; a found name is blanked out
        if kata is not None and rendah is not None and kata not in rendah:
            continue
        for m in pola.finditer(teks):
            peristiwa.append(_Peristiwa(m.start(), m.end(), "nama", kunci))
            teks = _tutup(teks, m.start(), m.end())
    if isyarat is not None and kurung is not None:
        for m in isyarat.finditer(teks):
            peristiwa.append(_Peristiwa(m.start(1), m.end(1), "kategori", m.group(1)))
        for m in kurung.finditer(teks):
            peristiwa.append(_Peristiwa(m.start(1), m.end(1), "kurung", m.group(1)))
    for pola, jenis in _KUNCI:
        for m in pola.finditer(teks):
            peristiwa.append(_Peristiwa(m.start(), m.end(), "kunci", jenis))
    for m in _TAHUN_LAIN.finditer(teks):
        peristiwa.append(_Peristiwa(m.start(), m.end(), "lain"))
    for m in _ANGKA.finditer(teks):
        peristiwa.append(_Peristiwa(m.start(), m.end(), "angka", m))
    ada_persen_lain = False
    selesai = bool(_SELESAI.search(teks))
    for m in _ANGKA.finditer(teks):
        if _SESUDAH_PERSEN.match(teks, m.end()) and m.group() not in ("100", "100,00", "100.00"):
            ada_persen_lain = True
    if selesai and not ada_persen_lain:
        for m in _SEMUA.finditer(teks):
            if not _SEBELUM_SEMUA_BUKAN_KLAIM.search(teks[: m.start()]):
                peristiwa.append(_Peristiwa(m.start(), m.end(), "semua"))
    peristiwa.sort(key=lambda p: (p.awal, p.macam != "nama"))

    # The subject the sentence starts with.
    pertama_nama = next((p.awal for p in peristiwa if p.macam == "nama"), len(teks))
    awal_teks = teks[:pertama_nama]
    if subjek_bawaan is None and _CIRI_RATA.search(teks):
        subjek: Hashable | None = RATA_RATA
    elif subjek_bawaan is None and _INDIKATOR_UMUM.search(awal_teks):
        subjek = None
    else:
        subjek = subjek_lalu

    kunci: Jenis | None = None
    terikat = False  # the last number was bound to a capaian/realisasi keyword
    for p in peristiwa:
        if p.macam == "nama":
            subjek = p.nilai
        elif p.macam == "lain":
            break
        elif p.macam == "kunci":
            kunci = p.nilai  # None for target/anggaran/change words: they take the number away
        elif p.macam == "angka":
            m = p.nilai
            assert isinstance(m, re.Match)
            if _SESUDAH_BULAN.match(teks, m.end()):
                continue  # the day of a date
            mentah = m.group()
            if re.fullmatch(r"(?:19|20)\d\d", mentah) and not _SESUDAH_PERSEN.match(teks, m.end()):
                lain = (
                    int(mentah) != tahun
                    and not _SEBELUM_PERATURAN.search(teks[: m.start()])
                    and not _SEBELUM_RENTANG.search(teks[: m.start()])
                    and not _SESUDAH_RENTANG.match(teks, m.end())
                )
                if lain:
                    break  # the rest of the sentence is about another year
                continue
            persen = bool(_SESUDAH_PERSEN.match(teks, m.end()))
            satuan = ""
            akhir = m.end()
            if persen:
                akhir = _SESUDAH_PERSEN.match(teks, m.end()).end()  # type: ignore[union-attr]
            elif (k := _SESUDAH_KATA.match(teks, m.end())) and k.group(1).lower() not in _BUKAN_SATUAN:
                satuan = k.group(1).lower()
            try:
                nilai, tempat = baca_angka(mentah, persen=persen)
            except ValueError:
                kunci, terikat = None, False
                continue
            jenis_kunci = kunci
            if subjek == RATA_RATA and kunci is None and _RATA.search(teks[: m.start()]):
                # "rata-rata sebesar 96,58 %": in a sentence about the mean, the word itself is the key
                sebelum = teks[: m.start()]
                if not _ANGKA.search(sebelum[_akhir_rata(sebelum) :]):
                    jenis_kunci = Jenis.CAPAIAN
            kunci, terikat = None, False
            if _SEBELUM_RP.search(teks[: m.start()]) or _SEBELUM_BATAS.search(teks[: m.start()]):
                continue
            if jenis_kunci is not None and subjek is not None:
                terikat = True
                hasil.append(
                    Pernyataan(
                        jenis=jenis_kunci,
                        subjek=subjek,
                        kutipan=asli[m.start() : akhir].strip(),
                        kalimat=nomor,
                        nilai=nilai,
                        tempat=tempat,
                        persen=persen,
                        satuan=satuan,
                        dari=not persen and bool(_SESUDAH_DARI.match(teks, m.end())),
                    )
                )
            elif persen and nilai == _SERATUS and tempat == 0 and subjek is not None:
                hasil.append(
                    Pernyataan(
                        jenis=Jenis.SEMUA,
                        subjek=subjek,
                        kutipan=asli[m.start() : akhir].strip(),
                        kalimat=nomor,
                        nilai=nilai,
                        persen=True,
                    )
                )
        elif p.macam in ("kategori", "kurung"):
            if subjek is None or (p.macam == "kurung" and not terikat):
                continue
            hasil.append(
                Pernyataan(
                    jenis=Jenis.KATEGORI,
                    subjek=subjek,
                    kutipan=asli[p.awal : p.akhir],
                    kalimat=nomor,
                    label=kanonik[" ".join(str(p.nilai).split()).lower()],
                )
            )
        elif p.macam == "semua" and subjek is not None:
            kata = asli[p.awal :].split()
            kutipan = " ".join(kata[:4]).rstrip(".,;:") + (" …" if len(kata) > 4 else "")
            hasil.append(Pernyataan(jenis=Jenis.SEMUA, subjek=subjek, kutipan=kutipan, kalimat=nomor))
    return subjek


def _akhir_rata(teks: str) -> int:
    return max((m.end() for m in _RATA.finditer(teks)), default=0)


# ---------------------------------------------------------------------------------- comparing


def bandingkan_narasi(
    *,
    pernyataan: Iterable[Pernyataan],
    data: Mapping[Hashable, AngkaSubjek],
    label_skala: Collection[str],
) -> list[Selisih]:
    """The statements that differ from ``data`` (subjects without data are skipped).

    ``label_skala`` are the labels of the pemda's scale: a category word outside it can
    never be right and says so.
    """
    daftar = list(pernyataan)
    di_skala = {x.lower() for x in label_skala}
    # labels each sentence gives each subject (the same-sentence category rule)
    disebut: dict[tuple[int, Hashable], set[str]] = {}
    for p in daftar:
        if p.jenis == Jenis.KATEGORI:
            disebut.setdefault((p.kalimat, p.subjek), set()).add(p.label.lower())
    hasil: list[Selisih] = []
    for p in daftar:
        d = data.get(p.subjek)
        if d is None:
            continue
        if _berbeda(p, d, disebut):
            hasil.append(
                Selisih(p, d, label_di_skala=p.jenis != Jenis.KATEGORI or p.label.lower() in di_skala)
            )
    return hasil


def _berbeda(p: Pernyataan, d: AngkaSubjek, disebut: dict[tuple[int, Hashable], set[str]]) -> bool:
    rata = p.subjek == RATA_RATA
    if p.jenis == Jenis.CAPAIAN or (rata and p.jenis == Jenis.REALISASI):
        if p.satuan or p.nilai is None:
            return False  # "13,95 poin persen", "capaian 56.314 KK": not a capaian percentage
        if d.capaian is None:
            return True
        return not any(
            cocok(tertulis=p.nilai, tempat=p.tempat, dihitung=x)
            for x in (d.capaian, d.capaian_dibatasi)
            if x is not None
        )
    if p.jenis == Jenis.REALISASI:
        if p.nilai is None or d.realisasi is None:
            return False
        if p.persen != d.satuan_persen or p.dari:
            # "1.043 orang atau 85,35 %" on a count, "1.043 dari 1.222" on a percentage: a part, not the figure
            return False
        if p.satuan and p.satuan != d.satuan.strip().lower():
            return False  # another unit: a component, not the indicator's realisasi
        return not cocok(tertulis=p.nilai, tempat=p.tempat, dihitung=d.realisasi)
    if p.jenis == Jenis.KATEGORI:
        if d.kategori is None or p.label.lower() == d.kategori.lower():
            return False
        return d.kategori.lower() not in disebut.get((p.kalimat, p.subjek), set())
    # Jenis.SEMUA
    acuan = d.realisasi if d.satuan_persen and not rata else d.capaian
    return acuan is not None and bulatkan(acuan, tempat=2) < _SERATUS


# ---------------------------------------------------------------------------------- words


def _daftar_kata(bagian: list[str]) -> str:
    return bagian[0] if len(bagian) == 1 else ", ".join(bagian[:-1]) + " dan " + bagian[-1]


def uraian_selisih(*, selisih: Sequence[Selisih], nama_skala: str) -> str:
    """What one subject's differing statements say and what the data says, in Indonesian.

    ``menyebut rata-rata capaian “86,77%” dan kategori “Tinggi”; menurut data rata-rata
    capaian 96,58 % berkategori Sangat Tinggi (skala Permendagri 86/2017)``. All ``selisih``
    are about one subject.
    """
    if not selisih:
        return ""
    d = selisih[0].data
    rata = selisih[0].pernyataan.subjek == RATA_RATA
    awalan = "rata-rata " if rata else ""
    tertulis: list[str] = []
    jenis: set[Jenis] = set()
    luar_skala: list[str] = []
    for s in selisih:
        p = s.pernyataan
        j = Jenis.CAPAIAN if rata and p.jenis == Jenis.REALISASI else p.jenis
        jenis.add(j)
        if j == Jenis.CAPAIAN:
            tertulis.append(f"{awalan}capaian “{p.kutipan}”")
        elif j == Jenis.REALISASI:
            tertulis.append(f"realisasi “{p.kutipan}”")
        elif j == Jenis.KATEGORI:
            tertulis.append(f"kategori “{p.kutipan}”")
            if not s.label_di_skala and p.label not in luar_skala:
                luar_skala.append(p.label)
        else:
            tertulis.append(f"“{p.kutipan}” (berarti 100 %)")
    menurut: list[str] = []
    pakai_realisasi = Jenis.REALISASI in jenis or (Jenis.SEMUA in jenis and d.satuan_persen and not rata)
    if jenis & {Jenis.CAPAIAN, Jenis.KATEGORI} or (Jenis.SEMUA in jenis and not pakai_realisasi):
        if d.capaian is None:
            menurut.append(f"{awalan}capaian belum dapat dihitung")
        else:
            teks = f"{awalan}capaian {format_persen(d.capaian)}"
            if d.kategori and Jenis.KATEGORI in jenis:
                teks += f" berkategori {d.kategori} (skala {nama_skala}"
                if luar_skala:
                    teks += ", yang tidak mengenal " + _daftar_kata([f"“{x}”" for x in luar_skala])
                teks += ")"
            menurut.append(teks)
    if pakai_realisasi and d.realisasi is not None:
        nilai = format_persen(d.realisasi) if d.satuan_persen else f"{format_ringkas(d.realisasi)} {d.satuan}"
        menurut.append(f"realisasi {nilai.strip()}")
    return f"menyebut {_daftar_kata(tertulis)}; menurut data {_daftar_kata(menurut)}"
