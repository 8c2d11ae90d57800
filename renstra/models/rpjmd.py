"""The RPJMD of the pemda: visi, misi, tujuan and sasaran daerah."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from lkjip.audit import ModelTeraudit
from lkjip.models import Pemda

# ---------------------------------------------------------------------------------------
# RPJMD (the pemda's plan the Renstra follows)


class RPJMD(ModelTeraudit):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="rpjmd", verbose_name="pemda")
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    # Blank allowed: a source may cite an RPJMD without printing its visi (seed 001).
    visi = models.TextField("visi", blank=True)
    dasar_hukum = models.CharField("dasar hukum", max_length=200, blank=True, help_text="Mis. Perda 6/2021.")

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["pemda", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun_awal"],
                name="rpjmd_unik",
                violation_error_message="RPJMD yang dimulai pada tahun ini sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"RPJMD {self.pemda.nama_singkat} {self.tahun_awal}–{self.tahun_akhir}"

    def clean(self) -> None:
        _periksa_periode(self.tahun_awal, self.tahun_akhir)


class MisiRPJMD(ModelTeraudit):
    rpjmd = models.ForeignKey(RPJMD, on_delete=models.CASCADE, related_name="misi", verbose_name="RPJMD")
    # Null allowed: documents quote a misi without its number (seed 001).
    nomor = models.PositiveSmallIntegerField("nomor", null=True, blank=True)
    uraian = models.TextField("uraian misi")

    class Meta:
        verbose_name = "misi RPJMD"
        verbose_name_plural = "misi RPJMD"
        ordering = ["rpjmd", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["rpjmd", "nomor"],
                name="misi_nomor_unik",
                violation_error_message="Nomor misi ini sudah dipakai di RPJMD ini.",
            )
        ]

    def __str__(self) -> str:
        awal = f"Misi {self.nomor}" if self.nomor else "Misi"
        return f"{awal}: {self.uraian[:80]}"

    def audit_pemda_id(self) -> int | None:
        return self.rpjmd.pemda_id


class TujuanRPJMD(ModelTeraudit):
    rpjmd = models.ForeignKey(RPJMD, on_delete=models.CASCADE, related_name="tujuan", verbose_name="RPJMD")
    misi = models.ForeignKey(
        MisiRPJMD, on_delete=models.PROTECT, null=True, blank=True, related_name="tujuan", verbose_name="misi"
    )
    kode = models.CharField("kode", max_length=20, help_text="Mis. T.2")
    uraian = models.TextField("uraian tujuan daerah")

    class Meta:
        verbose_name = "tujuan RPJMD"
        verbose_name_plural = "tujuan RPJMD"
        ordering = ["rpjmd", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["rpjmd", "kode"],
                name="tujuan_rpjmd_kode_unik",
                violation_error_message="Kode tujuan daerah ini sudah dipakai di RPJMD ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:80]}"

    def clean(self) -> None:
        if self.misi_id and self.misi.rpjmd_id != self.rpjmd_id:
            raise ValidationError({"misi": "Misi harus dari RPJMD yang sama."})

    def audit_pemda_id(self) -> int | None:
        return self.rpjmd.pemda_id


class SasaranRPJMD(ModelTeraudit):
    tujuan = models.ForeignKey(
        TujuanRPJMD, on_delete=models.PROTECT, related_name="sasaran", verbose_name="tujuan daerah"
    )
    kode = models.CharField("kode", max_length=20, help_text="Mis. S.4")
    uraian = models.TextField("uraian sasaran daerah")

    class Meta:
        verbose_name = "sasaran RPJMD"
        verbose_name_plural = "sasaran RPJMD"
        ordering = ["tujuan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["tujuan", "kode"],
                name="sasaran_rpjmd_kode_unik",
                violation_error_message="Kode sasaran daerah ini sudah dipakai pada tujuan ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:80]}"

    def audit_pemda_id(self) -> int | None:
        return self.tujuan.rpjmd.pemda_id


def _periksa_periode(awal: int | None, akhir: int | None) -> None:
    if awal is None or akhir is None:
        return
    if not 1990 <= awal <= 2100:
        raise ValidationError({"tahun_awal": "Tahun awal harus tahun yang masuk akal (1990–2100)."})
    if not 4 <= akhir - awal <= 5:
        raise ValidationError(
            {
                "tahun_akhir": f"Periode {awal}–{akhir} tidak lazim: rencana lima tahunan mencakup 5 atau 6 tahun."
            }
        )
