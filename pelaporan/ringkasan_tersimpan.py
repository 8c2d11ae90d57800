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
before the commit, and stored it after the first delete, does not leave a stale row behind. Within
one transaction a scope is deleted once, when it is first written (:class:`_Tertunda`).

A delete cannot reach one case (PostgreSQL, READ COMMITTED): a reader that read the data before a
writer committed, and stores its row in its own still-open transaction, which the writer's delete
cannot see. Each OPD therefore has a generation (:class:`pelaporan.models.GenerasiRingkasan`),
raised once the writer has committed (:func:`naikkan_generasi`); a reader reads it before the
data and stores it in the row, and a row of an older generation is never read, only replaced.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from lkjip.audit import ModelTeraudit
from lkjip.models import PerangkatDaerah
from pelaporan.models import GenerasiRingkasan, RingkasanTersimpan

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


# A scope a write can change: ("tahun", tahun, opd), ("opd", opd), ("pemda", pemda) or ("semua",).
Kunci = tuple


def _kunci(obj: ModelTeraudit) -> Kunci:
    opd = obj.audit_opd_id()
    if opd is not None:
        tahun = _tahun(obj)
        return ("opd", opd) if tahun is None else ("tahun", tahun, opd)
    pemda = obj.audit_pemda_id()
    return ("semua",) if pemda is None else ("pemda", pemda)


def _filter(kunci: set[Kunci]) -> Q | None:
    """The summaries these scopes cover, as one filter."""
    if ("semua",) in kunci:
        return Q()
    opd_tahun: dict[int, set[int]] = defaultdict(set)
    opd: set[int] = set()
    pemda: set[int] = set()
    for k in kunci:
        if k[0] == "tahun":
            opd_tahun[k[1]].add(k[2])
        elif k[0] == "opd":
            opd.add(k[1])
        else:
            pemda.add(k[1])
    bagian = [Q(tahun=tahun, opd_id__in=ids) for tahun, ids in opd_tahun.items()]
    if opd:
        bagian.append(Q(opd_id__in=opd))
    if pemda:
        bagian.append(Q(opd__pemda_id__in=pemda))
    if not bagian:
        return None
    q = bagian[0]
    for b in bagian[1:]:
        q |= b
    return q


def hapus_baris(*args: Q, **kwargs: Any) -> None:
    """Delete the stored summaries matching the filter in one DELETE statement: a plain .delete()
    first SELECTs the rows to send delete signals (the audit trail listens to every model), which
    nobody needs for this cache table."""
    qs = RingkasanTersimpan.objects.filter(*args, **kwargs)
    qs._raw_delete(qs.db)


def _hapus(kunci: set[Kunci]) -> None:
    q = _filter(kunci)
    if q is not None:
        hapus_baris(q)


def generasi(opd_ids: Sequence[int]) -> dict[int, int]:
    """The OPDs' current generations (0 where none was raised yet). Read it before the data."""
    kini = dict(GenerasiRingkasan.objects.filter(opd_id__in=opd_ids).values_list("opd_id", "generasi"))
    return {i: kini.get(i, 0) for i in opd_ids}


def naikkan_generasi(kunci: set[Kunci]) -> None:
    """Raise the generation of every OPD these scopes touch, in one statement of its own
    transaction (run after the writer's commit): rows the writer's delete could not see are then
    known stale. OPDs in id order, so two of these never wait on each other crosswise."""
    if not kunci:
        return
    if ("semua",) in kunci:
        syarat, param = "1 = 1", []
    else:
        opd = sorted({k[-1] for k in kunci if k[0] in ("tahun", "opd")})
        pemda = sorted({k[1] for k in kunci if k[0] == "pemda"})
        bagian, param = [], []
        if opd:
            bagian.append(f"id IN ({', '.join(['%s'] * len(opd))})")
            param += opd
        if pemda:
            bagian.append(f"pemda_id IN ({', '.join(['%s'] * len(pemda))})")
            param += pemda
        syarat = " OR ".join(bagian)
    g = GenerasiRingkasan._meta.db_table
    opd_tabel = PerangkatDaerah._meta.db_table
    # table names from the models, values as parameters
    sql = f"INSERT INTO {g} (opd_id, generasi) SELECT id, 1 FROM {opd_tabel} WHERE {syarat} ORDER BY id ON CONFLICT (opd_id) DO UPDATE SET generasi = {g}.generasi + 1"  # noqa: S608, E501
    with connection.cursor() as c:
        c.execute(sql, param)


def _hapus_dan_naikkan(kunci: set[Kunci]) -> None:
    _hapus(kunci)
    naikkan_generasi(kunci)


class _Tertunda:
    """The open transaction's scopes: every one written is cleared again, all in one statement, at
    its commit (``kunci``); one already cleared since the last summary was stored in this
    transaction is not cleared again now (``terhapus``). An import saves thousands of rows of one
    OPD and year: one DELETE when the first of them is written, one at commit, not two per row."""

    def __init__(self) -> None:
        self.kunci: set[Kunci] = set()
        self.terhapus: set[Kunci] = set()

    def __call__(self) -> None:
        _hapus_dan_naikkan(self.kunci)


def _tertunda() -> _Tertunda:
    """This transaction's record, registered as one of its on-commit callbacks. A rollback (of the
    transaction, or of the savepoint it was registered in) drops the callback, and with it the
    record: the next write starts a new one."""
    kini = getattr(connection, "_ringkasan_tertunda", None)
    if kini is None or not any(f is kini for _sids, f, _robust in connection.run_on_commit):
        kini = _Tertunda()
        connection._ringkasan_tertunda = kini
        transaction.on_commit(kini)
    return kini


def lupakan_tulisan(objs: Sequence[ModelTeraudit], mentah: bool) -> None:
    """The audit trail's listener: delete the summaries these written rows can change."""
    kunci: set[Kunci] = set()
    for obj in objs:
        meta = obj._meta
        if meta.label_lower in _BUKAN_ANGKA or meta.app_label in _APP_BUKAN_ANGKA:
            continue
        if mentah:
            # A fixture load: its parents may not be loaded yet, and reading each row's OPD
            # would cost a query per row. Everything goes, once.
            kunci = {("semua",)}
            break
        kunci.add(_kunci(obj))
    if not kunci:
        return
    if not connection.in_atomic_block:
        _hapus_dan_naikkan(kunci)
        return
    tertunda = _tertunda()
    tertunda.kunci |= kunci
    if ("semua",) in tertunda.terhapus:
        return
    baru = kunci - tertunda.terhapus
    if baru:
        _hapus(baru)
        tertunda.terhapus |= baru


def setelah_disimpan() -> None:
    """A reader stored summaries inside a transaction that also wrote: a later write in it must
    delete again what it changes (the stored rows hold the data as they were when computed).
    A transaction that wrote nothing has no record, and gets none."""
    kini = getattr(connection, "_ringkasan_tertunda", None)
    if kini is not None and any(f is kini for _sids, f, _robust in connection.run_on_commit):
        kini.terhapus.clear()


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
