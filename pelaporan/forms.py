from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lkjip.angka import UKURAN_ANGKA, UKURAN_RUPIAH, Ukuran
from lkjip.berkas import BUKTI
from lkjip.fields import AngkaField, TanggalField
from lkjip.models import Pejabat, PerangkatDaerah, UnitKerja
from pelaporan.models import Anggaran, JenjangPK, PerjanjianKinerja
from pelaporan.services.grid import SelGrid, teks_baru
from renstra.models import (
    PILIHAN_AKUMULASI,
    PILIHAN_ARAH,
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Tujuan,
)

_MODEL_NODE = {
    "tujuan": Tujuan,
    "sasaran": Sasaran,
    "program": Program,
    "kegiatan": Kegiatan,
    "sub_kegiatan": SubKegiatan,
}


def kunci_node(node: Any) -> str:
    """``"kegiatan:12"``: a plan node as a choice value."""
    nama = {m: n for n, m in _MODEL_NODE.items()}[type(node)]
    return f"{nama}:{node.pk}"


def node_dari_kunci(teks: str, *, opd: PerangkatDaerah) -> tuple[str, Any]:
    """The node behind a choice value, scoped to the OPD (a forged value is a 404-like error)."""
    nama, _, pk = (teks or "").partition(":")
    model = _MODEL_NODE.get(nama)
    if model is None or not pk.isdigit():
        raise ValidationError("Pilihan tidak dikenal.")
    try:
        return nama, model.objects.get(pk=int(pk), renstra__opd=opd)
    except model.DoesNotExist as exc:
        raise ValidationError("Pilihan tidak dikenal.") from exc


def renstra_tahun(opd: PerangkatDaerah, tahun: int) -> list[Renstra]:
    """The OPD's Renstra covering a year (2021 may belong to two periods, DOMAIN §3)."""
    return list(
        Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).order_by("-tahun_awal")
    )


