"""The national nomenclature of programs, kegiatan and sub-kegiatan, as data to look things up in.

DOMAIN §3. The list (Permendagri 90/2019 as shipped in ``renstra/data``, or a pemda's newer
list with the same columns ``kode,tingkat,nama``) names a parent that a workbook omits,
suggests a name, and catches typing errors. It is a suggestion or a warning, never a reason
to refuse a code, and never overwrites a name an OPD wrote: a code it does not know gets a
temporary name that says so (:func:`nama_sementara`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from pelaporan.domain.kode import (
    PLACEHOLDER_URUSAN,
    KodeTidakSah,
    TingkatKode,
    normalisasi_kode,
    tingkat_kode,
)

__all__ = [
    "KOLOM_NOMENKLATUR",
    "LABEL_TINGKAT",
    "PENANDA_BELUM_BERNAMA",
    "BedaNama",
    "EntriNomenklatur",
    "NomenklaturTidakSah",
    "beda_nama",
    "belum_bernama",
    "nama_nomenklatur",
    "nama_sementara",
    "rincian_nomenklatur",
    "urai_nomenklatur",
]

KOLOM_NOMENKLATUR = ("kode", "tingkat", "nama")
PENANDA_BELUM_BERNAMA = "(nama belum diisi)"
LABEL_TINGKAT = {
    TingkatKode.URUSAN: "Urusan",
    TingkatKode.BIDANG: "Bidang urusan",
    TingkatKode.PROGRAM: "Program",
    TingkatKode.KEGIATAN: "Kegiatan",
    TingkatKode.SUB_KEGIATAN: "Sub-kegiatan",
}


@dataclass(frozen=True, slots=True)
class EntriNomenklatur:
    tingkat: TingkatKode
    nama: str


class NomenklaturTidakSah(ValueError):
    """A list that cannot replace the nomenclature; ``masalah`` says where, in Indonesian."""

    def __init__(self, masalah: list[str]) -> None:
        super().__init__("; ".join(masalah))
        self.masalah = masalah


def urai_nomenklatur(
    *, teks: str, maks_nama: int = 500, maks_masalah: int = 20
) -> dict[str, EntriNomenklatur]:
    """Read a ``kode,tingkat,nama`` CSV into ``{normalised code: entry}``; raise on any bad row.

    Extra columns are ignored; a comma or (as Excel writes in an Indonesian locale) a
    semicolon separates the columns. Each row's code must be a nomenclature code whose level
    is its ``tingkat``, its name not empty (nor longer than ``maks_nama``), and no code twice. Every problem names its line
    (up to ``maks_masalah``, then how many more).
    """
    baris_pertama = teks.lstrip("\ufeff").split("\n", 1)[0]
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    pembaca = csv.reader(io.StringIO(teks.lstrip("\ufeff")), delimiter=pemisah)
    judul = [j.strip().lower() for j in next(pembaca, [])]
    hilang = [k for k in KOLOM_NOMENKLATUR if k not in judul]
    if hilang:
        raise NomenklaturTidakSah(
            [
                f"Baris 1 harus berisi judul kolom {', '.join(KOLOM_NOMENKLATUR)}; "
                f"tidak ada kolom {', '.join(hilang)}."
            ]
        )
    letak = {k: judul.index(k) for k in KOLOM_NOMENKLATUR}
    tingkat_sah = {t.value: t for t in TingkatKode}
    hasil: dict[str, EntriNomenklatur] = {}
    dilihat: dict[str, int] = {}
    masalah: list[str] = []
    for nomor, sel in enumerate(pembaca, start=2):
        if not any(s.strip() for s in sel):
            continue
        kode, tingkat, nama = (
            sel[letak[k]].strip() if letak[k] < len(sel) else "" for k in KOLOM_NOMENKLATUR
        )
        try:
            normal = normalisasi_kode(kode)
        except KodeTidakSah as exc:
            masalah.append(f"Baris {nomor}: {exc}")
            continue
        t = tingkat_sah.get(tingkat.lower().replace("-", "_").replace(" ", "_"))
        if t is None:
            masalah.append(
                f"Baris {nomor}: tingkat “{tingkat}” tidak dikenal (urusan, bidang, program, kegiatan, sub_kegiatan)."
            )
            continue
        if tingkat_kode(normal) != t:
            masalah.append(
                f"Baris {nomor}: kode {kode} adalah kode {LABEL_TINGKAT[tingkat_kode(normal)].lower()}, "
                f"bukan {LABEL_TINGKAT[t].lower()}."
            )
            continue
        nama = " ".join(nama.split())
        if not nama:
            masalah.append(f"Baris {nomor}: nama kode {kode} kosong.")
            continue
        if len(nama) > maks_nama:
            masalah.append(f"Baris {nomor}: nama kode {kode} lebih dari {maks_nama} karakter.")
            continue
        if normal in dilihat:
            masalah.append(f"Baris {nomor}: kode {kode} sudah ditulis di baris {dilihat[normal]}.")
            continue
        dilihat[normal] = nomor
        hasil[normal] = EntriNomenklatur(t, nama)
    if not hasil and not masalah:
        masalah.append("Berkas tidak berisi satu kode pun.")
    if masalah:
        lebih = len(masalah) - maks_masalah
        raise NomenklaturTidakSah(
            masalah[:maks_masalah] + ([f"… dan {lebih} masalah lainnya."] if lebih > 0 else [])
        )
    return hasil


def rincian_nomenklatur(*, entri: Mapping[str, EntriNomenklatur]) -> dict[TingkatKode, int]:
    """How many codes of each level a list holds, every level present (0 when none)."""
    jumlah = Counter(e.tingkat for e in entri.values())
    return {t: jumlah.get(t, 0) for t in TingkatKode}


def nama_nomenklatur(*, daftar: Mapping[str, EntriNomenklatur], kode: str) -> str | None:
    """The nomenclature's name for a code, or None when the list does not know it.

    Program Penunjang is listed once for every urusan (``X.XX.01…``), so ``1.06.01.2.02.0001``
    is found as ``X.XX.01.2.02.0001`` when the list has no row of its own for it.
    """
    try:
        normal = normalisasi_kode(kode)
    except KodeTidakSah:
        return None
    entri = daftar.get(normal)
    if entri is None and normal.count(".") >= 2 and not normal.startswith("X"):
        bagian = normal.split(".")
        entri = daftar.get(".".join([PLACEHOLDER_URUSAN, *bagian[2:]]))
    return entri.nama if entri is not None else None


def nama_bidang_urusan(*, daftar: Mapping[str, EntriNomenklatur], kode: str) -> str:
    """A bidang urusan's name as an OPD profile writes it: ``1.06`` → ``Sosial`` ("" when unknown)."""
    nama = nama_nomenklatur(daftar=daftar, kode=kode) if kode else None
    return nama.removeprefix("Urusan Pemerintahan Bidang ") if nama else ""


