"""Writes to the plan. Each runs in one transaction and leaves its audit entries (lkjip.audit)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lkjip.angka import format_angka
from lkjip.models import Pemda
from lkjip.services import MasihDipakai, hapus
from pelaporan.domain.nomenklatur import NomenklaturTidakSah, rincian_nomenklatur, urai_nomenklatur
from renstra.models import (
    DaftarNomenklatur,
    Indikator,
    JenisTarget,
    KodeNomenklatur,
    KomponenIndikator,
    PaguIndikatif,
    PemetaanProgram,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
)

# Deleting a node is the core's delete: say what still uses it.
node_hapus = hapus
__all__ = ["MasihDipakai", "node_hapus"]


@transaction.atomic
def pemetaan_sinkron(
    *,
    renstra: Renstra,
    pasangan: Iterable[tuple[int, int]],
    sasaran: Sasaran | None = None,
    program: Program | None = None,
) -> None:
    """Make the sasaran↔program links of one sasaran (or one program) exactly ``pasangan``."""
    qs = PemetaanProgram.objects.filter(renstra=renstra)
    qs = qs.filter(sasaran=sasaran) if sasaran is not None else qs.filter(program=program)
    ada = {(p.sasaran_id, p.program_id): p for p in qs}
    ingin = set(pasangan)
    for kunci, p in ada.items():
        if kunci not in ingin:
            p.delete()
    for s_id, p_id in sorted(ingin - set(ada)):
        PemetaanProgram.objects.create(renstra=renstra, sasaran_id=s_id, program_id=p_id)


@transaction.atomic
def pagu_simpan(*, sub_kegiatan: SubKegiatan, pagu: dict[int, Decimal | None]) -> None:
    """Set the pagu indikatif per year; an empty year removes its row."""
    ada = {p.tahun: p for p in PaguIndikatif.objects.filter(sub_kegiatan=sub_kegiatan)}
    for tahun, jumlah in pagu.items():
        lama = ada.get(tahun)
        if jumlah is None:
            if lama is not None:
                lama.delete()
            continue
        if lama is None:
            baru = PaguIndikatif(
                renstra=sub_kegiatan.renstra, sub_kegiatan=sub_kegiatan, tahun=tahun, jumlah=jumlah
            )
            baru.full_clean()
            baru.save()
        elif lama.jumlah != jumlah:
            lama.jumlah = jumlah
            lama.full_clean()
            lama.save()


@transaction.atomic
def target_simpan(
    *,
    indikator: Indikator,
    target: dict[int, tuple[Decimal | None, Decimal | None]],
    jenis: str = JenisTarget.RENSTRA,
) -> None:
    """Set an indicator's targets of one version per year; an empty year removes its row."""
    ada = {t.tahun: t for t in TargetIndikator.objects.filter(indikator=indikator, jenis=jenis)}
    for tahun, (nilai, atas) in target.items():
        lama = ada.get(tahun)
        if nilai is None:
            if lama is not None:
                lama.delete()
            continue
        if lama is None:
            lama = TargetIndikator(renstra=indikator.renstra, indikator=indikator, tahun=tahun, jenis=jenis)
        elif lama.nilai == nilai and lama.nilai_atas == atas:
            continue
        lama.nilai, lama.nilai_atas = nilai, atas
        lama.full_clean()
        lama.save()


@transaction.atomic
def komponen_sinkron(*, indikator: Indikator, nama: Sequence[str]) -> None:
    """Keep components by name (their realisasi stays attached), add new ones, drop the rest."""
    ada = {k.nama: k for k in KomponenIndikator.objects.filter(indikator=indikator)}
    for urutan, n in enumerate(nama):
        k = ada.pop(n, None)
        if k is None:
            KomponenIndikator.objects.create(
                renstra=indikator.renstra, indikator=indikator, nama=n, urutan=urutan
            )
        elif k.urutan != urutan:
            k.urutan = urutan
            k.save()
    for k in ada.values():
        node_hapus(obj=k)


@transaction.atomic
def indikator_simpan(*, form: Any) -> Indikator:
    """Save an IndikatorForm: the indicator, its Renstra targets per year and its components."""
    indikator = form.save()
    target_simpan(indikator=indikator, target=form.target())
    komponen_sinkron(indikator=indikator, nama=form.cleaned_data["komponen"])
    return indikator


