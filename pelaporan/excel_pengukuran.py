"""The "Pengukuran Kinerja" workbook (issue 6): a year of one OPD out to Excel and back in.

Format (docs/format-excel-pengukuran.md): header row 1, exact header names, extra columns
ignored, numbers Indonesian-style, English-style or Excel numbers.

- Sheet ``Indikator``: one row per PK indicator, identified by (``Sasaran``, ``Indikator``):
  ``Satuan``, ``Arah``, ``Akumulasi``, ``Target``, ``Target TW1..4``, ``Realisasi TW1..4``.
- Sheet ``Anggaran``: one row per program, kegiatan, sub-kegiatan or uraian-only line:
  ``Kode``, ``Uraian``, ``Pagu``, ``Realisasi TW1..4`` and the optional ``Sumber Dana``. A row
  whose code has descendants in the sheet is a parent: blank, or equal to the sum of its
  children; never stored. A final row ``Jumlah`` is the parent of every top-level row.
- Export adds computed columns (``Realisasi``, ``Capaian (%)``, ``Kategori``; ``Realisasi``,
  ``Realisasi (%)``, ``Sisa``), all from pelaporan.domain through the selectors; import
  never reads them.

Import is all or nothing. The workbook is read and checked cell by cell, then applied
inside one transaction with every model's ``full_clean()``; the preview runs the very same
code and rolls back, so what the preview says is exactly what confirming does. A blank
cell leaves what is stored alone (import never deletes); ``-`` or ``N/A`` in a realisasi
cell is "belum ada data", stored as a row without a value, never as 0.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from lkjip import akses, audit
from lkjip.angka import AngkaTidakSah, bulatkan, format_angka, format_ringkas, urai_angka
from lkjip.excel import (
    FORMAT_ANGKA,
    FORMAT_RUPIAH,
    MAKS_BARIS,
    MAKS_BYTE,
    TIPE_XLSX,
    Baris,
    BerkasTidakSah,
    Masalah,
    baca_sheet,
    buka,
    ke_bytes,
    sel_angka,
    sheet_baru,
    workbook_baru,
)
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.domain.kode import (
    PLACEHOLDER_URUSAN,
    KodeTidakSah,
    TingkatKode,
    induk_kode,
    isi_placeholder,
    kunci_urut_kode,
    normalisasi_kode,
    tingkat_kode,
)
from pelaporan.models import (
    Anggaran,
    ButirPK,
    JenjangPK,
    PerjanjianKinerja,
    Realisasi,
    RealisasiAnggaran,
    StatusLaporan,
    StatusPK,
    SumberDana,
    TargetTriwulan,
)
from pelaporan.selectors import (
    IndikatorPK,
    StatusTriwulan,
    admin_pemda,
    anggaran_opd,
    grid_realisasi,
    indikator_pk,
    pk_berlaku,
    status_triwulan,
)
from pelaporan.services import hari_ini_pemda, periksa_tumpang_tindih
from renstra.excel import AKUMULASI_LABEL, ARAH_LABEL
from renstra.models import (
    Indikator,
    Kegiatan,
    KomponenIndikator,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    periksa_nilai_satuan,
)

SHEET_INDIKATOR = "Indikator"
SHEET_ANGGARAN = "Anggaran"
SHEET_INFO = "Info"

TRIWULAN = (1, 2, 3, 4)
NAMA_TW = {1: "I", 2: "II", 3: "III", 4: "IV"}
TARGET_TW = [f"Target TW{t}" for t in TRIWULAN]
REALISASI_TW = [f"Realisasi TW{t}" for t in TRIWULAN]

KOLOM_INDIKATOR = ["Sasaran", "Indikator", "Satuan", "Arah", "Akumulasi", "Target", *TARGET_TW, *REALISASI_TW]
WAJIB_INDIKATOR = ["Sasaran", "Indikator", "Satuan", "Arah", "Akumulasi", "Target", *REALISASI_TW]
HITUNG_INDIKATOR = ["Realisasi", "Capaian (%)", "Kategori"]

KOLOM_ANGGARAN = ["Kode", "Uraian", "Pagu", *REALISASI_TW, "Sumber Dana"]
WAJIB_ANGGARAN = ["Kode", "Uraian", "Pagu", *REALISASI_TW]
HITUNG_ANGGARAN = ["Realisasi", "Realisasi (%)", "Sisa"]

# The total row of the Anggaran sheet: a row without a code whose Uraian is one of these.
URAIAN_JUMLAH = frozenset({"jumlah", "total", "jumlah total"})
FORMAT_PERSEN_2 = "#,##0.00"

_ARAH = {v.lower(): k for k, v in ARAH_LABEL.items()} | {k: k for k in ARAH_LABEL}
_AKUMULASI = (
    {v.lower(): k for k, v in AKUMULASI_LABEL.items()}
    | {k: k for k in AKUMULASI_LABEL}
    | {"nilai_akhir": "nilai_akhir", "rata rata": "rata_rata", "ratarata": "rata_rata"}
)
_SUMBER = (
    {v.lower(): v for v in SumberDana.values}
    | {label.lower(): v for v, label in SumberDana.choices}
    | {
        "apbn": SumberDana.APBN,
        "provinsi": SumberDana.PROVINSI,
    }
)
# "3 – 5", "3—5" or "3 - 5" (a spaced hyphen, so that "-5" stays a negative number).
_RENTANG = re.compile(r"^\s*(-?[\d.,]+)\s*(?:–|—|\s-\s)\s*(-?[\d.,]+)\s*$")
_TINGKAT_ANGGARAN = (TingkatKode.PROGRAM, TingkatKode.KEGIATAN, TingkatKode.SUB_KEGIATAN)


def _kunci(teks: str) -> str:
    """Names are matched case- and space-insensitively (documents retype them freely)."""
    return " ".join(str(teks).split()).casefold()


def jenis_unggahan(tahun: int) -> str:
    """The temporary-upload purpose: an upload previewed for one year is confirmed for that year only."""
    return f"pengukuran-{tahun}"


# =========================================================================== export


def _teks_target(nilai: Decimal | None, atas: Decimal | None) -> Decimal | int | str | None:
    if nilai is None:
        return None
    if atas is not None:
        return f"{format_ringkas(nilai)} – {format_ringkas(atas)}"
    return sel_angka(nilai)


def _persen(nilai: Decimal | None) -> Decimal | int | None:
    return sel_angka(bulatkan(nilai)) if nilai is not None else None


def _sheet_info(wb: Any, opd: PerangkatDaerah, tahun: int) -> None:
    info = sheet_baru(wb, SHEET_INFO, ["Isian", "Nilai"], lebar={"Isian": 22, "Nilai": 90})
    for baris in (
        ["Pemerintah Daerah", opd.pemda.nama],
        ["Perangkat Daerah", opd.nama],
        ["Tahun", tahun],
        ["Petunjuk", "Baris 1 berisi judul kolom; jangan diubah. Kolom tambahan diabaikan."],
        [
            "Petunjuk",
            "Sel kosong: data yang tersimpan dibiarkan. “-” atau “N/A” pada realisasi: belum ada data.",
        ],
        [
            "Petunjuk",
            "Kolom Realisasi, Capaian (%), Kategori, Realisasi (%) dan Sisa dihitung aplikasi; "
            "perubahan di kolom itu diabaikan saat impor.",
        ],
        [
            "Petunjuk",
            "Baris induk anggaran (yang punya baris di bawahnya) dan baris Jumlah: kosongkan, atau "
            "isi sama dengan jumlah baris di bawahnya.",
        ],
        ["Petunjuk", "Rumus Excel tidak diterima: tulis nilainya. Panduan: docs/format-excel-pengukuran.md."],
    ):
        info.append(baris)


def ekspor_pengukuran(*, opd: PerangkatDaerah, tahun: int, kosong: bool = False) -> tuple[str, str, bytes]:
    """(filename, content type, bytes): the year's Pengukuran Kinerja workbook, or its empty template."""
    wb = workbook_baru()
    ws = sheet_baru(
        wb,
        SHEET_INDIKATOR,
        KOLOM_INDIKATOR + HITUNG_INDIKATOR,
        lebar={"Sasaran": 40, "Indikator": 45, "Satuan": 10, "Kategori": 16},
    )
    if not kosong:
        for b in grid_realisasi(opd, tahun, sampai=4):
            i = b.indikator
            realisasi_tw = []
            for r in b.realisasi:
                if r is None:
                    realisasi_tw.append(None)  # not filled in
                else:
                    realisasi_tw.append(sel_angka(r.nilai) if r.nilai is not None else "-")
            hasil = b.capaian.hasil if b.capaian else None
            ws.append(
                [
                    b.kinerja,
                    i.nama,
                    i.satuan,
                    ARAH_LABEL.get(i.arah, i.arah),
                    AKUMULASI_LABEL.get(i.akumulasi, i.akumulasi),
                    _teks_target(b.target_tahunan, b.target_atas_tahunan),
                    *[_teks_target(t, a) for t, a in zip(b.target_tw, b.target_atas_tw, strict=True)],
                    *realisasi_tw,
                    sel_angka(bulatkan(b.realisasi_sd, tempat=4)) if b.realisasi_sd is not None else None,
                    _persen(hasil.nilai) if hasil else None,
                    b.kategori.label if b.kategori else None,
                ]
            )
    _format_kolom(ws, KOLOM_INDIKATOR + HITUNG_INDIKATOR, rupiah=False)

    wa = sheet_baru(
        wb,
        SHEET_ANGGARAN,
        KOLOM_ANGGARAN + HITUNG_ANGGARAN,
        lebar={"Kode": 20, "Uraian": 55, "Pagu": 20, "Realisasi": 20, "Sisa": 20, "Sumber Dana": 14},
    )
    if not kosong:
        _tulis_anggaran(wa, opd, tahun)
    _format_kolom(wa, KOLOM_ANGGARAN + HITUNG_ANGGARAN, rupiah=True)
    _sheet_info(wb, opd, tahun)

    awal = "Templat-Pengukuran-Kinerja" if kosong else "Pengukuran-Kinerja"
    nama = f"{awal}-{opd.singkatan or opd.pk}-{tahun}.xlsx".replace(" ", "-")
    return nama, TIPE_XLSX, ke_bytes(wb)


