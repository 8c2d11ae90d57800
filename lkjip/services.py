"""Writes of the core app that several apps share."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.http import Http404
from django.utils import timezone

from lkjip.models import Pengguna, PerangkatDaerah, UnggahanSementara


def simpan_unggahan(
    *, pengguna: Pengguna, opd: PerangkatDaerah | None, jenis: str, nama: str, isi: bytes
) -> UnggahanSementara:
    """Keep an upload between its preview and its confirmation; drop those older than a day."""
    UnggahanSementara.objects.filter(dibuat__lt=timezone.now() - dt.timedelta(days=1)).delete()
    return UnggahanSementara.objects.create(
        pengguna=pengguna, opd=opd, jenis=jenis, nama_berkas=nama[:255], isi=isi
    )


def ambil_unggahan(
    *, pengguna: Pengguna, opd: PerangkatDaerah | None, jenis: str, token: object
) -> UnggahanSementara:
    """Only the user who uploaded, for the same OPD and purpose, can confirm it."""
    try:
        return UnggahanSementara.objects.get(token=token, pengguna=pengguna, opd=opd, jenis=jenis)
    except UnggahanSementara.DoesNotExist:
        raise Http404("Unggahan tidak ditemukan atau sudah kedaluwarsa; unggah ulang berkasnya.") from None


class MasihDipakai(Exception):
    """Something others depend on; ``penghalang`` names them for the user (at most five, then a count)."""

    def __init__(self, obj: Model, penghalang: list[str]) -> None:
        self.obj = obj
        self.penghalang = penghalang
        super().__init__(f"“{obj}” masih dipakai oleh: {', '.join(penghalang)}.")


def hapus(*, obj: Model) -> None:
    """Delete ``obj`` when nothing protects it; otherwise say what still uses it (never a bare error)."""
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as exc:
        dipakai = list(exc.protected_objects)
        contoh = [f"{o._meta.verbose_name} “{o}”" for o in dipakai[:5]]
        if len(dipakai) > 5:
            contoh.append(f"dan {len(dipakai) - 5} lainnya")
        raise MasihDipakai(obj, contoh) from exc
