"""Perjanjian Kinerja (DOMAIN §1.3): one per jabatan and year, down the cascade, in versions.

A PK is a draft until it is signed; a signed PK never changes. A PK Perubahan is a new
version (``menggantikan`` the signed one) with its reason and SK number; both stay.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lkjip.audit import ModelTeraudit
from lkjip.fields import KolomDesimal
from lkjip.models import Eselon, Pejabat, Pengguna, PerangkatDaerah, UnitKerja
from renstra.models import ANGKA, RUPIAH, Indikator, Kegiatan, Program, SubKegiatan


class JenjangPK(models.TextChoices):
    KEPALA = "kepala", "Kepala OPD (eselon II)"
    ESELON_III = "eselon3", "Pejabat eselon III"
    ESELON_IV = "eselon4", "Pejabat eselon IV"
    FUNGSIONAL = "fungsional", "Jabatan fungsional"

    @classmethod
    def tingkat(cls, nilai: str) -> int:
        return {"kepala": 2, "eselon3": 3, "eselon4": 4, "fungsional": 5}[nilai]


class StatusPK(models.TextChoices):
    DRAFT = "draft", "Draf"
    DITANDATANGANI = "ditandatangani", "Ditandatangani"


class PerjanjianKinerja(ModelTeraudit):
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="perjanjian_kinerja", verbose_name="OPD"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    jenjang = models.CharField("jenjang", max_length=12, choices=JenjangPK.choices, default=JenjangPK.KEPALA)
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="unit kerja",
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="turunan",
        verbose_name="PK atasan",
        help_text="PK jabatan di atasnya dalam jenjang (kosong untuk kepala OPD).",
    )
    pihak_pertama = models.ForeignKey(
        Pejabat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pihak pertama",
    )
    pihak_kedua = models.ForeignKey(
        Pejabat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pihak kedua (pejabat OPD)",
        help_text="Atasan langsung. Untuk PK kepala OPD, pihak kedua adalah kepala daerah (diisi di bawah).",
    )
    pihak_kedua_nama = models.CharField("nama pihak kedua (kepala daerah)", max_length=150, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=150, blank=True)
    versi = models.PositiveSmallIntegerField("versi", default=1)
    menggantikan = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perubahan",
        verbose_name="menggantikan PK",
    )
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    nomor_sk = models.CharField("nomor SK perubahan", max_length=150, blank=True)
    tanggal = models.DateField("tanggal PK", null=True, blank=True)
    status = models.CharField("status", max_length=15, choices=StatusPK.choices, default=StatusPK.DRAFT)
    ditandatangani_pada = models.DateTimeField("ditandatangani pada", null=True, blank=True)
    ditandatangani_oleh = models.ForeignKey(
        Pengguna,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ditandatangani oleh",
    )

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["opd", "-tahun", "jenjang", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "jenjang", "unit_kerja", "versi"],
                name="pk_versi_unik",
                violation_error_message="PK untuk jabatan, tahun dan versi ini sudah ada.",
            ),
            models.UniqueConstraint(
                fields=["opd", "tahun", "jenjang", "versi"],
                condition=Q(unit_kerja__isnull=True),
                name="pk_versi_unik_tanpa_unit",
                violation_error_message="PK untuk jenjang, tahun dan versi ini sudah ada.",
            ),
        ]

    def __str__(self) -> str:
        jabatan = self.unit_kerja.nama if self.unit_kerja_id else self.get_jenjang_display()
        versi = " (Perubahan)" if self.versi > 1 else ""
        if self.versi > 2:
            versi = f" (Perubahan ke-{self.versi - 1})"
        return f"PK {self.tahun} {jabatan}{versi}"

    @property
    def terkunci(self) -> bool:
        return self.status == StatusPK.DITANDATANGANI

    def clean(self) -> None:
        if self.induk_id:
            if self.induk.opd_id != self.opd_id or self.induk.tahun != self.tahun:
                raise ValidationError({"induk": "PK atasan harus dari OPD dan tahun yang sama."})
            if JenjangPK.tingkat(self.induk.jenjang) >= JenjangPK.tingkat(self.jenjang):
                raise ValidationError({"induk": "PK atasan harus berada di jenjang yang lebih tinggi."})
        elif self.jenjang != JenjangPK.KEPALA and not self.menggantikan_id:
            raise ValidationError(
                {"induk": "Pilih PK atasan: jenjang di bawah kepala OPD berinduk pada PK di atasnya."}
            )
        if self.unit_kerja_id:
            if self.unit_kerja.opd_id != self.opd_id:
                raise ValidationError({"unit_kerja": "Unit kerja harus dari OPD ini."})
            if self.jenjang in (JenjangPK.ESELON_III, JenjangPK.ESELON_IV):
                harap = 3 if self.jenjang == JenjangPK.ESELON_III else 4
                if Eselon.tingkat(self.unit_kerja.eselon) != harap:
                    raise ValidationError(
                        {"unit_kerja": f"Unit ini bereselon {self.unit_kerja.eselon}, bukan eselon {harap}."}
                    )
        for nama in ("pihak_pertama", "pihak_kedua"):
            p = getattr(self, nama)
            if p is not None and p.opd_id != self.opd_id:
                raise ValidationError({nama: "Pejabat harus dari OPD ini."})
        if self.status == StatusPK.DITANDATANGANI and not (
            self.ditandatangani_pada and self.ditandatangani_oleh_id
        ):
            raise ValidationError("PK yang ditandatangani harus mencatat kapan dan oleh siapa.")


class ButirPK(ModelTeraudit):
    """One indicator of a PK with its target for the year."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="butir", verbose_name="PK"
    )
    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, related_name="butir_pk", verbose_name="indikator"
    )
    kinerja = models.CharField(
        "sasaran / kinerja",
        max_length=400,
        blank=True,
        help_text="Kosong: dipakai uraian sasaran/program/kegiatan induk indikator di Renstra.",
    )
    target = KolomDesimal("target", null=True, blank=True, **ANGKA)
    target_atas = KolomDesimal("target (batas atas)", null=True, blank=True, **ANGKA)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "butir PK"
        verbose_name_plural = "butir PK"
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian", "indikator"],
                name="butir_pk_unik",
                violation_error_message="Indikator ini sudah ada di PK ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator.nama} ({self.perjanjian})"

    def audit_opd_id(self) -> int | None:
        return self.perjanjian.opd_id

    def clean(self) -> None:
        from renstra.models import periksa_target

        if not self.indikator_id or not self.perjanjian_id:
            return
        pk, indikator = self.perjanjian, self.indikator
        r = indikator.renstra
        if r.opd_id != pk.opd_id:
            raise ValidationError({"indikator": "Indikator harus dari Renstra OPD ini."})
        if not r.tahun_awal <= pk.tahun <= r.tahun_akhir:
            raise ValidationError(
                {"indikator": f"Indikator ini dari {r}, yang tidak mencakup tahun {pk.tahun}."}
            )
        if not indikator.berlaku_pada(pk.tahun):
            raise ValidationError({"indikator": f"Indikator ini tidak berlaku pada tahun {pk.tahun}."})
        periksa_target(
            self.target, self.target_atas, indikator=indikator, kolom="target", kolom_atas="target_atas"
        )


