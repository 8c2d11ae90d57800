import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip.angka import (
    AngkaTidakSah,
    bulatkan,
    format_angka,
    format_persen,
    format_rupiah,
    format_tanggal,
    urai_angka,
)


@pytest.mark.parametrize(
    "nilai, teks",
    [
        (Decimal("1234567.891"), "1.234.567,89"),
        (Decimal("96.579"), "96,58"),
        (Decimal("0.005"), "0,01"),  # half-up, not banker's rounding
        (Decimal("0.015"), "0,02"),
        (Decimal("-1000"), "-1.000,00"),
        (Decimal("-0.004"), "0,00"),  # no "-0,00"
        (0, "0,00"),
    ],
)
def test_format_angka_indonesia(nilai: Decimal, teks: str) -> None:
    assert format_angka(nilai) == teks


def test_format_persen_rupiah_tanggal() -> None:
    assert format_persen(Decimal("96.579")) == "96,58 %"
    assert format_rupiah(Decimal("1234567")) == "Rp 1.234.567"
    assert format_rupiah(Decimal("3141016105"), tempat=2) == "Rp 3.141.016.105,00"
    assert format_rupiah(Decimal("-1234")) == "-Rp 1.234"
    assert format_tanggal(dt.date(2022, 2, 25)) == "25 Februari 2022"
    assert format_persen(None) == "-"


def test_bulatkan_setengah_ke_atas() -> None:
    assert bulatkan(Decimal("84.4538")) == Decimal("84.45")
    assert bulatkan(Decimal("96.575")) == Decimal("96.58")
    assert bulatkan(Decimal("2.5"), tempat=0) == Decimal("3")


@pytest.mark.parametrize(
    "teks, nilai",
    [
        ("1.234.567,89", Decimal("1234567.89")),
        ("1234567,89", Decimal("1234567.89")),
        ("12,5", Decimal("12.5")),
        ("1.500", Decimal("1500")),  # Indonesian grouping
        ("12.5", Decimal("12.5")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("Rp. 5.470.586.000,-", Decimal("5470586000")),  # seed 000 style
        ("93.45%", Decimal("93.45")),
        (" -1.000,00 ", Decimal("-1000.00")),
        (74.76, Decimal("74.76")),  # Excel float
        (2021, Decimal("2021")),
    ],
)
def test_urai_angka_menerima_gaya_indonesia_dan_inggris(teks: object, nilai: Decimal) -> None:
    assert urai_angka(teks) == nilai


@pytest.mark.parametrize("teks", ["", "-", "N/A", "Nihil", "belum ada data", None])
def test_urai_angka_kosong_bukan_nol(teks: object) -> None:
    assert urai_angka(teks) is None


@pytest.mark.parametrize("teks", ["abc", "1,234.5,6", "1.23.4", "12a", "--5"])
def test_urai_angka_menolak_yang_bukan_angka(teks: str) -> None:
    with pytest.raises(AngkaTidakSah):
        urai_angka(teks)


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_format_lalu_urai_kembali_sama(nilai: Decimal) -> None:
    assert urai_angka(format_angka(nilai)) == nilai


def test_pesan_berkas_terlalu_besar_memakai_koma_desimal() -> None:
    from lkjip.angka import pesan_terlalu_besar

    assert (
        pesan_terlalu_besar(6_500_000, 5 * 1024 * 1024) == "Berkas terlalu besar (6,2 MB); paling besar 5 MB."
    )


def test_nama_jenis_data_tidak_merusak_singkatan() -> None:
    from lkjip.laporan.models import LaporanKinerja, SertifikatOPD
    from lkjip.templatetags.format_id import verbose_name

    assert verbose_name(SertifikatOPD).endswith("OPD") and verbose_name(LaporanKinerja).startswith("LKjIP")


def test_satu_aturan_pembulatan_di_domain() -> None:
    """lkjip.angka re-exports the domain's functions: one implementation, not a copy (STYLE habit 1)."""
    import lkjip.angka
    import pelaporan.domain.angka

    for nama in pelaporan.domain.angka.__dict__.keys() & set(lkjip.angka.__all__):
        assert getattr(lkjip.angka, nama) is getattr(pelaporan.domain.angka, nama), nama
    assert {"bulatkan", "format_angka", "urai_angka"} <= set(lkjip.angka.__all__)
