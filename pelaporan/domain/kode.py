"""Nomenclature codes: normalise what documents print, know a code's level and parent.

DOMAIN §3: urusan ``1``, bidang urusan ``1.06``, program ``1.06.02``, kegiatan
``1.06.02.2.01``, sub-kegiatan ``1.06.02.2.01.0001`` (Permendagri 90/2019, Kepmendagri
050-5889/2021). Documents also print the program with a leading zero (``01.06.07``) and
the sub-kegiatan with two digits (``.01``, the older Kepmendagri 050-3708 form); both are
normalised here, and the caller keeps the printed form next to the normalised one.

Program Penunjang is defined once for all urusan, so documents write its codes with the
placeholder ``X.XX`` (``X.XX.01.2.02.0001``). The placeholder is accepted and kept: a code
is a placeholder code until someone says which urusan it is for. :func:`isi_placeholder`
does that with the OPD's bidang urusan (``urusan="1.06"``), after which
``X.XX.01.2.02.01`` and ``1.06.01.2.02.0001`` are the same code; the budget roll-up takes
the same ``urusan`` argument so both spellings land on one row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "PLACEHOLDER_URUSAN",
    "KodeTidakSah",
    "TingkatKode",
    "bidang_dipakai",
    "induk_kode",
    "isi_placeholder",
    "kode_setara",
    "kode_tercetak_induk",
    "kunci_urut_kode",
    "normalisasi_kode",
    "tingkat_kode",
]

PLACEHOLDER_URUSAN = "X.XX"
_SPASI = re.compile(r"\s+")


class KodeTidakSah(ValueError):
    """A code that fits no nomenclature shape; the message is Indonesian, for the user."""


class TingkatKode(StrEnum):
    """Level of a nomenclature code (DOMAIN §3)."""

    URUSAN = "urusan"
    BIDANG = "bidang"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


# Number of dot-separated parts → level; 4 parts would be half a kegiatan code.
_TINGKAT = {
    1: TingkatKode.URUSAN,
    2: TingkatKode.BIDANG,
    3: TingkatKode.PROGRAM,
    5: TingkatKode.KEGIATAN,
    6: TingkatKode.SUB_KEGIATAN,
}
_CONTOH = "contoh: 1.06.02 (program), 1.06.02.2.01 (kegiatan), 1.06.02.2.01.0001 (sub-kegiatan)"


def _tolak(teks: str, sebab: str) -> KodeTidakSah:
    return KodeTidakSah(f"Kode “{teks}” tidak sah: {sebab} ({_CONTOH}).")


# Codes repeat across thousands of budget and indicator rows (and the roll-up asks for
# level and parent again and again), so the pure normalisation is memoised.
@lru_cache(maxsize=8192)
def normalisasi_kode(teks: str) -> str:
    """The canonical form of a printed code (DOMAIN §3); raises :class:`KodeTidakSah`.

    ``" 01.06.07 "`` → ``"1.06.07"``; ``"1.06.02.2.01.01"`` → ``"1.06.02.2.01.0001"``;
    ``"x.xx.01.2.02.01."`` → ``"X.XX.01.2.02.0001"``. Spaces and trailing dots go; the
    urusan loses its leading zero; a two-digit sub-kegiatan part gains two zeros.
    """
    bersih = _SPASI.sub("", str(teks)).rstrip(".")
    if not bersih:
        raise KodeTidakSah("Kode kosong.")
    bagian = bersih.split(".")
    if any(b == "" for b in bagian):
        raise _tolak(teks, "ada titik yang berurutan atau di awal")
    if len(bagian) not in _TINGKAT:
        raise _tolak(teks, f"terdiri atas {len(bagian)} bagian")
    hasil: list[str] = []
    urusan = bagian[0].upper()
    if urusan == "X":
        if len(bagian) < 2 or bagian[1].upper() != "XX":
            raise _tolak(teks, "placeholder urusan harus ditulis X.XX")
        hasil += ["X", "XX"]
    else:
        if not (urusan.isascii() and urusan.isdigit() and len(urusan) <= 2 and 1 <= int(urusan) <= 9):
            raise _tolak(teks, "urusan harus satu angka 1–9")
        hasil.append(str(int(urusan)))
        if len(bagian) >= 2:
            if not _angka(bagian[1], 2):
                raise _tolak(teks, "bidang urusan harus dua angka")
            hasil.append(bagian[1])
    if len(bagian) >= 3:
        if not _angka(bagian[2], 2):
            raise _tolak(teks, "program harus dua angka")
        hasil.append(bagian[2])
    if len(bagian) >= 5:
        if not (_angka(bagian[3], 1) and _angka(bagian[4], 2)):
            raise _tolak(teks, "kegiatan harus berbentuk satu angka dan dua angka, mis. 2.01")
        hasil += bagian[3:5]
    if len(bagian) == 6:
        sub = bagian[5]
        if not (_angka(sub, 2) or _angka(sub, 4)):
            raise _tolak(teks, "sub-kegiatan harus dua atau empat angka")
        hasil.append(sub.zfill(4))
    return ".".join(hasil)


def _angka(bagian: str, panjang: int) -> bool:
    return len(bagian) == panjang and bagian.isascii() and bagian.isdigit()


def tingkat_kode(kode: str) -> TingkatKode:
    """``"1.06.02"`` → program; ``"1.06.02.2.01.0001"`` → sub_kegiatan (normalises first)."""
    return _TINGKAT[normalisasi_kode(kode).count(".") + 1]


def induk_kode(kode: str) -> str | None:
    """The parent code: sub-kegiatan → kegiatan → program → bidang → urusan → ``None``.

    The placeholder bidang ``X.XX`` has no parent: it stands for every urusan at once.
    """
    bagian = normalisasi_kode(kode).split(".")
    if len(bagian) == 1 or (len(bagian) == 2 and bagian[0] == "X"):
        return None
    potong = 2 if len(bagian) == 5 else 1  # kegiatan "2.01" is two parts
    return ".".join(bagian[:-potong])


def isi_placeholder(kode: str, *, urusan: str) -> str:
    """Replace ``X.XX`` by the OPD's bidang urusan: ``X.XX.01.2.02.01`` + ``1.06`` → ``1.06.01.2.02.0001``.

    Codes without the placeholder come back normalised and otherwise unchanged.
    """
    bidang = normalisasi_kode(urusan)
    if bidang.count(".") != 1 or bidang.startswith("X"):
        raise KodeTidakSah(
            f"Urusan untuk placeholder harus kode bidang urusan seperti 1.06, bukan “{urusan}”."
        )
    normal = normalisasi_kode(kode)
    if normal.startswith(PLACEHOLDER_URUSAN):
        return bidang + normal[len(PLACEHOLDER_URUSAN) :]
    return normal


def kode_setara(a: str, b: str, *, urusan: str | None = None) -> bool:
    """Whether two printed codes name the same item, the placeholder read as ``urusan`` if given."""
    if urusan is None:
        return normalisasi_kode(a) == normalisasi_kode(b)
    return isi_placeholder(a, urusan=urusan) == isi_placeholder(b, urusan=urusan)


def kunci_urut_kode(kode: str) -> tuple[int, ...]:
    """Sort key in nomenclature order (``1.06.02`` before ``1.06.10``; placeholder first)."""
    return tuple(-1 if b in ("X", "XX") else int(b) for b in normalisasi_kode(kode).split("."))


def bidang_dipakai(*, kode: Iterable[str]) -> frozenset[str]:
    """The bidang urusan (``1.06``) of printed codes, placeholders and unreadable codes left out.

    A workbook of one OPD usually names one bidang: then its ``X.XX`` codes stand for that
    one (``["X.XX.01", "1.06.02", "01.06.07"]`` → ``{"1.06"}``). Two or none and the
    placeholder cannot be read from the codes alone.
    """
    hasil = set()
    for k in kode:
        try:
            normal = normalisasi_kode(k)
        except KodeTidakSah:
            continue
        bagian = normal.split(".")
        if len(bagian) >= 2 and bagian[0] != "X":
            hasil.add(".".join(bagian[:2]))
    return frozenset(hasil)


def kode_tercetak_induk(*, tercetak: str, kode_induk: str) -> str:
    """The parent's code in the form the child was printed: ``01.06.07.2.01.01`` → ``01.06.07.2.01``.

    A parent made from its child's code keeps the document's spelling; when the printed
    form cannot be cut to the parent (a placeholder, an odd spacing) the normalised parent
    code is returned.
    """
    induk = normalisasi_kode(kode_induk)
    bagian = _SPASI.sub("", str(tercetak)).rstrip(".").split(".")
    potong = ".".join(bagian[: induk.count(".") + 1])
    try:
        if normalisasi_kode(potong) == induk:
            return potong
    except KodeTidakSah:
        pass
    return induk