def _tulis_anggaran(ws: Any, opd: PerangkatDaerah, tahun: int) -> None:
    """Every row of the budget table (computed parents included) and a final Jumlah row.

    Figures come from ``anggaran_opd`` (the domain's roll-up); a quarter cell stays blank when
    no line below it has a realisasi row for that quarter, so blank never turns into 0.
    """
    ringkasan = anggaran_opd(opd, tahun, sampai=4)
    urusan = opd.kode_urusan or None

    def baku(kode: str) -> str:
        return isi_placeholder(kode, urusan=urusan) if urusan else normalisasi_kode(kode)

    daun = [
        (baku(b.anggaran.node.kode) if b.anggaran.node and b.anggaran.node.kode else "", b)
        for b in ringkasan.baris
        if b.anggaran
    ]
    ada_tw: list[set[int]] = []  # per row, the quarters with a stored realisasi row (itself or below it)
    for n, b in enumerate(ringkasan.baris):
        if b.anggaran is not None:
            ada_tw.append({r.triwulan for r in b.anggaran.realisasi.all()})
        elif b.kode:
            induk = baku(b.kode)
            ada_tw.append(
                {
                    r.triwulan
                    for k, x in daun
                    if k == induk or k.startswith(induk + ".")
                    for r in x.anggaran.realisasi.all()
                }
            )
        else:  # a parent without a code: the lines that follow it, down to the next row at its depth
            tw: set[int] = set()
            for lain in ringkasan.baris[n + 1 :]:
                if lain.anggaran is None and lain.kedalaman <= b.kedalaman:
                    break
                if lain.anggaran is not None:
                    tw |= {r.triwulan for r in lain.anggaran.realisasi.all()}
            ada_tw.append(tw)
    semua_tw: set[int] = set().union(*ada_tw) if ada_tw else set()
    for b, tw_ada in zip(ringkasan.baris, ada_tw, strict=True):
        a = b.anggaran
        if a is not None:
            node = a.node
            uraian = node.nama if node is not None else a.uraian
            sumber = a.get_sumber_dana_display()
        else:
            uraian, sumber = b.uraian, None
        ws.append(
            [
                b.kode or None,
                uraian,
                sel_angka(b.angka.pagu),
                *[sel_angka(b.realisasi_tw[t - 1]) if t in tw_ada else None for t in TRIWULAN],
                sumber,
                sel_angka(b.angka.realisasi),
                _persen(b.angka.persen),
                sel_angka(b.angka.sisa),
            ]
        )
    if ringkasan.baris:
        total = ringkasan.total
        tw_total = [
            sum((b.realisasi_tw[t - 1] for b in ringkasan.baris if b.anggaran), Decimal(0)) for t in TRIWULAN
        ]
        ws.append(
            [
                None,
                "Jumlah",
                sel_angka(total.pagu),
                *[sel_angka(tw_total[t - 1]) if t in semua_tw else None for t in TRIWULAN],
                None,
                sel_angka(total.realisasi),
                _persen(total.persen),
                sel_angka(total.sisa),
            ]
        )


