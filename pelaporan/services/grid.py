"""Saving a quarter's grid (realisasi kinerja or realisasi anggaran): one routine for both.

Each grid keeps its own checks (who may write, which rows belong to it, what a value must
satisfy); what is written, and how, is decided here once: nothing over someone else's newer
value (pelaporan.konflik), every row or none, a fixed number of queries, audit entries
through lkjip.audit (never a queryset update).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lkjip import audit
from lkjip.audit import ModelTeraudit
from lkjip.models import Pengguna
from pelaporan import konflik as kf
from pelaporan.services._umum import HasilSimpan, putuskan_terhadap_tersimpan


@dataclass(frozen=True)
class SelGrid:
    """One cell as the browser sent it: the value typed, and the state it had when the page loaded."""

    kunci: int
    nilai: Decimal | None
    kosong: bool = False  # "belum ada data" ticked (kinerja only)
    awal: str = ""  # the cell's state text when loaded (pelaporan.konflik)
    versi: int = 0
    putusan: str = ""  # "saya" / "terbaru", chosen after a conflict was shown


def _teks_baru(s: SelGrid, *, ada_baris: bool, kosong_dihapus: bool) -> str:
    if s.nilai is not None:
        return format(s.nilai.normalize(), "f")
    if s.kosong or (ada_baris and not kosong_dihapus):
        return kf.BELUM_ADA_DATA
    return kf.TIDAK_DIISI


# no savepoint: the callers' transaction is the unit (and the query count stays as pinned)
@transaction.atomic(savepoint=False)
def grid_simpan(
    *,
    sel: Sequence[SelGrid],
    kunci_sah: Container[int],
    ada: Mapping[int, ModelTeraudit],
    kolom: str,
    periksa: Callable[[SelGrid], str | None],
    buat: Callable[[int, Decimal | None], ModelTeraudit],
    kosong_dihapus: bool,
    keterangan: str,
    pengguna: Pengguna,
) -> HasilSimpan:
    """Write the cells of one quarter's grid that this user changed.

    ``kunci_sah``: the rows the grid may write (others are ignored, never written); ``ada``:
    the stored rows by key (read under lock by the caller), their value in ``kolom``;
    ``periksa``: a cell's error message or None; ``buat``: a new, unsaved row for a key.
    A blank cell either removes its stored row (``kosong_dihapus``: budgets, never stored as
    Rp 0) or keeps it as "belum ada data" (kinerja, not 0 %). Any error or conflict writes nothing.
    """
    hasil = HasilSimpan()
    kiriman = []
    for s in sel:
        if s.kunci not in kunci_sah:
            continue
        pesan = periksa(s)
        if pesan:
            hasil.galat[s.kunci] = pesan
            continue
        baru = _teks_baru(s, ada_baris=s.kunci in ada, kosong_dihapus=kosong_dihapus)
        kiriman.append(kf.Kiriman(kunci=s.kunci, baru=baru, awal=s.awal, versi=s.versi, putusan=s.putusan))
    if hasil.galat:
        return hasil
    keputusan = putuskan_terhadap_tersimpan(hasil, kiriman, ada, kolom=kolom)
    if keputusan is None:
        return hasil
    sekarang = timezone.now()
    ubah, baru_, hapus = [], [], []
    for k, teks in keputusan.tulis.items():
        r = ada.get(k)
        if kosong_dihapus and teks in (kf.TIDAK_DIISI, kf.BELUM_ADA_DATA):
            if r is not None:
                hapus.append(r)
            continue
        nilai = None if teks in (kf.TIDAK_DIISI, kf.BELUM_ADA_DATA) else Decimal(teks)
        if r is None:
            r = buat(k, nilai)
            setattr(r, kolom, nilai)
            r.diubah_oleh, r.diubah_pada = pengguna, sekarang
            baru_.append(r)
        else:
            setattr(r, kolom, nilai)
            r.versi, r.diubah_oleh, r.diubah_pada = r.versi + 1, pengguna, sekarang
            ubah.append(r)
    with audit.oleh(pengguna, keterangan=keterangan):
        audit.simpan_massal(ubah, [kolom, "versi", "diubah_oleh", "diubah_pada"])
        audit.buat_massal(baru_)
        for r in hapus:
            r.delete()  # one audit entry each: "… dihapus"
    hasil.disimpan = len(ubah) + len(baru_) + len(hapus)
    return hasil
