"""Signed documents other apps make from this app's figures, known without importing them.

The LKjIP (``lkjip.laporan``) is signed on the figures of the quarters it covers. When an
admin reopens a quarter those figures can change, while a signed document never does, and
this app's screens must say so: the reopening asks for confirmation, and the dashboards show
"data berubah setelah LKjIP ditandatangani" with the signed and the current figure. pelaporan
may not import the report app (STYLE: dependency direction), so the report app registers a
:class:`PenyediaDokumen` here in its ``AppConfig.ready()``, as ``lkjip.beranda`` does for
home-page tasks. Without a provider every answer is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from lkjip.models import PerangkatDaerah

if TYPE_CHECKING:
    from pelaporan.dasbor import IkhtisarOPD, RingkasanOPD


@dataclass(frozen=True)
class DokumenTerdampak:
    """A signed document that uses an OPD's quarter."""

    judul: str
    url: str
    ditandatangani_pada: dt.datetime


@dataclass(frozen=True)
class AngkaBerubah:
    """One figure as signed and as the data gives it now (percentages; ``None``: no value)."""

    uraian: str
    ditandatangani: Decimal | None
    sekarang: Decimal | None
    kategori_ditandatangani: str = ""
    kategori_sekarang: str = ""


@dataclass(frozen=True)
class DataBerubah:
    """A signed document whose figures differ from today's data: the OPD's mean capaian,
    its budget realisation and each indicator that changed (only what changed is listed)."""

    judul: str
    url: str
    ditandatangani_pada: dt.datetime
    rata_rata: AngkaBerubah | None
    serapan: AngkaBerubah | None
    indikator: tuple[AngkaBerubah, ...]
    versi_baru_url: str = ""  # the newer version already started, if any


@dataclass(frozen=True)
class LaporanTahunan:
    """What the dashboards show about an OPD's reports of the year."""

    judul: str  # the newest annual report ("" when there is none)
    status: str
    url: str
    berubah: tuple[DataBerubah, ...] = ()


class PenyediaDokumen(Protocol):
    def memakai_triwulan(self, *, opd: PerangkatDaerah, tahun: int, triwulan: int) -> list[DokumenTerdampak]:
        """The signed documents in force whose figures come from this quarter of the OPD."""
        ...

    def laporan_tahunan(
        self, *, ringkasan: Sequence[RingkasanOPD | IkhtisarOPD]
    ) -> dict[int, LaporanTahunan]:
        """Per OPD id, its report of ``ringkasan``'s year and the signed ones whose figures changed.

        ``ringkasan`` are the dashboard's own summaries (computed, or the overview's stored
        ones), reused when a signed document covers the same quarters (no second computation)."""
        ...


_penyedia: list[PenyediaDokumen] = []


def daftarkan(penyedia: PenyediaDokumen) -> PenyediaDokumen:
    if penyedia not in _penyedia:
        _penyedia.append(penyedia)
    return penyedia


def dokumen_memakai_triwulan(*, opd: PerangkatDaerah, tahun: int, triwulan: int) -> list[DokumenTerdampak]:
    hasil: list[DokumenTerdampak] = []
    for p in _penyedia:
        hasil.extend(p.memakai_triwulan(opd=opd, tahun=tahun, triwulan=triwulan))
    return hasil


def laporan_tahunan(*, ringkasan: Sequence[RingkasanOPD | IkhtisarOPD]) -> dict[int, LaporanTahunan]:
    hasil: dict[int, LaporanTahunan] = {}
    for p in _penyedia:
        for opd_id, lap in p.laporan_tahunan(ringkasan=ringkasan).items():
            hasil.setdefault(opd_id, lap)
    return hasil
