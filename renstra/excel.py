"""The "Matriks Rencana Strategis" workbook: export a Renstra, import the same workbook.

Format (documented in docs/format-excel-renstra.md):

- Sheet ``Info``: ``Perangkat Daerah``, ``Tahun Awal``, ``Tahun Akhir`` (checked on import).
- Sheet ``Matriks Renstra``, header row 1, one row per (node, indicator) in tree order; a
  node without indicator has one row with the indicator columns blank. Columns:
  ``Tingkat`` (Tujuan/Sasaran/Program/Kegiatan/Sub Kegiatan), ``Kode``, ``Uraian``,
  ``Induk`` (code — or name when it has none — of the parent; for a program, the codes of
  the sasaran it serves separated by ``;``), ``Acuan RPJMD`` (misi number for a tujuan,
  sasaran daerah code for a sasaran), ``Unit Penanggung Jawab``, ``Indikator``, ``Satuan``,
  ``Arah``, ``Akumulasi``, ``IKU``, ``Definisi``, ``Pembilang``, ``Penyebut``,
  ``Komponen`` (``;``-separated), ``Kondisi Awal``, ``Tahun Kondisi Awal``,
  ``Target <tahun>`` for each year, ``Target Akhir``, ``Pagu <tahun>`` (sub-kegiatan only),
  ``Sumber Data``, ``PJ Indikator``, ``Berlaku Mulai``, ``Berlaku Sampai``.
- Sheet ``Strategi``: ``No Strategi``, ``Sasaran``, ``Strategi``, ``No Arah``, ``Arah Kebijakan``.

Import is all or nothing: the whole workbook is applied inside a transaction with every
model check; the preview runs the very same code and rolls back, so what the preview says
is exactly what confirming does. Rows absent from the workbook are left as they are.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from lkjip.angka import format_ringkas
from lkjip.excel import (
    FORMAT_ANGKA,
    FORMAT_RUPIAH,
    Baris,
    BerkasTidakSah,
    Masalah,
    angka,
    baca_sheet,
    buka,
    ke_bytes,
    sel_angka,
    sheet_baru,
    workbook_baru,
)
from lkjip.models import UnitKerja
from pelaporan.domain.kode import KodeTidakSah, normalisasi_kode
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
from renstra.selectors import Simpul, pohon_renstra

SHEET_INFO = "Info"
SHEET_MATRIKS = "Matriks Renstra"
SHEET_STRATEGI = "Strategi"

TINGKAT_KE_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub Kegiatan",
}
LABEL_KE_TINGKAT = {v.lower(): k for k, v in TINGKAT_KE_LABEL.items()} | {
    "subkegiatan": "sub_kegiatan",
    "sub-kegiatan": "sub_kegiatan",
}
ARAH_LABEL = {"positif": "Positif", "negatif": "Negatif", "mendekati": "Mendekati", "rentang": "Rentang"}
AKUMULASI_LABEL = {"kumulatif": "Kumulatif", "nilai_akhir": "Nilai Akhir", "rata_rata": "Rata-rata"}

KOLOM_DEPAN = [
    "Tingkat",
    "Kode",
    "Uraian",
    "Induk",
    "Acuan RPJMD",
    "Unit Penanggung Jawab",
    "Indikator",
    "Satuan",
    "Arah",
    "Akumulasi",
    "IKU",
    "Definisi",
    "Pembilang",
    "Penyebut",
    "Komponen",
    "Kondisi Awal",
    "Tahun Kondisi Awal",
]
KOLOM_BELAKANG = ["Sumber Data", "PJ Indikator", "Berlaku Mulai", "Berlaku Sampai"]
KOLOM_STRATEGI = ["No Strategi", "Sasaran", "Strategi", "No Arah", "Arah Kebijakan"]


def kolom_matriks(renstra: Renstra) -> list[str]:
    tahun = renstra.tahun
    return (
        KOLOM_DEPAN
        + [f"Target {t}" for t in tahun]
        + ["Target Akhir"]
        + [f"Pagu {t}" for t in tahun]
        + KOLOM_BELAKANG
    )


# =========================================================================== export


def _teks_target(nilai: Decimal | None, atas: Decimal | None) -> Decimal | int | str | None:
    if nilai is None:
        return None
    if atas is not None:
        return f"{format_ringkas(nilai)} – {format_ringkas(atas)}"
    return sel_angka(nilai)


def _kunci_induk(obj: Any) -> str:
    return (obj.kode_tampil or obj.kode) if getattr(obj, "kode", "") else obj.nama


def ekspor_renstra(renstra: Renstra) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of the Renstra's Matriks Rencana Strategis."""
    pohon = pohon_renstra(renstra)
    tahun = renstra.tahun
    wb = workbook_baru()
    info = sheet_baru(wb, SHEET_INFO, ["Isian", "Nilai"], lebar={"Isian": 22, "Nilai": 60})
    info.append(["Perangkat Daerah", renstra.opd.nama])
    info.append(["Tahun Awal", renstra.tahun_awal])
    info.append(["Tahun Akhir", renstra.tahun_akhir])
    info.append(["Dasar Hukum", renstra.dasar_hukum])
    info.append(
        ["Petunjuk", "Satu baris per indikator; simpul tanpa indikator tetap satu baris. Lihat panduan."]
    )

    kolom = kolom_matriks(renstra)
    ws = sheet_baru(
        wb,
        SHEET_MATRIKS,
        kolom,
        lebar={"Uraian": 45, "Indikator": 45, "Definisi": 30, "Induk": 16, "Unit Penanggung Jawab": 24},
    )
    mapping: dict[int, list[str]] = {}
    for s_kode, p_id in PemetaanProgram.objects.filter(renstra=renstra).values_list(
        "sasaran__kode", "program_id"
    ):
        mapping.setdefault(p_id, []).append(s_kode)
    sudah: set[tuple[str, int]] = set()

    def tulis(simpul: Simpul, induk: Any | None) -> None:
        o = simpul.objek
        kunci = (simpul.tingkat, o.pk)
        if kunci in sudah:  # a program under two sasaran is written once
            return
        sudah.add(kunci)
        if simpul.tingkat == "tujuan":
            dasar = {
                "Kode": o.kode,
                "Uraian": o.uraian,
                "Induk": "",
                "Acuan RPJMD": o.misi.nomor if o.misi_id else None,
            }
        elif simpul.tingkat == "sasaran":
            dasar = {
                "Kode": o.kode,
                "Uraian": o.uraian,
                "Induk": induk.kode if induk is not None else "",
                "Acuan RPJMD": o.sasaran_daerah.kode if o.sasaran_daerah_id else None,
            }
        else:
            if simpul.tingkat == "program":
                induk_teks = "; ".join(sorted(mapping.get(o.pk, [])))
            else:
                induk_teks = _kunci_induk(induk)
            dasar = {"Kode": o.kode_tampil or o.kode, "Uraian": o.nama, "Induk": induk_teks}
        dasar["Tingkat"] = TINGKAT_KE_LABEL[simpul.tingkat]
        unit = getattr(o, "unit_penanggung_jawab", None)
        dasar["Unit Penanggung Jawab"] = unit.nama if unit else None
        pagu = (
            {f"Pagu {t}": sel_angka(simpul.pagu.get(t)) for t in tahun}
            if simpul.tingkat == "sub_kegiatan"
            else {}
        )
        baris_ind = simpul.indikator or [None]
        for nomor, b in enumerate(baris_ind):
            isi = dict(dasar)
            if nomor == 0:
                isi.update(pagu)
            if b is not None:
                i = b.indikator
                isi.update(
                    {
                        "Indikator": i.nama,
                        "Satuan": i.satuan,
                        "Arah": ARAH_LABEL[i.arah],
                        "Akumulasi": AKUMULASI_LABEL[i.akumulasi],
                        "IKU": "Ya" if i.iku else None,
                        "Definisi": i.definisi or None,
                        "Pembilang": i.pembilang or None,
                        "Penyebut": i.penyebut or None,
                        "Komponen": "; ".join(k.nama for k in b.komponen) or None,
                        "Kondisi Awal": sel_angka(i.baseline_nilai),
                        "Tahun Kondisi Awal": i.baseline_tahun,
                        "Target Akhir": _teks_target(i.target_akhir, i.target_akhir_atas),
                        "Sumber Data": i.sumber_data or None,
                        "PJ Indikator": i.unit_penanggung_jawab.nama if i.unit_penanggung_jawab_id else None,
                        "Berlaku Mulai": i.berlaku_mulai,
                        "Berlaku Sampai": i.berlaku_sampai,
                    }
                )
                for t in tahun:
                    tg = b.target.get(t)
                    isi[f"Target {t}"] = _teks_target(tg.nilai, tg.nilai_atas) if tg else None
            ws.append([isi.get(k) for k in kolom])
        for anak in simpul.anak:
            tulis(anak, o)

    for simpul in pohon.tujuan:
        tulis(simpul, None)
    for simpul in pohon.sasaran_tanpa_tujuan:
        tulis(simpul, None)
    for simpul in pohon.program_tanpa_sasaran:
        tulis(simpul, None)
    for baris in ws.iter_rows(min_row=2):
        for sel in baris:
            judul = kolom[sel.column - 1]
            if judul.startswith("Pagu "):
                sel.number_format = FORMAT_RUPIAH
            elif judul.startswith("Target") or judul == "Kondisi Awal":
                sel.number_format = FORMAT_ANGKA

    st = sheet_baru(wb, SHEET_STRATEGI, KOLOM_STRATEGI, lebar={"Strategi": 60, "Arah Kebijakan": 70})
    for s, arah in pohon.strategi:
        sasaran = s.sasaran.kode if s.sasaran_id else None
        for a in arah or [None]:
            st.append([s.nomor, sasaran, s.uraian, a.nomor if a else None, a.uraian if a else None])

    nama = f"Matriks-Renstra-{renstra.opd.singkatan or renstra.opd.pk}-{renstra.tahun_awal}-{renstra.tahun_akhir}.xlsx"
    return (
        nama.replace(" ", "-"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ke_bytes(wb),
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


# "3 – 5", "3—5" or "3 - 5" (a spaced hyphen, so that "-5" stays a negative number).
_RENTANG = re.compile(r"^\s*(-?[\d.,]+)\s*(?:–|—|\s-\s)\s*(-?[\d.,]+)\s*$")


class _Batal(Exception):
    """Rolls the transaction back (a preview, or an import with problems)."""


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
        """A target, or a range "a – b" for rentang indicators."""
        v = b.nilai.get(kolom)
        cocok = _RENTANG.match(v) if isinstance(v, str) else None
        if cocok:
            bawah = angka(Baris(b.sheet, b.nomor, {kolom: cocok[1]}), kolom, self.hasil.masalah)
            atas = angka(Baris(b.sheet, b.nomor, {kolom: cocok[2]}), kolom, self.hasil.masalah)
            return bawah, atas
        return angka(b, kolom, self.hasil.masalah), None

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
                pagu = {t: angka(b, f"Pagu {t}", self.hasil.masalah, negatif=False) for t in self.r.tahun}
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
        arah = b.teks("Arah").lower() or "positif"
        akumulasi = {v.lower(): k for k, v in AKUMULASI_LABEL.items()}.get(
            b.teks("Akumulasi").lower() or "nilai akhir"
        )
        if arah not in ARAH_LABEL:
            self.masalah(
                b,
                "Arah",
                f"“{b.teks('Arah')}” bukan arah yang dikenal (Positif, Negatif, Mendekati, Rentang).",
            )
            return
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


def impor_renstra(*, renstra: Renstra, data: bytes, terapkan: bool) -> HasilImpor:
    """Check (``terapkan=False``) or apply a Matriks Rencana Strategis workbook, all or nothing."""
    hasil = HasilImpor()
    try:
        wb = buka(data)
    except BerkasTidakSah as exc:
        hasil.masalah.append(Masalah("", 0, "", str(exc)))
        return hasil
    kolom = kolom_matriks(renstra)
    info = {
        b.teks("Isian"): b
        for b in baca_sheet(wb, SHEET_INFO, wajib=["Isian", "Nilai"], masalah=hasil.masalah)
    }
    matriks = list(
        baca_sheet(
            wb,
            SHEET_MATRIKS,
            wajib=["Tingkat", "Kode", "Uraian", "Induk", "Indikator"],
            masalah=hasil.masalah,
            kolom_diketahui=kolom,
        )
    )
    strategi = (
        list(baca_sheet(wb, SHEET_STRATEGI, wajib=KOLOM_STRATEGI, masalah=hasil.masalah))
        if SHEET_STRATEGI in wb.sheetnames
        else []
    )
    wb.close()
    for judul, harus in (("Tahun Awal", renstra.tahun_awal), ("Tahun Akhir", renstra.tahun_akhir)):
        b = info.get(judul)
        if b is not None and b.teks("Nilai") and b.teks("Nilai") != str(harus):
            hasil.masalah.append(
                Masalah(
                    SHEET_INFO,
                    b.nomor,
                    "Nilai",
                    f"{judul} {b.teks('Nilai')} tidak sama dengan Renstra ini ({harus}).",
                )
            )
    if hasil.masalah:
        return hasil
    try:
        with transaction.atomic():
            p = _Pengimpor(renstra, hasil)
            p.matriks(matriks)
            p.strategi(strategi)
            if hasil.masalah or not terapkan:
                raise _Batal
    except _Batal:
        pass
    else:
        hasil.diterapkan = True
    hasil.masalah.sort()
    return hasil
