"""The pemda overview's figures per OPD, stored so the overview reads them in a fixed number of
queries (issue 14 item 2) instead of computing every OPD's year on every request.

A cache, not data: each row is what :func:`pelaporan.dasbor.ringkasan_opd` decided for an
(OPD, year, quarter), serialised by :func:`pelaporan.dasbor.angka_ringkasan`. Every audited write
deletes the rows it can change in the writer's own transaction
(:mod:`pelaporan.ringkasan_tersimpan`), and a missing row is computed again on the next read, so
the table may be emptied at any time. Not audited: nobody types it.
"""

from __future__ import annotations

from django.db import models

from lkjip.models import PerangkatDaerah


class RingkasanTersimpan(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+", verbose_name="OPD")
    tahun = models.PositiveSmallIntegerField("tahun")
    sampai = models.PositiveSmallIntegerField("s/d triwulan")
    # The figures the overview prints (mean capaian, band spread, budget); small, read every time.
    angka = models.JSONField("angka ringkasan")
    # Each indicator's capaian and band, only read to compare with a signed LKjIP.
    indikator = models.JSONField("angka per indikator", default=list)
    dihitung_pada = models.DateTimeField("dihitung pada", auto_now=True)
    # The OPD's GenerasiRingkasan when the reader began: a row from an older generation is not read.
    generasi = models.PositiveBigIntegerField("generasi", default=0)

    class Meta:
        verbose_name = "ringkasan tersimpan"
        verbose_name_plural = "ringkasan tersimpan"
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "sampai"],
                name="ringkasan_tersimpan_unik",
                violation_error_message="Ringkasan OPD untuk tahun dan triwulan ini sudah tersimpan.",
            )
        ]

    def __str__(self) -> str:
        return f"Ringkasan {self.opd_id} {self.tahun} s/d TW {self.sampai}"


class GenerasiRingkasan(models.Model):
    """A counter per OPD, raised after every committed write that can change the OPD's figures.

    A reader reads it before the data and stores it with the summary it computes; a summary whose
    generation is older than the OPD's is stale and is computed again. This covers the one case
    deleting on write cannot (PostgreSQL, READ COMMITTED): a reader that computed from the data
    before a writer committed, and stored its row after, unseen by the writer's delete. No row
    means generation 0."""

    opd = models.OneToOneField(
        PerangkatDaerah, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name="OPD"
    )
    generasi = models.PositiveBigIntegerField("generasi", default=0)

    class Meta:
        verbose_name = "generasi ringkasan"
        verbose_name_plural = "generasi ringkasan"

    def __str__(self) -> str:
        return f"Generasi ringkasan {self.opd_id}: {self.generasi}"
