"""The LKjIP (DOMAIN §7): a report per OPD and year (or quarter), in versions.

Texts are the operator's; every table and figure is assembled from the data when rendered.
Signing freezes a :class:`DokumenTertandatangan` — the assembled data as JSON and the signed
PDF with its SHA-256 — which never changes; a later edit starts a new version.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from lkjip.audit import ModelTeraudit
from lkjip.fields import KolomDesimal
from lkjip.laporan.kerangka import BAB, BAGIAN, Kerangka, periksa_kerangka
from lkjip.lencana import Lencana, lencana_status
from lkjip.models import Pemda, Pengguna, PerangkatDaerah
from pelaporan.domain.teks import NAMA_TRIWULAN
from renstra.models import ANGKA, Indikator

# The texts the operator writes, with the heading they appear under.
JUDUL_TEKS = {
    "kata_pengantar": "Kata Pengantar",
    "ikhtisar": "Ikhtisar Eksekutif",
    "latar_belakang": "1.1 Latar Belakang",
    "dasar_hukum": "1.2 Dasar Hukum",
    "tupoksi": "1.3 Tugas Pokok dan Fungsi",
    "sumber_daya": "1.4 Sumber Daya",
    "permasalahan": "1.5 Permasalahan Utama dan Isu Strategis",
    "kesimpulan": "4.1 Kesimpulan",
    "saran": "4.2 Saran dan Perbaikan ke Depan",
}


def judul_teks(laporan: LaporanKinerja) -> list[tuple[str, str]]:
    """The report's texts in reading order with their headings; each indicator's analysis
    ("3.2 Analisis: <indikator>") sits before the BAB IV texts."""
    from renstra.models import Indikator

    kunci_analisis = list(
        TeksLaporan.objects.filter(laporan=laporan, kunci__startswith="analisis:").values_list(
            "kunci", flat=True
        )
    )
    nama = dict(
        Indikator.objects.filter(pk__in=[int(k.split(":")[1]) for k in kunci_analisis]).values_list(
            "pk", "nama"
        )
    )
    from lkjip.laporan.kerangka import TEKS_KE_BAGIAN, judul_bagian_bernomor, kerangka_pemda

    # Headings as the pemda's outline prints them; a text whose section the outline leaves out
    # keeps its default heading and says so.
    kerangka = kerangka_pemda(laporan.opd.pemda)
    umum = []
    for kunci, baku in JUDUL_TEKS.items():
        if kunci in TEKS_KE_BAGIAN:
            judul = judul_bagian_bernomor(kerangka, TEKS_KE_BAGIAN[kunci], tahun=laporan.tahun)
            baku = judul or f"{baku} (tidak dicetak menurut kerangka laporan pemda)"
        umum.append((kunci, baku))
    sebelum_bab4 = next(n for n, (k, _) in enumerate(umum) if k == "kesimpulan")
    analisis = [(k, f"3.2 Analisis: {nama.get(int(k.split(':')[1]), k)}") for k in kunci_analisis]
    return umum[:sebelum_bab4] + analisis + umum[sebelum_bab4:]


class StatusLKjIP(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan ke kepala"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan dengan catatan"
    DITANDATANGANI = "ditandatangani", "Ditandatangani"


class LaporanKinerja(ModelTeraudit):
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="lkjip", verbose_name="OPD"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", null=True, blank=True, help_text="Kosong untuk LKjIP tahunan; 1–4 untuk LKjIP triwulanan."
    )
    versi = models.PositiveSmallIntegerField("versi", default=1)
    menggantikan = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versi_berikut",
        verbose_name="versi sebelumnya",
    )
    status = models.CharField("status", max_length=15, choices=StatusLKjIP.choices, default=StatusLKjIP.DRAFT)
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)
    catatan_kepala = models.TextField("catatan kepala", blank=True)
    diajukan_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diajukan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "LKjIP"
        verbose_name_plural = "LKjIP"
        ordering = ["opd", "-tahun", "triwulan", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "triwulan", "versi"],
                name="lkjip_versi_unik",
                violation_error_message="LKjIP untuk periode dan versi ini sudah ada.",
            ),
            models.UniqueConstraint(
                fields=["opd", "tahun", "versi"],
                condition=models.Q(triwulan__isnull=True),
                name="lkjip_tahunan_versi_unik",
                violation_error_message="LKjIP tahunan versi ini sudah ada.",
            ),
        ]

    def __str__(self) -> str:
        periode = f"Triwulan {NAMA_TRIWULAN[self.triwulan - 1]} " if self.triwulan else ""
        versi = f" (versi {self.versi})" if self.versi > 1 else ""
        return f"LKjIP {periode}{self.tahun}{versi}"

    @property
    def terkunci(self) -> bool:
        return self.status in (StatusLKjIP.DIAJUKAN, StatusLKjIP.DITANDATANGANI)

    @property
    def lencana(self) -> Lencana:
        return lencana_status(self.status, self.get_status_display())

    def clean(self) -> None:
        if self.triwulan is not None and not 1 <= self.triwulan <= 4:
            raise ValidationError({"triwulan": "Triwulan harus 1 sampai 4."})


class TeksLaporan(ModelTeraudit):
    """One text of the report, written by the operator in the editor (sanitised HTML)."""

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE, related_name="teks")
    kunci = models.CharField("bagian", max_length=60)
    isi = models.TextField("isi", blank=True)

    class Meta:
        verbose_name = "teks LKjIP"
        verbose_name_plural = "teks LKjIP"
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "kunci"],
                name="teks_lkjip_unik",
                violation_error_message="Bagian ini sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kunci} ({self.laporan})"

    def audit_opd_id(self) -> int | None:
        return self.laporan.opd_id


class JenisPembanding(models.TextChoices):
    STANDAR_NASIONAL = "standar_nasional", "Standar nasional"
    INSTANSI_SEJENIS = "instansi_sejenis", "Instansi sejenis"


class PembandingIndikator(ModelTeraudit):
    """A national-standard or peer value for an indicator, or "Nihil" with the reason (DOMAIN §5)."""

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE, related_name="pembanding")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField("jenis", max_length=20, choices=JenisPembanding.choices)
    nama_pembanding = models.CharField(
        "pembanding", max_length=200, blank=True, help_text="Mis. SPM Permensos 9/2018, Dinas Sosial Kab. X."
    )
    nilai = KolomDesimal("nilai", null=True, blank=True, **ANGKA)
    keterangan = models.CharField(
        "keterangan", max_length=300, blank=True, help_text="Wajib bila nilai kosong: mengapa Nihil."
    )

    class Meta:
        verbose_name = "pembanding indikator"
        verbose_name_plural = "pembanding indikator"
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "indikator", "jenis"],
                name="pembanding_unik",
                violation_error_message="Pembanding jenis ini sudah ada untuk indikator ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.indikator.nama}"

    def audit_opd_id(self) -> int | None:
        return self.laporan.opd_id

    def clean(self) -> None:
        if self.nilai is None and not self.keterangan.strip():
            raise ValidationError({"keterangan": "Tulis alasan bila pembanding Nihil (tidak ada nilai)."})


class CatatanReviu(ModelTeraudit):
    """A note of the Inspektorat reviewer on a chapter, an indicator or a quarter of the report."""

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE, related_name="catatan_reviu")
    bagian = models.CharField(
        "bagian", max_length=200, help_text="Mis. BAB III, indikator Cakupan PMKS, TW II."
    )
    isi = models.TextField("catatan")
    penulis = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.BooleanField("sudah ditindaklanjuti", default=False)

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["laporan", "dibuat"]

    def __str__(self) -> str:
        return f"Catatan reviu {self.bagian}"

    def audit_opd_id(self) -> int | None:
        return self.laporan.opd_id


class PernyataanReviu(ModelTeraudit):
    """The Inspektorat's "pernyataan telah direviu", attached to the LKjIP as a lampiran."""

    laporan = models.OneToOneField(LaporanKinerja, on_delete=models.CASCADE, related_name="pernyataan_reviu")
    nomor = models.CharField("nomor", max_length=150)
    tanggal = models.DateField("tanggal")
    isi = models.TextField("isi pernyataan")
    nama_penanda_tangan = models.CharField("nama penandatangan", max_length=150)
    jabatan_penanda_tangan = models.CharField("jabatan penandatangan", max_length=200)
    nip_penanda_tangan = models.CharField("NIP penandatangan", max_length=18, blank=True)
    dibuat_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "pernyataan telah direviu"
        verbose_name_plural = "pernyataan telah direviu"

    def __str__(self) -> str:
        return f"Pernyataan reviu {self.nomor}"

    def audit_opd_id(self) -> int | None:
        return self.laporan.opd_id