class AnggaranPK(ModelTeraudit):
    """A program (or kegiatan, sub-kegiatan down the cascade) and its budget, as the PK states it."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="anggaran", verbose_name="PK"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    jumlah = KolomDesimal("anggaran (Rp)", **RUPIAH)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "anggaran PK"
        verbose_name_plural = "anggaran PK"
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(program__isnull=False, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(program__isnull=True, kegiatan__isnull=False, sub_kegiatan__isnull=True)
                    | Q(program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=False)
                ),
                name="anggaran_pk_satu_induk",
                violation_error_message="Anggaran PK melekat pada tepat satu program, kegiatan atau sub-kegiatan.",
            )
        ]

    def __str__(self) -> str:
        return f"Anggaran {self.node} ({self.perjanjian})"

    @property
    def node(self) -> models.Model | None:
        return self.program or self.kegiatan or self.sub_kegiatan

    def audit_opd_id(self) -> int | None:
        return self.perjanjian.opd_id

    def clean(self) -> None:
        if self.jumlah is not None and self.jumlah < 0:
            raise ValidationError({"jumlah": "Anggaran tidak boleh negatif."})
        node = self.node
        if node is not None and self.perjanjian_id:
            r = node.renstra
            if (
                r.opd_id != self.perjanjian.opd_id
                or not r.tahun_awal <= self.perjanjian.tahun <= r.tahun_akhir
            ):
                raise ValidationError("Program/kegiatan harus dari Renstra OPD ini yang mencakup tahun PK.")
