"""The coded nodes of a Renstra: program, kegiatan, sub-kegiatan (+ pagu indikatif) and their mapping."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lkjip.fields import KolomDesimal
from lkjip.models import UnitKerja
from pelaporan.domain.kode import (
    KodeTidakSah,
    TingkatKode,
    induk_kode,
    kode_setara,
    normalisasi_kode,
    tingkat_kode,
)
from renstra.models._umum import RUPIAH
from renstra.models.renstra import NodeRenstra, Sasaran, _periksa_tahun


class NodeBerkode(NodeRenstra):
    """Program, kegiatan, sub-kegiatan: a national code (normalised) and the form printed."""

    TINGKAT: TingkatKode
    kode = models.CharField("kode (baku)", max_length=40, blank=True, db_index=True)
    kode_tampil = models.CharField(
        "kode",
        max_length=40,
        blank=True,
        help_text="Kode nomenklatur seperti tertulis di dokumen, mis. 1.06.02 atau 01.06.07. Boleh kosong.",
    )
    nama = models.CharField("nomenklatur", max_length=300)
    unit_penanggung_jawab = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="unit penanggung jawab",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kode_tampil or self.kode} {self.nama}".strip()

    def induk_berkode(self) -> NodeBerkode | None:
        return None

    def clean(self) -> None:
        # The printed form is the source; the normalised code is derived from it.
        tertulis = (self.kode_tampil or self.kode or "").strip()
        self.kode = ""
        if tertulis:
            try:
                self.kode = normalisasi_kode(tertulis)
            except KodeTidakSah as exc:
                raise ValidationError({"kode_tampil": str(exc)}) from exc
            self.kode_tampil = tertulis
            tingkat = tingkat_kode(self.kode)
            if tingkat != self.TINGKAT:
                raise ValidationError(
                    {
                        "kode_tampil": f"Kode “{tertulis}” adalah kode {tingkat.value.replace('_', '-')}, "
                        f"bukan kode {self.TINGKAT.value.replace('_', '-')}."
                    }
                )
            induk = self.induk_berkode()
            if induk is not None and induk.kode:
                urusan = self.renstra.opd.kode_urusan or None
                if not kode_setara(induk_kode(self.kode) or "", induk.kode, urusan=urusan):
                    tertulis_induk = induk.kode_tampil or induk.kode
                    raise ValidationError(
                        {
                            "kode_tampil": f"Kode “{tertulis}” tidak berada di bawah {induk._meta.verbose_name} "
                            f"“{tertulis_induk}”: awalannya harus {tertulis_induk}."
                        }
                    )
        if self.unit_penanggung_jawab_id and self.unit_penanggung_jawab.opd_id != self.renstra.opd_id:
            raise ValidationError(
                {"unit_penanggung_jawab": "Unit harus dari perangkat daerah pemilik Renstra."}
            )


class Program(NodeBerkode):
    TINGKAT = TingkatKode.PROGRAM

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "nama"],
                name="program_nama_unik",
                violation_error_message="Program dengan nomenklatur ini sudah ada di Renstra ini.",
            ),
            models.UniqueConstraint(
                fields=["renstra", "kode"],
                condition=~Q(kode=""),
                name="program_kode_unik",
                violation_error_message="Kode program ini sudah dipakai di Renstra ini.",
            ),
        ]


class PemetaanProgram(NodeRenstra):
    """Which sasaran a program serves (DOMAIN §3: "a sasaran is served by several programs")."""

    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.CASCADE, related_name="pemetaan", verbose_name="sasaran"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="pemetaan", verbose_name="program"
    )

    class Meta:
        verbose_name = "pemetaan sasaran–program"
        verbose_name_plural = "pemetaan sasaran–program"
        constraints = [
            models.UniqueConstraint(
                fields=["sasaran", "program"],
                name="pemetaan_unik",
                violation_error_message="Program ini sudah dipetakan ke sasaran tersebut.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program} → {self.sasaran.kode}"


class Kegiatan(NodeBerkode):
    TINGKAT = TingkatKode.KEGIATAN
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="kegiatan", verbose_name="program"
    )

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "nama"],
                name="kegiatan_nama_unik",
                violation_error_message="Kegiatan dengan nomenklatur ini sudah ada pada program ini.",
            ),
            models.UniqueConstraint(
                fields=["renstra", "kode"],
                condition=~Q(kode=""),
                name="kegiatan_kode_unik",
                violation_error_message="Kode kegiatan ini sudah dipakai di Renstra ini.",
            ),
        ]

    def induk_berkode(self) -> NodeBerkode | None:
        return self.program if self.program_id else None


class SubKegiatan(NodeBerkode):
    TINGKAT = TingkatKode.SUB_KEGIATAN
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.PROTECT, related_name="sub_kegiatan", verbose_name="kegiatan"
    )

    class Meta:
        verbose_name = "sub-kegiatan"
        verbose_name_plural = "sub-kegiatan"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["kegiatan", "nama"],
                name="subkegiatan_nama_unik",
                violation_error_message="Sub-kegiatan dengan nomenklatur ini sudah ada pada kegiatan ini.",
            ),
            models.UniqueConstraint(
                fields=["renstra", "kode"],
                condition=~Q(kode=""),
                name="subkegiatan_kode_unik",
                violation_error_message="Kode sub-kegiatan ini sudah dipakai di Renstra ini.",
            ),
        ]

    def induk_berkode(self) -> NodeBerkode | None:
        return self.kegiatan if self.kegiatan_id else None


class PaguIndikatif(NodeRenstra):
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.CASCADE, related_name="pagu", verbose_name="sub-kegiatan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    jumlah = KolomDesimal("pagu indikatif (Rp)", **RUPIAH)

    class Meta:
        verbose_name = "pagu indikatif"
        verbose_name_plural = "pagu indikatif"
        ordering = ["sub_kegiatan", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun"],
                name="pagu_unik",
                violation_error_message="Pagu tahun ini sudah ada untuk sub-kegiatan ini.",
            )
        ]

    def __str__(self) -> str:
        return f"Pagu {self.tahun} {self.sub_kegiatan.nama}"

    def clean(self) -> None:
        _periksa_tahun(self.renstra, self.tahun, "tahun")
        if self.jumlah is not None and self.jumlah < 0:
            raise ValidationError({"jumlah": "Pagu tidak boleh negatif."})
