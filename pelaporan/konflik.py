"""Two people saving the same grid: decide, row by row, what may be written.

Pure Python. Each submitted row carries the state it had when the page was loaded
(``awal``, ``versi``); the database row may have moved on since. Nothing is overwritten
silently (issue 5): a row both people changed is a conflict the second person decides;
a row only the other person changed keeps their value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)

# A cell's state: "" = never filled, "-" = filled as "belum ada data", else the number's text.
TIDAK_DIISI = ""
BELUM_ADA_DATA = "-"


@dataclass(frozen=True)
class Kiriman(Generic[K]):
    kunci: K
    baru: str
    awal: str
    versi: int
    putusan: str = ""  # "", "saya" or "terbaru", chosen after a conflict was shown


@dataclass(frozen=True)
class Tersimpan:
    nilai: str
    versi: int
    oleh: str
    pada: dt.datetime | None


@dataclass(frozen=True)
class Konflik(Generic[K]):
    kunci: K
    nilai_saya: str
    nilai_terbaru: str
    oleh: str
    pada: dt.datetime | None
    versi_terbaru: int


@dataclass(frozen=True)
class Keputusan(Generic[K]):
    tulis: dict[K, str]
    konflik: list[Konflik[K]]
    diperbarui_orang_lain: list[K]


def putuskan(*, kiriman: Iterable[Kiriman[K]], tersimpan: Mapping[K, Tersimpan]) -> Keputusan[K]:
    tulis: dict[K, str] = {}
    konflik: list[Konflik[K]] = []
    orang_lain: list[K] = []
    for k in kiriman:
        ada = tersimpan.get(k.kunci)
        nilai_kini = ada.nilai if ada else TIDAK_DIISI
        versi_kini = ada.versi if ada else 0
        saya_ubah = k.baru != k.awal
        if versi_kini == k.versi:
            if saya_ubah and k.baru != nilai_kini:
                tulis[k.kunci] = k.baru
            continue
        # Someone saved this row after the page was loaded.
        if not saya_ubah or k.putusan == "terbaru":
            orang_lain.append(k.kunci)
        elif k.baru == nilai_kini:
            continue
        elif k.putusan == "saya":
            tulis[k.kunci] = k.baru
        else:
            konflik.append(
                Konflik(
                    k.kunci,
                    k.baru,
                    nilai_kini,
                    ada.oleh if ada else "",
                    ada.pada if ada else None,
                    versi_kini,
                )
            )
    return Keputusan(tulis=tulis, konflik=konflik, diperbarui_orang_lain=orang_lain)


def teks_nilai(nilai: Any, *, ada_baris: bool) -> str:
    """The state text of a stored cell (see TIDAK_DIISI / BELUM_ADA_DATA)."""
    if not ada_baris:
        return TIDAK_DIISI
    if nilai is None:
        return BELUM_ADA_DATA
    return format(nilai.normalize(), "f") if hasattr(nilai, "normalize") else str(nilai)
