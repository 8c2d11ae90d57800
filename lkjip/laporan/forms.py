from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from lkjip.angka import UKURAN_ANGKA
from lkjip.berkas import PDF_VERIFIKASI, BerkasTidakSah, periksa
from lkjip.fields import AngkaField, TanggalField
from lkjip.laporan.models import PernyataanReviu


class LaporanBaruForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label="Periode",
        coerce=lambda v: int(v) if v else None,
        required=False,
        empty_value=None,
        choices=[
            ("", "Tahunan"),
            ("1", "Triwulan I"),
            ("2", "Triwulan II"),
            ("3", "Triwulan III"),
            ("4", "Triwulan IV"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year - 1


class PembandingForm(forms.Form):
    nama = forms.CharField(label="Pembanding", required=False, max_length=200)
    nilai = AngkaField(label="Nilai", required=False, ukuran=UKURAN_ANGKA)
    keterangan = forms.CharField(label="Keterangan (wajib bila Nihil)", required=False, max_length=300)


class CatatanReviuForm(forms.Form):
    bagian = forms.CharField(label="Bagian", max_length=200, help_text="Mis. BAB III, indikator …, TW II.")
    isi = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 3}))


class PernyataanReviuForm(forms.ModelForm):
    class Meta:
        model = PernyataanReviu
        fields = [
            "nomor",
            "tanggal",
            "isi",
            "nama_penanda_tangan",
            "jabatan_penanda_tangan",
            "nip_penanda_tangan",
        ]
        field_classes = {"tanggal": TanggalField}
        widgets = {"isi": forms.Textarea(attrs={"rows": 6})}


class SertifikatForm(forms.Form):
    opd = forms.ModelChoiceField(queryset=None, label="Perangkat daerah")
    p12 = forms.FileField(
        label="Berkas sertifikat (.p12 / .pfx)",
        help_text="P12 atau PFX; paling besar 100 KB. Dibuka dengan sandinya sebelum dipasang.",
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx"}),
    )
    sandi = forms.CharField(label="Sandi berkas", widget=forms.PasswordInput, strip=False)
    ca_pem = forms.CharField(
        label="Sertifikat akar penerbit (PEM)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Untuk memeriksa tanda tangan di halaman verifikasi, mis. sertifikat root BSrE.",
    )

    def __init__(self, *args: Any, opd_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs

    def clean_p12(self):  # noqa: ANN201
        berkas = self.cleaned_data["p12"]
        if berkas.size > 100 * 1024:
            raise forms.ValidationError("Berkas sertifikat terlalu besar (paling besar 100 KB).")
        return berkas


class VerifikasiForm(forms.Form):
    berkas = forms.FileField(
        label="PDF yang ingin diperiksa",
        help_text=PDF_VERIFIKASI.bantuan,
        widget=forms.ClearableFileInput(attrs={"accept": PDF_VERIFIKASI.accept}),
    )

    def clean_berkas(self):  # noqa: ANN201
        # Anyone may post here: the PDF is opened in a bounded child process (lkjip.berkas)
        # before pyHanko parses it in this one.
        berkas = self.cleaned_data["berkas"]
        try:
            periksa(berkas, nama=berkas.name or "", aturan=PDF_VERIFIKASI)
        except BerkasTidakSah as exc:
            raise forms.ValidationError(str(exc)) from exc
        return berkas