class DokumenTertandatangan(models.Model):
    """The signed LKjIP. Written once, when signed; never changed or deleted by the application."""

    laporan = models.OneToOneField(LaporanKinerja, on_delete=models.PROTECT, related_name="dokumen")
    token = models.UUIDField("kode verifikasi", default=uuid.uuid4, unique=True, editable=False)
    snapshot = models.JSONField("data laporan saat ditandatangani")
    pdf = models.BinaryField("PDF bertanda tangan")
    sha256 = models.CharField("SHA-256 PDF", max_length=64, unique=True)
    halaman = models.PositiveIntegerField("jumlah halaman")
    ditandatangani_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    ditandatangani_pada = models.DateTimeField("ditandatangani pada")
    penandatangan = models.JSONField(
        "penandatangan", help_text="Nama, jabatan, pangkat, NIP saat ditandatangani."
    )
    penyedia = models.CharField("penyedia tanda tangan", max_length=40)
    sertifikat_subjek = models.CharField("subjek sertifikat", max_length=300)

    class Meta:
        verbose_name = "dokumen bertanda tangan"
        verbose_name_plural = "dokumen bertanda tangan"

    def __str__(self) -> str:
        return f"{self.laporan} (ditandatangani)"

    def save(self, *args: object, **kwargs: object) -> None:
        # Integrity, not business logic: a signed document is evidence and is never rewritten.
        if not self._state.adding:
            raise ValidationError("Dokumen yang sudah ditandatangani tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("Dokumen yang sudah ditandatangani tidak dapat dihapus.")


class SertifikatOPD(ModelTeraudit):
    """The OPD's signing certificate (PKCS#12), set by the admin pemda; its passphrase encrypted."""

    AUDIT_RAHASIA = ("p12", "sandi_terenkripsi")

    opd = models.OneToOneField(PerangkatDaerah, on_delete=models.CASCADE, related_name="sertifikat")
    p12 = models.BinaryField("berkas PKCS#12")
    sandi_terenkripsi = models.BinaryField("sandi PKCS#12 (terenkripsi)")
    subjek = models.CharField("subjek", max_length=300)
    penerbit = models.CharField("penerbit", max_length=300)
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    ca_pem = models.TextField("sertifikat akar (PEM) untuk verifikasi", blank=True)

    class Meta:
        verbose_name = "sertifikat tanda tangan OPD"
        verbose_name_plural = "sertifikat tanda tangan OPD"

    def __str__(self) -> str:
        return f"Sertifikat {self.subjek}"


class StatusTugas(models.TextChoices):
    ANTRI = "antri", "Menunggu giliran"
    BERJALAN = "berjalan", "Sedang dibuat"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"
    TERHENTI = "terhenti", "Terhenti"  # the worker was stopped in the middle of the job
    KEDALUWARSA = "kedaluwarsa", "Kedaluwarsa"  # a finished draft whose PDF was removed after its days


class JenisTugas(models.TextChoices):
    DRAF = "draf", "PDF draf"
    TANDATANGAN = "tandatangan", "Penandatanganan"


class TugasRender(models.Model):
    """A PDF render (or signing) run by the background worker, with its progress for the page that waits.

    The job itself waits in the task queue (django-tasks); ``id_antrian`` is its id there, which
    tells a job still queued from one whose worker stopped. ``diperbarui`` moves at every step:
    a running job that has not moved for a long time lost its worker.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jenis = models.CharField(max_length=12, choices=JenisTugas.choices, default=JenisTugas.DRAF)
    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE, related_name="render")
    diminta_oleh = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=StatusTugas.choices, default=StatusTugas.ANTRI)
    progres = models.PositiveSmallIntegerField(default=0)
    tahap = models.CharField(max_length=200, blank=True)
    pesan = models.TextField(blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    halaman = models.PositiveIntegerField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    id_antrian = models.CharField("id di antrean tugas", max_length=64, blank=True)

    class Meta:
        verbose_name = "pembuatan PDF"
        verbose_name_plural = "pembuatan PDF"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"PDF {self.laporan} ({self.get_status_display()})"


class KerangkaLaporan(ModelTeraudit):
    """A pemda's outline of the LKjIP (issue 10): what differs from the default outline
    (``lkjip.laporan.kerangka.KATALOG``), applied after assembly by ``terapkan_kerangka``."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="kerangka_laporan")
    judul = models.CharField(
        "judul laporan",
        max_length=200,
        blank=True,
        help_text="Tanpa tahun, mis. “Laporan Kinerja”; “TAHUN 2021” ditambahkan otomatis. Kosong: judul baku.",
    )
    judul_bab = models.JSONField("judul bab", default=dict, blank=True)
    judul_bagian = models.JSONField("judul bagian", default=dict, blank=True)
    urutan_bagian = models.JSONField("urutan bagian", default=dict, blank=True)
    disembunyikan = models.JSONField("bagian yang tidak dicetak", default=list, blank=True)

    class Meta:
        verbose_name = "kerangka laporan"
        verbose_name_plural = "kerangka laporan"

    def __str__(self) -> str:
        return f"Kerangka LKjIP {self.pemda}"

    def audit_pemda_id(self) -> int | None:
        return self.pemda_id

    def kerangka(self) -> Kerangka:
        return Kerangka(
            judul=self.judul,
            judul_bab=dict(self.judul_bab or {}),
            judul_bagian=dict(self.judul_bagian or {}),
            urutan_bagian={k: list(v) for k, v in (self.urutan_bagian or {}).items()},
            disembunyikan=frozenset(self.disembunyikan or ()),
        )

    def clean(self) -> None:
        masalah = periksa_kerangka(self.kerangka())
        judul = masalah.pop("judul", [])
        lain = [p for daftar in masalah.values() for p in daftar]
        if judul or lain:
            raise ValidationError(
                {**({"judul": judul} if judul else {}), **({NON_FIELD_ERRORS: lain} if lain else {})}
            )

    def audit_tampilkan(self, nama: str, nilai: object) -> str | None:
        """The history panel reads the outline as titles, not as JSON."""
        if nama == "judul_bab" and isinstance(nilai, dict):
            return "; ".join(f"{BAB[k].judul} → “{v}”" for k, v in nilai.items() if k in BAB) or "–"
        if nama == "judul_bagian" and isinstance(nilai, dict):
            return "; ".join(f"{BAGIAN[k].judul} → “{v}”" for k, v in nilai.items() if k in BAGIAN) or "–"
        if nama == "urutan_bagian" and isinstance(nilai, dict):
            return (
                "; ".join(
                    f"{BAB[k].judul}: " + ", ".join(BAGIAN[g].judul for g in v if g in BAGIAN)
                    for k, v in nilai.items()
                    if k in BAB
                )
                or "–"
            )
        if nama == "disembunyikan" and isinstance(nilai, list):
            return ", ".join(BAGIAN[k].judul for k in nilai if k in BAGIAN) or "–"
        return None
