"""Forms a newcomer can fill without help: examples in the help text, choices from the OPD's
own data only, Indonesian numbers, and every problem named next to its field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lkjip.angka import UKURAN_ANGKA, UKURAN_RUPIAH, pesan_terlalu_besar
from lkjip.fields import AngkaField, PilihanBanyakField
from lkjip.models import PerangkatDaerah, UnitKerja
from pelaporan.domain.nomenklatur import belum_bernama, nama_nomenklatur
from renstra.models import (
    RPJMD,
    ArahKebijakan,
    Indikator,
    JenisTarget,
    Kegiatan,
    KomponenIndikator,
    MisiRPJMD,
    PaguIndikatif,
    PemetaanProgram,
    Program,
    Renstra,
    Sasaran,
    SasaranRPJMD,
    Strategi,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
    TujuanRPJMD,
    periksa_nilai_satuan,
)
from renstra.models.indikator import PESAN_RENTANG_TANPA_BAWAH, PESAN_RENTANG_TERBALIK
from renstra.satuan import SATUAN_UMUM
from renstra.selectors import nomenklatur_pemda


class _FormUnik(forms.ModelForm):
    """Checks the model's unique constraints although the parent is not a form field."""

    def validate_unique(self) -> None:
        try:
            self.instance.validate_constraints()
        except ValidationError as exc:
            self._update_errors(exc)


# ------------------------------------------------------------------ RPJMD


class RPJMDForm(_FormUnik):
    class Meta:
        model = RPJMD
        fields = ["tahun_awal", "tahun_akhir", "visi", "dasar_hukum"]
        widgets = {"visi": forms.Textarea(attrs={"rows": 3})}


