"""Capaian rules, second pass (issue 11): complete periods, range targets for every arah,
refusals that name the problem. Each case checks value, rating and reason (DOMAIN §5)."""

from decimal import Decimal

import pytest

from pelaporan.domain import (
    SKALA_PERMENDAGRI_86_2017,
    Akumulasi,
    Arah,
    RumusNegatif,
    capaian_berjalan,
    capaian_sampai_tw,
    hitung_capaian,
    predikat,
    rata_rata_capaian,
)
from pelaporan.domain.capaian import (
    ALASAN_RASIO_NEGATIF,
    ALASAN_TARGET_NOL_POSITIF,
    ALASAN_TERLALU_BESAR,
    NilaiTidakSah,
)

D = Decimal
POS, NEG, DEKAT = Arah.POSITIF, Arah.NEGATIF, Arah.MENDEKATI
SELISIH, RASIO = RumusNegatif.SELISIH, RumusNegatif.RASIO
KUM, AKHIR, RATA = Akumulasi.KUMULATIF, Akumulasi.NILAI_AKHIR, Akumulasi.RATA_RATA
SKALA = SKALA_PERMENDAGRI_86_2017


def _label(hasil):
    pita = predikat(hasil=hasil, skala=SKALA)
    return pita.label if pita else None


def _dua(nilai):
    return None if nilai is None else nilai.quantize(D("0.01"))


# ------------------------------------------------------------------ ranges, every arah


@pytest.mark.parametrize(
    ("arah", "a", "b", "r", "rumus_negatif", "nilai", "label", "potongan"),
    [
        # The examples: positif 80–90 with R 92 is 102,22, with R 180 is 200 (not 0 %).
        (
            POS,
            D(80),
            D(90),
            D(92),
            SELISIH,
            D("102.22"),
            "Sangat Tinggi",
            "92 di atas rentang 80–90: 92 ÷ 90",
        ),
        (POS, D(80), D(90), D(180), SELISIH, D("200.00"), "Sangat Tinggi", "180 ÷ 90 × 100"),
        (POS, D(80), D(90), D(85), SELISIH, D("100.00"), "Sangat Tinggi", "80 ≤ 85 ≤ 90"),
        (POS, D(80), D(90), D(60), SELISIH, D("75.00"), "Sedang", "60 di bawah rentang 80–90: 60 ÷ 80"),
        # negatif 7–8: R 6,5 is 107,14 (below is better); above b the pemda's formula against b.
        (NEG, D(7), D(8), D("6.5"), SELISIH, D("107.14"), "Sangat Tinggi", "(2 × 7 − 6,5) ÷ 7 × 100"),
        (NEG, D(7), D(8), D("7.5"), SELISIH, D("100.00"), "Sangat Tinggi", "di dalam rentang"),
        (NEG, D(7), D(8), D(10), SELISIH, D("75.00"), "Sedang", "(2 × 8 − 10) ÷ 8 × 100"),
        (NEG, D(7), D(8), D(10), RASIO, D("80.00"), "Tinggi", "8 ÷ 10 × 100"),
        (NEG, D(7), D(8), D("3.5"), RASIO, D("200.00"), "Sangat Tinggi", "7 ÷ 3,5 × 100"),
        # mendekati (two-sided, the old "rentang"): R ÷ a below, negatif against b above.
        (DEKAT, D(2), D(4), D(1), SELISIH, D("50.00"), "Sangat Rendah", "1 ÷ 2 × 100"),
        (DEKAT, D(2), D(4), D(3), SELISIH, D("100.00"), "Sangat Tinggi", "2 ≤ 3 ≤ 4"),
        (DEKAT, D(2), D(4), D(5), SELISIH, D("75.00"), "Sedang", "(2 × 4 − 5) ÷ 4 × 100"),
        (DEKAT, D(2), D(4), D(5), RASIO, D("80.00"), "Tinggi", "4 ÷ 5 × 100"),
        # Both ends included.
        (DEKAT, D(2), D(4), D(2), SELISIH, D("100.00"), "Sangat Tinggi", "2 ≤ 2 ≤ 4"),
        (DEKAT, D(2), D(4), D(4), SELISIH, D("100.00"), "Sangat Tinggi", "2 ≤ 4 ≤ 4"),
    ],
)
def test_a_range_is_a_form_of_target_for_every_arah(arah, a, b, r, rumus_negatif, nilai, label, potongan):
    hasil = hitung_capaian(arah=arah, target=a, target_atas=b, realisasi=r, rumus_negatif=rumus_negatif)
    assert _dua(hasil.nilai) == nilai
    assert _label(hasil) == label
    assert hasil.alasan is None
    assert potongan in hasil.rumus


