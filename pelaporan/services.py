"""Writes of the execution data: each checks the period and the role, validates, saves, and
leaves its audit entries (lkjip.audit), in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lkjip import akses, audit
from lkjip.angka import format_ringkas
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan import konflik as kf
from pelaporan.domain import nilai_komponen
from pelaporan.models import (
    Anggaran,
    AnggaranPK,
    BuktiDukung,
    ButirPK,
    LaporanTriwulan,
    PembukaanKembali,
    PeriodeTriwulan,
    PerjanjianKinerja,
    Realisasi,
    RealisasiAnggaran,
    RealisasiKomponen,
    StatusLaporan,
    StatusPK,
    TargetTriwulan,
)
from pelaporan.selectors import StatusTriwulan, indikator_pk, status_triwulan
from renstra.models import Indikator, KomponenIndikator, periksa_nilai_satuan


class TriwulanTertutup(Exception):
    """Writing to this quarter is not allowed now; the message says why and who can reopen."""


class PKTerkunci(Exception):
    """A signed PK never changes: make a PK Perubahan instead."""


def hari_ini_pemda() -> dt.date:
    """Today in the pemda's zone (activated per request by the middleware)."""
    return timezone.localdate()


def pastikan_boleh_isi(*, opd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan:
    status = status_triwulan(opd, tahun, triwulan, hari_ini=hari_ini_pemda())
    if not status.boleh_diisi:
        raise TriwulanTertutup(status.alasan)
    return status


# =========================================================================== realisasi grid


@dataclass
class HasilSimpan:
    disimpan: int = 0
    konflik: list[kf.Konflik[int]] = field(default_factory=list)
    diperbarui_orang_lain: list[int] = field(default_factory=list)
    galat: dict[int, str] = field(default_factory=dict)


def _ke_teks(nilai: Decimal | None, kosong: bool, ada_baris: bool) -> str:
    if nilai is not None:
        return format(nilai.normalize(), "f")
    if kosong or ada_baris:
        return kf.BELUM_ADA_DATA
    return kf.TIDAK_DIISI


@transaction.atomic
def realisasi_simpan_grid(
    *,
    opd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    masukan: list[dict[str, Any]],
    pengguna: Pengguna,
) -> HasilSimpan:
    """Save a quarter's realisasi grid (issue 5): only what this user changed, never silently
    over someone else's newer value, all rows or none, in a fixed number of queries.

    ``masukan`` items: ``indikator`` (id), ``nilai`` (Decimal or None), ``kosong`` (bool,
    "belum ada data"), ``awal`` (state text when loaded), ``versi`` (int), ``putusan``.
    """
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    indikator = {d.indikator.pk: d.indikator for d in indikator_pk(opd, tahun)}
    ada = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).select_related(
            "diubah_oleh", "indikator"
        )
    }
    hasil = HasilSimpan()
    kiriman = []
    for m in masukan:
        ind = indikator.get(m["indikator"])
        if ind is None:
            continue  # not a PK indicator of this OPD and year: ignored, never written
        try:
            periksa_nilai_satuan(m["nilai"], satuan=ind.satuan, kolom="nilai")
        except ValidationError as exc:
            hasil.galat[ind.pk] = exc.message_dict["nilai"][0]
            continue
        r = ada.get(ind.pk)
        kiriman.append(
            kf.Kiriman(
                kunci=ind.pk,
                baru=_ke_teks(m["nilai"], m.get("kosong", False), r is not None),
                awal=m.get("awal", ""),
                versi=m.get("versi", 0),
                putusan=m.get("putusan", ""),
            )
        )
    if hasil.galat:
        return hasil
    tersimpan = {
        k: kf.Tersimpan(
            nilai=kf.teks_nilai(r.nilai, ada_baris=True),
            versi=r.versi,
            oleh=(r.diubah_oleh.nama or r.diubah_oleh.username) if r.diubah_oleh else "",
            pada=r.diubah_pada,
        )
        for k, r in ada.items()
    }
    keputusan = kf.putuskan(kiriman=kiriman, tersimpan=tersimpan)
    hasil.diperbarui_orang_lain = keputusan.diperbarui_orang_lain
    if keputusan.konflik:
        hasil.konflik = keputusan.konflik
        return hasil
    sekarang = timezone.now()
    ubah, baru = [], []
    for ind_id, teks in keputusan.tulis.items():
        nilai = None if teks in (kf.BELUM_ADA_DATA, kf.TIDAK_DIISI) else Decimal(teks)
        r = ada.get(ind_id)
        if r is None:
            baru.append(
                Realisasi(
                    opd=opd,
                    indikator=indikator[ind_id],
                    tahun=tahun,
                    triwulan=triwulan,
                    nilai=nilai,
                    diubah_oleh=pengguna,
                    diubah_pada=sekarang,
                )
            )
        else:
            r.nilai, r.versi, r.diubah_oleh, r.diubah_pada = nilai, r.versi + 1, pengguna, sekarang
            ubah.append(r)
    with audit.oleh(pengguna, keterangan=f"Realisasi TW {triwulan} {tahun}"):
        audit.simpan_massal(ubah, ["nilai", "versi", "diubah_oleh", "diubah_pada"])
        audit.buat_massal(baru)
    hasil.disimpan = len(ubah) + len(baru)
    return hasil


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
        oleh = r.diubah_oleh.nama if r.diubah_oleh else "pengguna lain"
        raise ValidationError(
            f"Data ini sudah diubah oleh {oleh} setelah halaman Anda dibuka. Muat ulang halaman untuk melihat "
            "nilai terbarunya, lalu simpan lagi."
        )
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
    r.full_clean()
    r.save()
    if daftar_komponen:
        ada = {x.komponen_id: x for x in RealisasiKomponen.objects.filter(realisasi=r)}
        for k in daftar_komponen:
            a, b = komponen.get(k.pk, (None, None))
            x = ada.get(k.pk) or RealisasiKomponen(realisasi=r, komponen=k)
            if x.pk is None or x.pembilang != a or x.penyebut != b:
                x.pembilang, x.penyebut = a, b
                x.save()
    return r


