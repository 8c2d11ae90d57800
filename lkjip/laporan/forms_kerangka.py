"""The outline screen's form: report title, chapter and section titles and order, the optional
sections, and the pemda's scale (its own bands and labels, or the preset), each message next to
the field it concerns."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction

from lkjip.angka import format_ringkas, urai_angka
from lkjip.laporan.kerangka import JUDUL_BAKU, KATALOG, Kerangka, kerangka_pemda, periksa_kerangka
from lkjip.laporan.models import KerangkaLaporan
from lkjip.models import Pemda
from pelaporan.domain.skala import Pita, Skala, ambil_skala, masalah_skala
from pelaporan.selectors import skala_pemda

BAKU, SENDIRI = "baku", "sendiri"
MAKS_PITA = 9


def _judul_bagian(kerangka: Kerangka, kunci: str, baku: str) -> str:
    return kerangka.judul_bagian.get(kunci, baku)


class KerangkaForm(forms.Form):
    judul = forms.CharField(label="Judul laporan", max_length=200, required=False)
    skala_mode = forms.ChoiceField(
        label="Skala penilaian",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        choices=[(BAKU, "Skala baku"), (SENDIRI, "Pita dan label sendiri")],
    )
    nama_skala = forms.CharField(label="Nama skala", max_length=150, required=False)

    def __init__(self, *args: Any, pemda: Pemda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        k = kerangka_pemda(pemda)
        self.fields["judul"].initial = k.judul
        self.fields["judul"].widget.attrs["placeholder"] = JUDUL_BAKU
        self.bab: list[dict[str, Any]] = []
        for b in KATALOG:
            nama = f"bab__{b.kunci}"
            self.fields[nama] = forms.CharField(
                label=f"Judul {b.judul.title()}",
                max_length=200,
                required=False,
                initial=k.judul_bab.get(b.kunci, b.judul),
            )
            baris = []
            for urut, g in enumerate(k.urutan(b), start=1):
                if not g.judul:
                    continue
                j, u, t = f"judul__{g.kunci}", f"urutan__{g.kunci}", f"tampil__{g.kunci}"
                self.fields[j] = forms.CharField(
                    label=f"Judul bagian {g.judul}",
                    max_length=200,
                    required=False,
                    initial=_judul_bagian(k, g.kunci, g.judul),
                )
                self.fields[u] = forms.IntegerField(
                    label=f"Urutan {g.judul}", min_value=1, max_value=20, initial=urut
                )
                if g.opsional:
                    self.fields[t] = forms.BooleanField(
                        label=f"Cetak {g.judul}", required=False, initial=g.kunci not in k.disembunyikan
                    )
                pilihan = []
                for kunci, judul_pilihan, _contoh in g.bagian_pilihan:
                    nama_pilihan = f"tampil__{kunci}"
                    self.fields[nama_pilihan] = forms.BooleanField(
                        label=f"Cetak {judul_pilihan}", required=False, initial=kunci not in k.disembunyikan
                    )
                    pilihan.append((nama_pilihan, kunci, judul_pilihan))
                baris.append(
                    {
                        "baku": g,
                        "judul": j,
                        "urutan": u,
                        "tampil": t if g.opsional else None,
                        "pilihan": pilihan,
                    }
                )
            self.bab.append({"baku": b, "judul": nama, "bagian": baris})

        skala = skala_pemda(pemda)
        self.skala_baku = ambil_skala(kunci=pemda.skala)
        self.fields["skala_mode"].choices = [
            (BAKU, f"Skala baku: {self.skala_baku.nama} (dipilih di Pengaturan pemda)"),
            (SENDIRI, "Pita dan label sendiri (mis. hanya mengganti label)"),
        ]
        self.fields["skala_mode"].initial = SENDIRI if pemda.skala_sendiri else BAKU
        self.fields["nama_skala"].initial = pemda.nama_skala_sendiri or ""
        self.fields["nama_skala"].widget.attrs["placeholder"] = "mis. Tingkat Keberhasilan"
        jumlah = min(MAKS_PITA, len(skala.pita) + 2)
        self.pita: list[dict[str, str]] = []
        for n in range(1, jumlah + 1):
            p = skala.pita[n - 1] if n <= len(skala.pita) else None
            b, lbl, w = f"pita_{n}_batas", f"pita_{n}_label", f"pita_{n}_warna"
            self.fields[b] = forms.CharField(
                label=f"Batas bawah pita {n}",
                required=False,
                initial=format_ringkas(p.batas_bawah) if p and p.batas_bawah is not None else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[lbl] = forms.CharField(
                label=f"Label pita {n}", max_length=60, required=False, initial=p.label if p else ""
            )
            self.fields[w] = forms.CharField(
                label=f"Warna pita {n}",
                max_length=7,
                required=False,
                initial=p.warna if p else "#6c757d",
                widget=forms.TextInput(attrs={"type": "color"}),
            )
            self.pita.append({"batas": b, "label": lbl, "warna": w})
        for nama, f in self.fields.items():
            if isinstance(f.widget, forms.TextInput | forms.NumberInput):
                kelas = "form-control form-control-color" if nama.endswith("_warna") else "form-control"
                f.widget.attrs.setdefault("class", kelas)
                f.widget.attrs.setdefault("aria-label", f.label)
            elif isinstance(f.widget, forms.CheckboxInput):
                f.widget.attrs.setdefault("class", "form-check-input")
                f.widget.attrs.setdefault("aria-label", f.label)
        terendah = self.fields[self.pita[0]["batas"]]
        terendah.disabled = True
        terendah.widget.attrs["placeholder"] = "tanpa batas bawah"

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if field and field in self.fields:  # the field itself turns red, its message under it
            attrs = self.fields[field].widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()

    # ---------------------------------------------------------------- reading the input
    def _baca_pita(self) -> tuple[list[Pita], list[int]]:
        """The bands typed (empty rows skipped) and the row each came from."""
        pita, baris = [], []
        for n, f in enumerate(self.pita, start=1):
            batas_teks = (self.cleaned_data.get(f["batas"]) or "").strip() if n > 1 else ""
            label = (self.cleaned_data.get(f["label"]) or "").strip()
            warna = (self.cleaned_data.get(f["warna"]) or "").strip()
            if n > 1 and not batas_teks and not label:
                continue
            batas: Decimal | None = None
            if batas_teks:
                try:
                    batas = urai_angka(batas_teks)
                except (ValueError, ArithmeticError):
                    batas = None
                if batas is None:
                    self.add_error(f["batas"], "Batas bawah harus angka, mis. 75,01.")
                    continue
            pita.append(Pita(batas_bawah=batas, label=label, warna=warna))
            baris.append(n)
        return pita, baris

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.kerangka_baru = self._kerangka()
        for kunci, pesan in periksa_kerangka(self.kerangka_baru).items():
            nama = (
                "judul"
                if kunci == "judul"
                else (f"bab__{kunci}" if f"bab__{kunci}" in self.fields else f"judul__{kunci}")
            )
            for p in pesan:
                self.add_error(nama if nama in self.fields else None, p)
        self.skala_baru: Skala | None = None
        if data.get("skala_mode") == SENDIRI:
            nama = (data.get("nama_skala") or "").strip()
            if not nama:
                self.add_error("nama_skala", "Beri nama skala sendiri, mis. “Tingkat Keberhasilan”.")
            pita, baris = self._baca_pita()
            masalah = masalah_skala(pita=pita)
            for m in masalah:
                if m.nomor is None or m.bidang is None:
                    self.add_error("skala_mode", m.pesan)
                else:
                    baris_ke = baris[m.nomor - 1]
                    bidang = {"batas_bawah": "batas", "label": "label", "warna": "warna"}[m.bidang]
                    self.add_error(self.pita[baris_ke - 1][bidang], m.pesan)
            if not masalah and nama and not self.errors:
                self.skala_baru = Skala(nama=nama, pita=tuple(pita))
        return data

    def _kerangka(self) -> Kerangka:
        d = self.cleaned_data
        judul_bab, judul_bagian, urutan, sembunyi = {}, {}, {}, set()
        for bab in self.bab:
            b = bab["baku"]
            teks = (d.get(bab["judul"]) or "").strip()
            if teks and teks != b.judul:
                judul_bab[b.kunci] = teks
            posisi = {}
            for n, g in enumerate(bab["bagian"]):
                baku = g["baku"]
                teks = (d.get(g["judul"]) or "").strip()
                if teks and teks != baku.judul:
                    judul_bagian[baku.kunci] = teks
                posisi[baku.kunci] = (d.get(g["urutan"]) or 99, n)
                for nama_pilihan, kunci, _judul in g["pilihan"]:
                    if not d.get(nama_pilihan):
                        sembunyi.add(kunci)
                if g["tampil"] and not d.get(g["tampil"]):
                    sembunyi.add(baku.kunci)
            semua = [g.kunci for g in b.bagian]
            urut = sorted(semua, key=lambda x: posisi.get(x, (0, semua.index(x))))
            if urut != semua:
                urutan[b.kunci] = urut
        return Kerangka(
            judul=(d.get("judul") or "").strip(),
            judul_bab=judul_bab,
            judul_bagian=judul_bagian,
            urutan_bagian=urutan,
            disembunyikan=frozenset(sembunyi),
        )

    # ---------------------------------------------------------------- saving
    @transaction.atomic
    def simpan(self) -> None:
        # The pemda row is the lock: two admins saving a first outline at once would both create one.
        pemda = Pemda.objects.select_for_update().get(pk=self.pemda.pk)
        k = self.kerangka_baru
        simpanan = KerangkaLaporan.objects.filter(pemda=self.pemda).first() or KerangkaLaporan(
            pemda=self.pemda
        )
        simpanan.judul = k.judul
        simpanan.judul_bab = dict(k.judul_bab)
        simpanan.judul_bagian = dict(k.judul_bagian)
        simpanan.urutan_bagian = {b: list(v) for b, v in k.urutan_bagian.items()}
        simpanan.disembunyikan = sorted(k.disembunyikan)
        simpanan.full_clean()
        simpanan.save()
        pita = self.skala_baru.ke_data() if self.skala_baru else None
        nama = self.skala_baru.nama if self.skala_baru else ""
        if (pemda.skala_sendiri, pemda.nama_skala_sendiri) != (pita, nama):
            pemda.skala_sendiri, pemda.nama_skala_sendiri = pita, nama
            pemda.full_clean()
            pemda.save()
        self.pemda = pemda

    def skala_pratinjau(self) -> Skala:
        if self.is_bound and self.is_valid():
            return self.skala_baru or self.skala_baku
        return skala_pemda(self.pemda)

    def tata_letak(self) -> dict[str, Any]:
        """Bound fields grouped for the template (chapters with their sections, the band rows)."""
        return {
            "bab": [
                {
                    "baku": b["baku"],
                    "judul": self[b["judul"]],
                    "bagian": [
                        {
                            "baku": g["baku"],
                            "judul": self[g["judul"]],
                            "urutan": self[g["urutan"]],
                            "tampil": self[g["tampil"]] if g["tampil"] else None,
                            "pilihan": [(self[nama], judul) for nama, _kunci, judul in g["pilihan"]],
                        }
                        for g in b["bagian"]
                    ],
                }
                for b in self.bab
            ],
            "pita": [
                {"nomor": n, "batas": self[f["batas"]], "label": self[f["label"]], "warna": self[f["warna"]]}
                for n, f in enumerate(self.pita, start=1)
            ],
        }
