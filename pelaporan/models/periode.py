"""Quarter deadlines set by the admin pemda, reopenings, and each OPD's quarterly report status."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from lkjip.audit import ModelTeraudit
from lkjip.lencana import KELAS_TERANG, Lencana, lencana_status
from lkjip.models import Pemda, Pengguna, PerangkatDaerah
from pelaporan.models.realisasi import PILIHAN_TRIWULAN


class PeriodeTriwulan(ModelTeraudit):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="periode", verbose_name="pemda")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=PILIHAN_TRIWULAN)
    dibuka = models.DateField("dibuka mulai")
    ditutup = models.DateField("batas akhir pengisian", help_text="Hari terakhir operator dapat mengisi.")

    class Meta:
        verbose_name = "periode triwulan"
        verbose_name_plural = "periode triwulan"
        ordering = ["pemda", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun", "triwulan"],
                name="periode_unik",
                violation_error_message="Periode triwulan ini sudah diatur.",
            )
        ]

    def __str__(self) -> str:
        return f"TW {self.get_triwulan_display()[3:]} {self.tahun}"

    def clean(self) -> None:
        if self.dibuka and self.ditutup and self.ditutup < self.dibuka:
            raise ValidationError({"ditutup": "Batas akhir tidak boleh sebelum tanggal dibuka."})


class PembukaanKembali(ModelTeraudit):
    """The admin reopens a closed quarter for one OPD until a date; kept as a record."""

    periode = models.ForeignKey(PeriodeTriwulan, on_delete=models.CASCADE, related_name="pembukaan")
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+", verbose_name="OPD")
    sampai = models.DateField("dibuka sampai")
    alasan = models.CharField("alasan", max_length=300)
    dibuka_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    dibuka_pada = models.DateTimeField("dibuka pada", auto_now_add=True)

    class Meta:
        verbose_name = "pembukaan kembali"
        verbose_name_plural = "pembukaan kembali"
        ordering = ["-dibuka_pada"]

    def __str__(self) -> str:
        return f"{self.periode} dibuka kembali untuk {self.opd} s/d {self.sampai}"


class StatusLaporan(models.TextChoices):
    DRAFT = "draft", "Sedang diisi"
    DIAJUKAN = "diajukan", "Diajukan ke kepala"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan dengan catatan"
    DISETUJUI = "disetujui", "Disetujui kepala"


def lencana_laporan_tw(status: str | None) -> Lencana:
    """A quarter report's state as the dashboards name it; no report yet: "Belum diajukan".

    The quarter's own page says more (closed, not yet open, reopened): StatusTriwulan.lencana."""
    if not status:
        return Lencana("Belum diajukan", KELAS_TERANG)
    return lencana_status(status, StatusLaporan(status).label)


class LaporanTriwulan(ModelTeraudit):
    """One OPD's quarter: filled by the operator, submitted, approved or returned by the kepala."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=PILIHAN_TRIWULAN)
    status = models.CharField(
        "status", max_length=15, choices=StatusLaporan.choices, default=StatusLaporan.DRAFT
    )
    catatan = models.TextField("catatan kepala", blank=True)
    diajukan_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
        ordering = ["opd", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "triwulan"],
                name="laporan_tw_unik",
                violation_error_message="Laporan triwulan ini sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"Laporan TW {self.get_triwulan_display()[3:]} {self.tahun} {self.opd}"

    def clean(self) -> None:
        if self.status in (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI) and not self.diajukan_oleh_id:
            raise ValidationError("Laporan yang diajukan harus mencatat siapa yang mengajukan.")
        if (
            self.status in (StatusLaporan.DISETUJUI, StatusLaporan.DIKEMBALIKAN)
            and not self.diputuskan_oleh_id
        ):
            raise ValidationError("Keputusan kepala harus mencatat siapa yang memutuskan.")