# =========================================================================== evidence

BUKTI_MAKS_BYTE = 10 * 1024 * 1024
# extension → (mime type, accepted leading bytes)
BUKTI_TIPE: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}


def periksa_bukti(berkas: UploadedFile) -> str:
    """The mime type of an acceptable evidence file, or a ValidationError saying what is wrong."""
    import os

    ekstensi = os.path.splitext(berkas.name or "")[1].lower()
    if ekstensi not in BUKTI_TIPE:
        daftar = ", ".join(sorted({e.lstrip(".").upper() for e in BUKTI_TIPE}))
        raise ValidationError(
            f"Jenis berkas {ekstensi or '(tanpa ekstensi)'} tidak diterima. Gunakan {daftar}."
        )
    if berkas.size > BUKTI_MAKS_BYTE:
        raise ValidationError(
            f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); paling besar {BUKTI_MAKS_BYTE // 1024 // 1024} MB."
        )
    tipe, awalan = BUKTI_TIPE[ekstensi]
    kepala = berkas.read(16)
    berkas.seek(0)
    if not any(kepala.startswith(a) for a in awalan):
        raise ValidationError(
            f"Isi berkas tidak sesuai dengan ekstensinya ({ekstensi}). Berkas mungkin rusak atau berganti nama."
        )
    return tipe


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
    indikator = {d.indikator.pk: d.indikator for d in indikator_pk(opd, tahun)}
    ada = {(t.indikator_id, t.triwulan): t for t in TargetTriwulan.objects.filter(opd=opd, tahun=tahun)}
    jumlah = 0
    for ind_id, nilai_tw in target.items():
        ind = indikator.get(ind_id)
        if ind is None:
            continue
        for tw, nilai in enumerate(nilai_tw, start=1):
            periksa_nilai_satuan(nilai, satuan=ind.satuan, kolom=f"target_{ind_id}_{tw}")
            lama = ada.get((ind_id, tw))
            if nilai is None:
                if lama is not None:
                    lama.delete()
                    jumlah += 1
                continue
            if lama is None:
                TargetTriwulan.objects.create(opd=opd, indikator=ind, tahun=tahun, triwulan=tw, nilai=nilai)
                jumlah += 1
            elif lama.nilai != nilai:
                lama.nilai = nilai
                lama.save()
                jumlah += 1
    return jumlah


# =========================================================================== PK


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
    _pastikan_draft(pk)
    butir = butir or ButirPK(perjanjian=pk)
    butir.indikator, butir.target, butir.target_atas, butir.kinerja = indikator, target, target_atas, kinerja
    if butir.pk is None:
        butir.urutan = pk.butir.count() + 1
    butir.full_clean()
    butir.save()
    return butir


@transaction.atomic
def butir_pk_hapus(*, butir: ButirPK) -> None:
    _pastikan_draft(butir.perjanjian)
    butir.delete()


