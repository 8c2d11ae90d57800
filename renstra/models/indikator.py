"""Indicators at any level of the tree, their components and their targets per year."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lkjip.fields import KolomDesimal
from lkjip.models import UnitKerja
from pelaporan.domain.capaian import Arah
from pelaporan.domain.triwulan import Akumulasi
from renstra.models._umum import ANGKA, PILIHAN_AKUMULASI, PILIHAN_ARAH
from renstra.models.kode import Kegiatan, Program, SubKegiatan
from renstra.models.renstra import NodeRenstra, Sasaran, Tujuan, _periksa_tahun
from renstra.satuan import boleh_negatif

# ---------------------------------------------------------------------------------------
# Indicators


class JenisTarget(models.TextChoices):
    RENSTRA = "renstra", "Renstra"
    RENJA = "renja", "Renja"
    RENJA_PERUBAHAN = "renja_perubahan", "Renja Perubahan"


class SkalaPredikatIndikator(models.TextChoices):
    TIDAK = "", "Tidak ada (angka biasa)"
    SAKIP = "sakip", "Predikat SAKIP (AA … D)"


TINGKAT_INDIKATOR = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


class Indikator(NodeRenstra):
    """An indicator at any level of the tree, with every field of DOMAIN §4."""

    tujuan = models.ForeignKey(
        Tujuan, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )

    nama = models.CharField("nama indikator", max_length=400)
    satuan = models.CharField("satuan", max_length=50, help_text="Mis. %, orang, KK, dokumen, nilai.")
    arah = models.CharField("arah", max_length=10, choices=PILIHAN_ARAH, default=Arah.POSITIF.value)
    akumulasi = models.CharField(
        "cara akumulasi triwulan",
        max_length=12,
        choices=PILIHAN_AKUMULASI,
        default=Akumulasi.NILAI_AKHIR.value,
    )
    definisi = models.TextField("definisi / rumus", blank=True)
    pembilang = models.CharField(
        "pembilang", max_length=300, blank=True, help_text="Mis. Jumlah PMKS yang tertangani."
    )
    penyebut = models.CharField(
        "penyebut", max_length=300, blank=True, help_text="Mis. Jumlah PMKS yang harus ditangani."
    )
    baseline_nilai = KolomDesimal("kondisi awal (baseline)", null=True, blank=True, **ANGKA)
    baseline_tahun = models.PositiveSmallIntegerField("tahun kondisi awal", null=True, blank=True)
    target_akhir = KolomDesimal("target akhir periode", null=True, blank=True, **ANGKA)
    target_akhir_atas = KolomDesimal(
        "target akhir periode (batas atas)",
        null=True,
        blank=True,
        help_text="Isi bila targetnya rentang (batas bawah – batas atas).",
        **ANGKA,
    )
    skala_predikat = models.CharField(
        "predikat",
        max_length=10,
        choices=SkalaPredikatIndikator.choices,
        blank=True,
        help_text="Untuk indikator seperti Nilai SAKIP: simpan nilainya (mis. 80), huruf predikatnya diturunkan.",
    )
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    unit_penanggung_jawab = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="penanggung jawab",
    )
    iku = models.BooleanField("Indikator Kinerja Utama (IKU)", default=False)
    berlaku_mulai = models.PositiveSmallIntegerField("berlaku mulai tahun", null=True, blank=True)
    berlaku_sampai = models.PositiveSmallIntegerField("berlaku sampai tahun", null=True, blank=True)
    menggantikan = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengganti",
        verbose_name="menggantikan",
    )
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["renstra", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        tujuan__isnull=False,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=False,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=False,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=False,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=False,
                    )
                ),
                name="indikator_tepat_satu_induk",
                violation_error_message="Indikator harus melekat pada tepat satu tujuan, sasaran, program, kegiatan "
                "atau sub-kegiatan.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def tingkat(self) -> str:
        for nama in TINGKAT_INDIKATOR:
            if getattr(self, f"{nama}_id"):
                return nama
        return ""

    @property
    def induk(self) -> models.Model | None:
        t = self.tingkat
        return getattr(self, t) if t else None

    @property
    def uraian_induk(self) -> str:
        """The text of the node the indicator measures: a sasaran's uraian, a program's name."""
        n = self.induk
        if n is None:
            return ""
        return getattr(n, "uraian", None) or getattr(n, "nama", "")

    def berlaku_pada(self, tahun: int) -> bool:
        return (self.berlaku_mulai is None or tahun >= self.berlaku_mulai) and (
            self.berlaku_sampai is None or tahun <= self.berlaku_sampai
        )

    def clean(self) -> None:
        induk = [n for n in TINGKAT_INDIKATOR if getattr(self, f"{n}_id")]
        if len(induk) != 1:
            raise ValidationError(
                "Indikator harus melekat pada tepat satu tujuan, sasaran, program, kegiatan atau sub-kegiatan."
            )
        node = getattr(self, induk[0])
        if node.renstra_id != self.renstra_id:
            raise ValidationError("Induk indikator harus dari Renstra yang sama.")
        if self.nama:
            # The same name twice under one node is a duplicate unless their years never meet
            # (an indicator replaced by decree may keep its name with a new definition).
            kembar = Indikator.objects.filter(**{f"{induk[0]}_id": node.pk}, nama__iexact=self.nama.strip())
            if self.pk:
                kembar = kembar.exclude(pk=self.pk)
            mulai, sampai = self.berlaku_mulai or 0, self.berlaku_sampai or 9999
            for k in kembar:
                if (k.berlaku_mulai or 0) <= sampai and mulai <= (k.berlaku_sampai or 9999):
                    raise ValidationError(
                        {"nama": f"Indikator “{self.nama}” sudah ada pada {node._meta.verbose_name} ini."}
                    )
        r = self.renstra
        if self.baseline_tahun is not None and not r.tahun_awal - 10 <= self.baseline_tahun <= r.tahun_awal:
            raise ValidationError(
                {
                    "baseline_tahun": f"Tahun kondisi awal harus sebelum atau sama dengan awal periode ({r.tahun_awal})."
                }
            )
        for nama in ("berlaku_mulai", "berlaku_sampai"):
            _periksa_tahun(r, getattr(self, nama), nama)
        if self.berlaku_mulai and self.berlaku_sampai and self.berlaku_sampai < self.berlaku_mulai:
            raise ValidationError(
                {"berlaku_sampai": "Tahun akhir berlaku tidak boleh sebelum tahun mulai berlaku."}
            )
        periksa_nilai_satuan(self.baseline_nilai, satuan=self.satuan, kolom="baseline_nilai")
        periksa_target(
            self.target_akhir,
            self.target_akhir_atas,
            indikator=self,
            kolom="target_akhir",
            kolom_atas="target_akhir_atas",
        )
        if self.unit_penanggung_jawab_id and self.unit_penanggung_jawab.opd_id != r.opd_id:
            raise ValidationError(
                {"unit_penanggung_jawab": "Unit harus dari perangkat daerah pemilik Renstra."}
            )


def periksa_nilai_satuan(nilai: Decimal | None, *, satuan: str, kolom: str) -> None:
    """A count or a percentage cannot be negative (an index or a change in points can)."""
    if nilai is not None and nilai < 0 and not boleh_negatif(satuan):
        raise ValidationError({kolom: f"Nilai untuk satuan “{satuan}” tidak boleh negatif."})


def periksa_target(
    nilai: Decimal | None, atas: Decimal | None, *, indikator: Indikator, kolom: str, kolom_atas: str
) -> None:
    """The one rule for every target (Renstra, PK, quarter): units allow the sign; an upper
    bound makes the target a range [nilai, atas] (DOMAIN §5: a form of target, for any arah),
    which needs its lower bound and may not run backwards."""
    periksa_nilai_satuan(nilai, satuan=indikator.satuan, kolom=kolom)
    periksa_nilai_satuan(atas, satuan=indikator.satuan, kolom=kolom_atas)
    if atas is None:
        return
    if nilai is None:
        raise ValidationError({kolom: PESAN_RENTANG_TANPA_BAWAH})
    if atas < nilai:
        raise ValidationError({kolom_atas: PESAN_RENTANG_TERBALIK})


PESAN_RENTANG_TANPA_BAWAH = "Target rentang memerlukan batas bawah: isi kolom ini, atau kosongkan batas atas."
PESAN_RENTANG_TERBALIK = "Batas atas tidak boleh lebih kecil dari batas bawah."


class KomponenIndikator(NodeRenstra):
    """A part of a composite indicator (seed 004: 14 PPKS types, Σ tertangani ÷ Σ populasi)."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="komponen", verbose_name="indikator"
    )
    nama = models.CharField("nama komponen", max_length=200)

    class Meta:
        verbose_name = "komponen indikator"
        verbose_name_plural = "komponen indikator"
        ordering = ["indikator", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "nama"],
                name="komponen_nama_unik",
                violation_error_message="Komponen dengan nama ini sudah ada pada indikator ini.",
            )
        ]

    def __str__(self) -> str:
        return self.nama


class TargetIndikator(NodeRenstra):
    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="target", verbose_name="indikator"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("versi", max_length=20, choices=JenisTarget.choices, default=JenisTarget.RENSTRA)
    nilai = KolomDesimal("target", **ANGKA)
    nilai_atas = KolomDesimal("target (batas atas)", null=True, blank=True, **ANGKA)

    class Meta:
        verbose_name = "target indikator"
        verbose_name_plural = "target indikator"
        ordering = ["indikator", "tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "jenis"],
                name="target_unik",
                violation_error_message="Target untuk tahun dan versi ini sudah ada pada indikator ini.",
            )
        ]

    def __str__(self) -> str:
        return f"Target {self.get_jenis_display()} {self.tahun}: {self.indikator.nama}"

    def clean(self) -> None:
        _periksa_tahun(self.renstra, self.tahun, "tahun")
        periksa_target(
            self.nilai, self.nilai_atas, indikator=self.indikator, kolom="nilai", kolom_atas="nilai_atas"
        )
