"""Writes of the LKjIP: create with drafts, edit texts, submit, return, sign, new version."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lkjip import akses
from lkjip.laporan.berubah import KUNCI_ANGKA, angka_tertandatangan
from lkjip.laporan.models import (
    CatatanReviu,
    DokumenTertandatangan,
    LaporanKinerja,
    PembandingIndikator,
    PernyataanReviu,
    StatusLKjIP,
    TeksLaporan,
)
from lkjip.laporan.periksa import periksa_lkjip
from lkjip.laporan.rakit import Perakit, draf_semua
from lkjip.laporan.render import Kemajuan, html_dokumen, pdf_dari_html
from lkjip.laporan.sanitasi import bersihkan
from lkjip.laporan.tandatangan import penandatangan_untuk
from lkjip.models import Pengguna, PerangkatDaerah
from lkjip.versi import versi_salin


def _pastikan_bisa_diubah(laporan: LaporanKinerja, pengguna: Pengguna) -> None:
    """Only the OPD's operator changes a report, and only while it is a draft or returned.

    The status is read again under a row lock: the caller's object may be older than a
    submission or signature that happened in another request."""
    if not akses.can_isi_data(pengguna, laporan.opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengubah LKjIP.")
    laporan.status = (
        LaporanKinerja.objects.select_for_update().values_list("status", flat=True).get(pk=laporan.pk)
    )
    if laporan.status == StatusLKjIP.DITANDATANGANI:
        raise ValidationError(
            f"{laporan} sudah ditandatangani dan tidak dapat diubah. Buat versi baru untuk memperbaikinya."
        )
    if laporan.status == StatusLKjIP.DIAJUKAN:
        raise ValidationError(
            f"{laporan} sedang diajukan ke kepala dan tidak dapat diubah sampai dikembalikan."
        )


@transaction.atomic
def laporan_buat(
    *, opd: PerangkatDaerah, tahun: int, triwulan: int | None, pengguna: Pengguna
) -> LaporanKinerja:
    """A new LKjIP whose texts start from drafts the product writes from the data."""
    if not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat menyusun LKjIP.")
    ada = LaporanKinerja.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).order_by("-versi").first()
    if ada is not None:
        raise ValidationError(f"{ada} sudah ada; buka yang itu, atau buat versi baru setelah ditandatangani.")
    laporan = LaporanKinerja(opd=opd, tahun=tahun, triwulan=triwulan, tempat=opd.pemda.ibu_kota)
    laporan.full_clean()
    laporan.save()
    for kunci, isi in draf_semua(laporan).items():
        TeksLaporan.objects.create(laporan=laporan, kunci=kunci, isi=bersihkan(isi))
    return laporan


@transaction.atomic
def teks_simpan(*, laporan: LaporanKinerja, kunci: str, isi: str, pengguna: Pengguna) -> TeksLaporan:
    _pastikan_bisa_diubah(laporan, pengguna)
    teks = TeksLaporan.objects.filter(laporan=laporan, kunci=kunci).first() or TeksLaporan(
        laporan=laporan, kunci=kunci
    )
    bersih = bersihkan(isi)
    if teks.isi != bersih:
        teks.isi = bersih
        teks.save()
    return teks


@transaction.atomic
def teks_ke_draf(*, laporan: LaporanKinerja, kunci: str, pengguna: Pengguna) -> TeksLaporan:
    """Start a text again from the data (after the figures changed)."""
    return teks_simpan(
        laporan=laporan, kunci=kunci, isi=draf_semua(laporan).get(kunci, ""), pengguna=pengguna
    )


@transaction.atomic
def pembanding_simpan(
    *,
    laporan: LaporanKinerja,
    indikator_id: int,
    jenis: str,
    nama: str,
    nilai: object,
    keterangan: str,
    pengguna: Pengguna,
) -> PembandingIndikator | None:
    _pastikan_bisa_diubah(laporan, pengguna)
    obj = PembandingIndikator.objects.filter(laporan=laporan, indikator_id=indikator_id, jenis=jenis).first()
    if nilai is None and not keterangan.strip() and not nama.strip():
        if obj is not None:
            obj.delete()
        return None
    obj = obj or PembandingIndikator(laporan=laporan, indikator_id=indikator_id, jenis=jenis)
    obj.nama_pembanding, obj.nilai, obj.keterangan = nama.strip(), nilai, keterangan.strip()
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def laporan_ajukan(*, laporan: LaporanKinerja, pengguna: Pengguna) -> LaporanKinerja:
    """Submit to the kepala; refused while the consistency check finds an error."""
    _pastikan_bisa_diubah(laporan, pengguna)
    galat = [m for m in periksa_lkjip(laporan) if m.tingkat == "galat"]
    if galat:
        raise ValidationError(
            f"LKjIP belum dapat diajukan: {len(galat)} masalah harus diperbaiki dulu (lihat Pemeriksaan)."
        )
    laporan.status = StatusLKjIP.DIAJUKAN
    laporan.diajukan_oleh, laporan.diajukan_pada = pengguna, timezone.now()
    laporan.save()
    return laporan


@transaction.atomic
def laporan_kembalikan(*, laporan: LaporanKinerja, catatan: str, pengguna: Pengguna) -> LaporanKinerja:
    if not akses.can_setujui(pengguna, laporan.opd):
        raise PermissionDenied("Hanya kepala OPD ini yang dapat mengembalikan LKjIP.")
    if laporan.status != StatusLKjIP.DIAJUKAN:
        raise ValidationError("LKjIP ini tidak sedang menunggu keputusan Anda.")
    if not catatan.strip():
        raise ValidationError({"catatan": "Tulis catatan: apa yang harus diperbaiki operator."})
    laporan.status = StatusLKjIP.DIKEMBALIKAN
    laporan.catatan_kepala = catatan.strip()
    laporan.save()
    return laporan


def url_verifikasi(token: object, *, alamat: str = "") -> str:
    """The public verification page of a signed document, as printed and in its QR code: on the
    configured SITE_URL, else on ``alamat``, the address the signing request came in on
    (lkjip.situs.alamat_situs), never a guessed host and port."""
    return (settings.SITE_URL or alamat) + reverse("verifikasi", args=[token])


def periksa_tandatangan(*, laporan: LaporanKinerja, pengguna: Pengguna, sandi: str) -> None:
    """What must hold before signing starts: the kepala, their password, a submitted report, a certificate."""
    if not akses.can_setujui(pengguna, laporan.opd):
        raise PermissionDenied("Hanya kepala OPD ini yang dapat menandatangani LKjIP.")
    if not pengguna.check_password(sandi):
        raise ValidationError({"sandi": "Kata sandi salah."})
    if laporan.status != StatusLKjIP.DIAJUKAN:
        raise ValidationError("Hanya LKjIP yang sudah diajukan yang dapat ditandatangani.")
    penandatangan_untuk(laporan.opd_id)  # raises TandaTanganGagal with the reason


def laporan_tandatangani(
    *,
    laporan: LaporanKinerja,
    pengguna: Pengguna,
    sandi: str,
    kemajuan: Kemajuan | None = None,
    alamat: str = "",
) -> DokumenTertandatangan:
    """The kepala signs (with their password): render the final PDF with the verification QR,
    sign it (PAdES), and freeze the assembled data, the PDF and its SHA-256. Never changes after."""
    periksa_tandatangan(laporan=laporan, pengguna=pengguna, sandi=sandi)
    return tandatangani_setelah_diperiksa(
        laporan=laporan, pengguna=pengguna, kemajuan=kemajuan, alamat=alamat
    )


def _bisa_ditandatangani(pk: int) -> LaporanKinerja:
    """Lock the report row and check it still waits for a signature (call inside a transaction)."""
    laporan = LaporanKinerja.objects.select_for_update().select_related("opd__pemda").get(pk=pk)
    if (
        laporan.status != StatusLKjIP.DIAJUKAN
        or DokumenTertandatangan.objects.filter(laporan=laporan).exists()
    ):
        raise ValidationError(
            "Hanya LKjIP yang sudah diajukan (dan belum ditandatangani) yang dapat ditandatangani."
        )
    return laporan


def _sidik_pengajuan(laporan: LaporanKinerja) -> tuple:
    """What the kepala decides on: this submission (returned and resubmitted = another one) and
    the Inspektorat's statement attached to it. Signing stores nothing if either changed meanwhile."""
    pernyataan = PernyataanReviu.objects.filter(laporan=laporan).values_list(
        "nomor", "tanggal", "isi", "nama_penanda_tangan", "jabatan_penanda_tangan", "nip_penanda_tangan"
    )
    return (laporan.diajukan_pada, tuple(pernyataan))


