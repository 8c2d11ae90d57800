"""Capaian per arah and its edge cases (DOMAIN §5 "Capaian kinerja")."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelaporan.domain import Arah, HasilCapaian, RumusNegatif, hitung_capaian
from pelaporan.domain.angka import bulatkan
from pelaporan.domain.capaian import (
    ALASAN_BELUM_ADA_DATA,
    ALASAN_RASIO_REALISASI_NOL,
    ALASAN_RENTANG_TANPA_BATAS_BAWAH,
    ALASAN_RENTANG_TERBALIK,
    ALASAN_TARGET_KOSONG,
    ALASAN_TARGET_NEGATIF,
    ALASAN_TARGET_NOL_POSITIF,
)

D = Decimal
POS, NEG, DEKAT = Arah.POSITIF, Arah.NEGATIF, Arah.MENDEKATI
SELISIH, RASIO = RumusNegatif.SELISIH, RumusNegatif.RASIO


@pytest.mark.parametrize(
    ("arah", "target", "realisasi", "rumus_negatif", "diharapkan", "rumus"),
    [
        # positif: R ÷ T × 100
        (POS, D(80), D("74.76"), SELISIH, D("93.45"), "74,76 ÷ 80 × 100"),
        (POS, D("94.33"), D("90.02"), SELISIH, D("95.43"), "90,02 ÷ 94,33 × 100"),
        (POS, D(100), D(150), SELISIH, D(150), "150 ÷ 100 × 100"),
        (POS, D(100), D(0), SELISIH, D(0), "0 ÷ 100 × 100"),
        # negatif, default (2T − R) ÷ T × 100 (seed 000, Tapin)
        (NEG, D(10), D(8), SELISIH, D(120), "(2 × 10 − 8) ÷ 10 × 100"),
        (NEG, D("5.71"), D("5.93"), SELISIH, D("96.15"), "(2 × 5,71 − 5,93) ÷ 5,71 × 100"),
        (NEG, D(10), D(10), SELISIH, D(100), "(2 × 10 − 10) ÷ 10 × 100"),
        # negatif, the pemda's alternative T ÷ R × 100
        (NEG, D(10), D(8), RASIO, D(125), "10 ÷ 8 × 100"),
        (NEG, D("5.71"), D("5.93"), RASIO, D("96.29"), "5,71 ÷ 5,93 × 100"),
        # mendekati: (1 − |R − T| ÷ T) × 100
        (DEKAT, D(100), D(98), SELISIH, D(98), "(1 − |98 − 100| ÷ 100) × 100"),
        (DEKAT, D(100), D(103), SELISIH, D(97), "(1 − |103 − 100| ÷ 100) × 100"),
        (DEKAT, D(50), D(50), SELISIH, D(100), "(1 − |50 − 50| ÷ 50) × 100"),
    ],
)
def test_capaian_follows_the_formula_of_its_arah(arah, target, realisasi, rumus_negatif, diharapkan, rumus):
    hasil = hitung_capaian(arah=arah, target=target, realisasi=realisasi, rumus_negatif=rumus_negatif)
    assert bulatkan(hasil.nilai) == bulatkan(diharapkan)
    assert hasil.nilai_dibatasi == hasil.nilai
    assert hasil.alasan is None
    assert hasil.rumus == rumus


@pytest.mark.parametrize(
    ("arah", "target", "realisasi", "rumus_negatif", "diharapkan", "potongan_rumus"),
    [
        # DOMAIN §5: a negatif result below 0 is shown as 0 …
        (NEG, D(10), D(25), SELISIH, D(0), "= -50,00; hasil di bawah 0 dicatat 0"),
        # … mendekati not below 0 …
        (DEKAT, D(10), D(35), SELISIH, D(0), "= -150,00; hasil di bawah 0 dicatat 0"),
        # … and a positif with a negative realisasi (a growth rate) the same way.
        (POS, D(5), D(-2), SELISIH, D(0), "= -40,00; hasil di bawah 0 dicatat 0"),
        # T = 0: negatif with R = 0 is 100 %, with R > 0 is 0 %, under both formulas.
        (NEG, D(0), D(0), SELISIH, D(100), "target 0 dan realisasi 0: capaian 100"),
        (NEG, D(0), D(3), SELISIH, D(0), "target 0 dan realisasi 3 > 0: capaian 0"),
        (NEG, D(0), D(0), RASIO, D(100), "target 0 dan realisasi 0: capaian 100"),
        (NEG, D(0), D(3), RASIO, D(0), "target 0 dan realisasi 3 > 0: capaian 0"),
        # mendekati with T = 0 is read like negatif: exactly 0 is 100, any distance is 0.
        (DEKAT, D(0), D(0), SELISIH, D(100), "target 0 dan realisasi 0: capaian 100"),
        (DEKAT, D(0), D(-1), SELISIH, D(0), "target 0 dan realisasi -1 ≠ 0: capaian 0"),
    ],
)
def test_edge_rules_give_a_value_and_say_how(
    arah, target, realisasi, rumus_negatif, diharapkan, potongan_rumus
):
    hasil = hitung_capaian(arah=arah, target=target, realisasi=realisasi, rumus_negatif=rumus_negatif)
    assert hasil.nilai == diharapkan
    assert potongan_rumus in hasil.rumus


@pytest.mark.parametrize(
    ("arah", "target", "realisasi", "target_atas", "rumus_negatif", "alasan"),
    [
        (POS, D(100), None, None, SELISIH, ALASAN_BELUM_ADA_DATA),
        (NEG, D(10), None, None, SELISIH, ALASAN_BELUM_ADA_DATA),
        (POS, None, D(5), None, SELISIH, ALASAN_TARGET_KOSONG),
        (POS, D(0), D(5), None, SELISIH, ALASAN_TARGET_NOL_POSITIF),
        (POS, D(0), D(0), None, SELISIH, ALASAN_TARGET_NOL_POSITIF),
        (POS, D(-5), D(5), None, SELISIH, ALASAN_TARGET_NEGATIF),
        (NEG, D(10), D(0), None, RASIO, ALASAN_RASIO_REALISASI_NOL),
        (DEKAT, None, D(65), D(70), SELISIH, ALASAN_RENTANG_TANPA_BATAS_BAWAH),
        (DEKAT, D(70), D(65), D(60), SELISIH, ALASAN_RENTANG_TERBALIK),
        (POS, D(70), D(65), D(60), SELISIH, ALASAN_RENTANG_TERBALIK),
    ],
)
def test_no_capaian_says_why(arah, target, realisasi, target_atas, rumus_negatif, alasan):
    hasil = hitung_capaian(
        arah=arah, target=target, realisasi=realisasi, target_atas=target_atas, rumus_negatif=rumus_negatif
    )
    assert hasil.nilai is None
    assert hasil.nilai_dibatasi is None
    assert not hasil.ada
    assert hasil.alasan == alasan
    assert hasil.rumus == ""


def test_missing_realisasi_reads_belum_ada_data_never_zero():
    hasil = hitung_capaian(arah=POS, target=D(100), realisasi=None)
    assert hasil.alasan == "belum ada data"
    assert hasil.nilai is None


@pytest.mark.parametrize(
    ("realisasi", "rumus_negatif", "diharapkan", "rumus"),
    [
        (D(65), SELISIH, D(100), "60 ≤ 65 ≤ 70: di dalam rentang target, capaian 100"),
        (D(60), SELISIH, D(100), "60 ≤ 60 ≤ 70: di dalam rentang target, capaian 100"),
        (D(70), SELISIH, D(100), "60 ≤ 70 ≤ 70: di dalam rentang target, capaian 100"),
        # below the range: the positif formula against the lower bound
        (D(45), SELISIH, D(75), "45 di bawah rentang 60–70: 45 ÷ 60 × 100"),
        # above the range: the negatif formula against the upper bound, the pemda's choice
        (D(77), SELISIH, D(90), "77 di atas rentang 60–70: (2 × 70 − 77) ÷ 70 × 100"),
        (D(80), RASIO, D("87.5"), "80 di atas rentang 60–70: 70 ÷ 80 × 100"),
        (D(150), SELISIH, D(0), "150 di atas rentang 60–70: (2 × 70 − 150) ÷ 70 × 100 = -14,29"),
    ],
)
def test_mendekati_range_is_100_inside_and_uses_the_nearer_bound_outside(
    realisasi, rumus_negatif, diharapkan, rumus
):
    hasil = hitung_capaian(
        arah=DEKAT, target=D(60), target_atas=D(70), realisasi=realisasi, rumus_negatif=rumus_negatif
    )
    assert hasil.nilai == diharapkan
    assert hasil.rumus.startswith(rumus)


@pytest.mark.parametrize(
    ("realisasi", "batas", "nilai", "dibatasi_nilai", "dibatasi"),
    [
        (D(150), D(120), D(150), D(120), True),
        (D(120), D(120), D(120), D(120), False),
        (D(90), D(120), D(90), D(90), False),
        (D(150), None, D(150), D(150), False),
    ],
)
def test_pemda_cap_keeps_the_uncapped_value_visible(realisasi, batas, nilai, dibatasi_nilai, dibatasi):
    hasil = hitung_capaian(arah=POS, target=D(100), realisasi=realisasi, batas_atas=batas)
    assert (hasil.nilai, hasil.nilai_dibatasi, hasil.dibatasi) == (nilai, dibatasi_nilai, dibatasi)
    assert hasil.batas_atas == batas


def test_capped_formula_names_the_cap():
    hasil = hitung_capaian(arah=POS, target=D(100), realisasi=D(150), batas_atas=D(120))
    assert hasil.rumus == "150 ÷ 100 × 100 = 150,00; dibatasi 120"


def test_capaian_keeps_full_precision_inside():
    hasil = hitung_capaian(arah=POS, target=D(3), realisasi=D(2))
    assert hasil.nilai == D(2) / D(3) * 100
    assert bulatkan(hasil.nilai) == D("66.67")


def test_enum_values_are_the_strings_stored_in_the_database():
    assert [a.value for a in Arah] == ["positif", "negatif", "mendekati"]
    assert [r.value for r in RumusNegatif] == ["selisih", "rasio"]
    hasil = hitung_capaian(arah="negatif", target=D(10), realisasi=D(8), rumus_negatif="rasio")
    assert hasil.nilai == D(125)


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        ({"target": 80.0, "realisasi": D(1)}, "Target harus Decimal"),
        ({"target": D(80), "realisasi": 74.76}, "Realisasi harus Decimal"),
        ({"target": D(80), "realisasi": D(1), "batas_atas": 120.0}, "Batas atas capaian harus Decimal"),
    ],
)
def test_float_is_refused_at_the_door(argumen, pesan):
    with pytest.raises(TypeError, match=pesan):
        hitung_capaian(arah=POS, **argumen)


def test_whole_numbers_are_accepted_as_decimal():
    hasil = hitung_capaian(arah=POS, target=80, realisasi=60)
    assert type(hasil.nilai) is Decimal
    assert hasil.nilai == D(75)


@pytest.mark.parametrize(
    ("arah", "rumus", "realisasi"), [("naik", SELISIH, D(5)), ("naik", SELISIH, None), (NEG, "lain", D(5))]
)
def test_unknown_settings_are_errors_not_silent_defaults(arah, rumus, realisasi):
    with pytest.raises(ValueError, match="tidak dikenal"):
        hitung_capaian(arah=arah, target=D(10), realisasi=realisasi, rumus_negatif=rumus)


def test_fast_path_builds_the_same_value_as_the_constructor():
    dari_mesin = hitung_capaian(arah=POS, target=D(100), realisasi=D(150), batas_atas=D(120))
    manual = HasilCapaian(
        nilai=D(150),
        nilai_dibatasi=D(120),
        dibatasi=True,
        batas_atas=D(120),
        pola_rumus="{} ÷ {} × 100 = {:hasil}; dibatasi {}",
        angka_rumus=(D(150), D(100), D(150), D(120)),
    )
    assert dari_mesin == manual
    assert hash(dari_mesin) == hash(manual)
    with pytest.raises(AttributeError):
        dari_mesin.nilai = D(1)  # type: ignore[misc]


_angka = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
_target = st.decimals(min_value=D("0.01"), max_value=100_000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=20, deadline=None, database=None)
@given(target=_target, r1=_angka, r2=_angka, batas=st.sampled_from([None, D(100), D(120)]))
def test_positif_never_decreases_when_realisasi_grows(target, r1, r2, batas):
    kecil, besar = sorted((r1, r2))
    a = hitung_capaian(arah=POS, target=target, realisasi=kecil, batas_atas=batas)
    b = hitung_capaian(arah=POS, target=target, realisasi=besar, batas_atas=batas)
    assert a.nilai <= b.nilai
    assert a.nilai_dibatasi <= b.nilai_dibatasi


@settings(max_examples=20, deadline=None, database=None)
@given(
    target=_angka,
    r1=_angka,
    r2=_angka,
    rumus=st.sampled_from(list(RumusNegatif)),
    batas=st.sampled_from([None, D(120)]),
)
def test_negatif_never_increases_when_realisasi_grows(target, r1, r2, rumus, batas):
    kecil, besar = sorted((r1, r2))
    a = hitung_capaian(arah=NEG, target=target, realisasi=kecil, rumus_negatif=rumus, batas_atas=batas)
    b = hitung_capaian(arah=NEG, target=target, realisasi=besar, rumus_negatif=rumus, batas_atas=batas)
    if a.nilai is not None and b.nilai is not None:  # T ÷ R has no value at R = 0
        assert a.nilai >= b.nilai
        assert a.nilai_dibatasi >= b.nilai_dibatasi
        assert b.nilai >= 0


@settings(max_examples=10, deadline=None, database=None)
@given(target=_target, realisasi=st.decimals(min_value=-1000, max_value=100_000, places=2))
def test_every_arah_gives_a_value_that_is_never_below_zero(target, realisasi):
    for arah in (POS, NEG, DEKAT):
        hasil = hitung_capaian(arah=arah, target=target, realisasi=realisasi)
        assert hasil.nilai is not None
        assert hasil.nilai >= 0
