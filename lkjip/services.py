"""Writes of the core app that several apps share."""

from __future__ import annotations

import datetime as dt

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