@transaction.atomic
def anggaran_pk_simpan(
    *, pk: PerjanjianKinerja, node: Any, jumlah: Decimal, baris: AnggaranPK | None = None
) -> AnggaranPK:
    _pastikan_draft(pk)
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
    _pastikan_draft(baris.perjanjian)
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
    baru = PerjanjianKinerja(
        opd=pk.opd,
        tahun=pk.tahun,
        jenjang=pk.jenjang,
        unit_kerja=pk.unit_kerja,
        induk=pk.induk,
        pihak_pertama=pk.pihak_pertama,
        pihak_kedua=pk.pihak_kedua,
        pihak_kedua_nama=pk.pihak_kedua_nama,
        pihak_kedua_jabatan=pk.pihak_kedua_jabatan,
        versi=pk.versi + 1,
        menggantikan=pk,
        alasan_perubahan=alasan.strip(),
        nomor_sk=nomor_sk.strip(),
    )
    baru.full_clean()
    baru.save()
    for b in pk.butir.all():
        ButirPK.objects.create(
            perjanjian=baru,
            indikator=b.indikator,
            kinerja=b.kinerja,
            target=b.target,
            target_atas=b.target_atas,
            urutan=b.urutan,
        )
    for a in pk.anggaran.all():
        AnggaranPK.objects.create(
            perjanjian=baru,
            program=a.program,
            kegiatan=a.kegiatan,
            sub_kegiatan=a.sub_kegiatan,
            jumlah=a.jumlah,
            urutan=a.urutan,
        )
    return baru


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
    anggaran.full_clean()
    periksa_tumpang_tindih(anggaran=anggaran)
    anggaran.save()
    return anggaran


@transaction.atomic
def realisasi_anggaran_simpan_grid(
    *, opd: PerangkatDaerah, tahun: int, triwulan: int, masukan: list[dict[str, Any]], pengguna: Pengguna
) -> HasilSimpan:
    """Save a quarter's budget realisasi with the same no-silent-overwrite rule as the realisasi grid."""
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi anggaran.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    anggaran = {a.pk: a for a in Anggaran.objects.filter(opd=opd, tahun=tahun)}
    ada = {
        r.anggaran_id: r
        for r in RealisasiAnggaran.objects.filter(
            anggaran__in=list(anggaran), triwulan=triwulan
        ).select_related("diubah_oleh")
    }
    hasil = HasilSimpan()
    kiriman = []
    for m in masukan:
        if m["anggaran"] not in anggaran:
            continue
        if m["nilai"] is not None and m["nilai"] < 0:
            hasil.galat[m["anggaran"]] = "Realisasi anggaran tidak boleh negatif."
            continue
        r = ada.get(m["anggaran"])
        kiriman.append(
            kf.Kiriman(
                kunci=m["anggaran"],
                baru=_ke_teks(m["nilai"], False, False)
                if m["nilai"] is not None
                else (kf.TIDAK_DIISI if r is None else "0"),
                awal=m.get("awal", ""),
                versi=m.get("versi", 0),
                putusan=m.get("putusan", ""),
            )
        )
    if hasil.galat:
        return hasil
    tersimpan = {
        k: kf.Tersimpan(
            nilai=kf.teks_nilai(r.jumlah, ada_baris=True),
            versi=r.versi,
            oleh=(r.diubah_oleh.nama or r.diubah_oleh.username) if r.diubah_oleh else "",
            pada=r.diubah_pada,
        )
        for k, r in ada.items()
    }
    keputusan = kf.putuskan(kiriman=kiriman, tersimpan=tersimpan)
    hasil.diperbarui_orang_lain = keputusan.diperbarui_orang_lain
    if keputusan.konflik:
        hasil.konflik = keputusan.konflik
        return hasil
    sekarang = timezone.now()
    ubah, baru = [], []
    for a_id, teks in keputusan.tulis.items():
        jumlah = Decimal(teks) if teks not in (kf.TIDAK_DIISI, kf.BELUM_ADA_DATA) else Decimal(0)
        r = ada.get(a_id)
        if r is None:
            baru.append(
                RealisasiAnggaran(
                    anggaran_id=a_id,
                    triwulan=triwulan,
                    jumlah=jumlah,
                    diubah_oleh=pengguna,
                    diubah_pada=sekarang,
                )
            )
        else:
            r.jumlah, r.versi, r.diubah_oleh, r.diubah_pada = jumlah, r.versi + 1, pengguna, sekarang
            ubah.append(r)
    with audit.oleh(pengguna, keterangan=f"Realisasi anggaran TW {triwulan} {tahun}"):
        audit.simpan_massal(ubah, ["jumlah", "versi", "diubah_oleh", "diubah_pada"])
        audit.buat_massal(baru)
    hasil.disimpan = len(ubah) + len(baru)
    return hasil


# =========================================================================== periods and approval


