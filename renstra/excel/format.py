"""The workbook's layout: sheet names, column titles, and the labels written for levels and enums."""

from __future__ import annotations

from renstra.models import Renstra

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
ARAH_LABEL = {"positif": "Positif", "negatif": "Negatif", "mendekati": "Mendekati"}
# Older workbooks (ours before range targets became a form of target, and other systems')
# write the arah "Rentang": it reads as Mendekati, whose range target keeps every figure.
ARAH_LAMA = {"rentang": "mendekati"}
CATATAN_ARAH_RENTANG = (
    "Arah “Rentang” dibaca sebagai “Mendekati”: rentang adalah bentuk target (tulis mis. 80–90 di "
    "kolom target) dan berlaku untuk semua arah."
)


def _kunci_arah(teks: str) -> str:
    return " ".join(teks.lower().split())


def baca_arah(teks: str) -> str | None:
    """``"Positif"``/``"positif"`` → ``"positif"``; ``"Rentang"`` → ``"mendekati"``; unknown → None."""
    kunci = _kunci_arah(teks)
    if kunci in ARAH_LABEL:
        return kunci
    return ARAH_LAMA.get(kunci)


def arah_lama(teks: str) -> bool:
    """Whether the workbook wrote an old arah (``"Rentang"``) that :func:`baca_arah` translated."""
    return _kunci_arah(teks) in ARAH_LAMA


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