def _format_kolom(ws: Any, kolom: list[str], *, rupiah: bool) -> None:
    for baris in ws.iter_rows(min_row=2):
        for sel in baris:
            judul = kolom[sel.column - 1]
            if judul in ("Capaian (%)", "Realisasi (%)"):
                sel.number_format = FORMAT_PERSEN_2
            elif rupiah and judul in ("Pagu", "Realisasi", "Sisa", *REALISASI_TW):
                sel.number_format = FORMAT_RUPIAH
            elif not rupiah and (judul.startswith(("Target", "Realisasi"))):
                sel.number_format = FORMAT_ANGKA


# =========================================================================== import


@dataclass
class HasilImpor:
    """What an import found and did: problems (then nothing is saved), changes, counts."""

    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[str] = field(default_factory=list)
    jumlah: Counter = field(default_factory=Counter)  # data objects: buat, ubah, sama
    baris: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # per sheet: row status
    diterapkan: bool = False

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.jumlah["buat"] or self.jumlah["ubah"])

    def daftar_masalah(self) -> list[str]:
        """Each problem as the user reads it; one about the whole file has no sheet to name."""
        return [str(m) if m.sheet else m.pesan for m in self.masalah]

    def ringkasan(self) -> list[str]:
        """One line per sheet: rows new, changed, unchanged, parents checked."""
        teks = []
        for sheet in (SHEET_INDIKATOR, SHEET_ANGGARAN):
            c = self.baris.get(sheet, Counter())
            bagian = [f"{c['baru']} baru", f"{c['diubah']} diubah", f"{c['tetap']} tetap"]
            if c["induk"]:
                bagian.append(f"{c['induk']} baris induk/jumlah diperiksa")
            teks.append(f"{sheet}: {sum(c.values())} baris — " + ", ".join(bagian))
        teks.append(
            f"Data: {self.jumlah['buat']} dibuat, {self.jumlah['ubah']} diubah, {self.jumlah['sama']} tetap"
        )
        return teks


class _Batal(Exception):
    """Rolls the transaction back (a preview, or an import with problems)."""


class _Kosong:
    """A blank cell: leave what is stored alone (distinct from None, "belum ada data")."""

    def __repr__(self) -> str:
        return "KOSONG"


KOSONG = _Kosong()


def _kosong(b: Baris, kolom: str) -> bool:
    v = b.nilai.get(kolom)
    return v is None or (isinstance(v, str) and not v.strip())


def _fmt(nilai: Decimal | None, *, rupiah: bool = False) -> str:
    if nilai is None:
        return "belum ada data"
    return format_angka(nilai, tempat=2) if rupiah else format_ringkas(nilai)


def _periksa_judul(
    wb: Any, nama: str, masukan: list[str], dihitung: list[str], masalah: list[Masalah]
) -> None:
    """Headers that look like an input header but are not it (``Realisasi TW 1``) are errors,
    not silently ignored columns: a misspelt header would otherwise drop a column of data.
    A misspelt computed header is harmless (computed columns are never read)."""
    diketahui = masukan + dihitung
    if nama not in wb.sheetnames:
        return
    try:
        kepala = next(wb[nama].iter_rows(min_row=1, max_row=1, values_only=True))
    except StopIteration:
        return
    judul = [str(v).strip() for v in kepala if v is not None and str(v).strip()]
    for j, n in Counter(judul).items():
        if n > 1 and j in diketahui:
            masalah.append(Masalah(nama, 1, j, f"judul kolom “{j}” ditulis {n} kali; hapus salah satunya."))
    hilang = [k for k in masukan if k not in judul]
    for j in judul:
        if j in diketahui:
            continue
        mirip = difflib.get_close_matches(j, hilang, n=1, cutoff=0.8) or difflib.get_close_matches(
            j.replace(" ", ""), [k.replace(" ", "") for k in hilang], n=1, cutoff=0.85
        )
        if mirip:
            maksud = next(k for k in hilang if k == mirip[0] or k.replace(" ", "") == mirip[0])
            masalah.append(
                Masalah(
                    nama,
                    1,
                    j,
                    f"judul kolom “{j}” tidak dikenal; maksudnya “{maksud}”? Tulis judul persis seperti templat.",
                )
            )


@dataclass
class _BarisIndikator:
    b: Baris
    sasaran: str
    nama: str
    satuan: str
    arah: str | None
    akumulasi: str | None
    target: Any  # KOSONG or (nilai, atas)
    target_tw: list[Any]
    realisasi_tw: list[Any]  # KOSONG, None ("belum ada data") or Decimal


@dataclass
class _BarisAnggaran:
    b: Baris
    kode: str  # normalised, placeholder resolved; "" for uraian-only lines
    tercetak: str
    uraian: str
    sumber: str
    sumber_kosong: bool
    pagu: Decimal | _Kosong
    realisasi_tw: list[Decimal | _Kosong]
    jumlah: bool = False  # the total row
    anak: list[_BarisAnggaran] = field(default_factory=list)
    induk: bool = False
    anggaran: Anggaran | None = None

    @property
    def kunci(self) -> tuple[str, str]:
        return (self.kode or "#" + _kunci(self.uraian), self.sumber)


