"""Writes of the Perjanjian Kinerja: items, budgets, signing, PK Perubahan, and comparing versions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lkjip import akses
from lkjip.angka import format_ringkas
from lkjip.models import Pengguna
from lkjip.versi import versi_salin
from pelaporan.models import AnggaranPK, ButirPK, PerjanjianKinerja, StatusPK
from pelaporan.services._umum import PKTerkunci
from renstra.models import Indikator

# =========================================================================== PK


def _kunci_draft(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The PK read again under lock, and refused unless still a draft.

    Item and budget writes of one PK wait for each other and for its signing: an item is
    never added to a PK signed meanwhile, and the unique and order checks see the rows of a
    save that finished first.
    """
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _pastikan_draft(pk)
    return pk


def _pastikan_draft(pk: PerjanjianKinerja) -> None:
    if pk.status != StatusPK.DRAFT:
        raise PKTerkunci(
            f"{pk} sudah ditandatangani dan tidak dapat diubah. Buat PK Perubahan untuk mengubah target atau anggaran."
        )


@transaction.atomic
def butir_pk_simpan(
    *,
    pk: PerjanjianKinerja,
    indikator: Indikator,
    target: Decimal | None,
    target_atas: Decimal | None,
    kinerja: str = "",
    butir: ButirPK | None = None,
) -> ButirPK:
    pk = _kunci_draft(pk)
    butir = butir or ButirPK(perjanjian=pk)
    butir.indikator, butir.target, butir.target_atas, butir.kinerja = indikator, target, target_atas, kinerja
    if butir.pk is None:
        butir.urutan = pk.butir.count() + 1
    butir.full_clean()
    butir.save()
    return butir


@transaction.atomic
def butir_pk_hapus(*, butir: ButirPK) -> None:
    _kunci_draft(butir.perjanjian)
    butir.delete()


@transaction.atomic
def anggaran_pk_simpan(
    *, pk: PerjanjianKinerja, node: Any, jumlah: Decimal, baris: AnggaranPK | None = None
) -> AnggaranPK:
    pk = _kunci_draft(pk)
    baris = baris or AnggaranPK(perjanjian=pk)
    baris.program = baris.kegiatan = baris.sub_kegiatan = None
    setattr(
        baris,
        {"Program": "program", "Kegiatan": "kegiatan", "SubKegiatan": "sub_kegiatan"}[type(node).__name__],
        node,
    )
    baris.jumlah = jumlah
    if baris.pk is None:
        baris.urutan = pk.anggaran.count() + 1
    baris.full_clean()
    baris.save()
    return baris


@transaction.atomic
def anggaran_pk_hapus(*, baris: AnggaranPK) -> None:
    _kunci_draft(baris.perjanjian)
    baris.delete()


@transaction.atomic
def pk_tandatangani(*, pk: PerjanjianKinerja, pengguna: Pengguna, sandi: str) -> PerjanjianKinerja:
    """The kepala signs (confirming with their password); from then on the PK never changes."""
    if not akses.can_setujui(pengguna, pk.opd):
        raise PermissionDenied("Hanya kepala OPD ini yang dapat menandatangani PK.")
    if not pengguna.check_password(sandi):
        raise ValidationError({"sandi": "Kata sandi salah."})
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _pastikan_draft(pk)
    masalah = []
    if pk.pihak_pertama_id is None:
        masalah.append("pihak pertama belum dipilih")
    if not (pk.pihak_kedua_id or pk.pihak_kedua_nama or pk.pihak_kedua_jabatan):
        masalah.append("pihak kedua belum diisi")
    butir = list(pk.butir.select_related("indikator"))
    if not butir:
        masalah.append("belum ada indikator")
    tanpa_target = [b.indikator.nama for b in butir if b.target is None]
    if tanpa_target:
        masalah.append("indikator tanpa target: " + "; ".join(tanpa_target))
    if masalah:
        raise ValidationError("PK belum dapat ditandatangani: " + ", ".join(masalah) + ".")
    pk.status = StatusPK.DITANDATANGANI
    pk.ditandatangani_pada = timezone.now()
    pk.ditandatangani_oleh = pengguna
    pk.tanggal = pk.tanggal or timezone.localdate()
    pk.save()
    return pk


@transaction.atomic
def pk_perubahan_buat(
    *, pk: PerjanjianKinerja, alasan: str, nomor_sk: str, pengguna: Pengguna
) -> PerjanjianKinerja:
    """A PK Perubahan: a new draft version copying the signed one; the signed one stays as it is."""
    if not akses.can_isi_data(pengguna, pk.opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat menyusun PK Perubahan.")
    if pk.status != StatusPK.DITANDATANGANI:
        raise ValidationError(
            "PK Perubahan hanya dapat dibuat dari PK yang sudah ditandatangani; ubah drafnya langsung."
        )
    if hasattr(pk, "perubahan"):
        raise ValidationError(f"{pk} sudah memiliki perubahan ({pk.perubahan}).")
    if not alasan.strip():
        raise ValidationError({"alasan_perubahan": "Alasan perubahan wajib diisi."})
    return versi_salin(
        pk,
        bidang=(
            "opd",
            "tahun",
            "jenjang",
            "unit_kerja",
            "induk",
            "pihak_pertama",
            "pihak_kedua",
            "pihak_kedua_nama",
            "pihak_kedua_jabatan",
        ),
        anak={
            "butir": ("indikator", "kinerja", "target", "target_atas", "urutan"),
            "anggaran": ("program", "kegiatan", "sub_kegiatan", "jumlah", "urutan"),
        },
        alasan_perubahan=alasan.strip(),
        nomor_sk=nomor_sk.strip(),
    )


@dataclass(frozen=True)
class BarisBanding:
    label: str
    satuan: str
    lama: Decimal | None
    baru: Decimal | None
    status: str  # sama, berubah, baru, dihapus

    @property
    def teks_lama(self) -> str:
        return format_ringkas(self.lama) if self.lama is not None else "–"

    @property
    def teks_baru(self) -> str:
        return format_ringkas(self.baru) if self.baru is not None else "–"


def banding_pk(
    lama: PerjanjianKinerja, baru: PerjanjianKinerja
) -> tuple[list[BarisBanding], list[BarisBanding]]:
    """Indicators and budgets of two PK versions side by side, with what changed."""

    def banding(a: dict[Any, tuple[str, str, Decimal | None]], b: dict[Any, tuple[str, str, Decimal | None]]):
        hasil = []
        for k in list(a) + [k for k in b if k not in a]:
            la, lb = a.get(k), b.get(k)
            label, satuan = (la or lb)[0], (la or lb)[1]
            nilai_a, nilai_b = la[2] if la else None, lb[2] if lb else None
            if la is None:
                status = "baru"
            elif lb is None:
                status = "dihapus"
            else:
                status = "sama" if nilai_a == nilai_b else "berubah"
            hasil.append(BarisBanding(label, satuan, nilai_a, nilai_b, status))
        return hasil

    def butir(pk: PerjanjianKinerja) -> dict:
        return {
            b.indikator_id: (b.indikator.nama, b.indikator.satuan, b.target)
            for b in pk.butir.select_related("indikator")
        }

    def anggaran(pk: PerjanjianKinerja) -> dict:
        return {
            (a.program_id, a.kegiatan_id, a.sub_kegiatan_id): (str(a.node), "Rp", a.jumlah)
            for a in pk.anggaran.select_related("program", "kegiatan", "sub_kegiatan")
        }

    return banding(butir(lama), butir(baru)), banding(anggaran(lama), anggaran(baru))
