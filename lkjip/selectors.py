"""Reads of the core app. Each takes its scope as an argument."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from lkjip.models import CatatanAudit, PerangkatDaerah


def riwayat_objek(*objek: Model, batas: int = 30) -> list[CatatanAudit]:
    """The latest audit entries of these objects (a detail page's history panel)."""
    syarat = Q()
    for obj in objek:
        syarat |= Q(content_type=ContentType.objects.get_for_model(obj), objek_id=str(obj.pk))
    if not syarat:
        return []
    return list(CatatanAudit.objects.filter(syarat).order_by("-waktu", "-id")[:batas])


def riwayat_opd(opd: PerangkatDaerah, *, batas: int = 30) -> list[CatatanAudit]:
    return list(CatatanAudit.objects.filter(opd_id=opd.pk).order_by("-waktu", "-id")[:batas])


def cari_riwayat(
    *,
    opd_ids: Sequence[int] | None,
    pemda_ids: Sequence[int] | None,
    opd_id: int | None = None,
    content_type_id: int | None = None,
    pengguna: str = "",
    jenis: str = "",
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
    teks: str = "",
) -> QuerySet[CatatanAudit]:
    """The audit browser's query. ``opd_ids``/``pemda_ids`` is the caller's scope (None = all)."""
    qs = CatatanAudit.objects.select_related("content_type")
    if pemda_ids is not None:
        qs = qs.filter(Q(pemda_id__in=pemda_ids) | Q(opd_id__in=opd_ids or []))
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if content_type_id:
        qs = qs.filter(content_type_id=content_type_id)
    if pengguna:
        qs = qs.filter(nama_pengguna__icontains=pengguna)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if dari:
        qs = qs.filter(waktu__date__gte=dari)
    if sampai:
        qs = qs.filter(waktu__date__lte=sampai)
    if teks:
        qs = qs.filter(Q(objek_label__icontains=teks) | Q(keterangan__icontains=teks))
    return qs.order_by("-waktu", "-id")