@pytest.mark.parametrize(
    ("arah", "a", "b", "r", "nilai", "label"),
    [
        # Growth −5…5 %: below −5 is worse for positif and mendekati, better for negatif;
        # the distance is read against |bound| (R ÷ a would turn −7 ÷ −5 into 140 %).
        (POS, D(-5), D(5), D(-7), D("60.00"), "Rendah"),
        (POS, D(-5), D(5), D(0), D("100.00"), "Sangat Tinggi"),
        (POS, D(-5), D(5), D(7), D("140.00"), "Sangat Tinggi"),
        (NEG, D(-5), D(5), D(-7), D("140.00"), "Sangat Tinggi"),
        (NEG, D(-5), D(5), D(7), D("60.00"), "Rendah"),
        (DEKAT, D(-5), D(5), D(-7), D("60.00"), "Rendah"),
        (DEKAT, D(-5), D(5), D(7), D("60.00"), "Rendah"),
        # Both bounds negative.
        (POS, D(-10), D(-5), D(-12), D("80.00"), "Tinggi"),
        (POS, D(-10), D(-5), D(-2), D("160.00"), "Sangat Tinggi"),
        (NEG, D(-10), D(-5), D(-2), D("40.00"), "Sangat Rendah"),
        (NEG, D(-10), D(-5), D(-12), D("120.00"), "Sangat Tinggi"),
        (DEKAT, D(-10), D(-5), D(-7), D("100.00"), "Sangat Tinggi"),
        # Far below a negative bound: the floor of 0 holds.
        (POS, D(-5), D(5), D(-20), D("0.00"), "Sangat Rendah"),
    ],
)
def test_negative_bounds_keep_worse_below_better(arah, a, b, r, nilai, label):
    hasil = hitung_capaian(arah=arah, target=a, target_atas=b, realisasi=r)
    assert _dua(hasil.nilai) == nilai
    assert _label(hasil) == label


@pytest.mark.parametrize(
    ("arah", "a", "b", "r", "nilai", "potongan_alasan"),
    [
        # A bound of 0 that R lies beyond has no percentage of itself; the reason says so and
        # is not "target 0 pada indikator positif".
        (POS, D(0), D(10), D(-3), None, "di bawah batas bawah rentang yang bernilai 0"),
        (POS, D(-5), D(0), D(3), None, "di atas batas atas rentang yang bernilai 0"),
        (DEKAT, D(0), D(10), D(-3), None, "di bawah batas bawah rentang yang bernilai 0"),
        # Inside a range that touches 0 there is nothing to divide: 100.
        (POS, D(0), D(10), D(0), D("100.00"), None),
        # negatif against a 0 bound: the T = 0 rule (at or below is met, above is 0).
        (NEG, D(-5), D(0), D(2), D("0.00"), None),
        (NEG, D(0), D(5), D(-1), D("100.00"), None),
    ],
)
def test_zero_bounds_have_their_own_reason(arah, a, b, r, nilai, potongan_alasan):
    hasil = hitung_capaian(arah=arah, target=a, target_atas=b, realisasi=r)
    assert _dua(hasil.nilai) == nilai
    if potongan_alasan:
        assert potongan_alasan in hasil.alasan
        assert hasil.alasan != ALASAN_TARGET_NOL_POSITIF
        assert _label(hasil) is None


