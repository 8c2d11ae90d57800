"""A pemda's own list of nomenclature codes, replacing the shipped Permendagri 90/2019 list.

The shipped list (``renstra/data/nomenklatur-90-2019.csv``) is read from the file whenever
a pemda has not uploaded its own (renstra.selectors.nomenklatur_pemda), so it needs no rows
and works on a fresh database. A pemda's list is replaced as a whole: its thousands of codes
are not audited one by one; the :class:`DaftarNomenklatur` row is, so the trail says who
replaced the list, when, from which file, and what it holds.
"""

from __future__ import annotations

from django.db import models

from lkjip.audit import ModelTeraudit
from lkjip.models import Pemda
from pelaporan.domain.kode import TingkatKode

MAKS_NAMA = 500  # the regulation's longest name is 323 characters


class DaftarNomenklatur(ModelTeraudit):
    pemda = models.OneToOneField(
        Pemda, on_delete=models.CASCADE, related_name="nomenklatur", verbose_name="pemda"
    )
    nama_berkas = models.CharField("berkas", max_length=200)
    jumlah_kode = models.PositiveIntegerField("jumlah kode")
    rincian = models.CharField("isi", max_length=200)
    sha256 = models.CharField("sidik SHA-256 berkas", max_length=64)
    diunggah_pada = models.DateTimeField("diunggah pada")

    class Meta:
        verbose_name = "daftar nomenklatur pemda"
        verbose_name_plural = "daftar nomenklatur pemda"

    def __str__(self) -> str:
        return f"Nomenklatur {self.pemda.nama_singkat}: {self.nama_berkas}"


class KodeNomenklatur(models.Model):
    daftar = models.ForeignKey(
        DaftarNomenklatur, on_delete=models.CASCADE, related_name="kode", verbose_name="daftar"
    )
    kode = models.CharField("kode (baku)", max_length=40)
    tingkat = models.CharField(
        "tingkat", max_length=20, choices=[(t.value, t.value.replace("_", "-")) for t in TingkatKode]
    )
    nama = models.CharField("nomenklatur", max_length=MAKS_NAMA)

    class Meta:
        verbose_name = "kode nomenklatur"
        verbose_name_plural = "kode nomenklatur"
        constraints = [
            models.UniqueConstraint(
                fields=["daftar", "kode"],
                name="kode_nomenklatur_unik",
                violation_error_message="Kode ini sudah ada di daftar nomenklatur ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
