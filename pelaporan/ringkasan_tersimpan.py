"""Keeping the stored dashboard summaries (:class:`pelaporan.models.RingkasanTersimpan`) current.

Every audited write passes :mod:`lkjip.audit` (save, delete and its cascades, ``simpan_massal``,
``buat_massal``, fixture loads), which tells :func:`lupakan_tulisan` in the writer's transaction.
From each written row it deletes the summaries the row can change: the row's OPD and year when the
row has both (a realisasi, a target, a PK and its items, a budget line and its realisasi); every
year of the OPD for a row of the OPD without a year (an indicator, its Renstra, a unit kerja, the
OPD itself); every OPD of the pemda for a pemda-wide row (the rating scale, ``batas_capaian``,
``rumus_negatif``); everything when the row says neither. Only rows known not to enter the figures
are skipped. Writes that bypass the audit trail (a data migration) are covered by emptying the
table after every ``migrate``; the demo load and ``bangun_ringkasan`` empty it too.

The delete runs again once the writer commits: a reader that computed a summary from the data
before the commit, and stored it after the first delete, does not leave a stale row behind.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import Q

from lkjip.audit import ModelTeraudit
from pelaporan.models import RingkasanTersimpan

log = logging.getLogger(__name__)

# Audited rows that never enter an OPD's summary: users, evidence files, quarter deadlines and
# reopenings, the quarter's report status (the overview reads it live), and the LKjIP's own rows.
_BUKAN_ANGKA = frozenset(
    {
        "lkjip.pengguna",
        "pelaporan.buktidukung",
        "pelaporan.periodetriwulan",
        "pelaporan.pembukaankembali",
        "pelaporan.laporantriwulan",
    }
)
_APP_BUKAN_ANGKA = frozenset({"laporan"})

# A row without its own ``tahun`` takes the year of the parent that has it.
_INDUK_BERTAHUN = ("realisasi", "anggaran", "perjanjian")


def _tahun(obj: ModelTeraudit) -> int | None:
    tahun = getattr(obj, "tahun", None)
    if isinstance(tahun, int):
        return tahun
    for nama in _INDUK_BERTAHUN:
        if f"{nama}_id" in obj.__dict__ and getattr(obj, f"{nama}_id", None) is not None:
            induk_tahun = getattr(getattr(obj, nama), "tahun", None)
            if isinstance(induk_tahun, int):
                return induk_tahun
    return None


class _Cakupan:
    """What a batch of writes can change, as one filter."""

    def __init__(self) -> None:
        self.opd_tahun: dict[int, set[int]] = defaultdict(set)  # tahun -> OPD ids
        self.opd: set[int] = set()
        self.pemda: set[int] = set()
        self.semua = False

    def tambah(self, obj: ModelTeraudit) -> None:
        opd = obj.audit_opd_id()
        if opd is not None:
            tahun = _tahun(obj)
            if tahun is None:
                self.opd.add(opd)
            else:
                self.opd_tahun[tahun].add(opd)
            return
        pemda = obj.audit_pemda_id()
        if pemda is not None:
            self.pemda.add(pemda)
        else:
            self.semua = True

    def filter(self) -> Q | None:
        if self.semua:
            return Q()
        bagian = [Q(tahun=tahun, opd_id__in=opd) for tahun, opd in self.opd_tahun.items()]
        if self.opd:
            bagian.append(Q(opd_id__in=self.opd))
        if self.pemda:
            bagian.append(Q(opd__pemda_id__in=self.pemda))
        if not bagian:
            return None
        q = bagian[0]
        for b in bagian[1:]:
            q |= b
        return q


def _hapus(q: Q) -> None:
    # One DELETE statement: a plain .delete() first SELECTs the rows to send delete signals
    # (the audit trail listens to every model), which nobody needs for this cache table.
    qs = RingkasanTersimpan.objects.filter(q)
    qs._raw_delete(qs.db)


def lupakan_tulisan(objs: Sequence[ModelTeraudit], mentah: bool) -> None:
    """The audit trail's listener: delete the summaries these written rows can change."""
    cakupan = _Cakupan()
    for obj in objs:
        meta = obj._meta
        if meta.label_lower in _BUKAN_ANGKA or meta.app_label in _APP_BUKAN_ANGKA:
            continue
        try:
            cakupan.tambah(obj)
        except ObjectDoesNotExist:
            if not mentah:
                raise
            cakupan.semua = True  # a fixture row whose parent is not loaded yet
    q = cakupan.filter()
    if q is None:
        return
    _hapus(q)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _hapus(q))


def hapus_semua(**_: Any) -> int:
    """Empty the table (after ``migrate``, the demo load, or to rebuild); returns the rows deleted."""
    if RingkasanTersimpan._meta.db_table not in connection.introspection.table_names():
        return 0  # migrated backwards past the table
    jumlah, _rinci = RingkasanTersimpan.objects.all().delete()
    if jumlah:
        log.info("Ringkasan tersimpan dikosongkan: %d baris", jumlah)
    return jumlah


def kosongkan_demo(*, tulis: Callable[[str], object]) -> None:
    """Demo step: the fixtures went in raw; start from an empty table whatever was there."""
    hapus_semua()