class _Pengimpor:
    """Applies parsed rows to the database; every problem goes to ``hasil.masalah``."""

    def __init__(
        self,
        *,
        opd: PerangkatDaerah,
        tahun: int,
        hasil: HasilImpor,
        pengguna: Pengguna | None,
        periksa_triwulan: bool,
    ) -> None:
        self.opd, self.tahun, self.hasil = opd, tahun, hasil
        self.pengguna = pengguna
        self.periksa_triwulan = periksa_triwulan
        self.sekarang = timezone.now()
        # DOMAIN §3: a year may belong to two Renstra periods (Kukar 2021); new things go to
        # the one that starts latest, existing ones are found wherever they are.
        self.renstra = (
            Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )
        self._renstra_cache: dict[int, Renstra] = {}
        self._status: dict[int, StatusTriwulan] = {}
        self._pk_kepala: PerjanjianKinerja | None | bool = False  # False: not looked up yet
        self._buat: dict[type, list[models.Model]] = defaultdict(list)
        self._ubah: dict[type, tuple[list[str], list[models.Model]]] = {}

    # ---------------------------------------------------------------- shared helpers
    def masalah(self, b: Baris, kolom: str, pesan: str) -> None:
        self.hasil.masalah.append(Masalah(b.sheet, b.nomor, kolom, pesan))

    def catat(self, b: Baris, teks: str) -> None:
        self.hasil.perubahan.append(f"{b.sheet} baris {b.nomor}: {teks}")

    def _dari_validasi(self, b: Baris, exc: ValidationError, peta: dict[str, str], bawaan: str) -> None:
        if hasattr(exc, "error_dict"):
            for nama, daftar in exc.message_dict.items():
                for pesan in daftar:
                    self.masalah(b, peta.get(nama, bawaan), pesan)
        else:
            for pesan in exc.messages:
                self.masalah(b, bawaan, pesan)

    def valid(
        self, b: Baris, obj: models.Model, peta: dict[str, str], bawaan: str, *, kunci_terjamin: bool = False
    ) -> bool:
        """``full_clean()`` with problems reported on the row.

        ``kunci_terjamin``: the row's foreign keys are objects this import fetched or created
        itself and its unique key was looked up before building it, so the per-row existence
        and uniqueness queries are skipped (thousands of them on a 5.000-row workbook); field
        validation and the model's own ``clean()`` still run, and the database constraints
        still hold.
        """
        exclude = [f.name for f in obj._meta.concrete_fields if f.is_relation] if kunci_terjamin else None
        try:
            obj.full_clean(exclude=exclude, validate_constraints=not kunci_terjamin)
        except ValidationError as exc:
            self._dari_validasi(b, exc, peta, bawaan)
            return False
        return True

    def renstra_dari(self, renstra_id: int) -> Renstra:
        r = self._renstra_cache.get(renstra_id)
        if r is None:
            r = self._renstra_cache[renstra_id] = Renstra.objects.select_related("opd").get(pk=renstra_id)
        return r

    def tunda_buat(self, obj: models.Model) -> None:
        self._buat[type(obj)].append(obj)

    def tunda_ubah(self, obj: models.Model, bidang: list[str]) -> None:
        """Each stored row is met once (duplicate sheet rows are refused before)."""
        self._ubah.setdefault(type(obj), (bidang, []))[1].append(obj)

    def simpan_tertunda(self) -> None:
        """Many rows of the same kind in a fixed number of queries, each with its audit entry.

        Budget lines go before their quarterly realisasi, which point at them.
        """
        urutan = [ButirPK, TargetTriwulan, Realisasi, Anggaran, RealisasiAnggaran]
        for model in sorted(self._buat, key=urutan.index):
            audit.buat_massal(self._buat[model])
        for bidang, objs in self._ubah.values():
            audit.simpan_massal(objs, bidang)

    def tw_tertutup(self, triwulan: int) -> str | None:
        """Why an operator may not change this quarter now (browser imports only), or None."""
        if not self.periksa_triwulan:
            return None
        if triwulan not in self._status:
            self._status[triwulan] = status_triwulan(
                self.opd, self.tahun, triwulan, hari_ini=hari_ini_pemda()
            )
        s = self._status[triwulan]
        if s.boleh_diisi:
            return None
        pesan = s.alasan
        if s.terbuka and s.status_laporan == StatusLaporan.DIAJUKAN:
            pesan += " Minta kepala OPD mengembalikan laporan triwulan ini bila datanya perlu diubah."
        elif s.terbuka and s.status_laporan == StatusLaporan.DISETUJUI:
            admin = ", ".join(a.nama or a.username for a in admin_pemda(self.opd.pemda_id)) or "admin pemda"
            pesan += f" Hanya admin pemda ({admin}) yang dapat membukanya kembali."
        return pesan

    # ================================================================ sheet Indikator
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
                if _kosong(r.b, k):
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
        if atas is not None and ind.arah != "rentang":
            self.masalah(r.b, kolom, "target berbentuk rentang hanya untuk indikator berarah Rentang.")
            return False
        if ind.arah == "rentang" and v is not None and atas is None:
            self.masalah(
                r.b, kolom, "indikator rentang memerlukan target berbentuk “batas bawah – batas atas”."
            )
            return False
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
                f"target TW {NAMA_TW[tw]} “{ind.nama}”: {_fmt(lama.nilai) if lama else '–'} → {_fmt(nilai[0])}.",
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
                f"realisasi TW {NAMA_TW[tw]} “{ind.nama}”: "
                f"{_fmt(lama.nilai) if lama else 'belum diisi'} → {_fmt(nilai)}.",
            )
            berubah = True
        return berubah

    # ================================================================ sheet Anggaran
    def anggaran(self, baris: list[_BarisAnggaran], *, kode_rusak: set[str] | None = frozenset()) -> None:
        urusan = self.opd.kode_urusan or None
        ada = list(
            Anggaran.objects.filter(opd=self.opd, tahun=self.tahun)
            .select_related(
                "program__renstra__opd",
                "kegiatan__renstra__opd",
                "kegiatan__program",
                "sub_kegiatan__renstra__opd",
                "sub_kegiatan__kegiatan__program",
            )
            .prefetch_related("realisasi")
        )
        self.urusan = urusan
        self.baris_ada: dict[tuple[str, str], Anggaran] = {}
        # Nodes by resolved code: the year's Renstra first, then (winning) the nodes that already
        # carry a line this year and their ancestors, wherever their Renstra is.
        self.node: dict[str, Any] = {}
        if self.renstra is not None:
            for model in (Program, Kegiatan, SubKegiatan):
                for n in model.objects.filter(renstra=self.renstra).select_related("renstra__opd"):
                    if n.kode:
                        self.node[self._kode(n.kode)] = n
        for a in ada:
            n = a.node
            if n is not None and n.kode:
                self.baris_ada[(self._kode(n.kode), a.sumber_dana)] = a
                rantai = [n]
                if isinstance(n, SubKegiatan):
                    rantai += [n.kegiatan, n.kegiatan.program]
                elif isinstance(n, Kegiatan):
                    rantai.append(n.program)
                for x in rantai:
                    if x.kode:
                        self.node[self._kode(x.kode)] = x
            else:
                nama = n.nama if n is not None else a.uraian
                self.baris_ada[("#" + _kunci(nama), a.sumber_dana)] = a
        self.rb_ada = {a.pk: {r.triwulan: r for r in a.realisasi.all()} for a in ada}
        # What periksa_tumpang_tindih could collide with: the stored lines' codes and their
        # ancestors. A stored line on a node without a code can only be related through the
        # tree, so then every new line is checked.
        self.kode_lama: set[str] = set()
        self.leluhur_lama: set[str] = set()
        self.ada_node_tanpa_kode = False
        for a in ada:
            n = a.node
            if n is None:
                continue
            if not n.kode:
                self.ada_node_tanpa_kode = True
                continue
            k = self._kode(n.kode)
            self.kode_lama.add(k)
            while k is not None:
                self.leluhur_lama.add(k)
                k = induk_kode(k)
        self._baris_kode = {}
        for r in baris:
            if r.kode and not r.jumlah:
                self._baris_kode.setdefault(r.kode, r)

        daun, jumlah = self.susun_pohon(baris)
        for r in daun:
            r.anggaran = self.baris_ada.get(r.kunci)
        sebelum = len(self.hasil.masalah)
        self.periksa_induk(baris, jumlah, kode_rusak=kode_rusak)
        if len(self.hasil.masalah) > sebelum:
            return  # parents and totals must agree before anything is created
        for r in sorted(daun, key=lambda x: (kunci_urut_kode(x.kode) if x.kode else (999,), x.b.nomor)):
            self.simpan_daun(r)
        for r in baris:
            if r.induk or r.jumlah:
                self.hasil.baris[SHEET_ANGGARAN]["induk"] += 1

    def _kode(self, kode: str) -> str:
        return isi_placeholder(kode, urusan=self.urusan) if self.urusan else normalisasi_kode(kode)

    def susun_pohon(self, baris: list[_BarisAnggaran]) -> tuple[list[_BarisAnggaran], _BarisAnggaran | None]:
        """Mark the parents and attach every row to its nearest parent in the sheet.

        A parent is a row whose code has descendants in the sheet, or a row with a blank
        ``Sumber Dana`` whose own code also appears on rows that name a sumber dana (the node's
        total over its APBD, DAK … lines, as the export writes it). The Jumlah row is the
        parent of every top-level row.
        """
        grup: dict[str, list[_BarisAnggaran]] = defaultdict(list)
        for r in baris:
            if r.kode and not r.jumlah:
                grup[r.kode].append(r)
        kepala: dict[str, _BarisAnggaran] = {}
        for kode, daftar in grup.items():
            wadah = next((r for r in daftar if r.sumber_kosong), None) if len(daftar) > 1 else None
            if wadah is not None:
                for r in daftar:
                    if r is not wadah:
                        wadah.anak.append(r)
                        wadah.induk = True
            kepala[kode] = wadah or daftar[0]
        atas: list[_BarisAnggaran] = []
        jumlah = None
        for r in baris:
            if r.jumlah:
                if jumlah is not None:
                    self.masalah(r.b, "Uraian", f"baris Jumlah sudah ada di baris {jumlah.b.nomor}.")
                jumlah = r
                continue
            if r.kode and kepala[r.kode] is not r and kepala[r.kode].induk and r in kepala[r.kode].anak:
                continue  # a sumber-dana line under its node's total row
            induk = None
            kode = induk_kode(r.kode) if r.kode else None
            while kode is not None and tingkat_kode(kode) in _TINGKAT_ANGGARAN:
                if kode in kepala:
                    induk = kepala[kode]
                    break
                kode = induk_kode(kode)
            if induk is None:
                atas.append(r)
            else:
                induk.anak.append(r)
                induk.induk = True
        if jumlah is not None:
            jumlah.anak = atas
        for kode, daftar in grup.items():
            if kepala[kode].induk:
                for r in daftar:
                    if r is not kepala[kode] and r not in kepala[kode].anak:
                        self.masalah(
                            r.b,
                            "Kode",
                            f"{r.tercetak} sudah menjadi baris induk di baris {kepala[kode].b.nomor}; "
                            "anggarannya dicatat pada baris di bawahnya.",
                        )
        return [r for r in baris if not r.induk and not r.jumlah], jumlah

    def efektif(self, r: _BarisAnggaran) -> tuple[Decimal, list[Decimal]]:
        """Pagu and quarterly realisasi a row will have after the import (stored when the cell is blank)."""
        if r.induk or r.jumlah:
            pagu, tw = Decimal(0), [Decimal(0)] * 4
            for a in r.anak:
                p, t = self.efektif(a)
                pagu += p
                tw = [x + y for x, y in zip(tw, t, strict=True)]
            return pagu, tw
        a = r.anggaran
        if r.pagu is not KOSONG:
            pagu = r.pagu
        else:
            pagu = a.pagu if a is not None else Decimal(0)
        tersimpan = self.rb_ada.get(a.pk, {}) if a is not None else {}
        tw = []
        for t, v in zip(TRIWULAN, r.realisasi_tw, strict=True):
            if v is not KOSONG:
                tw.append(v)
            else:
                tw.append(tersimpan[t].jumlah if t in tersimpan else Decimal(0))
        return pagu, tw

    def periksa_induk(
        self, baris: list[_BarisAnggaran], jumlah: _BarisAnggaran | None, *, kode_rusak: set[str] | None
    ) -> None:
        """Parents and the Jumlah row: blank, or the sum of the rows below them (after this import)."""
        for r in [*(x for x in baris if x.induk), *([jumlah] if jumlah else [])]:
            if kode_rusak is None or (kode_rusak and r.jumlah):
                continue
            if any(k == r.kode or k.startswith(r.kode + ".") for k in kode_rusak if k and r.kode):
                continue
            pagu, tw = self.efektif(r)
            label = "baris Jumlah" if r.jumlah else f"baris induk {r.tercetak}"
            for kolom, tertulis, hitung in (
                ("Pagu", r.pagu, pagu),
                *zip(REALISASI_TW, r.realisasi_tw, tw, strict=True),
            ):
                if tertulis is KOSONG or tertulis == hitung:
                    continue
                self.masalah(
                    r.b,
                    kolom,
                    f"{label}: tertulis {_fmt(tertulis, rupiah=True)}, sedangkan jumlah baris di bawahnya "
                    f"{_fmt(hitung, rupiah=True)}. Kosongkan sel ini atau perbaiki angkanya; tidak ada yang disimpan.",
                )

    def pastikan_node(self, kode: str, r: _BarisAnggaran) -> Any | None:
        """The node with this code; created from its own sheet row (parents first) when missing."""
        if kode in self.node:
            return self.node[kode]
        tingkat = tingkat_kode(kode)
        baris_kode = r if r.kode == kode else self._baris_kode.get(kode)
        if tingkat == TingkatKode.PROGRAM:
            if self.renstra is None:
                self.masalah(
                    r.b,
                    "Kode",
                    f"belum ada Renstra yang mencakup tahun {self.tahun}; program {kode} tidak dapat dibuat.",
                )
                return None
            induk, renstra = None, self.renstra
        else:
            kode_induk = induk_kode(kode)
            if kode_induk not in self.node and kode_induk not in self._baris_kode:
                nama = "program" if tingkat == TingkatKode.KEGIATAN else "kegiatan"
                self.masalah(
                    r.b,
                    "Kode",
                    f"{nama} {kode_induk} (induk kode {r.tercetak}) tidak ada di sheet maupun di Renstra; "
                    f"tulis baris {nama}nya dulu.",
                )
                return None
            induk = self.pastikan_node(kode_induk, r)
            if induk is None:
                return None
            renstra = induk.renstra
        if baris_kode is None:
            return None
        tercetak = baris_kode.tercetak
        if PLACEHOLDER_URUSAN in tercetak.upper():
            tercetak = kode  # store the urusan the placeholder stands for (DOMAIN §3)
        urutan = baris_kode.b.nomor
        if tingkat == TingkatKode.PROGRAM:
            n = Program(renstra=renstra, kode_tampil=tercetak, nama=baris_kode.uraian, urutan=urutan)
        elif tingkat == TingkatKode.KEGIATAN:
            n = Kegiatan(
                renstra=renstra, program=induk, kode_tampil=tercetak, nama=baris_kode.uraian, urutan=urutan
            )
        else:
            n = SubKegiatan(
                renstra=renstra, kegiatan=induk, kode_tampil=tercetak, nama=baris_kode.uraian, urutan=urutan
            )
        if not self.valid(baris_kode.b, n, {"kode_tampil": "Kode", "kode": "Kode", "nama": "Uraian"}, "Kode"):
            return None
        n.save()
        self.node[kode] = n
        self.hasil.jumlah["buat"] += 1
        self.catat(baris_kode.b, f"{n._meta.verbose_name} baru {n} di {renstra}.")
        return n

    def simpan_daun(self, r: _BarisAnggaran) -> None:
        jumlah_masalah = len(self.hasil.masalah)
        a = r.anggaran
        baru = a is None
        berubah = False
        if baru:
            node = None
            if r.kode:
                node = self.pastikan_node(r.kode, r)
                if node is None:
                    return
            if r.pagu is KOSONG:
                self.masalah(r.b, "Pagu", "wajib diisi untuk baris anggaran baru.")
                return
            a = Anggaran(opd=self.opd, tahun=self.tahun, sumber_dana=r.sumber, pagu_murni=r.pagu)
            if node is None:
                a.uraian = r.uraian
            else:
                setattr(
                    a,
                    {Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}[type(node)],
                    node,
                )
            peta = {"pagu_murni": "Pagu", "uraian": "Uraian", "sumber_dana": "Sumber Dana"}
            # Unique by construction: the row's (code or uraian, sumber dana) matched no stored line.
            if not self.valid(r.b, a, peta, "Kode", kunci_terjamin=True):
                return
            try:
                if self.mungkin_tumpang_tindih(r.kode):
                    periksa_tumpang_tindih(anggaran=a)
            except ValidationError as exc:
                self._dari_validasi(r.b, exc, {}, "Kode")
                return
            self.tunda_buat(a)
            r.anggaran = a
            self.hasil.jumlah["buat"] += 1
            self.catat(r.b, f"baris anggaran baru {self.label(r)}: pagu {_fmt(r.pagu, rupiah=True)}.")
        elif r.pagu is not KOSONG and r.pagu != a.pagu:
            nama = "pagu_perubahan" if a.pagu_perubahan is not None else "pagu_murni"
            lama = getattr(a, nama)
            setattr(a, nama, r.pagu)
            if not self.valid(r.b, a, {nama: "Pagu"}, "Pagu"):
                return
            a.save()
            self.hasil.jumlah["ubah"] += 1
            jenis = "pagu perubahan" if nama == "pagu_perubahan" else "pagu"
            self.catat(
                r.b, f"{jenis} {self.label(r)}: {_fmt(lama, rupiah=True)} → {_fmt(r.pagu, rupiah=True)}."
            )
            berubah = True
        elif r.pagu is not KOSONG:
            self.hasil.jumlah["sama"] += 1
        tersimpan = self.rb_ada.get(a.pk, {}) if a.pk else {}
        for tw, nilai in zip(TRIWULAN, r.realisasi_tw, strict=True):
            kolom = f"Realisasi TW{tw}"
            if nilai is KOSONG:
                continue
            lama = tersimpan.get(tw)
            if lama is not None and lama.jumlah == nilai:
                self.hasil.jumlah["sama"] += 1
                continue
            tertutup = self.tw_tertutup(tw)
            if tertutup:
                self.masalah(r.b, kolom, f"realisasi anggaran tidak dapat diubah: {tertutup}")
                continue
            if lama is None:
                x = RealisasiAnggaran(anggaran=a, triwulan=tw, versi=1)
            else:
                x = lama
                x.versi += 1
            x.jumlah, x.diubah_oleh, x.diubah_pada = nilai, self.pengguna, self.sekarang
            if not self.valid(r.b, x, {"jumlah": kolom}, kolom, kunci_terjamin=True):
                continue
            if lama is None:
                self.tunda_buat(x)
                self.hasil.jumlah["buat"] += 1
            else:
                self.tunda_ubah(x, ["jumlah", "versi", "diubah_oleh", "diubah_pada"])
                self.hasil.jumlah["ubah"] += 1
            self.catat(
                r.b,
                f"realisasi TW {NAMA_TW[tw]} {self.label(r)}: "
                f"{_fmt(lama.jumlah, rupiah=True) if lama else 'belum diisi'} → {_fmt(nilai, rupiah=True)}.",
            )
            berubah = True
        if len(self.hasil.masalah) == jumlah_masalah:
            self.hasil.baris[SHEET_ANGGARAN]["baru" if baru else ("diubah" if berubah else "tetap")] += 1

    def mungkin_tumpang_tindih(self, kode: str) -> bool:
        """Whether a stored line of the year shares the code, an ancestor or a descendant (or
        may, through a node without code): only then can periksa_tumpang_tindih refuse it."""
        if not kode:
            return False  # a line outside any program overlaps nothing
        if self.ada_node_tanpa_kode or kode in self.leluhur_lama:
            return True
        k: str | None = kode
        while k is not None:
            if k in self.kode_lama:
                return True
            k = induk_kode(k)
        return False

    @staticmethod
    def label(r: _BarisAnggaran) -> str:
        sumber = "" if r.sumber == SumberDana.APBD else f" ({SumberDana(r.sumber).label})"
        return f"{r.tercetak} {r.uraian}{sumber}".strip()


