"""The audit trail: who changed what, when, old → new, for every audited model.

Why our own and not a history library: we need one table that the admin pemda and the
Inspektorat can filter by OPD, user, object and date, with values already readable in
Indonesian ("1.234,50", "Ya", the name behind a foreign key). Every save and delete of a
:class:`ModelTeraudit` goes through Django's signals (so the admin, forms, services and
cascading deletes are all recorded); the calls that bypass signals (``QuerySet.update``,
``bulk_update``, ``bulk_create``) raise on audited models, and :func:`simpan_massal` /
:func:`buat_massal` are the recorded way to write many rows at once.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from lkjip.angka import format_angka, format_tanggal, format_waktu

# Who must hear of every audited write, in the writer's transaction: a higher app that keeps
# figures derived from the data (pelaporan's stored dashboard summaries) registers here, as
# lkjip.beranda collects home-page tasks, so the core never imports it. ``mentah`` is True for
# a fixture load (loaddata's raw save): related rows may not be there yet.
PendengarTulis = Callable[[Sequence["ModelTeraudit"], bool], None]
_pendengar: list[PendengarTulis] = []


def daftarkan_pendengar(pendengar: PendengarTulis) -> PendengarTulis:
    if pendengar not in _pendengar:
        _pendengar.append(pendengar)
    return pendengar


def _beri_tahu(objs: Sequence[ModelTeraudit], *, mentah: bool = False) -> None:
    if objs:
        for pendengar in _pendengar:
            pendengar(objs, mentah)


class AuditDilewati(RuntimeError):
    """Raised when code tries a write that would leave no audit entry."""


@dataclass(frozen=True)
class KonteksAudit:
    pengguna: Any | None
    keterangan: str = ""


_konteks: contextvars.ContextVar[KonteksAudit | None] = contextvars.ContextVar("audit", default=None)


@contextmanager
def oleh(pengguna: Any | None, *, keterangan: str = "") -> Iterator[None]:
    """Attribute every audited write inside the block to ``pengguna`` (None = system/command)."""
    token = _konteks.set(KonteksAudit(pengguna=pengguna, keterangan=keterangan))
    try:
        yield
    finally:
        _konteks.reset(token)


def konteks_aktif() -> KonteksAudit:
    return _konteks.get() or KonteksAudit(pengguna=None)


class AuditQuerySet(models.QuerySet):
    """Refuses the bulk calls that skip signals, so no change escapes the audit trail."""

    def update(self, **kwargs: Any) -> int:
        raise AuditDilewati(
            f"{self.model.__name__} diaudit: gunakan save() atau audit.simpan_massal(), bukan update()."
        )

    def bulk_update(self, objs: Iterable[Any], fields: Sequence[str], batch_size: int | None = None) -> int:
        raise AuditDilewati(f"{self.model.__name__} diaudit: gunakan audit.simpan_massal().")

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        raise AuditDilewati(f"{self.model.__name__} diaudit: gunakan audit.buat_massal().")


class ModelTeraudit(models.Model):
    """Base of every model whose changes must be recorded (DEVELOPERS: targets, realisasi, PK …)."""

    # Fields that change on every save, or must never be shown (a password hash).
    AUDIT_ABAIKAN: tuple[str, ...] = ()
    AUDIT_RAHASIA: tuple[str, ...] = ()

    objects = AuditQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: Sequence[str], values: Sequence[Any]) -> ModelTeraudit:
        obj = super().from_db(db, field_names, values)
        # Most loads are reads (a grid, a dashboard, a report) that never save: keep the row as
        # loaded, and build the old-values dict only when a save or delete asks for it.
        obj.__dict__["_audit_mentah"] = (field_names, values)
        return obj

    @property
    def _audit_awal(self) -> dict[str, Any]:
        """The field values as loaded or last saved (attname → value); AttributeError when unknown."""
        d = self.__dict__
        if "_audit_nilai_awal" not in d:
            mentah = d.pop("_audit_mentah", None)
            if mentah is None:
                raise AttributeError("_audit_awal")
            d["_audit_nilai_awal"] = dict(zip(*mentah, strict=True))
        return d["_audit_nilai_awal"]

    @_audit_awal.setter
    def _audit_awal(self, nilai: dict[str, Any]) -> None:
        self.__dict__.pop("_audit_mentah", None)
        self.__dict__["_audit_nilai_awal"] = nilai

    def audit_opd_id(self) -> int | None:
        """The OPD this row belongs to, so the trail can be scoped like the data."""
        return getattr(self, "opd_id", None)

    def audit_pemda_id(self) -> int | None:
        return getattr(self, "pemda_id", None)

    def audit_label(self) -> str:
        return str(self)[:250]

    def audit_tampilkan(self, nama: str, nilai: Any) -> str | None:
        """How a field reads in the history panel when the generic form would not do (a JSON
        outline, a scale); None = the generic form."""
        return None


def _bidang_teraudit(obj: ModelTeraudit) -> list[models.Field]:
    return [
        f
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in obj.AUDIT_ABAIKAN and f.attname not in obj.AUDIT_ABAIKAN
    ]


def _tampilkan(obj: ModelTeraudit, field: models.Field, nilai: Any) -> str:
    """A value as a person reads it in the history panel."""
    if field.name in obj.AUDIT_RAHASIA:
        return "(disembunyikan)"
    khusus = obj.audit_tampilkan(field.name, nilai)
    if khusus is not None:
        return khusus
    if nilai is None or nilai == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(nilai, nilai))
    if isinstance(field, models.ForeignKey):
        # The related object the caller already holds costs no query (bulk saves of 200 rows).
        if field.is_cached(obj) and getattr(obj, field.attname) == nilai:
            terkait = field.get_cached_value(obj)
            if terkait is not None:
                return str(terkait)[:200]
        try:
            return str(field.related_model._base_manager.get(pk=nilai))[:200]
        except field.related_model.DoesNotExist:
            return f"#{nilai} (terhapus)"
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, Decimal):
        # Every digit that matters (70,3215 stays so), and the field's usual 2 places at least.
        bermakna = max(0, -nilai.normalize().as_tuple().exponent) if nilai else 0
        tempat = min(6, max(bermakna, min(2, getattr(field, "decimal_places", 0) or 0)))
        return format_angka(nilai, tempat=tempat)
    if isinstance(nilai, dt.datetime):
        # Frozen as text, so in the zone of the pemda the row belongs to (WITA for Kutai
        # Kartanegara), whoever made the change: a command or a superuser has no pemda zone.
        zona = _zona_data(obj.audit_pemda_id(), obj.audit_opd_id())
        if zona and timezone.is_aware(nilai):
            with timezone.override(zoneinfo.ZoneInfo(zona)):
                return format_waktu(nilai)
        return format_waktu(nilai)
    if isinstance(nilai, dt.date):
        return format_tanggal(nilai)
    if isinstance(nilai, (dict, list)):
        return str(nilai)[:500]
    teks = str(nilai)
    return teks if len(teks) <= 500 else teks[:497] + "…"


@lru_cache(maxsize=256)
def _zona_data(pemda_id: int | None, opd_id: int | None) -> str | None:
    """The time zone of a row's pemda (cached; cleared when a pemda or OPD is saved)."""
    from lkjip.models import Pemda, PerangkatDaerah

    if pemda_id:
        return Pemda.objects.filter(pk=pemda_id).values_list("zona_waktu", flat=True).first()
    if opd_id:
        return PerangkatDaerah.objects.filter(pk=opd_id).values_list("pemda__zona_waktu", flat=True).first()
    return None


