"""Rencana aksi (targets per triwulan) and realisasi per triwulan, with texts and evidence.

A realisasi row with ``nilai`` empty means "belum ada data" said out loud; no row at all
means the quarter was not filled in. Neither is ever 0 (DOMAIN §4).
"""

from __future__ import annotations

import os
import uuid

from django.core.exceptions import ValidationError
from django.db import models

from lkjip.audit import ModelTeraudit
from lkjip.fields import KolomDesimal
from lkjip.models import Pengguna, PerangkatDaerah
from renstra.models import ANGKA, Indikator, KomponenIndikator

PILIHAN_TRIWULAN = [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]


def _periksa_indikator_opd(obj: TargetTriwulan | Realisasi) -> None:
    """The indicator must belong to the row's OPD, in a Renstra covering the row's year."""
    if not obj.indikator_id or not obj.opd_id or obj.tahun is None:
        return
    r = obj.indikator.renstra
    if r.opd_id != obj.opd_id:
        raise ValidationError({"indikator": "Indikator harus dari Renstra OPD ini."})
    if not r.tahun_awal <= obj.tahun <= r.tahun_akhir:
        raise ValidationError(
            {"tahun": f"Tahun {obj.tahun} di luar periode {r} tempat indikator ini berada."}
        )


class TargetTriwulan(ModelTeraudit):
    """Rencana aksi: the PK target of an indicator broken down per quarter."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="target_triwulan")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=PILIHAN_TRIWULAN)
    nilai = KolomDesimal("target triwulan", **ANGKA)
    nilai_atas = KolomDesimal("target triwulan (batas atas)", null=True, blank=True, **ANGKA)

    class Meta:
        verbose_name = "target triwulan (rencana aksi)"
        verbose_name_plural = "target triwulan (rencana aksi)"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"],
                name="target_tw_unik",
                violation_error_message="Target triwulan ini sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"Target TW {self.triwulan} {self.tahun}: {self.indikator.nama}"

    def clean(self) -> None:
        from renstra.models import periksa_target

        _periksa_indikator_opd(self)
        if self.indikator_id:
            periksa_target(
                self.nilai, self.nilai_atas, indikator=self.indikator, kolom="nilai", kolom_atas="nilai_atas"
            )


class Realisasi(ModelTeraudit):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=PILIHAN_TRIWULAN)
    nilai = KolomDesimal(
        "realisasi", null=True, blank=True, help_text="Kosong berarti belum ada data (bukan 0).", **ANGKA
    )
    penjelasan = models.TextField("penjelasan", blank=True)
    faktor_pendukung = models.TextField("faktor pendukung", blank=True)
    faktor_penghambat = models.TextField("faktor penghambat", blank=True)
    upaya = models.TextField("upaya yang dilakukan", blank=True)
    rencana_tindak_lanjut = models.TextField("rencana tindak lanjut", blank=True)
    # Incremented on every save: two people editing one grid see each other's changes.
    versi = models.PositiveIntegerField("versi", default=1)
    diubah_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", null=True, blank=True)

    AUDIT_ABAIKAN = ("versi", "diubah_oleh", "diubah_pada")

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"],
                name="realisasi_unik",
                violation_error_message="Realisasi triwulan ini sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"Realisasi TW {self.triwulan} {self.tahun}: {self.indikator.nama}"

    def clean(self) -> None:
        _periksa_indikator_opd(self)


class RealisasiKomponen(ModelTeraudit):
    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="komponen")
    komponen = models.ForeignKey(KomponenIndikator, on_delete=models.PROTECT, related_name="realisasi")
    pembilang = KolomDesimal("pembilang", null=True, blank=True, **ANGKA)
    penyebut = KolomDesimal("penyebut", null=True, blank=True, **ANGKA)

    class Meta:
        verbose_name = "realisasi komponen"
        verbose_name_plural = "realisasi komponen"
        constraints = [
            models.UniqueConstraint(
                fields=["realisasi", "komponen"],
                name="realisasi_komponen_unik",
                violation_error_message="Komponen ini sudah diisi untuk realisasi ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.komponen.nama}: {self.pembilang}/{self.penyebut}"

    def audit_opd_id(self) -> int | None:
        return self.realisasi.opd_id


def _jalur_bukti(obj: BuktiDukung, nama: str) -> str:
    # Never the uploaded name on disk: it may be anything; keep only its extension.
    ekstensi = os.path.splitext(nama)[1].lower()[:8]
    return f"bukti/{obj.realisasi.opd_id}/{obj.realisasi.tahun}/{obj.token}{ekstensi}"


class BuktiDukung(ModelTeraudit):
    """Evidence for a realisasi; served only through a view that checks the OPD scope."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    berkas = models.FileField("berkas", upload_to=_jalur_bukti)
    nama_asli = models.CharField("nama berkas", max_length=255)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    tipe = models.CharField("tipe", max_length=100)
    diunggah_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "diunggah_pada"]

    def __str__(self) -> str:
        return self.nama_asli

    def audit_opd_id(self) -> int | None:
        return self.realisasi.opd_id

    def clean(self) -> None:
        if not self.nama_asli:
            raise ValidationError({"berkas": "Berkas wajib dipilih."})