# ---------------------------------------------------------------- reading cells


def _nilai(b: Baris, kolom: str, masalah: list[Masalah], *, negatif: bool = True) -> Any:
    """KOSONG for a blank cell, None for "-"/"N/A" (belum ada data), else the Decimal."""
    if _kosong(b, kolom):
        return KOSONG
    try:
        nilai = urai_angka(b.nilai.get(kolom))
    except AngkaTidakSah as exc:
        masalah.append(Masalah(b.sheet, b.nomor, kolom, str(exc)))
        return KOSONG
    if nilai is not None and not negatif and nilai < 0:
        masalah.append(Masalah(b.sheet, b.nomor, kolom, "tidak boleh negatif."))
        return KOSONG
    return nilai


def _target(b: Baris, kolom: str, masalah: list[Masalah]) -> Any:
    """KOSONG, or (nilai, batas atas) — ``3 – 5`` for an indicator with a rentang target."""
    v = b.nilai.get(kolom)
    cocok = _RENTANG.match(v) if isinstance(v, str) else None
    if cocok:
        bawah = _nilai(Baris(b.sheet, b.nomor, {kolom: cocok[1]}), kolom, masalah)
        atas = _nilai(Baris(b.sheet, b.nomor, {kolom: cocok[2]}), kolom, masalah)
        if bawah is KOSONG or atas is KOSONG or bawah is None or atas is None:
            return KOSONG
        if atas < bawah:
            masalah.append(
                Masalah(b.sheet, b.nomor, kolom, "batas atas rentang lebih kecil dari batas bawah.")
            )
            return KOSONG
        return (bawah, atas)
    nilai = _nilai(b, kolom, masalah)
    if nilai is KOSONG or nilai is None:
        return KOSONG  # "-" in a target cell: there is no "belum ada data" target, so leave it alone
    return (nilai, None)


