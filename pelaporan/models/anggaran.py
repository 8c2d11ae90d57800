"""Budgets (DOMAIN §5 "Budget"): pagu murni and perubahan with a sumber dana, realisasi per quarter.

A budget row sits on a sub-kegiatan normally; on a kegiatan or program when no finer detail
exists (seed 000 reports programs only); on no node at all for lines outside any program
("Belanja Tidak Langsung", seed 000 Tabel 3.8). A node never carries a row together with one
of its own ancestors in the same year: the money would count twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lkjip.audit import ModelTeraudit
from lkjip.fields import KolomDesimal
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.models.realisasi import PILIHAN_TRIWULAN
from renstra.models import RUPIAH, Kegiatan, Program, SubKegiatan


class SumberDana(models.TextChoices):
    APBD = "apbd", "APBD"
    DAK = "dak", "DAK"
    DAU = "dau", "DAU"
    APBN = "apbn", "APBN (tugas pembantuan)"
    PROVINSI = "provinsi", "Bantuan Keuangan Provinsi"
    LAINNYA = "lainnya", "Lainnya"


class Anggaran(ModelTeraudit):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    tahun = models.PositiveSmallIntegerField("tahun")
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="anggaran"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="anggaran"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="anggaran"
    )
    uraian = models.CharField(
        "uraian",
        max_length=300,
        blank=True,
        help_text="Untuk baris di luar program, mis. Belanja Tidak Langsung.",
    )
    sumber_dana = models.CharField(
        "sumber dana", max_length=10, choices=SumberDana.choices, default=SumberDana.APBD
    )
    pagu_murni = KolomDesimal("pagu murni (Rp)", **RUPIAH)
    pagu_perubahan = KolomDesimal(
        "pagu perubahan (Rp)", null=True, blank=True, help_text="Kosong bila tidak ada APBD-P.", **RUPIAH
    )

    class Meta:
        verbose_name = "anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["opd", "tahun", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "program", "kegiatan", "sub_kegiatan", "sumber_dana", "uraian"],
                name="anggaran_unik",
                violation_error_message="Anggaran untuk baris, tahun dan sumber dana ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(program__isnull=False, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(program__isnull=True, kegiatan__isnull=False, sub_kegiatan__isnull=True)
                    | Q(program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=False)
                ),
                name="anggaran_paling_banyak_satu_induk",
                violation_error_message="Anggaran melekat pada paling banyak satu program, kegiatan atau sub-kegiatan.",
            ),
        ]

    def __str__(self) -> str:
        return f"Anggaran {self.tahun} {self.node or self.uraian} ({self.get_sumber_dana_display()})"

    @property
    def node(self) -> models.Model | None:
        return self.sub_kegiatan or self.kegiatan or self.program

    @property
    def leluhur(self) -> list[models.Model]:
        """The nodes this line counts under, from its own up to its program ([] for an uraian line)."""
        if self.sub_kegiatan_id:
            k = self.sub_kegiatan.kegiatan
            return [self.sub_kegiatan, k, k.program]
        if self.kegiatan_id:
            return [self.kegiatan, self.kegiatan.program]
        return [self.program] if self.program_id else []

    @property
    def program_induk(self) -> models.Model | None:
        """The program this line counts under (its own, its kegiatan's or its sub-kegiatan's)."""
        return self.leluhur[-1] if self.leluhur else None

    @property
    def pagu(self) -> Decimal:
        """The pagu in force: perubahan when the APBD-P set one, else murni."""
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu_murni

    def clean(self) -> None:
        for nama in ("pagu_murni", "pagu_perubahan"):
            v = getattr(self, nama)
            if v is not None and v < 0:
                raise ValidationError({nama: "Pagu tidak boleh negatif."})
        node = self.node
        if node is None and not self.uraian:
            raise ValidationError({"uraian": "Isi uraian untuk baris anggaran di luar program."})
        if node is not None:
            r = node.renstra
            if r.opd_id != self.opd_id:
                raise ValidationError("Program/kegiatan/sub-kegiatan harus milik OPD ini.")
            if self.tahun is not None and not r.tahun_awal <= self.tahun <= r.tahun_akhir:
                raise ValidationError(f"{node} berasal dari {r}, yang tidak mencakup tahun {self.tahun}.")


class RealisasiAnggaran(ModelTeraudit):
    """Money spent in one quarter (not cumulative: the year's realisasi is their sum)."""

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="realisasi")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=PILIHAN_TRIWULAN)
    jumlah = KolomDesimal("realisasi (Rp)", **RUPIAH)
    versi = models.PositiveIntegerField("versi", default=1)
    diubah_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", null=True, blank=True)

    AUDIT_ABAIKAN = ("versi", "diubah_oleh", "diubah_pada")

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["anggaran", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["anggaran", "triwulan"],
                name="realisasi_anggaran_unik",
                violation_error_message="Realisasi anggaran triwulan ini sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"Realisasi TW {self.triwulan} {self.anggaran}"

    def audit_opd_id(self) -> int | None:
        return self.anggaran.opd_id

    def clean(self) -> None:
        if self.jumlah is not None and self.jumlah < 0:
            raise ValidationError({"jumlah": "Realisasi anggaran tidak boleh negatif."})
