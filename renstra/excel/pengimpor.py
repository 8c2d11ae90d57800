"""Applies the rows of a Matriks Rencana Strategis workbook to a Renstra, recording each problem."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from lkjip.angka import UKURAN_RUPIAH
from lkjip.excel import Baris, Masalah, angka, target
from lkjip.models import UnitKerja
from pelaporan.domain.kode import KodeTidakSah, normalisasi_kode
from renstra.excel.format import (
    AKUMULASI_LABEL,
    CATATAN_ARAH_RENTANG,
    LABEL_KE_TINGKAT,
    TINGKAT_KE_LABEL,
    arah_lama,
    baca_arah,
)
from renstra.models import (
    PILIHAN_AKUMULASI,
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
)

# =========================================================================== import


@dataclass
class HasilImpor:
    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[str] = field(default_factory=list)
    jumlah: Counter = field(default_factory=Counter)
    diterapkan: bool = False

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.jumlah["buat"] or self.jumlah["ubah"] or self.jumlah["hapus"])


_FIELD_KE_KOLOM = {
    "kode": "Kode",
    "kode_tampil": "Kode",
    "uraian": "Uraian",
    "nama": "Uraian",
    "unit_penanggung_jawab": "Unit Penanggung Jawab",
    "satuan": "Satuan",
    "baseline_nilai": "Kondisi Awal",
    "baseline_tahun": "Tahun Kondisi Awal",
    "target_akhir": "Target Akhir",
    "target_akhir_atas": "Target Akhir",
    "berlaku_mulai": "Berlaku Mulai",
    "berlaku_sampai": "Berlaku Sampai",
}


class _Pengimpor:
    def __init__(self, renstra: Renstra, hasil: HasilImpor) -> None:
        self.r = renstra
        self.hasil = hasil
        self.unit = {u.nama.strip().lower(): u for u in UnitKerja.objects.filter(opd_id=renstra.opd_id)}
        self.misi = (
            {m.nomor: m for m in MisiRPJMD.objects.filter(rpjmd_id=renstra.rpjmd_id)}
            if renstra.rpjmd_id
            else {}
        )
        self.sasaran_daerah = (
            {s.kode.lower(): s for s in SasaranRPJMD.objects.filter(tujuan__rpjmd_id=renstra.rpjmd_id)}
            if renstra.rpjmd_id
            else {}
        )
        self.node: dict[tuple[str, str], Any] = {}
        self.urutan = Counter()
        self._muat()

    # ---- existing state, keyed the way the workbook names things
    def _muat(self) -> None:
        r = self.r
        for t in Tujuan.objects.filter(renstra=r):
            self.node[("tujuan", t.kode.lower())] = t
        for s in Sasaran.objects.filter(renstra=r):
            self.node[("sasaran", s.kode.lower())] = s
        for model, tingkat in ((Program, "program"), (Kegiatan, "kegiatan"), (SubKegiatan, "sub_kegiatan")):
            for o in model.objects.filter(renstra=r):
                self.node[(tingkat, self._kunci_berkode(o.kode, o.nama))] = o

    @staticmethod
    def _kunci_berkode(kode: str, nama: str) -> str:
        return f"kode:{kode}" if kode else f"nama:{nama.strip().lower()}"

    def masalah(self, b: Baris, kolom: str, pesan: str) -> None:
        self.hasil.masalah.append(Masalah(b.sheet, b.nomor, kolom, pesan))

    def _dari_validasi(self, b: Baris, exc: ValidationError, kolom_bawaan: str) -> None:
        if hasattr(exc, "error_dict"):
            for nama, daftar in exc.message_dict.items():
                for pesan in daftar:
                    self.masalah(b, _FIELD_KE_KOLOM.get(nama, kolom_bawaan), pesan)
        else:
            for pesan in exc.messages:
                self.masalah(b, kolom_bawaan, pesan)

    def simpan(
        self, b: Baris, obj: models.Model, nilai: dict[str, Any], label: str, kolom: str = "Uraian"
    ) -> bool:
        """Set fields, validate, save when something differs; record what happened."""
        baru = obj.pk is None
        berubah = []
        for nama, v in nilai.items():
            f = obj._meta.get_field(nama)
            if f.is_relation:
                lama, pembanding = getattr(obj, f.attname), (v.pk if v is not None else None)
            else:
                lama, pembanding = getattr(obj, nama), v
            if lama != pembanding:
                berubah.append(f.verbose_name)
            setattr(obj, nama, v)
        if not baru and not berubah:
            self.hasil.jumlah["sama"] += 1
            return True
        try:
            obj.full_clean()
        except ValidationError as exc:
            self._dari_validasi(b, exc, kolom)
            return False
        obj.save()
        if baru:
            self.hasil.jumlah["buat"] += 1
            self.hasil.perubahan.append(f"Baru: {label}")
        else:
            self.hasil.jumlah["ubah"] += 1
            self.hasil.perubahan.append(f"Diubah: {label} ({', '.join(str(x) for x in berubah)})")
        return True

    # ---- helpers for cells
    def unit_dari(self, b: Baris, kolom: str) -> UnitKerja | None:
        nama = b.teks(kolom)
        if not nama:
            return None
        unit = self.unit.get(nama.lower())
        if unit is None:
            self.masalah(b, kolom, f"unit kerja “{nama}” tidak ada di perangkat daerah ini.")
        return unit

    def target_dari(self, b: Baris, kolom: str) -> tuple[Decimal | None, Decimal | None]:
        """A target, or a range "a – b" (a form of target for every arah)."""
        return target(b, kolom, self.hasil.masalah, kosong=(None, None))

    def tahun_dari(self, b: Baris, kolom: str) -> int | None:
        v = angka(b, kolom, self.hasil.masalah)
        if v is None:
            return None
        if v != v.to_integral_value():
            self.masalah(b, kolom, "harus tahun (bilangan bulat).")
            return None
        return int(v)

    # ---- the matrix
    def matriks(self, baris: list[Baris]) -> None:
        pagu_baris: dict[int, tuple[Baris, dict[int, Decimal | None]]] = {}
        indikator_dilihat: set[tuple[str, int, str, int | None]] = set()
        for b in baris:
            tingkat = LABEL_KE_TINGKAT.get(b.teks("Tingkat").lower())
            if tingkat is None:
                self.masalah(
                    b,
                    "Tingkat",
                    f"“{b.teks('Tingkat')}” bukan tingkat yang dikenal "
                    "(Tujuan, Sasaran, Program, Kegiatan, Sub Kegiatan).",
                )
                continue
            node = self.node_dari(b, tingkat)
            if node is None:
                continue
            if tingkat == "sub_kegiatan":
                pagu = {
                    t: angka(b, f"Pagu {t}", self.hasil.masalah, negatif=False, ukuran=UKURAN_RUPIAH)
                    for t in self.r.tahun
                }
                if any(v is not None for v in pagu.values()):
                    if node.pk in pagu_baris and pagu_baris[node.pk][1] != pagu:
                        self.masalah(b, "Pagu", "pagu sub-kegiatan ini berbeda dengan baris sebelumnya.")
                    pagu_baris[node.pk] = (b, pagu)
            if b.teks("Indikator"):
                kunci = (tingkat, node.pk, b.teks("Indikator").lower(), self.tahun_dari(b, "Berlaku Mulai"))
                if kunci in indikator_dilihat:
                    self.masalah(
                        b,
                        "Indikator",
                        f"indikator “{b.teks('Indikator')}” ditulis dua kali untuk simpul ini.",
                    )
                    continue
                indikator_dilihat.add(kunci)
                self.indikator(b, tingkat, node)
        for sub_id, (b, pagu) in pagu_baris.items():
            self.pagu(b, SubKegiatan.objects.get(pk=sub_id), pagu)

    def node_dari(self, b: Baris, tingkat: str) -> Any | None:
        kode, uraian = b.teks("Kode"), b.teks("Uraian")
        if not uraian:
            self.masalah(b, "Uraian", "wajib diisi.")
            return None
        if tingkat in ("tujuan", "sasaran"):
            if not kode:
                self.masalah(b, "Kode", f"kode {tingkat} wajib diisi (mis. T1, S1.1).")
                return None
            kunci = (tingkat, kode.lower())
        else:
            if kode:
                try:
                    normal = normalisasi_kode(kode)
                except KodeTidakSah as exc:
                    self.masalah(b, "Kode", str(exc))
                    return None
            else:
                normal = ""
            kunci = (tingkat, self._kunci_berkode(normal, uraian))
        obj = self.node.get(kunci)
        dikenal = obj is not None and getattr(obj, "_impor_baris", None) is not None
        if dikenal:
            return obj  # same node, another indicator row
        nilai: dict[str, Any] = {}
        if tingkat == "tujuan":
            obj = obj or Tujuan(renstra=self.r, urutan=self._urutan("tujuan"))
            nilai = {"kode": kode, "uraian": uraian, "misi": self.misi_dari(b)}
        elif tingkat == "sasaran":
            induk = self.induk_dari(b, "tujuan") if b.teks("Induk") else None
            if b.teks("Induk") and induk is None:
                return None
            obj = obj or Sasaran(renstra=self.r, urutan=self._urutan("sasaran"))
            nilai = {
                "kode": kode,
                "uraian": uraian,
                "tujuan": induk,
                "sasaran_daerah": self.sasaran_daerah_dari(b),
            }
        elif tingkat == "program":
            obj = obj or Program(renstra=self.r, urutan=self._urutan("program"))
            nilai = {
                "kode_tampil": kode,
                "nama": uraian,
                "unit_penanggung_jawab": self.unit_dari(b, "Unit Penanggung Jawab"),
            }
        elif tingkat == "kegiatan":
            induk = self.induk_dari(b, "program")
            if induk is None:
                return None
            obj = obj or Kegiatan(renstra=self.r, urutan=self._urutan("kegiatan"))
            nilai = {
                "program": induk,
                "kode_tampil": kode,
                "nama": uraian,
                "unit_penanggung_jawab": self.unit_dari(b, "Unit Penanggung Jawab"),
            }
        else:
            induk = self.induk_dari(b, "kegiatan")
            if induk is None:
                return None
            obj = obj or SubKegiatan(renstra=self.r, urutan=self._urutan("sub_kegiatan"))
            nilai = {
                "kegiatan": induk,
                "kode_tampil": kode,
                "nama": uraian,
                "unit_penanggung_jawab": self.unit_dari(b, "Unit Penanggung Jawab"),
            }
        if tingkat in ("program", "kegiatan", "sub_kegiatan"):
            nilai["kode"] = normal  # the model re-derives it from kode_tampil and checks the parent
        label = f"{TINGKAT_KE_LABEL[tingkat]} {kode} {uraian}".replace("  ", " ")
        if not self.simpan(b, obj, nilai, label, "Uraian"):
            return None
        obj._impor_baris = b.nomor
        self.node[kunci] = obj
        if tingkat == "program":
            self.pemetaan(b, obj)
        return obj

    def _urutan(self, tingkat: str) -> int:
        self.urutan[tingkat] += 1
        return self.urutan[tingkat]

    def induk_dari(self, b: Baris, tingkat: str) -> Any | None:
        teks = b.teks("Induk")
        if not teks:
            self.masalah(b, "Induk", f"isi kode {tingkat} induknya.")
            return None
        if tingkat == "tujuan":
            obj = self.node.get(("tujuan", teks.lower()))
        else:
            obj = None
            with contextlib.suppress(KodeTidakSah):
                obj = self.node.get((tingkat, self._kunci_berkode(normalisasi_kode(teks), "")))
            if obj is None:
                obj = self.node.get((tingkat, self._kunci_berkode("", teks)))
        if obj is None:
            self.masalah(b, "Induk", f"{tingkat} “{teks}” tidak ditemukan (tulis induk di baris sebelumnya).")
        return obj

    def misi_dari(self, b: Baris) -> MisiRPJMD | None:
        teks = b.teks("Acuan RPJMD")
        if not teks:
            return None
        nomor = re.sub(r"\D", "", teks)
        misi = self.misi.get(int(nomor)) if nomor else None
        if misi is None:
            self.masalah(b, "Acuan RPJMD", f"misi “{teks}” tidak ada di RPJMD acuan Renstra ini.")
        return misi

    def sasaran_daerah_dari(self, b: Baris) -> SasaranRPJMD | None:
        teks = b.teks("Acuan RPJMD")
        if not teks:
            return None
        s = self.sasaran_daerah.get(teks.lower())
        if s is None:
            self.masalah(b, "Acuan RPJMD", f"sasaran daerah “{teks}” tidak ada di RPJMD acuan Renstra ini.")
        return s

    def pemetaan(self, b: Baris, program: Program) -> None:
        kode = [k.strip() for k in b.teks("Induk").split(";") if k.strip()]
        ingin = set()
        for k in kode:
            s = self.node.get(("sasaran", k.lower()))
            if s is None:
                self.masalah(b, "Induk", f"sasaran “{k}” tidak ditemukan.")
                continue
            ingin.add(s.pk)
        ada = {p.sasaran_id: p for p in PemetaanProgram.objects.filter(program=program)}
        for s_id in ingin - set(ada):
            PemetaanProgram.objects.create(renstra=self.r, sasaran_id=s_id, program=program)
            self.hasil.jumlah["buat"] += 1
            self.hasil.perubahan.append(f"Baru: pemetaan {program} → sasaran")
        for s_id in set(ada) - ingin:
            ada[s_id].delete()
            self.hasil.jumlah["hapus"] += 1
            self.hasil.perubahan.append(f"Dihapus: pemetaan {program} → sasaran {ada[s_id].sasaran.kode}")

    def pagu(self, b: Baris, sub: SubKegiatan, pagu: dict[int, Decimal | None]) -> None:
        ada = {p.tahun: p for p in PaguIndikatif.objects.filter(sub_kegiatan=sub)}
        for tahun, jumlah in pagu.items():
            if jumlah is None:
                continue  # blank cells leave the stored pagu alone
            obj = ada.get(tahun) or PaguIndikatif(renstra=self.r, sub_kegiatan=sub, tahun=tahun)
            self.simpan(b, obj, {"jumlah": jumlah}, f"pagu {tahun} {sub.nama}", f"Pagu {tahun}")

    def indikator(self, b: Baris, tingkat: str, node: Any) -> None:
        nama = b.teks("Indikator")
        mulai = self.tahun_dari(b, "Berlaku Mulai")
        kandidat = Indikator.objects.filter(**{tingkat: node}, nama__iexact=nama)
        obj = next((i for i in kandidat if i.berlaku_mulai == mulai), None)
        arah = baca_arah(b.teks("Arah") or "positif")
        akumulasi = {v.lower(): k for k, v in AKUMULASI_LABEL.items()}.get(
            b.teks("Akumulasi").lower() or "nilai akhir"
        )
        if arah is None:
            self.masalah(
                b, "Arah", f"“{b.teks('Arah')}” bukan arah yang dikenal (Positif, Negatif, Mendekati)."
            )
            return
        if arah_lama(b.teks("Arah")) and CATATAN_ARAH_RENTANG not in self.hasil.perubahan:
            self.hasil.perubahan.append(CATATAN_ARAH_RENTANG)
        if akumulasi is None:
            pilihan = ", ".join(label for _, label in PILIHAN_AKUMULASI)
            self.masalah(
                b, "Akumulasi", f"“{b.teks('Akumulasi')}” bukan cara akumulasi yang dikenal ({pilihan})."
            )
            return
        jumlah_masalah = len(self.hasil.masalah)
        akhir, akhir_atas = self.target_dari(b, "Target Akhir")
        nilai = {
            "nama": nama,
            "satuan": b.teks("Satuan"),
            "arah": arah,
            "akumulasi": akumulasi,
            "iku": b.teks("IKU").lower() in ("ya", "y", "1", "true", "iku"),
            "definisi": b.teks("Definisi"),
            "pembilang": b.teks("Pembilang"),
            "penyebut": b.teks("Penyebut"),
            "baseline_nilai": angka(b, "Kondisi Awal", self.hasil.masalah),
            "baseline_tahun": self.tahun_dari(b, "Tahun Kondisi Awal"),
            "target_akhir": akhir,
            "target_akhir_atas": akhir_atas,
            "sumber_data": b.teks("Sumber Data"),
            "unit_penanggung_jawab": self.unit_dari(b, "PJ Indikator"),
            "berlaku_mulai": mulai,
            "berlaku_sampai": self.tahun_dari(b, "Berlaku Sampai"),
        }
        target = {t: self.target_dari(b, f"Target {t}") for t in self.r.tahun}
        if len(self.hasil.masalah) > jumlah_masalah:
            return
        if not nilai["satuan"]:
            self.masalah(b, "Satuan", "wajib diisi untuk setiap indikator.")
            return
        if obj is None:
            obj = Indikator(renstra=self.r, urutan=self._urutan("indikator"), **{tingkat: node})
        if not self.simpan(b, obj, nilai, f"indikator “{nama}”", "Indikator"):
            return
        ada = {t.tahun: t for t in TargetIndikator.objects.filter(indikator=obj, jenis=JenisTarget.RENSTRA)}
        for tahun, (v, atas) in target.items():
            if v is None:
                continue
            tg = ada.get(tahun) or TargetIndikator(
                renstra=self.r, indikator=obj, tahun=tahun, jenis=JenisTarget.RENSTRA
            )
            self.simpan(
                b, tg, {"nilai": v, "nilai_atas": atas}, f"target {tahun} “{nama}”", f"Target {tahun}"
            )
        komponen = [k.strip() for k in b.teks("Komponen").split(";") if k.strip()]
        sudah = set(KomponenIndikator.objects.filter(indikator=obj).values_list("nama", flat=True))
        for urutan, k in enumerate(komponen):
            if k not in sudah:
                KomponenIndikator.objects.create(renstra=self.r, indikator=obj, nama=k, urutan=urutan)
                self.hasil.jumlah["buat"] += 1
                self.hasil.perubahan.append(f"Baru: komponen “{k}” pada “{nama}”")

    # ---- strategi
    def strategi(self, baris: list[Baris]) -> None:
        ada = {s.nomor: s for s in Strategi.objects.filter(renstra=self.r)}
        for b in baris:
            nomor = self.tahun_dari(b, "No Strategi")
            if nomor is None:
                self.masalah(b, "No Strategi", "wajib diisi dengan nomor.")
                continue
            teks = b.teks("Strategi")
            sasaran = None
            if b.teks("Sasaran"):
                sasaran = self.node.get(("sasaran", b.teks("Sasaran").lower()))
                if sasaran is None:
                    self.masalah(b, "Sasaran", f"sasaran “{b.teks('Sasaran')}” tidak ditemukan.")
                    continue
            s = ada.get(nomor)
            if s is None or not getattr(s, "_impor", False):
                s = s or Strategi(renstra=self.r)
                if not self.simpan(
                    b,
                    s,
                    {"nomor": nomor, "uraian": teks, "sasaran": sasaran},
                    f"strategi {nomor}",
                    "Strategi",
                ):
                    continue
                s._impor = True
                ada[nomor] = s
            if b.teks("Arah Kebijakan"):
                no_arah = self.tahun_dari(b, "No Arah")
                if no_arah is None:
                    self.masalah(b, "No Arah", "wajib diisi dengan nomor.")
                    continue
                a = ArahKebijakan.objects.filter(strategi=s, nomor=no_arah).first() or ArahKebijakan(
                    renstra=self.r, strategi=s
                )
                self.simpan(
                    b,
                    a,
                    {"nomor": no_arah, "uraian": b.teks("Arah Kebijakan")},
                    f"arah kebijakan {nomor}.{no_arah}",
                    "Arah Kebijakan",
                )
