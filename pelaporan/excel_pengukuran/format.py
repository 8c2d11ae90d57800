"""The workbook format: sheet and column names, and reading rows into checked values."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkjip.angka import UKURAN_ANGKA, UKURAN_RUPIAH, Ukuran, format_angka, format_ringkas
from lkjip.excel import (
    KOSONG,
    Baris,
    Masalah,
    angka,
    target,
)
from pelaporan.domain.kode import (
    PLACEHOLDER_URUSAN,
    KodeTidakSah,
    TingkatKode,
    bidang_dipakai,
    isi_placeholder,
    normalisasi_kode,
    tingkat_kode,
)
from pelaporan.domain.teks import NAMA_TRIWULAN
from pelaporan.models import (
    Anggaran,
    SumberDana,
)
from renstra.excel import AKUMULASI_LABEL
from renstra.excel.format import baca_arah

SHEET_INDIKATOR = "Indikator"
SHEET_ANGGARAN = "Anggaran"
SHEET_INFO = "Info"

TRIWULAN = (1, 2, 3, 4)
NAMA_TW = dict(enumerate(NAMA_TRIWULAN, start=1))
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
_TINGKAT_ANGGARAN = (TingkatKode.PROGRAM, TingkatKode.KEGIATAN, TingkatKode.SUB_KEGIATAN)


def _kunci(teks: str) -> str:
    """Names are matched case- and space-insensitively (documents retype them freely)."""
    return " ".join(str(teks).split()).casefold()


def jenis_unggahan(tahun: int) -> str:
    """The temporary-upload purpose: an upload previewed for one year is confirmed for that year only."""
    return f"pengukuran-{tahun}"


# =========================================================================== export


class _Batal(Exception):
    """Rolls the transaction back (a preview, or an import with problems)."""


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
    pagu: Any  # Decimal or KOSONG
    realisasi_tw: list[Any]  # Decimal or KOSONG
    jumlah: bool = False  # the total row
    anak: list[_BarisAnggaran] = field(default_factory=list)
    induk: bool = False
    anggaran: Anggaran | None = None

    @property
    def kunci(self) -> tuple[str, str]:
        return (self.kode or "#" + _kunci(self.uraian), self.sumber)


# ---------------------------------------------------------------- reading cells


def _nilai(
    b: Baris, kolom: str, masalah: list[Masalah], *, negatif: bool = True, ukuran: Ukuran = UKURAN_ANGKA
) -> Any:
    """KOSONG for a blank cell, None for "-"/"N/A" (belum ada data), else the Decimal."""
    return angka(b, kolom, masalah, negatif=negatif, kosong=KOSONG, ukuran=ukuran)


def _target(b: Baris, kolom: str, masalah: list[Masalah]) -> Any:
    """KOSONG (blank or "-": leave the stored target alone), or (nilai, batas atas)."""
    return target(b, kolom, masalah, kosong=KOSONG)


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
            arah = baca_arah(b.teks("Arah"))
            if arah is None:
                masalah.append(
                    Masalah(
                        b.sheet,
                        b.nomor,
                        "Arah",
                        f"“{b.teks('Arah')}” bukan arah yang dikenal (Positif, Negatif, Mendekati).",
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


def _ada_placeholder(tercetak: str) -> bool:
    try:
        return normalisasi_kode(tercetak).startswith(PLACEHOLDER_URUSAN)
    except KodeTidakSah:
        return False


def urusan_workbook(daftar: list[Baris]) -> tuple[bool, frozenset[str]]:
    """Whether the Anggaran rows use the ``X.XX`` placeholder, and the bidang urusan their other codes name."""
    kode = [b.teks("Kode") for b in daftar if b.teks("Kode")]
    return any(map(_ada_placeholder, kode)), bidang_dipakai(kode=kode)


def _tanpa_urusan(tercetak: str, bidang: frozenset[str]) -> str:
    """Why a placeholder cannot be read, and the two ways to say which urusan it is, in one sentence."""
    if bidang:
        alasan = f"kode lain di workbook memakai lebih dari satu bidang urusan ({', '.join(sorted(bidang))})"
        contoh = sorted(bidang)[0]
    else:
        alasan = "tidak ada kode lain di workbook yang menunjukkan bidang urusannya"
        contoh = "1.06"
    return (
        f"kode {tercetak} memakai placeholder X.XX, tetapi perangkat daerah ini belum mempunyai kode bidang "
        f"urusan dan {alasan}; isi “Kode bidang urusan” di profil OPD, atau pakai --urusan (mis. --urusan "
        f"{contoh}) pada perintah impor_pengukuran."
    )


def _baca_anggaran(
    daftar: list[Baris], masalah: list[Masalah], *, urusan: str, bidang_workbook: frozenset[str] = frozenset()
) -> list[_BarisAnggaran]:
    """Rows checked cell by cell. ``urusan`` reads the placeholder (the OPD's, or the one every
    other code of the workbook shares); without it, ``bidang_workbook`` says why it is unknown."""
    hasil = []
    dilihat: dict[tuple[str, str], int] = {}
    placeholder_pertama = 0
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
                    if placeholder_pertama:
                        pesan = (
                            f"kode {tercetak} memakai placeholder X.XX yang bidang urusannya belum diketahui "
                            f"(lihat baris {placeholder_pertama})."
                        )
                    else:
                        pesan, placeholder_pertama = _tanpa_urusan(tercetak, bidang_workbook), b.nomor
                    masalah.append(Masalah(b.sheet, b.nomor, "Kode", pesan))
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
            pagu=_nilai(b, "Pagu", masalah, negatif=False, ukuran=UKURAN_RUPIAH),
            realisasi_tw=[_nilai(b, k, masalah, negatif=False, ukuran=UKURAN_RUPIAH) for k in REALISASI_TW],
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
