from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from lkjip.angka import pesan_terlalu_besar
from lkjip.berkas import LOGO
from lkjip.fields import TanggalField
from lkjip.models import Pejabat, Pemda, Pengguna, Peran, PerangkatDaerah, UnitKerja
from lkjip.nip import NipTidakSah, periksa_nip


class _BerkasLewatView:
    """A stored file as a form shows it: its name, linked to the view that checks the reader
    (``FieldFile.url`` would point into /media/, which is not served)."""

    def __init__(self, berkas: Any, url: str) -> None:
        self.berkas, self.url, self.name = berkas, url, berkas.name

    def __str__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return bool(self.berkas)


class LogoField(forms.FileField):
    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, FieldFile) and value:
            return _BerkasLewatView(value, reverse("pemda_logo"))
        return value


class PemdaForm(forms.ModelForm):
    class Meta:
        model = Pemda
        fields = [
            "nama",
            "nama_singkat",
            "kepala_daerah",
            "jabatan_kepala_daerah",
            "ibu_kota",
            "zona_waktu",
            "logo",
            "skala",
            "rumus_negatif",
            "batas_capaian",
        ]
        widgets = {
            "batas_capaian": forms.TextInput(attrs={"inputmode": "decimal"}),
            "logo": forms.ClearableFileInput(attrs={"accept": LOGO.accept}),
        }
        help_texts = {"logo": f"{LOGO.bantuan} Dicetak pada sampul LKjIP."}
        field_classes = {"logo": LogoField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.skala_sendiri:
            # The pemda's own bands win over the preset: say so where the preset is chosen.
            self.fields["skala"].help_text = (
                f"Kini dipakai skala sendiri “{self.instance.nama_skala_sendiri}”, diatur di "
                "Pengaturan → Kerangka laporan; pilihan ini berlaku bila skala sendiri dihapus."
            )


class PerangkatDaerahForm(forms.ModelForm):
    class Meta:
        model = PerangkatDaerah
        fields = [
            "nama",
            "singkatan",
            "kode_urusan",
            "nama_urusan",
            "alamat",
            "kota",
            "telepon",
            "faks",
            "email",
            "kepala",
            "aktif",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only this OPD's own officials can be its kepala (and a new OPD has none yet).
        self.fields["kepala"].queryset = (
            Pejabat.objects.filter(opd=self.instance) if self.instance.pk else Pejabat.objects.none()
        )


class UnitKerjaForm(forms.ModelForm):
    class Meta:
        model = UnitKerja
        fields = ["nama", "jenis", "eselon", "induk", "urutan"]

    def __init__(self, *args: Any, opd: PerangkatDaerah, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        qs = UnitKerja.objects.filter(opd=opd)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["induk"].queryset = qs

    def validate_unique(self) -> None:
        # opd is not a form field, so Django skips the (opd, nama) constraint unless told.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as exc:
            self._update_errors(exc)


class PejabatForm(forms.ModelForm):
    # Typed as printed ("19640409 198803 1 013"), stored as 18 digits.
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        help_text="18 angka; boleh ditulis dengan spasi seperti pada blok tanda tangan.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Pejabat
        fields = ["nama", "nip", "pangkat", "golongan", "jabatan", "unit_kerja", "aktif"]

    def __init__(self, *args: Any, opd: PerangkatDaerah, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(opd=opd)

    def clean_nip(self) -> str:
        try:
            return periksa_nip(self.cleaned_data["nip"])
        except NipTidakSah as exc:
            raise forms.ValidationError(str(exc), code="nip") from exc

    def validate_unique(self) -> None:
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as exc:
            self._update_errors(exc)


class PenggunaForm(forms.ModelForm):
    password1 = forms.CharField(label="Kata sandi", widget=forms.PasswordInput, required=False, strip=False)
    password2 = forms.CharField(
        label="Ulangi kata sandi", widget=forms.PasswordInput, required=False, strip=False
    )

    class Meta:
        model = Pengguna
        fields = ["username", "nama", "email", "peran", "opd", "pejabat", "is_active"]
        labels = {"username": "Nama pengguna (login)", "is_active": "Aktif"}
        help_texts = {"username": "Huruf, angka dan @/./+/-/_ saja."}

    def __init__(self, *args: Any, pemda: Pemda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        self.instance.pemda = pemda
        self.fields["opd"].queryset = PerangkatDaerah.objects.filter(pemda=pemda)
        self.fields["opd"].help_text = "Wajib untuk operator dan kepala OPD; kosong untuk admin dan reviewer."
        self.fields["pejabat"].queryset = Pejabat.objects.filter(opd__pemda=pemda).select_related("opd")
        baru = self.instance.pk is None
        self.fields["password1"].required = baru
        self.fields["password2"].required = baru
        if not baru:
            self.fields["password1"].help_text = "Kosongkan bila kata sandi tidak diganti."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 or p2:
            if p1 != p2:
                self.add_error("password2", "Kedua kata sandi tidak sama.")
            else:
                try:
                    password_validation.validate_password(p1, self.instance)
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        if data.get("peran") in (Peran.ADMIN, Peran.REVIEWER):
            data["opd"] = None
            self.instance.opd = None
        return data

    def save(self, commit: bool = True) -> Pengguna:
        pengguna = super().save(commit=False)
        pengguna.pemda = self.pemda
        if self.cleaned_data.get("password1"):
            pengguna.set_password(self.cleaned_data["password1"])
        if commit:
            pengguna.save()
        return pengguna


class RiwayatFilterForm(forms.Form):
    opd = forms.ModelChoiceField(queryset=PerangkatDaerah.objects.none(), required=False, label="OPD")
    jenis_data = forms.ChoiceField(required=False, label="Jenis data")
    jenis = forms.ChoiceField(
        required=False,
        label="Perubahan",
        choices=[("", "Semua"), ("buat", "Dibuat"), ("ubah", "Diubah"), ("hapus", "Dihapus")],
    )
    pengguna = forms.CharField(required=False, label="Oleh")
    dari = TanggalField(required=False, label="Dari tanggal")
    sampai = TanggalField(required=False, label="Sampai tanggal")
    teks = forms.CharField(required=False, label="Cari objek")

    def __init__(self, *args: Any, opd_qs: Any, jenis_data: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs
        self.fields["jenis_data"].choices = [("", "Semua"), *jenis_data]


class UnggahExcelForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        help_text="Paling besar 5 MB. Berkas diperiksa dulu; tidak ada yang disimpan sebelum Anda menyetujui pratinjau.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_berkas(self) -> Any:
        from lkjip.excel import MAKS_BYTE

        berkas = self.cleaned_data["berkas"]
        if berkas.size > MAKS_BYTE:
            raise forms.ValidationError(pesan_terlalu_besar(berkas.size, MAKS_BYTE))
        if not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Pilih berkas Excel berakhiran .xlsx (bukan .xls, .csv atau .ods).")
        return berkas


def galat_ke_form(form: forms.Form, exc: ValidationError, *, peta: dict[str, str] | None = None) -> None:
    """A service's ValidationError shown on the form: each message next to its field (``peta``
    renames model fields to form fields), the rest above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for nama, daftar in exc.message_dict.items():
        kolom = (peta or {}).get(nama, nama)
        form.add_error(kolom if kolom in form.fields else None, daftar)