def sidik_pengajuan(laporan: LaporanKinerja) -> str:
    """:func:`_sidik_pengajuan` as a short text, to travel with a queued signing job: the
    submission the kepala approved when pressing Tandatangani."""
    return hashlib.sha256(repr(_sidik_pengajuan(laporan)).encode()).hexdigest()


def tandatangani_setelah_diperiksa(
    *,
    laporan: LaporanKinerja,
    pengguna: Pengguna,
    kemajuan: Kemajuan | None = None,
    sidik_disetujui: str | None = None,
    alamat: str = "",
) -> DokumenTertandatangan:
    """The signing itself, once :func:`periksa_tandatangan` passed (the background job calls this).

    Three steps, so that no transaction stays open during the seconds of layout: (1) under a
    row lock, check and assemble the snapshot; (2) render and sign, outside any transaction, so
    progress is visible and other users are not held up (SQLite has one writer at a time);
    (3) under the lock again, store the document, unless someone signed or returned the report
    meanwhile. The PDF is built from the snapshot, so what is stored is what was signed.
    """
    lapor = kemajuan or (lambda persen, tahap: None)
    with transaction.atomic():
        laporan = _bisa_ditandatangani(laporan.pk)
        if sidik_disetujui is not None and sidik_pengajuan(laporan) != sidik_disetujui:
            raise ValidationError(
                f"{laporan} diajukan ulang atau pernyataan reviunya diubah sejak Anda menekan "
                "Tandatangani: baca lagi isinya, lalu tandatangani."
            )
        galat = [m for m in periksa_lkjip(laporan) if m.tingkat == "galat"]
        if galat:
            raise ValidationError(
                f"Data berubah sejak diajukan: {len(galat)} masalah pemeriksaan harus diperbaiki dulu."
            )
        penandatangan = penandatangan_untuk(laporan.opd_id)
        if not laporan.tanggal:
            laporan.tanggal = timezone.localdate()
            laporan.save()
        lapor(10, "Merakit data laporan")
        perakit = Perakit(laporan)
        data = perakit.rakit()
        if data["kurang"]:
            # The check refuses these first; this guard keeps "[belum diisi: …]" out of any signed PDF.
            raise ValidationError(
                "LKjIP belum dapat ditandatangani: "
                + "; ".join(k["pesan"].rstrip(".") for k in data["kurang"])
                + "."
            )
        # The figures it is signed on, to show beside today's if the data under it changes later.
        data[KUNCI_ANGKA] = angka_tertandatangan(perakit)
        sidik = _sidik_pengajuan(laporan)
    dokumen = DokumenTertandatangan(laporan=laporan)  # the token exists before rendering: it is in the QR
    html = html_dokumen(data, final=True, verifikasi={"url": url_verifikasi(dokumen.token, alamat=alamat)})
    hasil_pdf = pdf_dari_html(html, kemajuan=lapor)
    lapor(92, "Membubuhkan tanda tangan elektronik")
    p = data["meta"]["penandatangan"]
    pdf = penandatangan.tandatangani(
        hasil_pdf.pdf,
        alasan=f"Pengesahan {laporan} {laporan.opd.nama}",
        lokasi=data["meta"]["tempat"],
        nama_penanda_tangan=p["nama"],
        zona_waktu=laporan.opd.pemda.zona_waktu,
        halaman=hasil_pdf.halaman_ttd,
        kotak=hasil_pdf.kotak_ttd,
    )
    lapor(97, "Menyimpan dokumen")
    with transaction.atomic():
        laporan = _bisa_ditandatangani(laporan.pk)
        if _sidik_pengajuan(laporan) != sidik:
            raise ValidationError(
                f"{laporan} diajukan ulang atau pernyataan reviunya diubah selama penandatanganan: "
                "baca lagi isinya, lalu tandatangani."
            )
        dokumen.laporan = laporan
        dokumen.snapshot = data
        dokumen.pdf = pdf
        dokumen.sha256 = hashlib.sha256(pdf).hexdigest()
        dokumen.halaman = hasil_pdf.halaman
        dokumen.ditandatangani_oleh = pengguna
        dokumen.ditandatangani_pada = timezone.now()
        dokumen.penandatangan = p
        dokumen.penyedia = penandatangan.nama_penyedia
        dokumen.sertifikat_subjek = penandatangan.subjek[:300]
        dokumen.save()
        laporan.status = StatusLKjIP.DITANDATANGANI
        laporan.save()
    return dokumen