@transaction.atomic
def indikator_ganti(*, indikator: Indikator, tahun: int, nama: str, satuan: str, alasan: str) -> Indikator:
    """Replace an indicator from ``tahun`` (IKU revised by decree, DOMAIN §4 / issue 4).

    The old indicator ends the year before and keeps its targets and realisasi up to then;
    its targets from ``tahun`` on move to the new indicator as a starting point.
    """
    if hasattr(indikator, "pengganti"):
        raise ValidationError({"tahun": "Indikator ini sudah diganti; ubah penggantinya."})
    baru = Indikator.objects.get(pk=indikator.pk)
    baru.pk = baru.id = None
    baru._state.adding = True
    baru.nama, baru.satuan = nama, satuan
    baru.berlaku_mulai, baru.berlaku_sampai = tahun, indikator.berlaku_sampai
    baru.menggantikan = indikator
    baru.keterangan = f"Menggantikan “{indikator.nama}” mulai {tahun}: {alasan}"
    baru.full_clean()
    baru.save()
    indikator.berlaku_sampai = tahun - 1
    indikator.full_clean()
    indikator.save()
    for t in TargetIndikator.objects.filter(indikator=indikator, tahun__gte=tahun):
        TargetIndikator.objects.create(
            renstra=t.renstra,
            indikator=baru,
            tahun=t.tahun,
            jenis=t.jenis,
            nilai=t.nilai,
            nilai_atas=t.nilai_atas,
        )
        t.delete()
    for k in KomponenIndikator.objects.filter(indikator=indikator):
        KomponenIndikator.objects.create(renstra=k.renstra, indikator=baru, nama=k.nama, urutan=k.urutan)
    return baru


def renstra_hapus(*, renstra: Renstra) -> None:
    """A Renstra can go only while it is empty: its nodes would otherwise vanish with it."""
    from renstra.models import Program, Strategi, Tujuan

    isi = []
    for model in (Tujuan, Program, Strategi):
        n = model.objects.filter(renstra=renstra).count()
        if n:
            isi.append(f"{n} {model._meta.verbose_name}")
    if isi:
        raise MasihDipakai(renstra, isi)
    node_hapus(obj=renstra)


# ------------------------------------------------------------------ nomenclature


def teks_rincian(rincian: dict[Any, int]) -> str:
    """``8 urusan, 43 bidang, 163 program, 410 kegiatan, 1.983 sub-kegiatan``."""
    return ", ".join(f"{format_angka(n, tempat=0)} {t.value.replace('_', '-')}" for t, n in rincian.items())


def _teks_csv(isi: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel writes on an Indonesian PC."""
    try:
        return isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        return isi.decode("cp1252", errors="replace")


@transaction.atomic
def nomenklatur_ganti(*, pemda: Pemda, isi: bytes, nama_berkas: str) -> DaftarNomenklatur:
    """Replace the pemda's nomenclature by an uploaded ``kode,tingkat,nama`` CSV, whole or not at all.

    Every bad row raises one message in a ValidationError (nothing changes). The list row's
    audit entry records the file, the counts and the time, old → new; the codes themselves
    are replaced in bulk (they are the file, not a record anyone edits).
    """
    try:
        entri = urai_nomenklatur(teks=_teks_csv(isi))
    except NomenklaturTidakSah as exc:
        raise ValidationError(exc.masalah) from exc
    daftar = DaftarNomenklatur.objects.filter(pemda=pemda).first() or DaftarNomenklatur(pemda=pemda)
    daftar.nama_berkas = nama_berkas[:200]
    daftar.jumlah_kode = len(entri)
    daftar.rincian = teks_rincian(rincian_nomenklatur(entri=entri))
    daftar.sha256 = hashlib.sha256(isi).hexdigest()
    daftar.diunggah_pada = timezone.now()
    daftar.full_clean()
    daftar.save()
    KodeNomenklatur.objects.filter(daftar=daftar).delete()
    KodeNomenklatur.objects.bulk_create(
        [
            KodeNomenklatur(daftar=daftar, kode=k, tingkat=e.tingkat.value, nama=e.nama)
            for k, e in entri.items()
        ],
        batch_size=1000,
    )
    return daftar


@transaction.atomic
def nomenklatur_kembalikan(*, pemda: Pemda) -> bool:
    """Back to the shipped Permendagri 90/2019 list; False when the pemda had no list of its own."""
    daftar = DaftarNomenklatur.objects.filter(pemda=pemda).first()
    if daftar is None:
        return False
    daftar.delete()
    return True
