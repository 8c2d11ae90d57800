"""The one check of a number against its column (pelaporan.domain.angka.periksa_ukuran), the
rounding of workbook floats, and formatting that never fails on a broken or huge value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pelaporan.domain.angka import (
    TANDA_TIDAK_SAH,
    UKURAN_ANGKA,
    UKURAN_RUPIAH,
    AngkaRusak,
    AngkaTidakSah,
    bulatkan,
    bulatkan_ke_ukuran,
    format_angka,
    format_persen,
    format_ringkas,
    format_rupiah,
    muat,
    periksa_ukuran,
)
from pelaporan.domain.capaian import ALASAN_NILAI_RUSAK, Arah, hitung_capaian


@pytest.mark.parametrize(
    "teks, ukuran",
    [
        ("9999999999999999.9999", UKURAN_ANGKA),  # 16 + 4: the largest a target column holds
        ("-9999999999999999.9999", UKURAN_ANGKA),
        ("0.0001", UKURAN_ANGKA),
        ("12.50000", UKURAN_ANGKA),  # trailing zeros are not decimals
        ("0", UKURAN_ANGKA),
        ("0E-30", UKURAN_ANGKA),
        ("9999999999999999.99", UKURAN_RUPIAH),
        ("1E+15", UKURAN_RUPIAH),
    ],
)
def test_angka_yang_muat_diterima_apa_adanya(teks: str, ukuran) -> None:
    assert periksa_ukuran(Decimal(teks), ukuran) == Decimal(teks)


@pytest.mark.parametrize(
    "teks, ukuran, pesan",
    [
        ("99999999999999999999", UKURAN_ANGKA, "Angka terlalu besar: paling banyak 16 angka sebelum koma"),
        ("10000000000000000", UKURAN_ANGKA, "paling banyak 16 angka sebelum koma (yang diketik 17 angka)"),
        ("-1E+40", UKURAN_ANGKA, "Angka terlalu besar"),
        ("10000000000000000", UKURAN_RUPIAH, "paling banyak 16 angka sebelum koma"),
        ("12.34567", UKURAN_ANGKA, "paling banyak 4 (yang diketik 5). Bulatkan dulu, mis. 12,3457"),
        ("1000.005", UKURAN_RUPIAH, "paling banyak 2 (yang diketik 3). Bulatkan dulu, mis. 1.000,01"),
        ("1E-300", UKURAN_ANGKA, "di belakang koma"),
        ("NaN", UKURAN_ANGKA, "bukan angka"),
        ("-Infinity", UKURAN_RUPIAH, "bukan angka"),
    ],
)
def test_angka_yang_tidak_muat_ditolak_dengan_pesan_indonesia(teks: str, ukuran, pesan: str) -> None:
    with pytest.raises(AngkaTidakSah, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        periksa_ukuran(Decimal(teks), ukuran)


@pytest.mark.parametrize(
    "nilai, ukuran, hasil",
    [
        (Decimal("0.30000000000000004"), UKURAN_ANGKA, Decimal("0.3")),  # Excel's 0,1 + 0,2
        (Decimal("33.33335"), UKURAN_ANGKA, Decimal("33.3334")),  # half-up
        (Decimal("1500000.005"), UKURAN_RUPIAH, Decimal("1500000.01")),
        (Decimal("1000.00001"), UKURAN_ANGKA, Decimal("1000")),
    ],
)
def test_float_dari_workbook_dibulatkan_ke_desimal_kolomnya(nilai: Decimal, ukuran, hasil: Decimal) -> None:
    assert bulatkan_ke_ukuran(nilai, ukuran) == hasil
    assert "E" not in str(bulatkan_ke_ukuran(nilai, ukuran))


def test_float_dari_workbook_yang_terlalu_besar_tetap_ditolak() -> None:
    with pytest.raises(AngkaTidakSah, match="terlalu besar"):
        bulatkan_ke_ukuran(Decimal("9999999999999999.99999"), UKURAN_ANGKA)  # rounds up to 17 digits


def test_muat_adalah_batas_yang_sama_dengan_periksa_ukuran() -> None:
    assert muat(Decimal("9999999999999999.9999"), UKURAN_ANGKA)
    assert not muat(Decimal("10000000000000000"), UKURAN_ANGKA)
    assert not muat(Decimal("NaN"), UKURAN_ANGKA)
    assert muat(Decimal(0), UKURAN_RUPIAH)


@pytest.mark.parametrize("fungsi", [format_angka, format_ringkas, format_rupiah, format_persen])
def test_nilai_rusak_dan_tak_hingga_tampil_sebagai_nilai_tidak_sah(fungsi) -> None:
    assert fungsi(AngkaRusak("1E+20")) == TANDA_TIDAK_SAH
    assert fungsi(Decimal("NaN")) == TANDA_TIDAK_SAH
    assert fungsi(Decimal("-Infinity")) == TANDA_TIDAK_SAH


def test_angka_raksasa_dibulatkan_tanpa_invalid_operation() -> None:
    # a sum over broken rows can pass the 28 digits of the default context
    assert bulatkan(Decimal("1E+40")) == Decimal("1E+40")
    assert format_angka(Decimal("123456789012345678901234567890.555")).endswith(".890,56")
    assert format_rupiah(Decimal("-1E+30")).startswith("-Rp 1.000.000")


@pytest.mark.parametrize(
    "target, realisasi",
    [(AngkaRusak("1E+20"), Decimal(50)), (Decimal(80), AngkaRusak("-1E+25"))],
)
def test_capaian_dari_nilai_rusak_tidak_dihitung_dan_alasannya_jelas(target, realisasi) -> None:
    hasil = hitung_capaian(arah=Arah.POSITIF, target=target, realisasi=realisasi)
    assert hasil.nilai is None and hasil.alasan == ALASAN_NILAI_RUSAK


def test_batas_atas_rentang_yang_rusak_juga_tanpa_capaian() -> None:
    hasil = hitung_capaian(
        arah=Arah.POSITIF, target=Decimal(80), target_atas=AngkaRusak("1E+20"), realisasi=Decimal(85)
    )
    assert hasil.alasan == ALASAN_NILAI_RUSAK


def test_digit_bermakna_dibatasi_bila_database_menyimpan_lebih_sedikit() -> None:
    # SQLite keeps 15 significant digits: 9.999.999.999.999.999,9999 would come back as 10^16
    with pytest.raises(AngkaTidakSah, match="paling banyak 15 angka seluruhnya"):
        periksa_ukuran(Decimal("9999999999999999.9999"), UKURAN_ANGKA, signifikan=15)
    assert periksa_ukuran(Decimal("123456789012345"), UKURAN_ANGKA, signifikan=15)
    assert periksa_ukuran(Decimal("1.5E+15"), UKURAN_RUPIAH, signifikan=15)  # trailing zeros do not count
