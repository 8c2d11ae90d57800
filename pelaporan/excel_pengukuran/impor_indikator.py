"""Import of the ``Indikator`` sheet."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from lkjip.excel import sel_kosong
from pelaporan.excel_pengukuran.format import (
    KOSONG,
    NAMA_TW,
    SHEET_INDIKATOR,
    TRIWULAN,
    _BarisIndikator,
    _fmt,
    _kunci,
)
from pelaporan.models import (
    ButirPK,
    JenjangPK,
    PerjanjianKinerja,
    Realisasi,
    StatusPK,
    TargetTriwulan,
)
from pelaporan.selectors import (
    IndikatorPK,
    indikator_pk,
    pk_berlaku,
)
from renstra.excel import AKUMULASI_LABEL, ARAH_LABEL
from renstra.models import (
    Indikator,
    KomponenIndikator,
    Sasaran,
    periksa_nilai_satuan,
)


class _ImporIndikator:
    """Sheet ``Indikator``: PK butir, quarterly targets and realisasi (a mixin of the importer)."""

    def indikator(self, baris: list[_BarisIndikator]) -> None:
        daftar = indikator_pk(self.opd, self.tahun)
        for d in daftar:
            d.indikator.renstra = self.renstra_dari(d.indikator.renstra_id)
        per_kunci: dict[tuple[str, str], IndikatorPK] = {}
        per_indikator: dict[int, IndikatorPK] = {}
        for d in daftar:
            per_indikator[d.indikator.pk] = d
            per_kunci.setdefault((_kunci(d.kinerja), _kunci(d.indikator.nama)), d)
            per_kunci.setdefault((_kunci(d.indikator.uraian_induk), _kunci(d.indikator.nama)), d)
        # Every stored row of the OPD's year, not only the PK's: an indicator found in the Renstra
        # may already carry quarters, and the keys looked up here are what makes inserts safe.
        self.target_tw = {
            (t.indikator_id, t.triwulan): t
            for t in TargetTriwulan.objects.filter(opd=self.opd, tahun=self.tahun)
        }
        self.realisasi = {
            (r.indikator_id, r.triwulan): r for r in Realisasi.objects.filter(opd=self.opd, tahun=self.tahun)
        }
        self.gabungan = set(
            KomponenIndikator.objects.filter(indikator__renstra__opd=self.opd).values_list(
                "indikator_id", flat=True
            )
        )
        self.sasaran: dict[str, Sasaran] = {}
        self.indikator_sasaran: dict[int, list[Indikator]] = defaultdict(list)
        self.urutan_indikator = 0
        if self.renstra is not None:
            for s in Sasaran.objects.filter(renstra=self.renstra).order_by("urutan", "pk"):
                self.sasaran.setdefault(_kunci(s.uraian), s)
            semua = Indikator.objects.filter(renstra=self.renstra).order_by("urutan", "pk")
            for i in semua:
                i.renstra = self.renstra
                self.urutan_indikator = max(self.urutan_indikator, i.urutan)
                if i.sasaran_id:
                    self.indikator_sasaran[i.sasaran_id].append(i)
        dilihat: dict[int, int] = {}
        for r in baris:
            jumlah_masalah = len(self.hasil.masalah)
            d = per_kunci.get((_kunci(r.sasaran), _kunci(r.nama)))
            baru = False
            if d is not None:
                ind = d.indikator
            else:
                ind, baru = self.cari_atau_buat_indikator(r)
                if ind is None:
                    continue
                d = per_indikator.get(ind.pk)
            if ind.pk in dilihat:
                self.masalah(r.b, "Indikator", f"indikator ini sudah ditulis di baris {dilihat[ind.pk]}.")
                continue
            dilihat[ind.pk] = r.b.nomor
            if not baru:
                self.periksa_sifat(r, ind)
            berubah = self.butir(r, ind, d, baru=baru)
            berubah |= self.target_triwulan(r, ind)
            berubah |= self.realisasi_triwulan(r, ind)
            if len(self.hasil.masalah) > jumlah_masalah:
                continue
            self.hasil.baris[SHEET_INDIKATOR]["baru" if baru else ("diubah" if berubah else "tetap")] += 1

    def cari_atau_buat_indikator(self, r: _BarisIndikator) -> tuple[Indikator | None, bool]:
        """The row's indicator in the Renstra of the year, created with its sasaran when missing."""
        if self.renstra is None:
            self.masalah(
                r.b,
                "Sasaran",
                f"belum ada Renstra yang mencakup tahun {self.tahun}, dan indikator ini belum ada di PK "
                f"{self.tahun}. Susun Renstra dulu.",
            )
            return None, False
        s = self.sasaran.get(_kunci(r.sasaran))
        if s is not None:
            for ind in self.indikator_sasaran[s.pk]:
                if _kunci(ind.nama) == _kunci(r.nama) and ind.berlaku_pada(self.tahun):
                    return ind, False
        kurang = [k for k, v in (("Satuan", r.satuan), ("Arah", r.arah), ("Akumulasi", r.akumulasi)) if not v]
        if kurang:
            for k in kurang:
                if sel_kosong(r.b, k):
                    self.masalah(r.b, k, "wajib diisi untuk indikator baru.")
            return None, False
        if s is None:
            s = self.buat_sasaran(r)
            if s is None:
                return None, False
        self.urutan_indikator += 1
        ind = Indikator(
            renstra=self.renstra,
            sasaran=s,
            nama=r.nama,
            satuan=r.satuan,
            arah=r.arah,
            akumulasi=r.akumulasi,
            urutan=self.urutan_indikator,
        )
        peta = {"nama": "Indikator", "satuan": "Satuan", "arah": "Arah", "akumulasi": "Akumulasi"}
        # Its duplicate-name rule lives in Indikator.clean(), which runs; its keys are the importer's.
        if not self.valid(r.b, ind, peta, "Indikator", kunci_terjamin=True):
            return None, False
        ind.save()
        self.indikator_sasaran[s.pk].append(ind)
        self.hasil.jumlah["buat"] += 1
        self.catat(
            r.b,
            f"indikator baru “{r.nama}” pada sasaran “{s.uraian}” ({r.satuan}, "
            f"{ARAH_LABEL[r.arah]}, {AKUMULASI_LABEL[r.akumulasi]}).",
        )
        return ind, True

    def buat_sasaran(self, r: _BarisIndikator) -> Sasaran | None:
        kode_ada = set(Sasaran.objects.filter(renstra=self.renstra).values_list("kode", flat=True))
        n = len(kode_ada) + 1
        while f"S{n}" in kode_ada:
            n += 1
        urutan = (
            Sasaran.objects.filter(renstra=self.renstra).aggregate(m=models.Max("urutan"))["m"] or 0
        ) + 1
        s = Sasaran(renstra=self.renstra, kode=f"S{n}", uraian=" ".join(r.sasaran.split()), urutan=urutan)
        if not self.valid(r.b, s, {"uraian": "Sasaran", "kode": "Sasaran"}, "Sasaran"):
            return None
        s.save()
        self.sasaran[_kunci(s.uraian)] = s
        self.hasil.jumlah["buat"] += 1
        self.catat(r.b, f"sasaran baru “{s.uraian}” (kode {s.kode}, tanpa tujuan) di {self.renstra}.")
        return s

    def periksa_sifat(self, r: _BarisIndikator, ind: Indikator) -> None:
        """Satuan, arah and akumulasi belong to the Renstra: a different value here is a wrong row."""
        if r.satuan and _kunci(r.satuan) != _kunci(ind.satuan):
            self.masalah(
                r.b,
                "Satuan",
                f"indikator ini bersatuan “{ind.satuan}” di Renstra, bukan “{r.satuan}”. "
                "Ubah satuannya di Renstra bila memang berubah.",
            )
        if r.arah and r.arah != ind.arah:
            self.masalah(
                r.b,
                "Arah",
                f"arah indikator ini di Renstra adalah {ARAH_LABEL.get(ind.arah, ind.arah)}, bukan "
                f"{ARAH_LABEL[r.arah]}. Ubah di Renstra bila memang berubah.",
            )
        if r.akumulasi and r.akumulasi != ind.akumulasi:
            self.masalah(
                r.b,
                "Akumulasi",
                f"cara akumulasi indikator ini di Renstra adalah {AKUMULASI_LABEL.get(ind.akumulasi)}, bukan "
                f"{AKUMULASI_LABEL[r.akumulasi]}. Ubah di Renstra bila memang berubah.",
            )

    def periksa_rentang(self, r: _BarisIndikator, ind: Indikator, kolom: str, nilai: Any) -> bool:
        if nilai is KOSONG:
            return True
        v, atas = nilai
        try:
            periksa_nilai_satuan(v, satuan=ind.satuan, kolom=kolom)
            periksa_nilai_satuan(atas, satuan=ind.satuan, kolom=kolom)
        except ValidationError as exc:
            self._dari_validasi(r.b, exc, {}, kolom)
            return False
        return True

    def pk_kepala(self, r: _BarisIndikator) -> PerjanjianKinerja | None:
        """The kepala's PK in force this year; a draft one is created when there is none."""
        if self._pk_kepala is False:
            kepala = [p for p in pk_berlaku(self.opd, self.tahun) if p.jenjang == JenjangPK.KEPALA]
            self._pk_kepala = kepala[0] if kepala else None
            if self._pk_kepala is None:
                pemda = self.opd.pemda
                pk = PerjanjianKinerja(
                    opd=self.opd,
                    tahun=self.tahun,
                    jenjang=JenjangPK.KEPALA,
                    pihak_pertama=self.opd.kepala,
                    pihak_kedua_nama=pemda.kepala_daerah,
                    pihak_kedua_jabatan=pemda.jabatan_kepala_daerah,
                )
                if not self.valid(r.b, pk, {}, "Indikator"):
                    self._pk_kepala = None
                    return None
                pk.save()
                self._pk_kepala = pk
                self._urutan_butir = 0
                self.hasil.jumlah["buat"] += 1
                self.catat(r.b, f"{pk} dibuat sebagai draf (belum ada PK kepala OPD tahun {self.tahun}).")
            else:
                self._urutan_butir = self._pk_kepala.butir.count()
        return self._pk_kepala  # type: ignore[return-value]

    def butir(self, r: _BarisIndikator, ind: Indikator, d: IndikatorPK | None, *, baru: bool) -> bool:
        """The annual target: the ButirPK of the PK that measures the indicator (signed PKs never change)."""
        if not self.periksa_rentang(r, ind, "Target", r.target):
            return False
        if d is not None:
            b = d.butir
            if r.target is KOSONG or (b.target, b.target_atas) == r.target:
                self.hasil.jumlah["sama"] += 1
                return False
            pk = b.perjanjian
            if pk.status != StatusPK.DRAFT:
                self.masalah(
                    r.b,
                    "Target",
                    f"target di {pk} adalah {_fmt(b.target)}, bukan {_fmt(r.target[0])}. PK yang sudah "
                    "ditandatangani tidak pernah diubah: buat PK Perubahan lalu ubah targetnya di sana.",
                )
                return False
            lama = b.target
            b.target, b.target_atas = r.target
            if not self.valid(r.b, b, {"target": "Target", "target_atas": "Target"}, "Target"):
                return False
            b.save()
            self.hasil.jumlah["ubah"] += 1
            self.catat(r.b, f"target {self.tahun} “{ind.nama}” di {pk}: {_fmt(lama)} → {_fmt(b.target)}.")
            return True
        pk = self.pk_kepala(r)
        if pk is None:
            return False
        if pk.status != StatusPK.DRAFT:
            self.masalah(
                r.b,
                "Indikator",
                f"indikator “{ind.nama}” belum ada di {pk}, yang sudah ditandatangani. PK yang sudah "
                "ditandatangani tidak pernah diubah: buat PK Perubahan lalu tambahkan indikatornya di sana.",
            )
            return False
        target, atas = (None, None) if r.target is KOSONG else r.target
        self._urutan_butir += 1
        b = ButirPK(perjanjian=pk, indikator=ind, target=target, target_atas=atas, urutan=self._urutan_butir)
        if not self.valid(
            r.b, b, {"target": "Target", "target_atas": "Target"}, "Indikator", kunci_terjamin=True
        ):
            return False
        self.tunda_buat(b)
        self.hasil.jumlah["buat"] += 1
        self.catat(r.b, f"“{ind.nama}” ditambahkan ke {pk} dengan target {_fmt(target)}.")
        return True

    def target_triwulan(self, r: _BarisIndikator, ind: Indikator) -> bool:
        berubah = False
        for tw, nilai in zip(TRIWULAN, r.target_tw, strict=True):
            kolom = f"Target TW{tw}"
            if nilai is KOSONG:
                continue  # blank (or "-"): the stored quarterly target stays
            if not self.periksa_rentang(r, ind, kolom, nilai):
                continue
            lama = self.target_tw.get((ind.pk, tw))
            if lama is not None and (lama.nilai, lama.nilai_atas) == nilai:
                self.hasil.jumlah["sama"] += 1
                continue
            teks_lama = _fmt(lama.nilai) if lama else "–"  # before the stored object is overwritten
            t = lama or TargetTriwulan(opd=self.opd, indikator=ind, tahun=self.tahun, triwulan=tw)
            t.nilai, t.nilai_atas = nilai
            if not self.valid(r.b, t, {"nilai": kolom, "nilai_atas": kolom}, kolom, kunci_terjamin=True):
                continue
            if lama is None:
                self.tunda_buat(t)
                self.hasil.jumlah["buat"] += 1
            else:
                self.tunda_ubah(t, ["nilai", "nilai_atas"])
                self.hasil.jumlah["ubah"] += 1
            self.catat(
                r.b,
                f"target TW {NAMA_TW[tw]} “{ind.nama}”: {teks_lama} → {_fmt(nilai[0])}.",
            )
            berubah = True
        return berubah

    def realisasi_triwulan(self, r: _BarisIndikator, ind: Indikator) -> bool:
        berubah = False
        for tw, nilai in zip(TRIWULAN, r.realisasi_tw, strict=True):
            kolom = f"Realisasi TW{tw}"
            if nilai is KOSONG:
                continue  # blank: the stored realisasi (or its absence) stays
            lama = self.realisasi.get((ind.pk, tw))
            if lama is not None and lama.nilai == nilai:
                self.hasil.jumlah["sama"] += 1
                continue
            if ind.pk in self.gabungan:
                self.masalah(
                    r.b,
                    kolom,
                    "indikator gabungan: realisasinya dihitung dari komponen; isi lewat komponen di aplikasi "
                    "(kosongkan sel ini).",
                )
                continue
            try:
                periksa_nilai_satuan(nilai, satuan=ind.satuan, kolom=kolom)
            except ValidationError as exc:
                self._dari_validasi(r.b, exc, {}, kolom)
                continue
            tertutup = self.tw_tertutup(tw)
            if tertutup:
                self.masalah(r.b, kolom, f"realisasi tidak dapat diubah: {tertutup}")
                continue
            teks_lama = _fmt(lama.nilai) if lama else "belum diisi"  # before the stored object changes
            if lama is None:
                x = Realisasi(opd=self.opd, indikator=ind, tahun=self.tahun, triwulan=tw, versi=1)
            else:
                x = lama
                x.versi += 1
            x.nilai, x.diubah_oleh, x.diubah_pada = nilai, self.pengguna, self.sekarang
            if not self.valid(r.b, x, {"nilai": kolom}, kolom, kunci_terjamin=True):
                continue
            if lama is None:
                self.tunda_buat(x)
                self.hasil.jumlah["buat"] += 1
            else:
                self.tunda_ubah(x, ["nilai", "versi", "diubah_oleh", "diubah_pada"])
                self.hasil.jumlah["ubah"] += 1
            self.catat(
                r.b,
                f"realisasi TW {NAMA_TW[tw]} “{ind.nama}”: {teks_lama} → {_fmt(nilai)}.",
            )
            berubah = True
        return berubah

    # ================================================================ sheet Anggaran
