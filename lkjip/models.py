"""The organisation (DOMAIN §2), the users and their roles (§8), and the audit trail."""

from __future__ import annotations

import contextlib
import os
import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from lkjip.audit import AuditQuerySet, ModelTeraudit
from lkjip.nip import NipTidakSah, format_nip, periksa_nip
from pelaporan.domain.capaian import RumusNegatif
from pelaporan.domain.uraian import RUMUS_NEGATIF_TEKS


class ZonaWaktu(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB (UTC+7)"
    WITA = "Asia/Makassar", "WITA (UTC+8)"
    WIT = "Asia/Jayapura", "WIT (UTC+9)"


# The formulas are the domain's enum (the core may import the pure domain); only their
# labels for the settings form are the core's. A member without a label fails at import.
# The formula text is the domain's (the same words the grid, BAB III and settings print);
# only its source is added here.
_SUMBER_RUMUS_NEGATIF = {
    RumusNegatif.SELISIH: "Kepka LAN 239/2003",
    RumusNegatif.RASIO: "SIPD, tren negatif",
}
PILIHAN_RUMUS_NEGATIF = [
    (r.value, f"{RUMUS_NEGATIF_TEKS[r]} ({_SUMBER_RUMUS_NEGATIF[r]})") for r in RumusNegatif
]


class SkalaPenilaian(models.TextChoices):
    PERMENDAGRI = "permendagri_86_2017", "Permendagri 86/2017 (Sangat Tinggi … Sangat Rendah)"
    EMPAT_PITA = "empat_pita", "Baik Sekali / Baik / Cukup / Kurang"


def _validasi_logo(berkas: models.FieldFile) -> None:
    """A new logo is parsed for what its extension claims (lkjip.berkas.LOGO: size, pixels, no
    script in an SVG); a stored one is not read again on every save of the settings."""
    if not berkas or getattr(berkas, "_committed", True):
        return
    from lkjip.berkas import LOGO, BerkasTidakSah, periksa

    if os.path.splitext(berkas.name or "")[1].lower() not in LOGO.ekstensi:
        return  # FileExtensionValidator says so
    try:
        periksa(berkas.file, nama=berkas.name, aturan=LOGO)
    except BerkasTidakSah as exc:
        raise ValidationError(str(exc)) from exc


class Pemda(ModelTeraudit):
    """A kabupaten, kota or provinsi and the settings every report of its OPDs follows."""

    nama = models.CharField("nama pemerintah daerah", max_length=150, unique=True)
    nama_singkat = models.CharField(
        "nama wilayah", max_length=100, help_text="Mis. “Kutai Kartanegara”, dipakai di kop dan teks."
    )
    kepala_daerah = models.CharField("nama kepala daerah", max_length=150, blank=True)
    jabatan_kepala_daerah = models.CharField(
        "jabatan kepala daerah", max_length=150, blank=True, help_text="Mis. “Bupati Kutai Kartanegara”."
    )
    ibu_kota = models.CharField(
        "ibu kota", max_length=100, help_text="Tempat penandatanganan dokumen, mis. “Tenggarong”."
    )
    zona_waktu = models.CharField(
        "zona waktu", max_length=20, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB
    )
    logo = models.FileField(
        "logo",
        upload_to="logo/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "svg"]), _validasi_logo],
    )
    skala = models.CharField(
        "skala penilaian capaian",
        max_length=40,
        choices=SkalaPenilaian.choices,
        default=SkalaPenilaian.PERMENDAGRI,
    )
    # The pemda's own bands (lowest first, as pelaporan.domain.Skala.ke_data), or None for the
    # preset above. Band labels only (the preset's bounds) are stored the same way.
    skala_sendiri = models.JSONField(
        "pita skala sendiri",
        null=True,
        blank=True,
        help_text="Diatur di layar Kerangka laporan. Kosong: skala baku di atas.",
    )
    nama_skala_sendiri = models.CharField("nama skala sendiri", max_length=150, blank=True)
    rumus_negatif = models.CharField(
        "rumus indikator negatif",
        max_length=10,
        choices=PILIHAN_RUMUS_NEGATIF,
        default=RumusNegatif.SELISIH.value,
    )
    batas_capaian = models.DecimalField(
        "batas atas capaian (%)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(100), MaxValueValidator(1000)],
        help_text="Kosongkan bila capaian tidak dibatasi. Mis. 120: capaian di atas 120 % dihitung 120 % "
        "untuk kategori dan rata-rata; nilai aslinya tetap ditampilkan.",
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def audit_pemda_id(self) -> int | None:
        return self.pk

    def clean(self) -> None:
        if self.skala_sendiri is None:
            return
        # The domain validates the bands (pure Python; imported here, the core has no app imports).
        from pelaporan.domain.skala import SkalaTidakSah, skala_dari_data

        if not self.nama_skala_sendiri.strip():
            raise ValidationError(
                {"nama_skala_sendiri": "Beri nama skala sendiri, mis. “Tingkat Keberhasilan”."}
            )
        try:
            skala_dari_data(nama=self.nama_skala_sendiri, pita=self.skala_sendiri)
        except (SkalaTidakSah, AttributeError, TypeError) as e:
            raise ValidationError(
                {"skala_sendiri": getattr(e, "masalah", None) or ["Pita skala tidak terbaca."]}
            ) from e

    def audit_tampilkan(self, nama: str, nilai: object) -> str | None:
        if nama != "skala_sendiri" or not nilai:
            return None
        from pelaporan.domain.skala import SkalaTidakSah, skala_dari_data

        try:
            skala = skala_dari_data(nama=self.nama_skala_sendiri or "-", pita=nilai)
        except (SkalaTidakSah, AttributeError, TypeError):
            return None
        return "; ".join(f"{p.label} {teks}" for teks, p in skala.uraian())


class PerangkatDaerah(ModelTeraudit):
    """An OPD: the tenant of every plan, target, realisasi and report."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opd", verbose_name="pemda")
    nama = models.CharField("nama perangkat daerah", max_length=200)
    singkatan = models.CharField("singkatan", max_length=30, blank=True)
    kode_urusan = models.CharField(
        "kode bidang urusan", max_length=20, blank=True, help_text="Mis. 1.06 untuk urusan Sosial."
    )
    nama_urusan = models.CharField("bidang urusan", max_length=150, blank=True)
    alamat = models.CharField("alamat", max_length=250, blank=True)
    kota = models.CharField("kota", max_length=100, blank=True)
    telepon = models.CharField("telepon", max_length=50, blank=True)
    faks = models.CharField("faks", max_length=50, blank=True)
    email = models.EmailField("email", blank=True)
    kepala = models.ForeignKey(
        "Pejabat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="kepala perangkat daerah",
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["pemda__nama", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "nama"],
                name="opd_nama_unik_per_pemda",
                violation_error_message="Perangkat daerah dengan nama ini sudah ada di pemda ini.",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("opd_detail", args=[self.pk])

    def clean(self) -> None:
        if self.kepala_id and self.pk and self.kepala.opd_id != self.pk:
            raise ValidationError({"kepala": "Kepala harus pejabat dari perangkat daerah ini."})

    def audit_opd_id(self) -> int | None:
        return self.pk


class JenisUnit(models.TextChoices):
    PIMPINAN = "pimpinan", "Pimpinan (Kepala)"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    SUBBAGIAN = "subbagian", "Sub Bagian"
    BIDANG = "bidang", "Bidang"
    SEKSI = "seksi", "Seksi"
    UPT = "upt", "UPT / UPTD"
    FUNGSIONAL = "fungsional", "Kelompok Jabatan Fungsional"


class Eselon(models.TextChoices):
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"
    NON = "non", "Non-eselon / fungsional"

    @classmethod
    def tingkat(cls, nilai: str) -> int:
        """2, 3, 4 (or 5 for non-eselon): the PK cascade goes from lower to higher numbers."""
        return {"II": 2, "III": 3, "IV": 4}.get(nilai.split(".")[0], 5)


class UnitKerja(ModelTeraudit):
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_kerja", verbose_name="OPD"
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name="unit induk",
    )
    nama = models.CharField("nama unit", max_length=200)
    jenis = models.CharField("jenis", max_length=20, choices=JenisUnit.choices)
    eselon = models.CharField("eselon", max_length=5, choices=Eselon.choices)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "nama"],
                name="unit_nama_unik_per_opd",
                violation_error_message="Unit kerja dengan nama ini sudah ada di perangkat daerah ini.",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.induk_id is None:
            return
        if self.induk.opd_id != self.opd_id:
            raise ValidationError({"induk": "Unit induk harus dari perangkat daerah yang sama."})
        # Walk up: a unit may not end up under itself.
        node, langkah = self.induk, 0
        while node is not None and langkah < 50:
            if self.pk and node.pk == self.pk:
                raise ValidationError({"induk": "Unit tidak boleh berada di bawah dirinya sendiri."})
            node, langkah = node.induk, langkah + 1
        if Eselon.tingkat(self.eselon) < Eselon.tingkat(self.induk.eselon):
            raise ValidationError({"eselon": "Eselon unit tidak boleh lebih tinggi daripada unit induknya."})


class Golongan(models.TextChoices):
    """Golongan ruang, printed after the pangkat ("Pembina Utama Muda, IV/c")."""

    I_A = "I/a", "I/a"
    I_B = "I/b", "I/b"
    I_C = "I/c", "I/c"
    I_D = "I/d", "I/d"
    II_A = "II/a", "II/a"
    II_B = "II/b", "II/b"
    II_C = "II/c", "II/c"
    II_D = "II/d", "II/d"
    III_A = "III/a", "III/a"
    III_B = "III/b", "III/b"
    III_C = "III/c", "III/c"
    III_D = "III/d", "III/d"
    IV_A = "IV/a", "IV/a"
    IV_B = "IV/b", "IV/b"
    IV_C = "IV/c", "IV/c"
    IV_D = "IV/d", "IV/d"
    IV_E = "IV/e", "IV/e"


def validasi_nip(nilai: str) -> None:
    try:
        periksa_nip(nilai)
    except NipTidakSah as exc:
        raise ValidationError(str(exc), code="nip") from exc


class Pejabat(ModelTeraudit):
    """A person who signs or answers for something: printed in signature blocks (DOMAIN §2)."""

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="pejabat", verbose_name="OPD"
    )
    nama = models.CharField(
        "nama dengan gelar", max_length=150, help_text="Tulis seperti pada tanda tangan, mis. “H. Hamly, SE”."
    )
    nip = models.CharField(
        "NIP", max_length=18, validators=[validasi_nip], help_text="18 angka; spasi boleh, akan dihapus."
    )
    pangkat = models.CharField("pangkat", max_length=100, blank=True, help_text="Mis. “Pembina Utama Muda”.")
    golongan = models.CharField("golongan", max_length=6, choices=Golongan.choices, blank=True)
    jabatan = models.CharField("jabatan", max_length=200, help_text="Mis. “Kepala Dinas Sosial”.")
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pejabat",
        verbose_name="unit kerja",
    )
    aktif = models.BooleanField("masih menjabat", default=True)

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["opd", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "nip"],
                name="pejabat_nip_unik_per_opd",
                violation_error_message="Pejabat dengan NIP ini sudah terdaftar di perangkat daerah ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip)

    @property
    def pangkat_golongan(self) -> str:
        return ", ".join(x for x in (self.pangkat, self.golongan) if x)

    def clean(self) -> None:
        if self.nip:
            # An invalid NIP is reported next to the field by its validator.
            with contextlib.suppress(NipTidakSah):
                self.nip = periksa_nip(self.nip)
        if self.unit_kerja_id and self.unit_kerja.opd_id != self.opd_id:
            raise ValidationError({"unit_kerja": "Unit kerja harus dari perangkat daerah yang sama."})


class Peran(models.TextChoices):
    ADMIN = "admin", "Admin Pemda"
    OPERATOR = "operator", "Operator OPD"
    KEPALA = "kepala", "Kepala OPD"
    REVIEWER = "reviewer", "Reviewer Inspektorat"


class PenggunaManager(UserManager.from_queryset(AuditQuerySet)):
    pass


class Pengguna(AbstractUser, ModelTeraudit):
    """A login. Operators and kepala belong to one OPD; admin and reviewer to the whole pemda."""

    AUDIT_ABAIKAN = ("last_login",)
    AUDIT_RAHASIA = ("password",)

    nama = models.CharField("nama lengkap", max_length=150)
    peran = models.CharField("peran", max_length=10, choices=Peran.choices)
    pemda = models.ForeignKey(
        Pemda, on_delete=models.PROTECT, null=True, blank=True, related_name="pengguna", verbose_name="pemda"
    )
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name="perangkat daerah",
    )
    pejabat = models.ForeignKey(
        Pejabat,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="akun",
        verbose_name="data pejabat",
        help_text="Untuk kepala OPD: data yang dicetak pada blok tanda tangan.",
    )

    objects = PenggunaManager()

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.nama or self.username

    def get_full_name(self) -> str:
        return self.nama or self.username

    def clean(self) -> None:
        super().clean()
        if self.is_superuser and not self.peran:
            return
        if self.peran in (Peran.OPERATOR, Peran.KEPALA):
            if not self.opd_id:
                raise ValidationError(
                    {"opd": "Operator dan kepala OPD harus terhubung ke satu perangkat daerah."}
                )
            self.pemda_id = self.opd.pemda_id
        elif self.peran in (Peran.ADMIN, Peran.REVIEWER):
            if not self.pemda_id:
                raise ValidationError({"pemda": "Admin dan reviewer harus terhubung ke satu pemda."})
            if self.opd_id:
                raise ValidationError({"opd": "Admin dan reviewer berlaku untuk seluruh OPD: kosongkan OPD."})
        if self.pejabat_id and self.pejabat.opd_id != self.opd_id:
            raise ValidationError({"pejabat": "Data pejabat harus dari perangkat daerah pengguna."})

    def audit_opd_id(self) -> int | None:
        return self.opd_id


class UnggahanSementara(models.Model):
    """An uploaded workbook between its preview and the user's confirmation.

    Kept in the database (not on disk) so nothing needs cleaning up outside it; rows older
    than a day are removed whenever a new one arrives.
    """

    token = models.UUIDField("token", default=uuid.uuid4, unique=True, editable=False)
    pengguna = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    jenis = models.CharField("jenis", max_length=40)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    isi = models.BinaryField("isi")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "unggahan sementara"
        verbose_name_plural = "unggahan sementara"

    def __str__(self) -> str:
        return f"{self.jenis}: {self.nama_berkas}"


class CatatanAudit(models.Model):
    """One recorded change. Never edited, never deleted by the application."""

    class Jenis(models.TextChoices):
        BUAT = "buat", "Dibuat"
        UBAH = "ubah", "Diubah"
        HAPUS = "hapus", "Dihapus"

    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    # No database constraint: a user or OPD may be deleted, its history may not.
    pengguna = models.ForeignKey(
        Pengguna,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pengguna",
    )
    nama_pengguna = models.CharField("oleh", max_length=150)
    jenis = models.CharField("jenis", max_length=5, choices=Jenis.choices)
    aksi = models.CharField("aksi", max_length=100, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name="jenis data"
    )
    objek_id = models.CharField("id objek", max_length=64)
    objek_label = models.CharField("objek", max_length=255)
    opd_id = models.BigIntegerField("OPD", null=True, blank=True, db_index=True)
    pemda_id = models.BigIntegerField("pemda", null=True, blank=True, db_index=True)
    perubahan = models.JSONField("perubahan", default=dict)
    keterangan = models.CharField("keterangan", max_length=500, blank=True)

    class Meta:
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["content_type", "objek_id"], name="audit_objek_idx")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.objek_label} oleh {self.nama_pengguna}"
