"""Writes of periods and approval: quarter schedules, reopening, submitting and deciding reports."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lkjip import akses
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.dokumen import DokumenTerdampak, dokumen_memakai_triwulan
from pelaporan.models import LaporanTriwulan, PembukaanKembali, PeriodeTriwulan, Realisasi, StatusLaporan
from pelaporan.selectors import indikator_diukur
from pelaporan.services._umum import hari_ini_pemda, pastikan_boleh_isi

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


class PerluKonfirmasi(ValidationError):
    """Reopening lets the data under signed documents change: the admin confirms it first."""

    def __init__(
        self, periode: PeriodeTriwulan, opd: PerangkatDaerah, dokumen: list[DokumenTerdampak]
    ) -> None:
        self.dokumen = dokumen
        super().__init__(
            f"Data {periode} {opd} dipakai oleh dokumen yang sudah ditandatangani: "
            + ", ".join(d.judul for d in dokumen)
            + ". Dokumen itu tidak berubah; bila realisasi diubah, dasbor dan halaman LKjIP menunjukkan "
            "angka saat ditandatangani di samping angka baru. Konfirmasi untuk tetap membuka."
        )


@transaction.atomic
def pembukaan_kembali_buat(
    *,
    periode: PeriodeTriwulan,
    opd: PerangkatDaerah,
    sampai: dt.date,
    alasan: str,
    pengguna: Pengguna,
    konfirmasi: bool = False,
) -> PembukaanKembali:
    """Reopen a closed quarter for one OPD (recorded, with who, why and until when).

    When a signed LKjIP uses the quarter, :class:`PerluKonfirmasi` names it, unless ``konfirmasi``
    says the admin has read that and reopens anyway."""
    if not akses.can_kelola_pemda(pengguna, opd.pemda):
        raise PermissionDenied("Hanya admin pemda yang dapat membuka kembali triwulan.")
    if sampai < hari_ini_pemda():
        raise ValidationError({"sampai": "Tanggal akhir pembukaan kembali tidak boleh di masa lalu."})
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan pembukaan kembali wajib diisi."})
    if not konfirmasi and (
        terdampak := dokumen_memakai_triwulan(opd=opd, tahun=periode.tahun, triwulan=periode.triwulan)
    ):
        raise PerluKonfirmasi(periode, opd, terdampak)
    buka = PembukaanKembali(
        periode=periode, opd=opd, sampai=sampai, alasan=alasan.strip(), dibuka_oleh=pengguna
    )
    buka.full_clean()
    buka.save()
    laporan = LaporanTriwulan.objects.filter(opd=opd, tahun=periode.tahun, triwulan=periode.triwulan).first()
    if laporan is not None and laporan.status in (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI):
        # Returned by the admin: the reason lives in the reopening record (shown as the admin's,
        # pelaporan.selectors.StatusTriwulan.catatan), not in the kepala's note.
        laporan.status = StatusLaporan.DIKEMBALIKAN
        laporan.catatan = ""
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
    indikator = indikator_diukur(opd, tahun)
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
