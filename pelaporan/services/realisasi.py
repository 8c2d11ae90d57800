"""Writes of realisasi: the quarter's grid, one indicator's detail, evidence and rencana aksi."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lkjip import akses
from lkjip.berkas import BUKTI, BerkasTidakSah
from lkjip.berkas import periksa as periksa_berkas
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.domain import nilai_komponen
from pelaporan.models import BuktiDukung, Realisasi, RealisasiKomponen, TargetTriwulan
from pelaporan.selectors import indikator_diukur
from pelaporan.services._umum import HasilSimpan, SisipanBentrok, pastikan_boleh_isi, sisipan_bersaing
from pelaporan.services.grid import SelGrid, grid_simpan
from renstra.models import Indikator, KomponenIndikator, periksa_nilai_satuan, periksa_target

# =========================================================================== realisasi grid


def periksa_nilai_realisasi(nilai: Decimal | None, *, indikator: Indikator) -> str | None:
    """Why a typed realisasi (already read as a number) may not be stored, or None.

    The indicator's unit rule (renstra ``periksa_nilai_satuan``: a count or a percentage is never
    negative), the one rule the grid's form, its live preview and this save all apply.
    """
    try:
        periksa_nilai_satuan(nilai, satuan=indikator.satuan, kolom="nilai")
    except ValidationError as exc:
        return (
            f"{exc.message_dict['nilai'][0]} Isi 0 atau angka positif, atau kosongkan dan centang "
            "“belum ada data” bila datanya belum ada."
        )
    return None


@transaction.atomic
def realisasi_simpan_grid(
    *,
    opd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    masukan: Sequence[SelGrid],
    pengguna: Pengguna,
) -> HasilSimpan:
    """Save a quarter's realisasi grid (issue 5): only what this user changed, never silently
    over someone else's newer value, all rows or none, in a fixed number of queries.

    ``masukan``: one cell per indicator (``SelGrid.kunci`` = indicator id); a blank cell on a
    stored row, or one ticked "belum ada data", is stored as "belum ada data", never 0.
    """
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    indikator = {d.indikator.pk: d.indikator for d in indikator_diukur(opd, tahun)}

    def baca() -> dict[int, Realisasi]:
        return {
            r.indikator_id: r
            for r in Realisasi.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan)
            .select_related("indikator")
            .select_for_update(of=("self",))
        }

    return grid_simpan(
        sel=masukan,
        kunci_sah=indikator,  # not a measured indicator of this OPD and year: ignored, never written
        baca=baca,
        kolom="nilai",
        periksa=lambda s: periksa_nilai_realisasi(s.nilai, indikator=indikator[s.kunci]),
        buat=lambda k, _: Realisasi(opd=opd, indikator=indikator[k], tahun=tahun, triwulan=triwulan),
        kosong_dihapus=False,
        keterangan=f"Realisasi TW {triwulan} {tahun}",
        pengguna=pengguna,
    )


# =========================================================================== one indicator's detail

TEKS_REALISASI = ("penjelasan", "faktor_pendukung", "faktor_penghambat", "upaya", "rencana_tindak_lanjut")


@transaction.atomic
def realisasi_detail_simpan(
    *,
    opd: PerangkatDaerah,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    teks: dict[str, str],
    komponen: dict[int, tuple[Decimal | None, Decimal | None]],
    versi: int,
    pengguna: Pengguna,
) -> Realisasi:
    """Save the texts (and, for a composite indicator, the components) of one indicator's quarter.

    The value of a composite indicator is computed here from its components (Σ pembilang ÷
    Σ penyebut × 100, pelaporan.domain); nobody types it. A row saved by someone else since
    the page was loaded is not overwritten: the caller gets a ValidationError naming them.
    """
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    r = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
        .first()
    )
    if r is not None and r.versi != versi:
        raise ValidationError(_pesan_diubah(r))
    if r is None:
        r = Realisasi(opd=opd, indikator=indikator, tahun=tahun, triwulan=triwulan, versi=0)
    for nama in TEKS_REALISASI:
        setattr(r, nama, (teks.get(nama) or "").strip())
    daftar_komponen = list(KomponenIndikator.objects.filter(indikator=indikator).order_by("urutan", "pk"))
    if daftar_komponen:
        pasangan = [komponen.get(k.pk, (None, None)) for k in daftar_komponen]
        r.nilai = nilai_komponen(pasangan=pasangan).nilai
    r.versi += 1
    r.diubah_oleh, r.diubah_pada = pengguna, timezone.now()
    baru = r.pk is None
    # A new row's uniqueness is left to the database: the row another save inserts meanwhile
    # is not visible to a check made here, and the clash below names who saved it.
    r.full_clean(validate_constraints=not baru)
    try:
        with sisipan_bersaing():
            r.save()
    except SisipanBentrok:
        pemenang = Realisasi.objects.select_related("diubah_oleh").get(
            indikator=indikator, tahun=tahun, triwulan=triwulan
        )
        raise ValidationError(_pesan_diubah(pemenang)) from None
    if daftar_komponen:
        ada = {x.komponen_id: x for x in RealisasiKomponen.objects.filter(realisasi=r)}
        for k in daftar_komponen:
            a, b = komponen.get(k.pk, (None, None))
            x = ada.get(k.pk) or RealisasiKomponen(realisasi=r, komponen=k)
            if x.pk is None or x.pembilang != a or x.penyebut != b:
                x.pembilang, x.penyebut = a, b
                x.save()
    return r


def _pesan_diubah(r: Realisasi) -> str:
    oleh = (r.diubah_oleh.nama or r.diubah_oleh.username) if r.diubah_oleh else "pengguna lain"
    return (
        f"Data ini sudah diubah oleh {oleh} setelah halaman Anda dibuka. Muat ulang halaman untuk melihat "
        "nilai terbarunya, lalu simpan lagi."
    )


# =========================================================================== evidence


def periksa_bukti(berkas: UploadedFile) -> str:
    """The MIME type of an acceptable evidence file, or a ValidationError saying what to do
    (the file is parsed for what its extension claims: lkjip.berkas)."""
    try:
        return periksa_berkas(berkas, nama=berkas.name or "", aturan=BUKTI)
    except BerkasTidakSah as exc:
        raise ValidationError(str(exc)) from exc


@transaction.atomic
def bukti_unggah(
    *,
    opd: PerangkatDaerah,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    berkas: UploadedFile,
    pengguna: Pengguna,
) -> BuktiDukung:
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengunggah bukti dukung.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    tipe = periksa_bukti(berkas)
    r, _ = Realisasi.objects.get_or_create(
        indikator=indikator,
        tahun=tahun,
        triwulan=triwulan,
        defaults={"opd": opd, "diubah_oleh": pengguna, "diubah_pada": timezone.now()},
    )
    bukti = BuktiDukung(
        realisasi=r,
        berkas=berkas,
        nama_asli=(berkas.name or "berkas")[:255],
        ukuran=berkas.size,
        tipe=tipe,
        diunggah_oleh=pengguna,
    )
    bukti.full_clean()
    bukti.save()
    return bukti


@transaction.atomic
def bukti_hapus(*, bukti: BuktiDukung, pengguna: Pengguna) -> None:
    r = bukti.realisasi
    if not akses.can_isi_data(pengguna, r.opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat menghapus bukti dukung.")
    pastikan_boleh_isi(opd=r.opd, tahun=r.tahun, triwulan=r.triwulan)
    berkas = bukti.berkas
    bukti.delete()
    transaction.on_commit(lambda: berkas.delete(save=False))


# =========================================================================== rencana aksi


@transaction.atomic
def target_triwulan_simpan(
    *,
    opd: PerangkatDaerah,
    tahun: int,
    target: dict[int, list[Decimal | None]],
    pengguna: Pengguna,
) -> int:
    """Set the quarterly targets of the OPD's PK indicators. A warning, not a block, when they
    do not fit the annual target (the grid shows it, naming the numbers)."""
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi rencana aksi.")
    indikator = {d.indikator.pk: d.indikator for d in indikator_diukur(opd, tahun)}
    # Locked: a second save of the same rencana aksi waits, then works from the first one's rows.
    ada = {
        (t.indikator_id, t.triwulan): t
        for t in TargetTriwulan.objects.filter(opd=opd, tahun=tahun).select_for_update()
    }
    jumlah = 0
    for ind_id, nilai_tw in target.items():
        ind = indikator.get(ind_id)
        if ind is None:
            continue
        for tw, nilai in enumerate(nilai_tw, start=1):
            lama = ada.get((ind_id, tw))
            # The one target rule: the grid edits the lower bound only, so a range's upper bound
            # (from a workbook) must still not fall below it.
            kolom = f"target_{ind_id}_{tw}"
            periksa_target(
                nilai, lama.nilai_atas if lama else None, indikator=ind, kolom=kolom, kolom_atas=kolom
            )
            if nilai is None:
                if lama is not None:
                    lama.delete()
                    jumlah += 1
                continue
            if lama is None:
                try:
                    with sisipan_bersaing():
                        TargetTriwulan.objects.create(
                            opd=opd, indikator=ind, tahun=tahun, triwulan=tw, nilai=nilai
                        )
                except SisipanBentrok:
                    # a row that did not exist when read cannot be locked: someone saved it first
                    raise ValidationError(
                        {
                            f"target_{ind_id}_{tw}": "Target ini baru saja diisi orang lain. Tidak ada yang "
                            "disimpan: muat ulang halaman untuk melihat nilainya, lalu simpan lagi."
                        }
                    ) from None
                jumlah += 1
            elif lama.nilai != nilai:
                lama.nilai = nilai
                lama.save()
                jumlah += 1
    return jumlah