class MisiRPJMDForm(_FormUnik):
    class Meta:
        model = MisiRPJMD
        fields = ["nomor", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class TujuanRPJMDForm(_FormUnik):
    class Meta:
        model = TujuanRPJMD
        fields = ["kode", "uraian", "misi"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, rpjmd: RPJMD, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["misi"].queryset = MisiRPJMD.objects.filter(rpjmd=rpjmd)


class SasaranRPJMDForm(_FormUnik):
    class Meta:
        model = SasaranRPJMD
        fields = ["tujuan", "kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, rpjmd: RPJMD, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = TujuanRPJMD.objects.filter(rpjmd=rpjmd)


# ------------------------------------------------------------------ Renstra


class RenstraForm(_FormUnik):
    class Meta:
        model = Renstra
        fields = ["tahun_awal", "tahun_akhir", "rpjmd", "dasar_hukum", "keterangan"]
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, opd: PerangkatDaerah, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        self.fields["rpjmd"].queryset = RPJMD.objects.filter(pemda_id=opd.pemda_id)


class _FormNode(_FormUnik):
    """A node of one Renstra: choices are limited to that Renstra (and its OPD's units)."""

    def __init__(self, *args: Any, renstra: Renstra, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renstra = renstra
        self.instance.renstra = renstra
        for nama, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model
            if model is UnitKerja:
                field.queryset = UnitKerja.objects.filter(opd_id=renstra.opd_id)
            elif model is MisiRPJMD:
                field.queryset = MisiRPJMD.objects.filter(rpjmd_id=renstra.rpjmd_id)
            elif model is SasaranRPJMD:
                field.queryset = SasaranRPJMD.objects.filter(tujuan__rpjmd_id=renstra.rpjmd_id)
            elif hasattr(model, "renstra"):
                field.queryset = model.objects.filter(renstra=renstra)
            del nama


class TujuanForm(_FormNode):
    class Meta:
        model = Tujuan
        fields = ["kode", "uraian", "misi", "urutan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class SasaranForm(_FormNode):
    program = PilihanBanyakField(
        queryset=Program.objects.none(),
        required=False,
        label="Program yang mendukung sasaran ini",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Sasaran
        fields = ["tujuan", "kode", "uraian", "sasaran_daerah", "urutan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(renstra=self.renstra).order_by(
            "urutan", "kode"
        )
        if self.instance.pk:
            self.fields["program"].initial = list(
                PemetaanProgram.objects.filter(sasaran=self.instance).values_list("program_id", flat=True)
            )


class _FormBerkode(_FormNode):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kode = self.instance.kode
        if not kode:
            return
        # The nomenclature suggests; the name the OPD writes is the one kept.
        daftar = nomenklatur_pemda(self.renstra.opd.pemda_id)
        baku = nama_nomenklatur(daftar=daftar.entri, kode=kode)
        bantuan = []
        if belum_bernama(nama=self.instance.nama):
            bantuan.append(
                "Dibuat oleh impor Excel dari kodenya saja: tulis nomenklaturnya seperti di dokumen anggaran."
            )
        if baku:
            bantuan.append(f"Menurut {daftar.sumber}, nama kode {kode}: “{baku}”.")
        if bantuan:
            self.fields["nama"].help_text = " ".join(bantuan)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # What is typed is the code (blank means none): the model normalises and checks it.
        self.instance.kode = self.cleaned_data.get("kode_tampil", "")
        return data


class ProgramForm(_FormBerkode):
    sasaran = PilihanBanyakField(
        queryset=Sasaran.objects.none(),
        required=False,
        label="Sasaran yang didukung",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Program
        fields = ["kode_tampil", "nama", "unit_penanggung_jawab", "urutan"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = Sasaran.objects.filter(renstra=self.renstra).order_by(
            "urutan", "kode"
        )
        if self.instance.pk:
            self.fields["sasaran"].initial = list(
                PemetaanProgram.objects.filter(program=self.instance).values_list("sasaran_id", flat=True)
            )


class KegiatanForm(_FormBerkode):
    class Meta:
        model = Kegiatan
        fields = ["program", "kode_tampil", "nama", "unit_penanggung_jawab", "urutan"]


class SubKegiatanForm(_FormBerkode):
    class Meta:
        model = SubKegiatan
        fields = ["kegiatan", "kode_tampil", "nama", "unit_penanggung_jawab", "urutan"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ada = {}
        if self.instance.pk:
            ada = {p.tahun: p.jumlah for p in PaguIndikatif.objects.filter(sub_kegiatan=self.instance)}
        for tahun in self.renstra.tahun:
            self.fields[f"pagu_{tahun}"] = AngkaField(
                label=f"Pagu indikatif {tahun} (Rp)",
                required=False,
                ukuran=UKURAN_RUPIAH,
                initial=ada.get(tahun),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for tahun in self.renstra.tahun:
            nilai = data.get(f"pagu_{tahun}")
            if nilai is not None and nilai < 0:
                self.add_error(f"pagu_{tahun}", "Pagu tidak boleh negatif.")
        return data

    def pagu(self) -> dict[int, Decimal | None]:
        return {t: self.cleaned_data.get(f"pagu_{t}") for t in self.renstra.tahun}


class StrategiForm(_FormNode):
    class Meta:
        model = Strategi
        fields = ["nomor", "uraian", "sasaran"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class ArahKebijakanForm(_FormNode):
    class Meta:
        model = ArahKebijakan
        fields = ["strategi", "nomor", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


# ------------------------------------------------------------------ Indicators


class IndikatorForm(_FormNode):
    baseline_nilai = AngkaField(label="Kondisi awal (baseline)", required=False, ukuran=UKURAN_ANGKA)
    target_akhir = AngkaField(label="Target akhir periode", required=False, ukuran=UKURAN_ANGKA)
    target_akhir_atas = AngkaField(
        label="Target akhir periode (batas atas)",
        required=False,
        ukuran=UKURAN_ANGKA,
        help_text="Isi hanya bila targetnya rentang (mis. 80–90); berlaku untuk semua arah.",
    )
    komponen_teks = forms.CharField(
        label="Komponen (opsional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Untuk indikator gabungan: satu komponen per baris, mis. jenis PPKS. Realisasinya diisi "
        "sebagai pembilang dan penyebut per komponen, lalu dijumlahkan: Σ pembilang ÷ Σ penyebut.",
    )

    class Meta:
        model = Indikator
        fields = [
            "nama",
            "satuan",
            "arah",
            "akumulasi",
            "iku",
            "definisi",
            "pembilang",
            "penyebut",
            "baseline_nilai",
            "baseline_tahun",
            "target_akhir",
            "target_akhir_atas",
            "skala_predikat",
            "sumber_data",
            "unit_penanggung_jawab",
            "urutan",
            "keterangan",
        ]
        widgets = {
            "definisi": forms.Textarea(attrs={"rows": 2}),
            "keterangan": forms.Textarea(attrs={"rows": 2}),
            "satuan": forms.TextInput(attrs={"list": "daftar-satuan"}),
        }

    def __init__(self, *args: Any, induk: Any | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if induk is not None:
            setattr(self.instance, _nama_tingkat(induk), induk)
        self.satuan_umum = SATUAN_UMUM
        ada: dict[int, TargetIndikator] = {}
        if self.instance.pk:
            ada = {
                t.tahun: t
                for t in TargetIndikator.objects.filter(indikator=self.instance, jenis=JenisTarget.RENSTRA)
            }
            self.fields["komponen_teks"].initial = "\n".join(
                KomponenIndikator.objects.filter(indikator=self.instance).values_list("nama", flat=True)
            )
        for tahun in self.renstra.tahun:
            t = ada.get(tahun)
            self.fields[f"target_{tahun}"] = AngkaField(
                label=f"Target {tahun}",
                required=False,
                ukuran=UKURAN_ANGKA,
                initial=t.nilai if t else None,
            )
            self.fields[f"target_atas_{tahun}"] = AngkaField(
                label=f"Batas atas {tahun}",
                required=False,
                ukuran=UKURAN_ANGKA,
                initial=t.nilai_atas if t else None,
            )

    @property
    def ada_rentang(self) -> bool:
        """Whether any target of the form is a range (the upper-bound column starts open)."""
        kolom = ["target_akhir_atas", *(f"target_atas_{t}" for t in self.renstra.tahun)]
        if self.is_bound:
            return any(str(self.data.get(self.add_prefix(k), "")).strip() for k in kolom)
        return any(self[k].initial is not None or self.initial.get(k) is not None for k in kolom)

    @property
    def kolom_target(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(t, self[f"target_{t}"], self[f"target_atas_{t}"]) for t in self.renstra.tahun]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        satuan = data.get("satuan") or ""
        for tahun in self.renstra.tahun:
            nilai, atas = data.get(f"target_{tahun}"), data.get(f"target_atas_{tahun}")
            for kolom, v in ((f"target_{tahun}", nilai), (f"target_atas_{tahun}", atas)):
                try:
                    periksa_nilai_satuan(v, satuan=satuan, kolom=kolom)
                except ValidationError as exc:
                    self.add_error(kolom, exc.message_dict[kolom])
            if atas is not None and nilai is not None and atas < nilai:
                self.add_error(f"target_atas_{tahun}", PESAN_RENTANG_TERBALIK)
            if atas is not None and nilai is None:
                self.add_error(f"target_{tahun}", PESAN_RENTANG_TANPA_BAWAH)
        nama_komponen = [b.strip() for b in (data.get("komponen_teks") or "").splitlines() if b.strip()]
        if len(set(nama_komponen)) != len(nama_komponen):
            self.add_error("komponen_teks", "Ada nama komponen yang ditulis dua kali.")
        data["komponen"] = nama_komponen
        return data

    def target(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {
            t: (self.cleaned_data.get(f"target_{t}"), self.cleaned_data.get(f"target_atas_{t}"))
            for t in self.renstra.tahun
        }


class GantiIndikatorForm(forms.Form):
    tahun = forms.IntegerField(label="Berlaku mulai tahun")
    nama = forms.CharField(label="Nama indikator baru", max_length=400)
    satuan = forms.CharField(label="Satuan", max_length=50)
    alasan = forms.CharField(
        label="Dasar perubahan",
        max_length=300,
        help_text="Mis. Keputusan Bupati Nomor … tentang perubahan IKU.",
    )

    def __init__(self, *args: Any, indikator: Indikator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        r = indikator.renstra
        self.fields["tahun"].min_value = (indikator.berlaku_mulai or r.tahun_awal) + 1
        self.fields["tahun"].max_value = r.tahun_akhir
        self.fields["tahun"].help_text = (
            f"Antara {self.fields['tahun'].min_value} dan {r.tahun_akhir}. Indikator lama tetap menyimpan target "
            "dan realisasi tahun-tahun sebelumnya."
        )
        self.fields["tahun"].validators = []
        self.initial.setdefault("nama", indikator.nama)
        self.initial.setdefault("satuan", indikator.satuan)

    def clean_tahun(self) -> int:
        tahun = self.cleaned_data["tahun"]
        r = self.indikator.renstra
        awal = (self.indikator.berlaku_mulai or r.tahun_awal) + 1
        if not awal <= tahun <= r.tahun_akhir:
            raise ValidationError(f"Tahun harus antara {awal} dan {r.tahun_akhir}.")
        return tahun


def _nama_tingkat(induk: Any) -> str:
    return {
        Tujuan: "tujuan",
        Sasaran: "sasaran",
        Program: "program",
        Kegiatan: "kegiatan",
        SubKegiatan: "sub_kegiatan",
    }[type(induk)]


class UnggahNomenklaturForm(forms.Form):
    MAKS_BYTE = 5 * 1024 * 1024

    berkas = forms.FileField(
        label="Berkas CSV (kode,tingkat,nama)",
        help_text="Kolom sama dengan daftar bawaan: kode (mis. 1.06.02.2.01.0001), tingkat (urusan, bidang, "
        "program, kegiatan, sub_kegiatan), nama. Paling besar 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > self.MAKS_BYTE:
            raise ValidationError(pesan_terlalu_besar(berkas.size, self.MAKS_BYTE))
        if not berkas.name.lower().endswith(".csv"):
            raise ValidationError("Pilih berkas berakhiran .csv (di Excel: Simpan Sebagai → CSV UTF-8).")
        return berkas