def test_rasio_formula_refuses_negative_values_instead_of_a_wrong_zero():
    below = hitung_capaian(arah=NEG, target=D(-5), target_atas=D(5), realisasi=D(8), rumus_negatif=RASIO)
    assert _dua(below.nilai) == D("62.50")  # 5 ÷ 8 × 100 against the positive bound
    hasil = hitung_capaian(arah=NEG, target=D(-5), target_atas=D(5), realisasi=D(-7), rumus_negatif=RASIO)
    assert (hasil.nilai, hasil.alasan) == (None, ALASAN_RASIO_NEGATIF)
    titik = hitung_capaian(arah=NEG, target=D(5), realisasi=D(-1), rumus_negatif=RASIO)
    assert (titik.nilai, titik.alasan) == (None, ALASAN_RASIO_NEGATIF)


def test_a_point_target_below_zero_points_to_the_range_form():
    hasil = hitung_capaian(arah=POS, target=D(-5), realisasi=D(5))
    assert hasil.nilai is None
    assert "rentang" in hasil.alasan


def test_the_old_arah_rentang_is_refused_with_what_to_do():
    with pytest.raises(ValueError, match="bentuk target.*mendekati"):
        hitung_capaian(arah="rentang", target=D(60), target_atas=D(70), realisasi=D(65))


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    "argumen",
    [
        {"target": D("NaN"), "realisasi": D(1)},
        {"target": D(80), "realisasi": D("Infinity")},
        {"target": D(80), "realisasi": D("-Infinity")},
        {"target": D(80), "realisasi": D("sNaN")},
        {"target": D(80), "target_atas": D("NaN"), "realisasi": D(85)},
        {"target": D(80), "realisasi": D(1), "batas_atas": D("Infinity")},
    ],
)
def test_nan_and_infinity_are_refused_with_the_field_name(argumen):
    with pytest.raises(NilaiTidakSah, match="harus angka terhingga"):
        hitung_capaian(arah=POS, **argumen)


@pytest.mark.parametrize("batas", [D(0), D(-120), 0])
def test_a_cap_of_zero_or_less_is_refused(batas):
    with pytest.raises(NilaiTidakSah, match="Batas atas capaian harus lebih dari 0"):
        hitung_capaian(arah=POS, target=D(80), realisasi=D(90), batas_atas=batas)


@pytest.mark.parametrize(
    ("target", "realisasi"),
    [(D("0.0001"), D("9999999999999999")), (D("1e-20"), D(5)), (D(1), D("1e40"))],
)
def test_a_capaian_too_large_to_print_has_no_value_and_says_why(target, realisasi):
    hasil = hitung_capaian(arah=POS, target=target, realisasi=realisasi, batas_atas=D(120))
    assert (hasil.nilai, hasil.nilai_dibatasi, hasil.alasan) == (None, None, ALASAN_TERLALU_BESAR)
    assert _label(hasil) is None


def test_the_largest_printable_capaian_still_has_a_value():
    hasil = hitung_capaian(arah=POS, target=D(1), realisasi=D("9999999999999"))
    assert hasil.nilai == D("999999999999900")


def test_bobot_sama_is_never_printed_beside_a_weighted_mean():
    berbobot = rata_rata_capaian(nilai=[("a", D(90), D(2)), ("b", D(60), D(1)), ("c", None, D(5))])
    assert berbobot.tertimbang
    assert "bobot sama" not in berbobot.metode
    assert "Σ bobot" in berbobot.metode
    # Weights given, and equal among the indicators that have a value: still a weighted mean.
    sama = rata_rata_capaian(nilai=[("a", D(90), D(3)), ("b", D(60), D(3)), ("c", None, D(1))])
    assert sama.nilai == D(75)
    assert "bobot sama" not in sama.metode
    tanpa = rata_rata_capaian(nilai=[("a", D(90)), ("b", D(60))])
    assert "bobot sama" in tanpa.metode
    assert not tanpa.tertimbang


# ------------------------------------------------------------------ complete periods