def _baca_indikator(daftar: list[Baris], masalah: list[Masalah]) -> list[_BarisIndikator]:
    hasil = []
    dilihat: dict[tuple[str, str], int] = {}
    for b in daftar:
        sasaran, nama = b.teks("Sasaran"), b.teks("Indikator")
        wajib = False
        for kolom, v in (("Sasaran", sasaran), ("Indikator", nama)):
            if not v:
                masalah.append(Masalah(b.sheet, b.nomor, kolom, "wajib diisi."))
                wajib = True
        if wajib:
            continue
        kunci = (_kunci(sasaran), _kunci(nama))
        if kunci in dilihat:
            masalah.append(
                Masalah(
                    b.sheet,
                    b.nomor,
                    "Indikator",
                    f"baris ganda: sasaran dan indikator yang sama sudah ditulis di baris {dilihat[kunci]}.",
                )
            )
            continue
        dilihat[kunci] = b.nomor
        arah = akumulasi = None
        if b.teks("Arah"):
            arah = _ARAH.get(b.teks("Arah").lower())
            if arah is None:
                masalah.append(
                    Masalah(
                        b.sheet,
                        b.nomor,
                        "Arah",
                        f"“{b.teks('Arah')}” bukan arah yang dikenal (Positif, Negatif, Mendekati, Rentang).",
                    )
                )
        if b.teks("Akumulasi"):
            akumulasi = _AKUMULASI.get(" ".join(b.teks("Akumulasi").lower().split()))
            if akumulasi is None:
                masalah.append(
                    Masalah(
                        b.sheet,
                        b.nomor,
                        "Akumulasi",
                        f"“{b.teks('Akumulasi')}” bukan cara akumulasi yang dikenal (Kumulatif, Nilai Akhir, Rata-rata).",
                    )
                )
        hasil.append(
            _BarisIndikator(
                b=b,
                sasaran=sasaran,
                nama=" ".join(nama.split()),
                satuan=b.teks("Satuan"),
                arah=arah,
                akumulasi=akumulasi,
                target=_target(b, "Target", masalah),
                target_tw=[_target(b, k, masalah) for k in TARGET_TW],
                realisasi_tw=[_nilai(b, k, masalah) for k in REALISASI_TW],
            )
        )
    return hasil


