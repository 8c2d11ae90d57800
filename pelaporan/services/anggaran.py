"""Writes of budgets: budget lines (never counted twice) and the quarter's budget realisasi grid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lkjip import akses
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.models import Anggaran, RealisasiAnggaran
from pelaporan.services._umum import HasilSimpan, SisipanBentrok, pastikan_boleh_isi, sisipan_bersaing
from pelaporan.services.grid import SelGrid, grid_simpan

# =========================================================================== budgets


def _leluhur_dan_turunan(node: Any) -> dict[str, list[int]]:
    """Node ids that would double-count with ``node`` if they also carried a budget line."""
    from renstra.models import Kegiatan, Program, SubKegiatan

    if isinstance(node, Program):
        keg = list(Kegiatan.objects.filter(program=node).values_list("pk", flat=True))
        sub = list(SubKegiatan.objects.filter(kegiatan__program=node).values_list("pk", flat=True))
        return {"kegiatan": keg, "sub_kegiatan": sub}
    if isinstance(node, Kegiatan):
        return {
            "program": [node.program_id],
            "sub_kegiatan": list(node.sub_kegiatan.values_list("pk", flat=True)),
        }
    return {"program": [node.kegiatan.program_id], "kegiatan": [node.kegiatan_id]}


def periksa_tumpang_tindih(*, anggaran: Anggaran) -> None:
    """Refuse a budget line that would count money twice in its year (DOMAIN §5 roll-up).

    Twice means: on a node whose ancestor or descendant already has a line, or, by code, on
    the same program/kegiatan as a line filed under another Renstra covering that year (2021
    belongs to two Kukar periods, each with programs 1.06.01–1.06.07).
    """
    node = anggaran.node
    if node is None:
        return
    for nama, ids in _leluhur_dan_turunan(node).items():
        bentrok = (
            Anggaran.objects.filter(opd=anggaran.opd, tahun=anggaran.tahun, **{f"{nama}_id__in": ids})
            .exclude(pk=anggaran.pk)
            .first()
        )
        if bentrok is not None:
            raise ValidationError(_pesan_ganda(bentrok, anggaran))
    if not node.kode:
        return
    lain = (
        Anggaran.objects.filter(opd=anggaran.opd, tahun=anggaran.tahun)
        .exclude(pk=anggaran.pk)
        .select_related("program__renstra", "kegiatan__renstra", "sub_kegiatan__renstra")
    )
    for a in lain:
        n = a.node
        if n is None or not n.kode or n.renstra_id == node.renstra_id:
            continue
        if _kode_bertumpang(n.kode, node.kode):
            raise ValidationError(_pesan_ganda(a, anggaran))


def _kode_bertumpang(a: str, b: str) -> bool:
    """Same code, or one is an ancestor of the other (1.06.02 and 1.06.02.2.01)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _pesan_ganda(ada: Anggaran, baru: Anggaran) -> str:
    return (
        f"{ada.node} sudah memiliki anggaran {baru.tahun}; anggaran yang sama tidak boleh dicatat juga pada "
        f"{baru.node} (terhitung dua kali). Isi anggaran pada tingkat yang paling rinci saja."
    )


@transaction.atomic
def anggaran_simpan(*, anggaran: Anggaran, pengguna: Pengguna) -> Anggaran:
    if not akses.can_isi_data(pengguna, anggaran.opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi anggaran.")
    # The OPD's budget lines are checked against each other (no duplicate, nothing counted
    # twice): lock the OPD so that two saves at once are checked one after the other.
    list(PerangkatDaerah.objects.select_for_update().filter(pk=anggaran.opd_id).values_list("pk"))
    anggaran.full_clean()
    periksa_tumpang_tindih(anggaran=anggaran)
    try:
        with sisipan_bersaing():
            anggaran.save()
    except SisipanBentrok:
        raise ValidationError(
            "Anggaran yang sama baru saja disimpan orang lain. Muat ulang daftar anggaran untuk melihatnya."
        ) from None
    return anggaran


@transaction.atomic
def realisasi_anggaran_simpan_grid(
    *, opd: PerangkatDaerah, tahun: int, triwulan: int, masukan: Sequence[SelGrid], pengguna: Pengguna
) -> HasilSimpan:
    """Save a quarter's budget realisasi with the same no-silent-overwrite rule as the realisasi grid.

    ``masukan``: one cell per budget line (``SelGrid.kunci`` = Anggaran id); a blank cell
    removes the quarter's row (not entered), never stores Rp 0.
    """
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi anggaran.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    anggaran = set(Anggaran.objects.filter(opd=opd, tahun=tahun).values_list("pk", flat=True))

    def baca() -> dict[int, RealisasiAnggaran]:
        return {
            r.anggaran_id: r
            for r in RealisasiAnggaran.objects.filter(
                anggaran__in=anggaran, triwulan=triwulan
            ).select_for_update()
        }

    return grid_simpan(
        sel=masukan,
        kunci_sah=anggaran,
        baca=baca,
        kolom="jumlah",
        periksa=lambda s: (
            "Realisasi anggaran tidak boleh negatif." if s.nilai is not None and s.nilai < 0 else None
        ),
        buat=lambda k, _: RealisasiAnggaran(anggaran_id=k, triwulan=triwulan),
        kosong_dihapus=True,
        keterangan=f"Realisasi anggaran TW {triwulan} {tahun}",
        pengguna=pengguna,
    )
