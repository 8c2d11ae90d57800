"""The plan (DOMAIN §3 and §4): RPJMD of the pemda, Renstra of each OPD, and its tree.

RPJMD (visi, misi, tujuan and sasaran daerah)
 └─ Renstra OPD (periode)
     └─ Tujuan ── indikator
         └─ Sasaran strategis ── indikator (IKU)      ◄── Program (via PemetaanProgram)
     Program ── indikator ── Kegiatan ── indikator ── Sub-kegiatan ── indikator, pagu indikatif

Every node carries its Renstra, so a tree of any size loads with one query per level and
every read can be scoped to the OPD through ``renstra__opd``.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lkjip.audit import ModelTeraudit
from lkjip.models import Pemda, PerangkatDaerah, UnitKerja
from pelaporan.domain.capaian import Arah
from pelaporan.domain.kode import (
    KodeTidakSah,
    TingkatKode,
    induk_kode,
    kode_setara,
    normalisasi_kode,
    tingkat_kode,
)
from pelaporan.domain.triwulan import Akumulasi
from renstra.satuan import boleh_negatif

# Labels for the domain's enums (pelaporan.domain is pure Python, shared by every layer).
PILIHAN_ARAH = [
    (Arah.POSITIF.value, "Positif (makin tinggi makin baik)"),
    (Arah.NEGATIF.value, "Negatif (makin rendah makin baik)"),
    (Arah.MENDEKATI.value, "Mendekati target"),
    (Arah.RENTANG.value, "Rentang (batas bawah – batas atas)"),
]
PILIHAN_AKUMULASI = [
    (Akumulasi.KUMULATIF.value, "Kumulatif (jumlah triwulan)"),
    (Akumulasi.NILAI_AKHIR.value, "Nilai akhir (triwulan terakhir)"),
    (Akumulasi.RATA_RATA.value, "Rata-rata triwulan"),
]

ANGKA = {"max_digits": 20, "decimal_places": 4}
RUPIAH = {"max_digits": 18, "decimal_places": 2}


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
    jumlah = models.DecimalField("pagu indikatif (Rp)", **RUPIAH)

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
    baseline_nilai = models.DecimalField("kondisi awal (baseline)", null=True, blank=True, **ANGKA)
    baseline_tahun = models.PositiveSmallIntegerField("tahun kondisi awal", null=True, blank=True)
    target_akhir = models.DecimalField("target akhir periode", null=True, blank=True, **ANGKA)
    target_akhir_atas = models.DecimalField(
        "target akhir periode (batas atas)",
        null=True,
        blank=True,
        help_text="Hanya untuk arah rentang.",
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
        for nama in ("baseline_nilai", "target_akhir", "target_akhir_atas"):
            periksa_nilai_satuan(getattr(self, nama), satuan=self.satuan, kolom=nama)
        if self.arah == Arah.RENTANG.value:
            if self.target_akhir is not None and self.target_akhir_atas is None:
                raise ValidationError(
                    {"target_akhir_atas": "Indikator rentang memerlukan batas atas target."}
                )
            if (
                self.target_akhir_atas is not None
                and self.target_akhir is not None
                and self.target_akhir_atas < self.target_akhir
            ):
                raise ValidationError(
                    {"target_akhir_atas": "Batas atas tidak boleh lebih kecil dari batas bawah."}
                )
        elif self.target_akhir_atas is not None:
            raise ValidationError(
                {"target_akhir_atas": "Batas atas hanya untuk indikator dengan arah rentang."}
            )
        if self.unit_penanggung_jawab_id and self.unit_penanggung_jawab.opd_id != r.opd_id:
            raise ValidationError(
                {"unit_penanggung_jawab": "Unit harus dari perangkat daerah pemilik Renstra."}
            )


def periksa_nilai_satuan(nilai: Decimal | None, *, satuan: str, kolom: str) -> None:
    """A count or a percentage cannot be negative (an index or a change in points can)."""
    if nilai is not None and nilai < 0 and not boleh_negatif(satuan):
        raise ValidationError({kolom: f"Nilai untuk satuan “{satuan}” tidak boleh negatif."})


def _periksa_tahun(renstra: Renstra, tahun: int | None, kolom: str) -> None:
    if tahun is not None and not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
        raise ValidationError(
            {kolom: f"Tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}."}
        )


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
    nilai = models.DecimalField("target", **ANGKA)
    nilai_atas = models.DecimalField("target (batas atas)", null=True, blank=True, **ANGKA)

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
        satuan = self.indikator.satuan
        periksa_nilai_satuan(self.nilai, satuan=satuan, kolom="nilai")
        periksa_nilai_satuan(self.nilai_atas, satuan=satuan, kolom="nilai_atas")
        if self.indikator.arah == Arah.RENTANG.value and self.nilai_atas is None:
            raise ValidationError({"nilai_atas": "Indikator rentang memerlukan batas atas target."})