def _kode_baku(tercetak: str, urusan: str) -> str:
    """Normalised, the X.XX placeholder read as the OPD's bidang urusan when it has one."""
    normal = normalisasi_kode(tercetak)
    return isi_placeholder(normal, urusan=urusan) if urusan else normal


def _baca_anggaran(daftar: list[Baris], masalah: list[Masalah], *, urusan: str) -> list[_BarisAnggaran]:
    hasil = []
    dilihat: dict[tuple[str, str], int] = {}
    for b in daftar:
        tercetak, uraian = b.teks("Kode"), " ".join(b.teks("Uraian").split())
        if not uraian:
            masalah.append(Masalah(b.sheet, b.nomor, "Uraian", "wajib diisi."))
            continue
        kode = ""
        if tercetak:
            try:
                normal = normalisasi_kode(tercetak)
                if normal.startswith(PLACEHOLDER_URUSAN) and not urusan:
                    masalah.append(
                        Masalah(
                            b.sheet,
                            b.nomor,
                            "Kode",
                            f"kode {tercetak} memakai placeholder X.XX, tetapi kode bidang urusan perangkat "
                            "daerah ini belum diisi di profil OPD.",
                        )
                    )
                    continue
                kode = isi_placeholder(normal, urusan=urusan) if urusan else normal
            except KodeTidakSah as exc:
                masalah.append(Masalah(b.sheet, b.nomor, "Kode", str(exc)))
                continue
            if tingkat_kode(kode) not in _TINGKAT_ANGGARAN:
                masalah.append(
                    Masalah(
                        b.sheet,
                        b.nomor,
                        "Kode",
                        f"kode {tercetak} adalah kode {tingkat_kode(kode).value}; baris anggaran harus pada "
                        "program, kegiatan atau sub-kegiatan.",
                    )
                )
                continue
        sumber = SumberDana.APBD.value
        sumber_kosong = not b.teks("Sumber Dana")
        if not sumber_kosong:
            sumber = _SUMBER.get(b.teks("Sumber Dana").lower())
            if sumber is None:
                pilihan = ", ".join(SumberDana.labels)
                masalah.append(
                    Masalah(
                        b.sheet,
                        b.nomor,
                        "Sumber Dana",
                        f"“{b.teks('Sumber Dana')}” bukan sumber dana yang dikenal ({pilihan}).",
                    )
                )
                continue
        r = _BarisAnggaran(
            b=b,
            kode=kode,
            tercetak=tercetak,
            uraian=uraian,
            sumber=sumber,
            sumber_kosong=sumber_kosong,
            pagu=_nilai(b, "Pagu", masalah, negatif=False),
            realisasi_tw=[_nilai(b, k, masalah, negatif=False) for k in REALISASI_TW],
            jumlah=not kode and _kunci(uraian) in URAIAN_JUMLAH,
        )
        # "-" in a money cell means nothing was recorded: the same as blank (a budget has no
        # "belum ada data" state, and it is never stored as 0).
        r.pagu = KOSONG if r.pagu is None else r.pagu
        r.realisasi_tw = [KOSONG if v is None else v for v in r.realisasi_tw]
        if not r.jumlah:
            kunci = (r.kunci[0], "" if sumber_kosong else sumber)
            if kunci in dilihat:
                masalah.append(
                    Masalah(
                        b.sheet,
                        b.nomor,
                        "Kode" if kode else "Uraian",
                        f"baris ganda: {tercetak or uraian} sudah ditulis di baris {dilihat[kunci]}.",
                    )
                )
                continue
            dilihat[kunci] = b.nomor
        hasil.append(r)
    return hasil