def test_a_year_whose_tw_ii_was_never_reported_has_no_capaian():
    # The headline: today "100,00 % Sangat Tinggi".
    hasil = capaian_berjalan(
        akumulasi=KUM,
        arah=POS,
        target_tahunan=D(100),
        target_tw=[D(25)] * 4,
        realisasi_tw=[D(25), None, D(25), D(25)],
        sampai=4,
    )
    assert hasil.hasil.nilai is None
    assert hasil.hasil.alasan == "belum lengkap: TW II belum ada data"
    assert _label(hasil.hasil) is None
    assert hasil.kurang == (2,)
    assert not hasil.lengkap
    # The partial figure over the reported quarters, labelled, for screens only.
    assert hasil.sementara.nilai == D(100)
    assert hasil.label_sementara == "sementara (TW I, TW III, TW IV)"
    assert "belum lengkap: TW II belum ada data" in hasil.keterangan
    assert "Angka sementara dihitung dari TW I, TW III, TW IV" in hasil.keterangan


@pytest.mark.parametrize("cara", [KUM, RATA])
def test_a_missing_quarter_in_the_middle_blocks_the_figure(cara):
    hasil = capaian_sampai_tw(
        akumulasi=cara,
        arah=POS,
        target_tw=[D(10), D(10), D(10), D(10)],
        realisasi_tw=[D(9), None, D(12), None],
        sampai=3,
    )
    assert hasil.hasil.nilai is None
    assert hasil.hasil.alasan == "belum lengkap: TW II belum ada data"
    assert hasil.triwulan_dipakai == ()
    assert hasil.triwulan_sementara == (1, 3)
    assert hasil.label_sementara == "sementara (TW I, TW III)"
    assert _dua(hasil.sementara.nilai) == D("105.00")
    # TW IV is after the period: not missing, not named.
    assert "TW IV" not in hasil.keterangan


def test_a_quarter_without_a_target_does_not_block_the_period():
    hasil = capaian_sampai_tw(
        akumulasi=KUM,
        arah=POS,
        target_tw=[D(10), None, D(10), D(10)],
        realisasi_tw=[D(10), None, D(5), D(10)],
        sampai=4,
    )
    assert _dua(hasil.hasil.nilai) == D("83.33")
    assert hasil.triwulan_dipakai == (1, 3, 4)
    assert "dihitung dari TW I, TW III, TW IV" in hasil.keterangan


def test_only_tw_iv_reported_nilai_akhir_is_complete_and_names_tw_iv_only():
    hasil = capaian_berjalan(
        akumulasi=AKHIR,
        arah=POS,
        target_tahunan=D(80),
        target_tw=[None] * 4,
        realisasi_tw=[None, None, None, D(72)],
        sampai=4,
    )
    assert _dua(hasil.hasil.nilai) == D("90.00")
    assert _label(hasil.hasil) == "Tinggi"
    assert hasil.triwulan_dipakai == (4,)
    assert "dihitung dari TW IV (" in hasil.keterangan
    assert "TW I," not in hasil.keterangan


def test_nilai_akhir_uses_only_tw_k_even_when_every_quarter_is_reported():
    hasil = capaian_berjalan(
        akumulasi=AKHIR,
        arah=POS,
        target_tahunan=D(80),
        target_tw=[None] * 4,
        realisasi_tw=[D(10), D(20), D(30), D(72)],
        sampai=4,
    )
    assert hasil.triwulan_dipakai == (4,)
    assert "dihitung dari TW IV (" in hasil.keterangan


def test_only_tw_iv_reported_kumulatif_is_incomplete():
    hasil = capaian_sampai_tw(
        akumulasi=KUM,
        arah=POS,
        target_tw=[D(25)] * 4,
        realisasi_tw=[None, None, None, D(25)],
        sampai=4,
    )
    assert hasil.hasil.alasan == "belum lengkap: TW I, TW II, TW III belum ada data"
    assert hasil.label_sementara == "sementara (TW IV)"


def test_nilai_akhir_without_tw_k_is_incomplete_with_the_latest_as_sementara():
    hasil = capaian_sampai_tw(
        akumulasi=AKHIR,
        arah=NEG,
        target_tw=[D(8), D(8), D(7), D(7)],
        realisasi_tw=[D(9), D(8), D(7), None],
        sampai=4,
    )
    assert hasil.hasil.nilai is None
    assert hasil.hasil.alasan == "belum lengkap: TW IV belum ada data"
    assert hasil.label_sementara == "sementara (TW III)"
    assert hasil.sementara.nilai == D(100)