@transaction.atomic
def periode_simpan(
    *, pemda_id: int, tahun: int, jadwal: dict[int, tuple[dt.date, dt.date]], pengguna: Pengguna
) -> None:
    if not akses.can_kelola_pemda(pengguna):
        raise PermissionDenied("Hanya admin pemda yang mengatur jadwal triwulan.")
    for tw, (dibuka, ditutup) in jadwal.items():
        p = PeriodeTriwulan.objects.filter(
            pemda_id=pemda_id, tahun=tahun, triwulan=tw
        ).first() or PeriodeTriwulan(pemda_id=pemda_id, tahun=tahun, triwulan=tw)
        if p.pk and (p.dibuka, p.ditutup) == (dibuka, ditutup):
            continue
        p.dibuka, p.ditutup = dibuka, ditutup
        p.full_clean()
        p.save()


@transaction.atomic
def pembukaan_kembali_buat(
    *, periode: PeriodeTriwulan, opd: PerangkatDaerah, sampai: dt.date, alasan: str, pengguna: Pengguna
) -> PembukaanKembali:
    """Reopen a closed quarter for one OPD (recorded, with who, why and until when)."""
    if not akses.can_kelola_pemda(pengguna, opd.pemda):
        raise PermissionDenied("Hanya admin pemda yang dapat membuka kembali triwulan.")
    if sampai < hari_ini_pemda():
        raise ValidationError({"sampai": "Tanggal akhir pembukaan kembali tidak boleh di masa lalu."})
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan pembukaan kembali wajib diisi."})
    buka = PembukaanKembali(
        periode=periode, opd=opd, sampai=sampai, alasan=alasan.strip(), dibuka_oleh=pengguna
    )
    buka.full_clean()
    buka.save()
    laporan = LaporanTriwulan.objects.filter(opd=opd, tahun=periode.tahun, triwulan=periode.triwulan).first()
    if laporan is not None and laporan.status in (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI):
        laporan.status = StatusLaporan.DIKEMBALIKAN
        laporan.catatan = f"Dibuka kembali oleh admin: {alasan.strip()}"
        laporan.diputuskan_oleh, laporan.diputuskan_pada = pengguna, timezone.now()
        laporan.full_clean()
        laporan.save()
    return buka


def _laporan(opd: PerangkatDaerah, tahun: int, triwulan: int) -> LaporanTriwulan:
    laporan, _ = LaporanTriwulan.objects.select_for_update().get_or_create(
        opd=opd, tahun=tahun, triwulan=triwulan
    )
    return laporan


@transaction.atomic
def laporan_ajukan(*, opd: PerangkatDaerah, tahun: int, triwulan: int, pengguna: Pengguna) -> LaporanTriwulan:
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengajukan laporan triwulan.")
    pastikan_boleh_isi(opd=opd, tahun=tahun, triwulan=triwulan)
    indikator = indikator_pk(opd, tahun)
    if not indikator:
        raise ValidationError("Belum ada indikator PK tahun ini: susun dan tandatangani PK dulu.")
    terisi = set(
        Realisasi.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).values_list(
            "indikator_id", flat=True
        )
    )
    kosong = [d.indikator.nama for d in indikator if d.indikator.pk not in terisi]
    if kosong:
        raise ValidationError(
            f"{len(kosong)} indikator belum diisi (isi nilainya atau centang “belum ada data”): "
            + "; ".join(kosong[:5])
            + ("…" if len(kosong) > 5 else "")
        )
    laporan = _laporan(opd, tahun, triwulan)
    laporan.status = StatusLaporan.DIAJUKAN
    laporan.diajukan_oleh, laporan.diajukan_pada = pengguna, timezone.now()
    laporan.save()
    return laporan


@transaction.atomic
def laporan_putuskan(
    *, opd: PerangkatDaerah, tahun: int, triwulan: int, setuju: bool, catatan: str, pengguna: Pengguna
) -> LaporanTriwulan:
    """The kepala approves the quarter, or returns it with notes for the operator."""
    if not akses.can_setujui(pengguna, opd):
        raise PermissionDenied("Hanya kepala OPD ini yang dapat menyetujui laporan triwulan.")
    laporan = _laporan(opd, tahun, triwulan)
    if laporan.status != StatusLaporan.DIAJUKAN:
        raise ValidationError("Laporan ini tidak sedang menunggu persetujuan.")
    if not setuju and not catatan.strip():
        raise ValidationError({"catatan": "Tulis catatan: apa yang harus diperbaiki operator."})
    laporan.status = StatusLaporan.DISETUJUI if setuju else StatusLaporan.DIKEMBALIKAN
    laporan.catatan = catatan.strip()
    laporan.diputuskan_oleh, laporan.diputuskan_pada = pengguna, timezone.now()
    laporan.save()
    return laporan