def impor_pengukuran(
    *,
    opd: PerangkatDaerah,
    tahun: int,
    data: bytes,
    terapkan: bool,
    pengguna: Pengguna | None = None,
    nama_berkas: str = "",
    keterangan: str | None = None,
    maks_byte: int = MAKS_BYTE,
    maks_baris: int = MAKS_BARIS,
) -> HasilImpor:
    """Check (``terapkan=False``) or apply a Pengukuran Kinerja workbook, all or nothing.

    With ``pengguna`` (the browser) the user must be the OPD's operator, and realisasi in a
    quarter that is closed, submitted or approved cannot change. Without (the admin's
    command) that quarter check does not apply. Every write is attributed in the audit trail
    to ``pengguna`` with ``keterangan``.
    """
    if pengguna is not None and not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengimpor data pengukuran kinerja.")
    hasil = HasilImpor()
    try:
        wb = buka(data, maks_byte=maks_byte)
    except BerkasTidakSah as exc:
        hasil.masalah.append(Masalah("", 0, "", str(exc)))
        return hasil
    try:
        for nama, masukan, dihitung in (
            (SHEET_INDIKATOR, KOLOM_INDIKATOR, HITUNG_INDIKATOR),
            (SHEET_ANGGARAN, KOLOM_ANGGARAN, HITUNG_ANGGARAN),
        ):
            _periksa_judul(wb, nama, masukan, dihitung, hasil.masalah)
        baris_ind = list(
            baca_sheet(
                wb,
                SHEET_INDIKATOR,
                wajib=WAJIB_INDIKATOR,
                masalah=hasil.masalah,
                maks_baris=maks_baris,
                kolom_diketahui=KOLOM_INDIKATOR,
            )
        )
        baris_ang = list(
            baca_sheet(
                wb,
                SHEET_ANGGARAN,
                wajib=WAJIB_ANGGARAN,
                masalah=hasil.masalah,
                maks_baris=maks_baris,
                kolom_diketahui=KOLOM_ANGGARAN,
            )
        )
        info = (
            {b.teks("Isian"): b for b in baca_sheet(wb, SHEET_INFO, wajib=["Isian", "Nilai"], masalah=[])}
            if SHEET_INFO in wb.sheetnames
            else {}
        )
    except Exception as exc:  # noqa: BLE001 - a hostile file may fail anywhere inside the parser
        hasil.masalah.append(Masalah("", 0, "", f"Berkas Excel tidak dapat dibaca ({type(exc).__name__})."))
        return hasil
    finally:
        wb.close()
    b = info.get("Tahun")
    if b is not None and b.teks("Nilai") and b.teks("Nilai") != str(tahun):
        hasil.masalah.append(
            Masalah(
                SHEET_INFO,
                b.nomor,
                "Nilai",
                f"berkas ini untuk tahun {b.teks('Nilai')}, sedangkan impor ini untuk tahun {tahun}.",
            )
        )
    indikator = _baca_indikator(baris_ind, hasil.masalah)
    anggaran = _baca_anggaran(baris_ang, hasil.masalah, urusan=opd.kode_urusan)
    if any(m.baris <= 1 or "terlalu banyak baris" in m.pesan for m in hasil.masalah):
        hasil.masalah.sort()  # the sheets themselves cannot be read: rows would mean nothing
        return hasil
    # Rows with a bad cell are left out, and the rest still goes through every check (then rolled
    # back), so one pass lists every problem. A parent whose subtree holds a bad row is not
    # summed: its total would be wrong for a reason already reported.
    rusak = {m.baris for m in hasil.masalah if m.sheet == SHEET_INDIKATOR}
    indikator = [r for r in indikator if r.b.nomor not in rusak]
    rusak = {m.baris for m in hasil.masalah if m.sheet == SHEET_ANGGARAN}
    anggaran = [r for r in anggaran if r.b.nomor not in rusak]
    kode_rusak: set[str] | None = set()
    for b in baris_ang:
        if b.nomor in rusak:
            try:
                kode_rusak.add(_kode_baku(b.teks("Kode"), opd.kode_urusan) if b.teks("Kode") else "")
            except KodeTidakSah:
                kode_rusak = None  # a row that cannot be placed: no parent total can be trusted
                break
    if keterangan is None:
        keterangan = f"Impor Pengukuran Kinerja {nama_berkas}".strip()
    try:
        with transaction.atomic(), audit.oleh(pengguna, keterangan=keterangan):
            p = _Pengimpor(
                opd=opd, tahun=tahun, hasil=hasil, pengguna=pengguna, periksa_triwulan=pengguna is not None
            )
            p.indikator(indikator)
            p.anggaran(anggaran, kode_rusak=kode_rusak)
            if not hasil.masalah:
                p.simpan_tertunda()
            if hasil.masalah or not terapkan:
                raise _Batal
    except _Batal:
        pass
    else:
        hasil.diterapkan = True
    hasil.masalah.sort()
    return hasil