def test_against_the_annual_target_every_quarter_counts_for_kumulatif():
    hasil = capaian_berjalan(
        akumulasi=KUM,
        arah=POS,
        target_tahunan=D(100),
        target_tw=[None] * 4,
        realisasi_tw=[D(30), D(30), None, D(40)],
        sampai=4,
    )
    assert hasil.hasil.nilai is None
    assert hasil.hasil.alasan == "belum lengkap: TW III belum ada data"
    assert hasil.terhadap_tahunan
    assert hasil.sementara.nilai == D(100)
    assert hasil.label_sementara == "sementara (TW I, TW II, TW IV)"


def test_nothing_reported_is_belum_ada_data_not_belum_lengkap():
    hasil = capaian_sampai_tw(
        akumulasi=KUM, arah=POS, target_tw=[D(25)] * 4, realisasi_tw=[None] * 4, sampai=2
    )
    assert hasil.hasil.alasan == "belum ada data"
    assert hasil.sementara is None
    assert hasil.label_sementara == ""


def test_an_incomplete_figure_is_not_averaged():
    lengkap = capaian_sampai_tw(
        akumulasi=KUM, arah=POS, target_tw=[D(10)] * 4, realisasi_tw=[D(10)] * 4, sampai=4
    )
    kurang = capaian_sampai_tw(
        akumulasi=KUM, arah=POS, target_tw=[D(10)] * 4, realisasi_tw=[D(10), None, D(1), D(1)], sampai=4
    )
    rata = rata_rata_capaian(nilai=[("a", lengkap.hasil), ("b", kurang.hasil)])
    assert rata.nilai == D(100)
    assert rata.dikecualikan == ("b",)


def test_quarterly_ranges_combine_bound_by_bound():
    hasil = capaian_sampai_tw(
        akumulasi=KUM,
        arah=POS,
        target_tw=[D(20), D(20), None, None],
        target_atas_tw=[D(25), D(25), None, None],
        realisasi_tw=[D(30), D(30), None, None],
        sampai=2,
    )
    # [40, 50], R 60: above the range, positif, 60 ÷ 50.
    assert hasil.hasil.nilai == D(120)
    assert hasil.target_atas == D(50)


def test_a_range_missing_one_quarters_upper_bound_says_so():
    hasil = capaian_sampai_tw(
        akumulasi=KUM,
        arah=DEKAT,
        target_tw=[D(20), D(20), None, None],
        target_atas_tw=[D(25), None, None, None],
        realisasi_tw=[D(30), D(30), None, None],
        sampai=2,
    )
    assert hasil.hasil.nilai is None
    assert hasil.hasil.alasan == "batas atas rentang target belum ditetapkan"


@pytest.mark.parametrize("cara", [KUM, RATA, AKHIR])
def test_a_period_entered_once_at_tw_iv_is_complete_against_the_annual_target(cara):
    # A yearly survey, or a past year typed in from an old report: TW IV alone is the year.
    hasil = capaian_berjalan(
        akumulasi=cara,
        arah=POS,
        target_tahunan=D(80),
        target_tw=[None] * 4,
        realisasi_tw=[None, None, None, D(84)],
        sampai=4,
    )
    assert hasil.hasil.nilai == D(105)
    assert hasil.triwulan_dipakai == (4,)
    assert "dihitung dari TW IV (" in hasil.keterangan


def test_against_the_annual_target_tw_iv_itself_must_be_reported():
    hasil = capaian_berjalan(
        akumulasi=KUM,
        arah=POS,
        target_tahunan=D(100),
        target_tw=[None] * 4,
        realisasi_tw=[D(30), D(30), D(30), None],
        sampai=4,
    )
    assert hasil.hasil.alasan == "belum lengkap: TW IV belum ada data"
    assert hasil.label_sementara == "sementara (TW I, TW II, TW III)"