class PerjanjianKinerjaForm(forms.ModelForm):
    class Meta:
        model = PerjanjianKinerja
        fields = [
            "tahun",
            "jenjang",
            "unit_kerja",
            "induk",
            "pihak_pertama",
            "pihak_kedua",
            "pihak_kedua_nama",
            "pihak_kedua_jabatan",
            "tanggal",
        ]
        field_classes = {"tanggal": TanggalField}

    def __init__(self, *args: Any, opd: PerangkatDaerah, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(opd=opd)
        self.fields["induk"].queryset = PerjanjianKinerja.objects.filter(opd=opd).exclude(pk=self.instance.pk)
        self.fields["pihak_pertama"].queryset = Pejabat.objects.filter(opd=opd, aktif=True)
        self.fields["pihak_kedua"].queryset = Pejabat.objects.filter(opd=opd, aktif=True)
        if not self.instance.pk:
            self.initial.setdefault("pihak_kedua_nama", opd.pemda.kepala_daerah)
            self.initial.setdefault("pihak_kedua_jabatan", opd.pemda.jabatan_kepala_daerah)
            self.initial.setdefault("pihak_pertama", opd.kepala_id)
        if self.instance.pk:
            self.fields["tahun"].disabled = True

    def validate_unique(self) -> None:
        try:
            self.instance.validate_constraints()
        except ValidationError as exc:
            self._update_errors(exc)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("jenjang") == JenjangPK.KEPALA:
            if not (data.get("pihak_kedua_nama") or data.get("pihak_kedua")):
                self.add_error(
                    "pihak_kedua_nama", "PK kepala OPD ditandatangani bersama kepala daerah: isi namanya."
                )
        elif not data.get("pihak_kedua"):
            self.add_error("pihak_kedua", "Pilih atasan langsung sebagai pihak kedua.")
        return data


class ButirPKForm(forms.Form):
    indikator = forms.ModelChoiceField(
        queryset=Indikator.objects.none(),
        required=False,
        label="Indikator dari Renstra",
        help_text="Atau kosongkan dan isi “indikator baru” di bawah.",
    )
    kinerja = forms.CharField(
        label="Sasaran / kinerja",
        required=False,
        max_length=400,
        help_text="Kosongkan untuk memakai uraian sasaran/program/kegiatan induk indikator.",
    )
    target = AngkaField(label="Target", ukuran=UKURAN_ANGKA)
    target_atas = AngkaField(
        label="Target batas atas",
        required=False,
        ukuran=UKURAN_ANGKA,
        help_text="Isi hanya bila targetnya rentang (mis. 80–90): batas bawah di kolom Target.",
    )
    baru_induk = forms.ChoiceField(label="Indikator baru: melekat pada", required=False)
    baru_nama = forms.CharField(label="Indikator baru: nama", required=False, max_length=400)
    baru_satuan = forms.CharField(label="Satuan", required=False, max_length=50)
    baru_arah = forms.ChoiceField(label="Arah", choices=PILIHAN_ARAH, required=False, initial="positif")
    baru_akumulasi = forms.ChoiceField(
        label="Akumulasi", choices=PILIHAN_AKUMULASI, required=False, initial="nilai_akhir"
    )

    def __init__(self, *args: Any, pk: PerjanjianKinerja, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pk = pk
        renstra = renstra_tahun(pk.opd, pk.tahun)
        tingkat = {
            JenjangPK.KEPALA: ("tujuan", "sasaran"),
            JenjangPK.ESELON_III: ("sasaran", "program"),
            JenjangPK.ESELON_IV: ("program", "kegiatan"),
            JenjangPK.FUNGSIONAL: ("kegiatan", "sub_kegiatan"),
        }[pk.jenjang]
        qs = Indikator.objects.filter(renstra__in=renstra).select_related(
            "renstra", "sasaran", "program", "kegiatan", "sub_kegiatan", "tujuan"
        )
        from django.db.models import Q

        q = Q()
        for t in tingkat:
            q |= Q(**{f"{t}__isnull": False})
        qs = qs.filter(q).exclude(berlaku_sampai__lt=pk.tahun).exclude(berlaku_mulai__gt=pk.tahun)
        self.fields["indikator"].queryset = qs.order_by("renstra", "urutan", "pk")
        self.fields["indikator"].label_from_instance = lambda i: f"{i.nama} [{i.satuan}] · {i.induk}"[:200]
        pilihan = [("", "—")]
        for r in renstra:
            for model, nama in ((Program, "program"), (Kegiatan, "kegiatan"), (SubKegiatan, "sub_kegiatan")):
                if nama in tingkat:
                    pilihan += [(f"{nama}:{o.pk}", f"{o}") for o in model.objects.filter(renstra=r)]
            if "sasaran" in tingkat:
                pilihan += [(f"sasaran:{s.pk}", f"Sasaran {s}") for s in Sasaran.objects.filter(renstra=r)]
        self.fields["baru_induk"].choices = pilihan

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("indikator") is None:
            if not data.get("baru_nama"):
                self.add_error("indikator", "Pilih indikator dari Renstra, atau isi nama indikator baru.")
            else:
                for f in ("baru_induk", "baru_satuan"):
                    if not data.get(f):
                        self.add_error(f, "Wajib diisi untuk indikator baru.")
        return data


class AnggaranPKForm(forms.Form):
    node = forms.ChoiceField(label="Program / kegiatan")
    jumlah = AngkaField(label="Anggaran (Rp)", ukuran=UKURAN_RUPIAH)

    def __init__(self, *args: Any, pk: PerjanjianKinerja, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pilihan = []
        for r in renstra_tahun(pk.opd, pk.tahun):
            pilihan += [(f"program:{o.pk}", str(o)) for o in Program.objects.filter(renstra=r)]
            if pk.jenjang != JenjangPK.KEPALA:
                pilihan += [(f"kegiatan:{o.pk}", str(o)) for o in Kegiatan.objects.filter(renstra=r)]
                pilihan += [(f"sub_kegiatan:{o.pk}", str(o)) for o in SubKegiatan.objects.filter(renstra=r)]
        self.fields["node"].choices = pilihan

    def clean_jumlah(self):  # noqa: ANN201
        jumlah = self.cleaned_data["jumlah"]
        if jumlah is not None and jumlah < 0:
            raise ValidationError("Anggaran tidak boleh negatif.")
        return jumlah


class TandaTanganForm(forms.Form):
    sandi = forms.CharField(
        label="Kata sandi Anda",
        widget=forms.PasswordInput,
        help_text="Menandatangani berarti menyetujui isinya; "
        "setelah ditandatangani, dokumen tidak dapat diubah.",
    )


class PerubahanPKForm(forms.Form):
    alasan_perubahan = forms.CharField(label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 3}))
    nomor_sk = forms.CharField(label="Nomor SK / dasar perubahan", max_length=150, required=False)


class AnggaranForm(forms.ModelForm):
    node = forms.ChoiceField(label="Sub-kegiatan / kegiatan / program", required=False)
    pagu_murni = AngkaField(label="Pagu murni (Rp)", ukuran=UKURAN_RUPIAH)
    pagu_perubahan = AngkaField(
        label="Pagu perubahan (Rp)",
        required=False,
        ukuran=UKURAN_RUPIAH,
        help_text="Kosong bila tidak ada APBD-P.",
    )

    class Meta:
        model = Anggaran
        fields = ["uraian", "sumber_dana", "pagu_murni", "pagu_perubahan"]

    def __init__(self, *args: Any, opd: PerangkatDaerah, tahun: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd, self.instance.tahun = opd, tahun
        pilihan = [("", "— di luar program (isi uraian) —")]
        for r in renstra_tahun(opd, tahun):
            for s in (
                SubKegiatan.objects.filter(renstra=r).select_related("kegiatan").order_by("kode", "nama")
            ):
                pilihan.append((f"sub_kegiatan:{s.pk}", f"Sub-kegiatan {s}"))
            for k in Kegiatan.objects.filter(renstra=r).order_by("kode", "nama"):
                pilihan.append((f"kegiatan:{k.pk}", f"Kegiatan {k}"))
            for p in Program.objects.filter(renstra=r).order_by("kode", "nama"):
                pilihan.append((f"program:{p.pk}", f"Program {p}"))
        self.fields["node"].choices = pilihan
        if self.instance.pk and self.instance.node is not None:
            self.initial["node"] = kunci_node(self.instance.node)
        self.order_fields(["node", "uraian", "sumber_dana", "pagu_murni", "pagu_perubahan"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.instance.program = self.instance.kegiatan = self.instance.sub_kegiatan = None
        if data.get("node"):
            try:
                nama, node = node_dari_kunci(data["node"], opd=self.instance.opd)
            except ValidationError as exc:
                self.add_error("node", exc)
            else:
                setattr(self.instance, nama, node)
        return data

    def validate_unique(self) -> None:
        try:
            self.instance.validate_constraints()
        except ValidationError as exc:
            self._update_errors(exc)


class PeriodeForm(forms.Form):
    def __init__(self, *args: Any, tahun: int, awal: dict[int, tuple], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for tw in range(1, 5):
            dibuka, ditutup = awal.get(tw, (None, None))
            self.fields[f"dibuka_{tw}"] = TanggalField(
                label=f"TW {['I', 'II', 'III', 'IV'][tw - 1]} dibuka", required=False, initial=dibuka
            )
            self.fields[f"ditutup_{tw}"] = TanggalField(label="batas akhir", required=False, initial=ditutup)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for tw in range(1, 5):
            a, b = data.get(f"dibuka_{tw}"), data.get(f"ditutup_{tw}")
            if bool(a) != bool(b):
                self.add_error(
                    f"ditutup_{tw}" if a else f"dibuka_{tw}", "Isi kedua tanggal, atau kosongkan keduanya."
                )
            elif a and b and b < a:
                self.add_error(f"ditutup_{tw}", "Batas akhir tidak boleh sebelum tanggal dibuka.")
        return data

    def jadwal(self) -> dict:
        return {
            tw: (self.cleaned_data[f"dibuka_{tw}"], self.cleaned_data[f"ditutup_{tw}"])
            for tw in range(1, 5)
            if self.cleaned_data.get(f"dibuka_{tw}")
        }


class PembukaanKembaliForm(forms.Form):
    opd = forms.ModelChoiceField(queryset=PerangkatDaerah.objects.none(), label="Perangkat daerah")
    triwulan = forms.TypedChoiceField(
        coerce=int, choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
    )
    sampai = TanggalField(label="Dibuka sampai")
    alasan = forms.CharField(label="Alasan", max_length=300)

    def __init__(self, *args: Any, opd_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs


class KeputusanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk operator", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label="Bukti dukung",
        help_text=BUKTI.bantuan,
        widget=forms.ClearableFileInput(attrs={"accept": BUKTI.accept}),
    )


class GridTriwulanForm(forms.Form):
    """The cells of a quarter's grid (realisasi kinerja or realisasi anggaran), parsed once.

    Field names are the grid's own HTML names, one set per row key ``k``: ``n-k`` the value
    (Indonesian number, lkjip.fields.AngkaField), ``k-k`` "belum ada data" (kinerja only),
    ``a-k``/``v-k`` the cell's state and version when the page was loaded, ``p-k`` the choice
    made after a conflict. ``ukuran``: the column the values go to (kinerja
    ``UKURAN_ANGKA``, anggaran ``UKURAN_RUPIAH``). Only rows whose value box was sent are read: composite and
    read-only rows send none, and a row nobody sent is never written.

    ``periksa(k, nilai)``: the grid's own rule for a value that reads as a number (the save's
    check, e.g. a unit that forbids a negative), a message or None. Applied in the same pass as
    the parsing, so one submit marks every refused cell, whatever the reason.
    """

    def __init__(
        self,
        data: Any,
        *,
        kunci: Iterable[int],
        dengan_kosong: bool = False,
        ukuran: Ukuran = UKURAN_ANGKA,
        periksa: Callable[[int, Decimal], str | None] | None = None,
    ) -> None:
        super().__init__(data)
        self.dengan_kosong = dengan_kosong
        self.periksa = periksa
        self.kunci = [k for k in kunci if f"n-{k}" in data]
        for k in self.kunci:
            self.fields[f"n-{k}"] = AngkaField(required=False, ukuran=ukuran)
            if dengan_kosong:
                self.fields[f"k-{k}"] = forms.BooleanField(required=False)
            self.fields[f"a-{k}"] = forms.CharField(required=False, strip=False)
            # The page's own hidden fields: a forged or missing version counts as "never saved".
            self.fields[f"v-{k}"] = forms.CharField(required=False)
            self.fields[f"p-{k}"] = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if self.periksa is not None:
            for k in self.kunci:
                nilai = d.get(f"n-{k}")  # absent when it did not parse: that message stands
                if nilai is not None and (pesan := self.periksa(k, nilai)):
                    self.add_error(f"n-{k}", pesan)
        return d

    def sel(self) -> list[SelGrid]:
        """The cells, for pelaporan.services.grid_simpan (call after is_valid())."""
        d = self.cleaned_data
        hasil = []
        for k in self.kunci:
            versi = d.get(f"v-{k}") or ""
            hasil.append(
                SelGrid(
                    kunci=k,
                    nilai=d.get(f"n-{k}"),
                    kosong=bool(d.get(f"k-{k}")),
                    awal=d.get(f"a-{k}") or "",
                    versi=int(versi) if versi.isdigit() else 0,
                    putusan=d.get(f"p-{k}") or "",
                )
            )
        return hasil

    def tambah_galat(self, galat: dict[int, str]) -> None:
        """Put the save's refusals (unit bounds, negative money) next to their cells."""
        for k, pesan in galat.items():
            self.add_error(f"n-{k}", pesan)

    @property
    def galat(self) -> dict[int, str]:
        """Each refused cell's first message, by row key (what the grid templates show)."""
        return {k: self.errors[f"n-{k}"][0] for k in self.kunci if f"n-{k}" in self.errors}

    def _diubah(self, k: int) -> bool:
        """Whether the user changed cell ``k`` (an unreadable cell counts as changed)."""
        d = getattr(self, "cleaned_data", {})
        if f"n-{k}" in self.errors or f"n-{k}" not in d:
            return True
        s = SelGrid(kunci=k, nilai=d[f"n-{k}"], kosong=bool(d.get(f"k-{k}")), awal=d.get(f"a-{k}") or "")
        return teks_baru(s, kosong_dihapus=not self.dengan_kosong) != s.awal

    @property
    def kiriman(self) -> dict[int, str]:
        """What was typed in each cell the user changed, shown back as typed when nothing was saved.

        Untouched cells are left out: the page shows them as stored now, with their current
        state and version, so a second press of Simpan never writes an untouched cell back
        over someone else's newer value.
        """
        return {k: self.data.get(f"n-{k}", "") for k in self.kunci if self._diubah(k)}

    @property
    def status_kiriman(self) -> dict[int, tuple[str, str, bool]]:
        """For the cells in :attr:`kiriman`: the state, version and "belum ada data" box as sent,
        so a changed cell keeps comparing against the page the user saw."""
        return {
            k: (self.data.get(f"a-{k}", ""), self.data.get(f"v-{k}", ""), bool(self.data.get(f"k-{k}")))
            for k in self.kiriman
        }


class TargetTriwulanForm(forms.Form):
    """The rencana aksi grid: four quarterly targets per indicator, ``t-<indikator>-<tw>``.

    Every row is read; a blank cell means "no target for that quarter" (its stored one goes).
    """

    def __init__(self, data: Any, *, kunci: Iterable[int]) -> None:
        super().__init__(data)
        self.kunci = list(kunci)
        for k in self.kunci:
            for tw in range(1, 5):
                self.fields[f"t-{k}-{tw}"] = AngkaField(required=False, ukuran=UKURAN_ANGKA)

    def target(self) -> dict[int, list[Decimal | None]]:
        """Targets by indicator, TW I..IV (call after is_valid())."""
        return {k: [self.cleaned_data.get(f"t-{k}-{tw}") for tw in range(1, 5)] for k in self.kunci}

    def tambah_galat(self, exc: ValidationError) -> None:
        """The save's refusals (``target_<indikator>_<tw>``) next to their cells."""
        for nama, daftar in exc.message_dict.items():
            kolom = nama.replace("target_", "t-").replace("_", "-")
            self.add_error(kolom if kolom in self.fields else None, daftar[0])

    @property
    def galat(self) -> dict[str, str]:
        return {nama: daftar[0] for nama, daftar in self.errors.items()}
