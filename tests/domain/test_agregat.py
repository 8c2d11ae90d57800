"""Means, efisiensi and comparisons (DOMAIN §5 "Aggregates", "Efisiensi", "Comparisons")."""

from decimal import Decimal

import pytest

from pelaporan.domain import (
    Arah,
    ArahPerubahan,
    capaian_renstra,
    efisiensi,
    hitung_capaian,
    perubahan_tahunan,
    rata_rata_capaian,
)
from pelaporan.domain.angka import bulatkan

D = Decimal


def capaian(realisasi, batas_atas=None):
    return hitung_capaian(arah=Arah.POSITIF, target=D(100), realisasi=realisasi, batas_atas=batas_atas)


def test_mean_excludes_and_lists_indicators_without_value():
    hasil = rata_rata_capaian(
        nilai=[("a", capaian(D(90))), ("b", capaian(None)), ("c", D(70)), ("d", None)],
    )
    assert hasil.nilai == D(80)  # never (90 + 0 + 70 + 0) / 4
    assert hasil.jumlah_dipakai == 2
    assert hasil.dikecualikan == ("b", "d")
    assert hasil.metode == (
        "Rata-rata capaian 2 indikator yang memiliki nilai, dengan bobot sama. "
        "2 indikator belum memiliki nilai dan tidak ikut dihitung (tidak dianggap 0 %)."
    )


def test_mean_with_weights_is_weighted_and_says_so():
    hasil = rata_rata_capaian(nilai=[("a", D(100), D(3)), ("b", D(60), D(1)), ("c", D(80), None)])
    assert hasil.nilai == (D(300) + D(60) + D(80)) / D(5)
    assert hasil.tertimbang
    assert hasil.metode.startswith("Rata-rata tertimbang capaian 3 indikator yang memiliki nilai")


def test_equal_weights_read_as_a_plain_mean():
    hasil = rata_rata_capaian(nilai=[("a", D(100), D(2)), ("b", D(60), D(2))])
    assert hasil.nilai == D(80)
    assert not hasil.tertimbang


@pytest.mark.parametrize(
    ("nilai", "batas", "rata", "kalimat"),
    [
        # the cap set on the aggregate applies to plain values and results alike
        ([("a", D(150)), ("b", capaian(D(90)))], D(120), D(105), "Capaian di atas 120 % dihitung 120 %."),
        # a cap already applied inside the results is honoured and stated
        ([("a", capaian(D(150), batas_atas=D(120))), ("b", capaian(D(90)))], None, D(105), "dihitung 120 %."),
        ([("a", D(150)), ("b", D(90))], None, D(120), None),
    ],
)
def test_mean_uses_capped_values_and_states_the_cap(nilai, batas, rata, kalimat):
    hasil = rata_rata_capaian(nilai=nilai, batas_atas=batas)
    assert hasil.nilai == rata
    if kalimat:
        assert kalimat in hasil.metode
    else:
        assert "dihitung" not in hasil.metode


@pytest.mark.parametrize(
    ("nilai", "alasan"),
    [
        ([("a", None)], "belum ada indikator yang memiliki nilai capaian"),
        ([], "belum ada indikator yang memiliki nilai capaian"),
        ([("a", D(90), D(0))], "jumlah bobot 0: rata-rata tertimbang tidak dapat dihitung"),
    ],
)
def test_mean_without_usable_value_says_why(nilai, alasan):
    hasil = rata_rata_capaian(nilai=nilai)
    assert (hasil.nilai, hasil.alasan) == (None, alasan)


def test_negative_weight_is_refused():
    with pytest.raises(ValueError, match="Bobot indikator tidak boleh negatif"):
        rata_rata_capaian(nilai=[("a", D(90), D(-1))])


@pytest.mark.parametrize(
    ("capaian_", "serapan", "nilai", "alasan"),
    [
        (D(100), D("97.85"), D("2.15"), None),  # seed 001: 100 − 97,85
        (D("120.5"), D(80), D("40.5"), None),
        (D("99.996"), D(90), D("9.996"), None),  # printed 100,00: computed
        (D("99.994"), D(90), None, "tidak dihitung: capaian < 100 %"),
        (D("95.43"), D("75.17"), None, "tidak dihitung: capaian < 100 %"),
        (None, D(80), None, "tidak dihitung: capaian kinerja belum ada"),
        (D(100), None, None, "tidak dihitung: realisasi anggaran belum ada"),
    ],
)
def test_efisiensi_only_where_capaian_reaches_100(capaian_, serapan, nilai, alasan):
    hasil = efisiensi(capaian=capaian_, serapan=serapan)
    assert (hasil.nilai, hasil.alasan) == (nilai, alasan)


def test_efisiensi_shows_its_subtraction():
    assert efisiensi(capaian=D(100), serapan=D("97.85")).rumus == "100 − 97,85"


@pytest.mark.parametrize(
    ("sekarang", "lalu", "selisih", "arah", "teks"),
    [
        (D("95.43"), D("109.39"), D("-13.96"), ArahPerubahan.TURUN, "turun 13,96 poin persen"),
        (D("84.45"), D("83.67"), D("0.78"), ArahPerubahan.NAIK, "naik 0,78 poin persen"),
        (D(90), D(90), D(0), ArahPerubahan.TETAP, "tetap"),
        (D("90.004"), D(90), D(0), ArahPerubahan.TETAP, "tetap"),  # both print 90,00
        (D("90.005"), D(90), D("0.01"), ArahPerubahan.NAIK, "naik 0,01 poin persen"),  # 90,01 − 90,00
        # DOMAIN §5: from the printed figures, so the reader's subtraction agrees (not 13,95)
        (
            D("90.02") / D("94.33") * 100,
            D("76.92") / D("70.32") * 100,
            D("-13.96"),
            ArahPerubahan.TURUN,
            "turun 13,96 poin persen",
        ),
        (D("84.454"), D("83.666"), D("0.78"), ArahPerubahan.NAIK, "naik 0,78 poin persen"),  # 84,45 − 83,67
    ],
)
def test_year_on_year_change_in_percentage_points(sekarang, lalu, selisih, arah, teks):
    hasil = perubahan_tahunan(sekarang=sekarang, lalu=lalu)
    assert (hasil.selisih, hasil.arah, hasil.teks) == (selisih, arah, teks)
    assert hasil.arah in ("naik", "turun", "tetap")


@pytest.mark.parametrize(
    ("sekarang", "lalu", "alasan"),
    [(None, D(90), "belum ada data tahun ini"), (D(90), None, "belum ada data tahun lalu")],
)
def test_change_without_both_years_says_why(sekarang, lalu, alasan):
    hasil = perubahan_tahunan(sekarang=sekarang, lalu=lalu)
    assert (hasil.selisih, hasil.arah, hasil.teks) == (None, None, alasan)


def test_renstra_comparison_uses_the_end_target_and_the_indicators_arah():
    pmks = capaian_renstra(arah=Arah.POSITIF, target_akhir=D("94.33"), realisasi_sampai_tahun_ini=D("90.02"))
    assert bulatkan(pmks.nilai) == D("95.43")
    # seed 001: a negatif indicator (PMKS prevalence) against its Renstra end target 1,81
    prevalensi = capaian_renstra(
        arah=Arah.NEGATIF, target_akhir=D("1.81"), realisasi_sampai_tahun_ini=D("2.38")
    )
    assert bulatkan(prevalensi.nilai) == D("68.51")
    belum = capaian_renstra(arah=Arah.POSITIF, target_akhir=D(80), realisasi_sampai_tahun_ini=None)
    assert belum.alasan == "belum ada data"
