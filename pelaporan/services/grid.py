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
from pelaporan.services._umum import (
    HasilSimpan,
    SisipanBentrok,
    putuskan_terhadap_tersimpan,
    sisipan_bersaing,
)

# Each retry follows a row another transaction inserted meanwhile, and re-reads it: a few are
# plenty (one per concurrent saver of the same grid); past that the clash is raised as it is.
_PERCOBAAN = 5


@dataclass(frozen=True)
class SelGrid:
    """One cell as the browser sent it: the value typed, and the state it had when the page loaded."""

    kunci: int
    nilai: Decimal | None
    kosong: bool = False  # "belum ada data" ticked (kinerja only)
    awal: str = ""  # the cell's state text when loaded (pelaporan.konflik)
    versi: int = 0
    putusan: str = ""  # "saya" / "terbaru", chosen after a conflict was shown


def teks_baru(s: SelGrid, *, kosong_dihapus: bool) -> str:
    """The cell's new state text, to compare with ``s.awal``: the same text means untouched.

    A blank box is "belum ada data" only when the row existed when the page was loaded (its
    ``awal`` is not "tidak diisi") and blanks are kept (kinerja); judged from the page the
    user saw, never from what is stored now, or an untouched blank cell that someone else
    filled meanwhile would read as this user's change.
    """
    ada_baris = s.awal != kf.TIDAK_DIISI
    if s.nilai is not None:
        return kf.teks_nilai(s.nilai, ada_baris=True)
    if s.kosong or (ada_baris and not kosong_dihapus):
        return kf.BELUM_ADA_DATA
    return kf.TIDAK_DIISI


# no savepoint: the callers' transaction is the unit (and the query count stays as pinned)
@transaction.atomic(savepoint=False)
def grid_simpan(
    *,
    sel: Sequence[SelGrid],
    kunci_sah: Container[int],
    baca: Callable[[], Mapping[int, ModelTeraudit]],
    kolom: str,
    periksa: Callable[[SelGrid], str | None],
    buat: Callable[[int, Decimal | None], ModelTeraudit],
    kosong_dihapus: bool,
    keterangan: str,
    pengguna: Pengguna,
) -> HasilSimpan:
    """Write the cells of one quarter's grid that this user changed.

    ``kunci_sah``: the rows the grid may write (others are ignored, never written); ``baca``:
    reads the stored rows by key under lock (``select_for_update``: a concurrent save of the
    same rows waits, then sees the newer version; no join to the editor, see
    ``_dengan_pengubah``), their value in ``kolom``; ``periksa``: a
    cell's error message or None; ``buat``: a new, unsaved row for a key. A blank cell either
    removes its stored row (``kosong_dihapus``: budgets, never stored as Rp 0) or keeps it as
    "belum ada data" (kinerja, not 0 %). Any error or conflict writes nothing.

    A row that did not exist when read cannot be locked: when another save inserts it first,
    the INSERT breaks the unique constraint, the writes roll back to a savepoint, and the rows
    are read and decided again, so the cell ends as a conflict like any other.
    """
    hasil = HasilSimpan()
    sah = []
    for s in sel:
        if s.kunci not in kunci_sah:
            continue
        pesan = periksa(s)
        if pesan:
            hasil.galat[s.kunci] = pesan
            continue
        sah.append(s)
    if hasil.galat:
        return hasil
    percobaan = 1
    while True:
        try:
            return _putuskan_dan_tulis(
                sah,
                ada=_dengan_pengubah(baca()),
                kolom=kolom,
                buat=buat,
                kosong_dihapus=kosong_dihapus,
                keterangan=keterangan,
                pengguna=pengguna,
            )
        except SisipanBentrok:
            if percobaan >= _PERCOBAAN:
                raise
            percobaan += 1


def _dengan_pengubah(ada: Mapping[int, ModelTeraudit]) -> Mapping[int, ModelTeraudit]:
    """Attach each row's last editor (named in the conflict dialog), read after the lock.

    Not joined into the locking read: when that read waited for another save, PostgreSQL
    returns the locked row's newest version but the joined editor row of the old one.
    """
    ids = {r.diubah_oleh_id for r in ada.values() if r.diubah_oleh_id}
    orang = Pengguna.objects.in_bulk(ids) if ids else {}
    for r in ada.values():
        if r.diubah_oleh_id:
            r.diubah_oleh = orang[r.diubah_oleh_id]
    return ada


def _putuskan_dan_tulis(
    sel: list[SelGrid],
    *,
    ada: Mapping[int, ModelTeraudit],
    kolom: str,
    buat: Callable[[int, Decimal | None], ModelTeraudit],
    kosong_dihapus: bool,
    keterangan: str,
    pengguna: Pengguna,
) -> HasilSimpan:
    hasil = HasilSimpan()
    kiriman = [
        kf.Kiriman(
            kunci=s.kunci,
            baru=teks_baru(s, kosong_dihapus=kosong_dihapus),
            awal=s.awal,
            versi=s.versi,
            putusan=s.putusan,
        )
        for s in sel
    ]
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
    with audit.oleh(pengguna, keterangan=keterangan), sisipan_bersaing():
        audit.simpan_massal(ubah, [kolom, "versi", "diubah_oleh", "diubah_pada"])
        audit.buat_massal(baru_)
        for r in hapus:
            r.delete()  # one audit entry each: "… dihapus"
    hasil.disimpan = len(ubah) + len(baru_) + len(hapus)
    return hasil