def lupakan_zona(**_: Any) -> None:
    """post_save of Pemda and PerangkatDaerah: a zone or an OPD's pemda may have changed."""
    _zona_data.cache_clear()


def _nilai(obj: ModelTeraudit, field: models.Field) -> Any:
    return getattr(obj, field.attname)


def _sama(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except Exception:  # noqa: BLE001 - one side not numeric: they differ
            return False
    return a == b


def hitung_perubahan(obj: ModelTeraudit, *, jenis: str) -> dict[str, dict[str, str]]:
    """``{field: {"label", "lama", "baru"}}`` of what this save/delete changes."""
    awal = getattr(obj, "_audit_awal", None) or {}
    hasil: dict[str, dict[str, str]] = {}
    for field in _bidang_teraudit(obj):
        baru = _nilai(obj, field)
        if jenis == "buat":
            if baru is None or baru == "" or baru is False:
                continue
            hasil[field.name] = {
                "label": str(field.verbose_name),
                "lama": "–",
                "baru": _tampilkan(obj, field, baru),
            }
        elif jenis == "hapus":
            lama = awal.get(field.attname, baru)
            if lama is None or lama == "" or lama is False:
                continue
            hasil[field.name] = {
                "label": str(field.verbose_name),
                "lama": _tampilkan(obj, field, lama),
                "baru": "–",
            }
        else:
            if field.attname not in awal:
                continue
            lama = awal[field.attname]
            if _sama(lama, baru):
                continue
            hasil[field.name] = {
                "label": str(field.verbose_name),
                "lama": _tampilkan(obj, field, lama),
                "baru": _tampilkan(obj, field, baru),
            }
    return hasil


def _entri(obj: ModelTeraudit, *, jenis: str, perubahan: dict[str, dict[str, str]], ct: ContentType) -> Any:
    from lkjip.models import CatatanAudit

    konteks = konteks_aktif()
    pengguna = konteks.pengguna if getattr(konteks.pengguna, "pk", None) else None
    return CatatanAudit(
        pengguna_id=pengguna.pk if pengguna else None,
        nama_pengguna=(pengguna.get_username() if pengguna else "sistem")[:150],
        jenis=jenis,
        aksi=f"{obj._meta.app_label}.{obj._meta.model_name}.{jenis}",
        content_type=ct,
        objek_id=str(obj.pk),
        objek_label=obj.audit_label(),
        opd_id=obj.audit_opd_id(),
        pemda_id=obj.audit_pemda_id(),
        perubahan=perubahan,
        keterangan=konteks.keterangan[:500],
    )


def _ingat_nilai(obj: ModelTeraudit) -> None:
    obj._audit_awal = {f.attname: _nilai(obj, f) for f in obj._meta.concrete_fields}


def catat_simpan(sender: type, instance: Any, created: bool, raw: bool = False, **_: Any) -> None:
    if not isinstance(instance, ModelTeraudit):
        return
    if raw:
        _beri_tahu([instance], mentah=True)
        return
    jenis = "buat" if created else "ubah"
    if not created and not hasattr(instance, "_audit_awal"):
        # Saved without having been loaded (e.g. built with a pk): we cannot know the old values.
        _ingat_nilai(instance)
        _beri_tahu([instance])
        return
    perubahan = hitung_perubahan(instance, jenis=jenis)
    if perubahan:
        _entri(
            instance, jenis=jenis, perubahan=perubahan, ct=ContentType.objects.get_for_model(instance)
        ).save()
    if perubahan or created:
        _beri_tahu([instance])
    _ingat_nilai(instance)


def siapkan_simpan(sender: type, instance: Any, raw: bool = False, **_: Any) -> None:
    """Before an update of a row that was never loaded, read its old values once."""
    if raw or not isinstance(instance, ModelTeraudit) or instance._state.adding:
        return
    if not hasattr(instance, "_audit_awal") and instance.pk is not None:
        lama = (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values(*[f.attname for f in instance._meta.concrete_fields])
        )
        baris = next(iter(lama), None)
        if baris is not None:
            instance._audit_awal = baris


def catat_hapus(sender: type, instance: Any, **_: Any) -> None:
    if not isinstance(instance, ModelTeraudit):
        return
    if not hasattr(instance, "_audit_awal"):
        _ingat_nilai(instance)
    perubahan = hitung_perubahan(instance, jenis="hapus")
    _entri(
        instance, jenis="hapus", perubahan=perubahan, ct=ContentType.objects.get_for_model(instance)
    ).save()
    _beri_tahu([instance])


def simpan_massal(objs: Sequence[ModelTeraudit], fields: Sequence[str], *, batch_size: int = 500) -> int:
    """``bulk_update`` with one audit entry per changed row, in a fixed number of queries.

    Each object must have been loaded from the database (its old values are known).
    Returns the number of rows that really changed.
    """
    if not objs:
        return 0
    from lkjip.models import CatatanAudit

    model = type(objs[0])
    ct = ContentType.objects.get_for_model(model)
    berubah, entri = [], []
    for obj in objs:
        perubahan = hitung_perubahan(obj, jenis="ubah")
        if perubahan:
            berubah.append(obj)
            entri.append(_entri(obj, jenis="ubah", perubahan=perubahan, ct=ct))
    with transaction.atomic():
        if berubah:
            # The base manager is a plain one: this is the one sanctioned bulk path.
            model._base_manager.bulk_update(berubah, fields, batch_size=batch_size)
            CatatanAudit.objects.bulk_create(entri, batch_size=batch_size)
            _beri_tahu(berubah)
    for obj in berubah:
        _ingat_nilai(obj)
    return len(berubah)


def buat_massal(objs: Sequence[ModelTeraudit], *, batch_size: int = 500) -> list[ModelTeraudit]:
    """``bulk_create`` with one audit entry per new row."""
    if not objs:
        return []
    from lkjip.models import CatatanAudit

    model = type(objs[0])
    ct = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        dibuat = model._base_manager.bulk_create(objs, batch_size=batch_size)
        entri = [_entri(o, jenis="buat", perubahan=hitung_perubahan(o, jenis="buat"), ct=ct) for o in dibuat]
        CatatanAudit.objects.bulk_create(entri, batch_size=batch_size)
        _beri_tahu(dibuat)
    for obj in dibuat:
        _ingat_nilai(obj)
    return dibuat


def catat_aksi(obj: ModelTeraudit, *, aksi: str, perubahan: dict[str, dict[str, str]]) -> None:
    """An entry for an action on ``obj`` that changes none of its fields (e.g. unlocking a login).

    ``aksi`` is the dotted code shown in the audit browser, ``perubahan`` what it changed in the
    same ``{key: {"label", "lama", "baru"}}`` shape as a save. A ``lama`` of ``""`` (a save
    writes "–" for an empty value, never "") marks a fact about the action rather than a change,
    e.g. the file an import read: the history shows it without "old →".
    """
    entri = _entri(obj, jenis="ubah", perubahan=perubahan, ct=ContentType.objects.get_for_model(obj))
    entri.aksi = aksi
    entri.save()
