"""Shared by the plan's models: choice labels of the domain's enums and decimal field sizes."""

from __future__ import annotations

from pelaporan.domain.angka import UKURAN_ANGKA, UKURAN_RUPIAH
from pelaporan.domain.capaian import Arah
from pelaporan.domain.triwulan import Akumulasi

# Labels for the domain's enums (pelaporan.domain is pure Python, shared by every layer).
PILIHAN_ARAH = [
    (Arah.POSITIF.value, "Positif (makin tinggi makin baik)"),
    (Arah.NEGATIF.value, "Negatif (makin rendah makin baik)"),
    (Arah.MENDEKATI.value, "Mendekati target (atau di dalam rentang target)"),
]
PILIHAN_AKUMULASI = [
    (Akumulasi.KUMULATIF.value, "Kumulatif (jumlah triwulan)"),
    (Akumulasi.NILAI_AKHIR.value, "Nilai akhir (triwulan terakhir)"),
    (Akumulasi.RATA_RATA.value, "Rata-rata triwulan"),
]

# Sizes of the decimal columns, spelled for Django from the domain's one definition (forms,
# grids and workbooks check typed numbers against the same pelaporan.domain.angka.Ukuran).
ANGKA = {"max_digits": UKURAN_ANGKA.digit, "decimal_places": UKURAN_ANGKA.desimal}
RUPIAH = {"max_digits": UKURAN_RUPIAH.digit, "decimal_places": UKURAN_RUPIAH.desimal}
