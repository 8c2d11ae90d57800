"""Stored figures that do not fit their column: found by SQL, reported, never changed.

SQLite keeps whatever it is given, so a number typed before every input was checked
(issue 12) may sit in a decimal column with more digits before the point than the column
has. Such a row is read as an ``AngkaRusak`` (lkjip.fields.KolomDesimal) and shown as
"nilai tidak sah"; this module lists them so the admin can correct them where they were
typed (the correction then leaves its audit entry like any other). Used by the command
``periksa_angka``; the data migration ``0002_periksa_angka`` repeats the query inline.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, models

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AngkaTersimpanRusak:
    model: str  # "pelaporan.TargetTriwulan"
    pk: int
    kolom: str
    nilai: str  # as the database returns it (it cannot be a Decimal of the column)
    batas: str  # "paling banyak 16 angka sebelum koma"

    def __str__(self) -> str:
        return f"{self.model} id={self.pk} kolom {self.kolom}: {self.nilai} ({self.batas})"


def kolom_desimal(
    daftar_model: Iterable[type[models.Model]],
) -> Iterable[tuple[type[models.Model], models.Field]]:
    for model in daftar_model:
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if (
                isinstance(f, models.DecimalField)
                and f.max_digits is not None
                and f.decimal_places is not None
            ):
                yield model, f


def cari_angka_rusak(daftar_model: Iterable[type[models.Model]] | None = None) -> list[AngkaTersimpanRusak]:
    """Every stored value with more digits before the point than its column keeps.

    Raw SQL, because the ORM cannot even read such a row through a plain DecimalField. The
    bound is passed as a float: SQLite compares its REAL and INTEGER storage with it, and
    on PostgreSQL (which never stores such a value) the query simply finds nothing.
    """
    hasil = []
    q = connection.ops.quote_name
    with connection.cursor() as c:
        for model, f in kolom_desimal(apps.get_models() if daftar_model is None else daftar_model):
            utuh = f.max_digits - f.decimal_places
            c.execute(
                # quoted names from the models, the bound as a parameter
                f"SELECT {q(model._meta.pk.column)}, {q(f.column)} FROM {q(model._meta.db_table)} "  # noqa: S608
                f"WHERE ABS({q(f.column)}) >= %s ORDER BY 1",
                [float(10**utuh)],
            )
            for pk, nilai in c.fetchall():
                hasil.append(
                    AngkaTersimpanRusak(
                        model=model._meta.label,
                        pk=pk,
                        kolom=f.name,
                        nilai=str(nilai),
                        batas=f"paling banyak {utuh} angka sebelum koma",
                    )
                )
    for r in hasil:
        log.warning("Angka tersimpan tidak sah: %s", r)
    return hasil
