"""The Renstra of an OPD and its tree's upper nodes: tujuan, sasaran, strategi and arah kebijakan."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from lkjip.audit import ModelTeraudit
from lkjip.models import PerangkatDaerah
from renstra.models.rpjmd import RPJMD, MisiRPJMD, SasaranRPJMD, _periksa_periode

# ---------------------------------------------------------------------------------------
# Renstra and its tree


class Renstra(ModelTeraudit):
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="renstra", verbose_name="OPD"
    )
    tahun_awal = models.PositiveSmallIntegerField(
        "tahun awal", help_text="Mis. 2021 untuk Renstra 2021–2026."
    )
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    rpjmd = models.ForeignKey(
        RPJMD,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renstra",
        verbose_name="RPJMD acuan",
    )
    dasar_hukum = models.CharField(
        "dasar hukum penetapan", max_length=200, blank=True, help_text="Mis. Peraturan Bupati Nomor … Tahun …"
    )
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["opd", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun_awal"],
                name="renstra_unik_per_opd",
                violation_error_message="Renstra yang dimulai pada tahun ini sudah ada untuk perangkat daerah ini.",
            )
        ]

    def __str__(self) -> str:
        return f"Renstra {self.tahun_awal}–{self.tahun_akhir}"

    def clean(self) -> None:
        _periksa_periode(self.tahun_awal, self.tahun_akhir)
        if self.rpjmd_id and self.opd_id and self.rpjmd.pemda_id != self.opd.pemda_id:
            raise ValidationError({"rpjmd": "RPJMD harus milik pemda perangkat daerah ini."})

    @property
    def tahun(self) -> list[int]:
        """The years that can carry a target or a pagu."""
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


class NodeRenstra(ModelTeraudit):
    """A node of one Renstra. The OPD of the audit trail is the Renstra's."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="+", verbose_name="Renstra")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        abstract = True

    def audit_opd_id(self) -> int | None:
        return self.renstra.opd_id


class Tujuan(NodeRenstra):
    kode = models.CharField("kode", max_length=20, help_text="Nomor tujuan, mis. T1.")
    uraian = models.TextField("uraian tujuan")
    misi = models.ForeignKey(
        MisiRPJMD,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tujuan_opd",
        verbose_name="misi RPJMD yang didukung",
    )

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "kode"],
                name="tujuan_kode_unik",
                violation_error_message="Kode tujuan ini sudah dipakai di Renstra ini.",
            ),
            models.UniqueConstraint(
                fields=["renstra", "uraian"],
                name="tujuan_uraian_unik",
                violation_error_message="Tujuan dengan uraian yang sama sudah ada di Renstra ini.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def clean(self) -> None:
        if self.misi_id and self.renstra.rpjmd_id and self.misi.rpjmd_id != self.renstra.rpjmd_id:
            raise ValidationError({"misi": "Misi harus dari RPJMD acuan Renstra ini."})


class Sasaran(NodeRenstra):
    # Optional: older Renstra documents (seed 000 for 2016–2021) list sasaran without a tujuan.
    tujuan = models.ForeignKey(
        Tujuan, on_delete=models.PROTECT, null=True, blank=True, related_name="sasaran", verbose_name="tujuan"
    )
    kode = models.CharField("kode", max_length=20, help_text="Nomor sasaran, mis. S1.1.")
    uraian = models.TextField("uraian sasaran strategis")
    sasaran_daerah = models.ForeignKey(
        SasaranRPJMD,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sasaran_opd",
        verbose_name="sasaran RPJMD yang didukung",
    )

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "kode"],
                name="sasaran_kode_unik",
                violation_error_message="Kode sasaran ini sudah dipakai di Renstra ini.",
            ),
            models.UniqueConstraint(
                fields=["renstra", "uraian"],
                name="sasaran_uraian_unik",
                violation_error_message="Sasaran dengan uraian yang sama sudah ada di Renstra ini.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def clean(self) -> None:
        if self.tujuan_id and self.tujuan.renstra_id != self.renstra_id:
            raise ValidationError({"tujuan": "Tujuan harus dari Renstra yang sama."})
        if (
            self.sasaran_daerah_id
            and self.renstra.rpjmd_id
            and self.sasaran_daerah.tujuan.rpjmd_id != self.renstra.rpjmd_id
        ):
            raise ValidationError({"sasaran_daerah": "Sasaran daerah harus dari RPJMD acuan Renstra ini."})


class Strategi(NodeRenstra):
    sasaran = models.ForeignKey(
        Sasaran,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategi",
        verbose_name="sasaran",
    )
    nomor = models.PositiveSmallIntegerField("nomor")
    uraian = models.TextField("strategi")

    class Meta:
        verbose_name = "strategi"
        verbose_name_plural = "strategi"
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "nomor"],
                name="strategi_nomor_unik",
                violation_error_message="Nomor strategi ini sudah dipakai di Renstra ini.",
            )
        ]

    def __str__(self) -> str:
        return f"Strategi {self.nomor}: {self.uraian[:80]}"


class ArahKebijakan(NodeRenstra):
    strategi = models.ForeignKey(
        Strategi, on_delete=models.CASCADE, related_name="arah_kebijakan", verbose_name="strategi"
    )
    nomor = models.PositiveSmallIntegerField("nomor")
    uraian = models.TextField("arah kebijakan")

    class Meta:
        verbose_name = "arah kebijakan"
        verbose_name_plural = "arah kebijakan"
        ordering = ["strategi", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategi", "nomor"],
                name="arah_nomor_unik",
                violation_error_message="Nomor arah kebijakan ini sudah dipakai pada strategi ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.uraian[:80]}"


def _periksa_tahun(renstra: Renstra, tahun: int | None, kolom: str) -> None:
    if tahun is not None and not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
        raise ValidationError(
            {kolom: f"Tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}."}
        )