@transaction.atomic
def versi_baru(*, laporan: LaporanKinerja, pengguna: Pengguna) -> LaporanKinerja:
    """A signed LKjIP never changes: corrections go into a new version that copies its texts."""
    if not akses.can_isi_data(pengguna, laporan.opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat membuat versi baru.")
    if laporan.status != StatusLKjIP.DITANDATANGANI:
        raise ValidationError(
            "Versi baru dibuat dari LKjIP yang sudah ditandatangani; ubah drafnya langsung."
        )
    if hasattr(laporan, "versi_berikut"):
        raise ValidationError(f"{laporan} sudah memiliki versi berikutnya.")
    return versi_salin(
        laporan,
        bidang=("opd", "tahun", "triwulan", "tempat"),
        anak={
            "teks": ("kunci", "isi"),
            "pembanding": ("indikator", "jenis", "nama_pembanding", "nilai", "keterangan"),
        },
    )


@transaction.atomic
def catatan_reviu_buat(*, laporan: LaporanKinerja, bagian: str, isi: str, pengguna: Pengguna) -> CatatanReviu:
    if not akses.can_reviu(pengguna, laporan.opd):
        raise PermissionDenied("Hanya reviewer Inspektorat yang menulis catatan reviu.")
    if not isi.strip():
        raise ValidationError({"isi": "Tulis isi catatan."})
    c = CatatanReviu(laporan=laporan, bagian=bagian.strip() or "Umum", isi=isi.strip(), penulis=pengguna)
    c.full_clean()
    c.save()
    return c


@transaction.atomic
def pernyataan_reviu_simpan(*, laporan: LaporanKinerja, data: dict, pengguna: Pengguna) -> PernyataanReviu:
    if not akses.can_reviu(pengguna, laporan.opd):
        raise PermissionDenied("Hanya reviewer Inspektorat yang menerbitkan pernyataan reviu.")
    if laporan.status == StatusLKjIP.DITANDATANGANI:
        raise ValidationError(
            "LKjIP ini sudah ditandatangani; pernyataan reviu dilampirkan pada versi berikutnya."
        )
    p = PernyataanReviu.objects.filter(laporan=laporan).first() or PernyataanReviu(
        laporan=laporan, dibuat_oleh=pengguna
    )
    for k, v in data.items():
        setattr(p, k, bersihkan(v) if k == "isi" else v)
    p.full_clean()
    p.save()
    return p