def nama_sementara(*, tingkat: TingkatKode, kode: str) -> str:
    """The name of a node made from its code alone: ``Kegiatan 1.06.04.2.01 (nama belum diisi)``."""
    return f"{LABEL_TINGKAT[tingkat]} {kode} {PENANDA_BELUM_BERNAMA}"


def belum_bernama(*, nama: str) -> bool:
    """Whether a name is still the temporary one of :func:`nama_sementara`."""
    return nama.rstrip().endswith(PENANDA_BELUM_BERNAMA)


class BedaNama(StrEnum):
    SALAH_KETIK = "salah_ketik"  # close in spelling: “Perumahan” for “Permakanan”
    LAIN = "lain"  # another name altogether: “Alat Bantu” under the code of “Sandang”


# Words documents add or drop freely; they do not make a name another name.
_KATA_SAMBUNG = frozenset(
    {
        "dan",
        "serta",
        "di",
        "ke",
        "dari",
        "pada",
        "yang",
        "untuk",
        "atau",
        "dengan",
        "terhadap",
        "bagi",
        "dalam",
    }
)


def _kata(nama: str) -> list[str]:
    tanpa_kurung = re.sub(r"\([^)]*\)", " ", nama)  # acronyms in brackets differ between sources
    return [k for k in re.findall(r"[0-9a-z]+", tanpa_kurung.casefold()) if k not in _KATA_SAMBUNG]


def _kata_setara(a: str, b: str) -> bool:
    """“Pemerintah”/“Pemerintahan”, “Cetak”/“Cetakan”, “Kab”/“Kabupaten”: a word and its affixed form."""
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)))


def beda_nama(*, tertulis: str, baku: str) -> BedaNama | None:
    """How a written name differs from the nomenclature's name for its code, or None when it does not.

    Case, punctuation, bracketed acronyms, connecting words (``dan``, ``serta`` …) and a word
    against its affixed form (``Pemerintah``/``Pemerintahan``) are not differences: sources
    print them all ways. Otherwise the difference is :attr:`BedaNama.SALAH_KETIK` when the two
    spellings are close, :attr:`BedaNama.LAIN` when they are not.
    """
    a, b = _kata(tertulis), _kata(baku)
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1 and all(map(_kata_setara, a[i1:i2], b[j1:j2])):
            continue
        break
    else:
        return None
    mirip = SequenceMatcher(a=" ".join(a), b=" ".join(b), autojunk=False).ratio() >= 0.8
    return BedaNama.SALAH_KETIK if mirip else BedaNama.LAIN
