"""Shared by the services: the quarter's open/closed check, its errors, and the grid result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lkjip.models import PerangkatDaerah
from pelaporan import konflik as kf
from pelaporan.selectors import StatusTriwulan, status_triwulan


class TriwulanTertutup(Exception):
    """Writing to this quarter is not allowed now; the message says why and who can reopen."""


class PKTerkunci(Exception):
    """A signed PK never changes: make a PK Perubahan instead."""


class SisipanBentrok(Exception):
    """Another transaction stored a row with the same unique key after this one read the rows:
    read again and answer with the usual "diubah orang lain" conflict."""


def _melanggar_unik(exc: IntegrityError) -> bool:
    asal = exc.__cause__
    kode = getattr(asal, "pgcode", None) or getattr(asal, "sqlstate", None)  # psycopg2 / psycopg 3
    return kode == "23505" or "UNIQUE constraint failed" in str(exc)


@contextmanager
def sisipan_bersaing() -> Iterator[None]:
    """Run a save's writes in a savepoint, so that an INSERT losing a race is not a 500.

    Two people saving the same empty cell both read "no row"; on PostgreSQL the second INSERT
    waits for the first transaction and then breaks its unique constraint. Inside this block
    that rolls back to the savepoint (the request's transaction stays usable) and becomes
    :class:`SisipanBentrok`: the caller reads the winning row and reports the conflict the
    same way as for an update. Any other integrity error passes through unchanged.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if not _melanggar_unik(exc):
            raise
        raise SisipanBentrok(str(exc)) from exc


def hari_ini_pemda() -> dt.date:
    """Today in the pemda's zone (activated per request by the middleware)."""
    return timezone.localdate()


def pastikan_boleh_isi(*, opd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan:
    status = status_triwulan(opd, tahun, triwulan, hari_ini=hari_ini_pemda())
    if not status.boleh_diisi:
        raise TriwulanTertutup(status.alasan)
    return status


@dataclass
class HasilSimpan:
    disimpan: int = 0
    konflik: list[kf.Konflik[int]] = field(default_factory=list)
    diperbarui_orang_lain: list[int] = field(default_factory=list)
    galat: dict[int, str] = field(default_factory=dict)


def putuskan_terhadap_tersimpan(
    hasil: HasilSimpan, kiriman: list[kf.Kiriman[int]], ada: dict[int, Any], *, kolom: str
) -> kf.Keputusan[int] | None:
    """What to write, given what the browser sent and the rows stored now (each row's ``kolom``
    holds the value). Conflicts and others' updates go to ``hasil``; None when a conflict stops the save."""
    tersimpan = {
        k: kf.Tersimpan(
            nilai=kf.teks_nilai(getattr(r, kolom), ada_baris=True),
            versi=r.versi,
            oleh=(r.diubah_oleh.nama or r.diubah_oleh.username) if r.diubah_oleh else "",
            pada=r.diubah_pada,
        )
        for k, r in ada.items()
    }
    keputusan = kf.putuskan(kiriman=kiriman, tersimpan=tersimpan)
    hasil.diperbarui_orang_lain = keputusan.diperbarui_orang_lain
    if keputusan.konflik:
        hasil.konflik = keputusan.konflik
        return None
    return keputusan
