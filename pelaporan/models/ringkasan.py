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
