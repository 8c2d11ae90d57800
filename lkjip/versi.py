"""A new version of a signed document: what the PK Perubahan and the LKjIP's next version share.

A signed document never changes (STYLE habit 8); a correction is a new row that
``menggantikan`` the signed one, with ``versi`` one higher, and copies of its children.
Only the fields named by the caller are copied, so status, signatures and dates never
carry over by accident when a model gains a field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


@transaction.atomic(savepoint=False)
def versi_salin(
    asal: M, *, bidang: Sequence[str], anak: Mapping[str, Sequence[str]] | None = None, **isi: Any
) -> M:
    """Save and return the next version of ``asal``.

    ``bidang``: fields of ``asal`` copied as they are; ``isi``: fields set on the new version
    (reason, SK number); ``anak``: reverse relation name → fields copied for each child,
    which then points at the new version. The new version is validated (full_clean) before it
    is saved; children are saved one by one so each leaves its audit entry (lkjip.audit).
    """
    baru = type(asal)(**_nilai(asal, bidang), versi=asal.versi + 1, menggantikan=asal, **isi)
    baru.full_clean()
    baru.save()
    for relasi, bidang_anak in (anak or {}).items():
        pengelola = getattr(asal, relasi)
        induk = pengelola.field.name  # the child's foreign key to the document
        for a in pengelola.all():
            type(a)(**_nilai(a, bidang_anak), **{induk: baru}).save()
    return baru


def _nilai(obj: models.Model, bidang: Sequence[str]) -> dict[str, Any]:
    # by attname (indikator_id, not indikator): copying a foreign key costs no query
    attname = [obj._meta.get_field(n).attname for n in bidang]
    return {a: getattr(obj, a) for a in attname}
