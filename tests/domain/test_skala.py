"""Rating scales as data: presets, validation, and one band for every value (DOMAIN §6)."""

from bisect import bisect_right
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelaporan.domain import (
    KUNCI_SKALA_BAKU,
    SKALA_BAWAAN,
    SKALA_EMPAT_PITA,
    SKALA_PERMENDAGRI_86_2017,
    SKALA_SAKIP,
    Arah,
    Pita,
    Skala,
    SkalaTidakSah,
    ambil_skala,
    hitung_capaian,
    predikat,
    skala_dari_data,
    validasi_skala,
)
from pelaporan.domain.angka import bulatkan

D = Decimal


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        (D(0), "Sangat Rendah"),
        (D(-5), "Sangat Rendah"),
        (D("50.99"), "Sangat Rendah"),
        (D(51), "Rendah"),
        (D("60.33"), "Rendah"),  # seed 000 labels this program "Berhasil"; the scale says Rendah
        (D("65.99"), "Rendah"),
        (D(66), "Sedang"),
        (D("75.5"), "Sedang"),  # the printed gap 75–76 is closed by the inclusive bound 76
        (D(76), "Tinggi"),
        (D("83.97"), "Tinggi"),
        (D("90.52"), "Tinggi"),  # seed 000's real overall mean: in the printed 90–91 gap
        (D("90.994"), "Tinggi"),
        (D("90.995"), "Sangat Tinggi"),  # printed as 91,00: rated as printed
        (D(91), "Sangat Tinggi"),
        (D("96.58"), "Sangat Tinggi"),
        (D("109.39"), "Sangat Tinggi"),  # above 100: the printed scale stopped at 100
        (D(250), "Sangat Tinggi"),
    ],
)
def test_permendagri_86_2017_reads_each_printed_lower_bound_as_inclusive(nilai, label):
    assert SKALA_PERMENDAGRI_86_2017.kategori(nilai).label == label


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        (D("54.99"), "Kurang"),
        (D(55), "Cukup"),
        (D(75), "Cukup"),
        (D("75.004"), "Cukup"),  # printed 75,00: not "> 75"
        (D("75.005"), "Baik"),  # printed 75,01
        (D("75.01"), "Baik"),
        (D(100), "Baik"),
        (D("100.004"), "Baik"),
        (D("100.01"), "Baik Sekali"),
        (D(130), "Baik Sekali"),
    ],
)
def test_four_band_scale_reads_greater_than_as_one_hundredth_above(nilai, label):
    assert SKALA_EMPAT_PITA.kategori(nilai).label == label


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        (D(0), "D"),
        (D(30), "D"),
        (D("30.01"), "C"),
        (D(50), "C"),
        (D("50.01"), "CC"),
        (D(60), "CC"),
        (D("60.01"), "B"),
        (D("74.76"), "BB"),  # seed 000: nilai 74,76 = predikat "BB"
        (D(80), "BB"),
        (D("80.01"), "A"),
        (D(90), "A"),
        (D("90.01"), "AA"),
        (D(100), "AA"),
    ],
)
def test_sakip_grades_follow_permenpan_rb_88_2021(nilai, label):
    assert SKALA_SAKIP.kategori(nilai).label == label


@pytest.mark.parametrize(
    ("skala", "uraian"),
    [
        (
            SKALA_PERMENDAGRI_86_2017,
            [
                ("≥ 91 (termasuk di atas 100)", "Sangat Tinggi"),
                ("≥ 76 dan < 91", "Tinggi"),
                ("≥ 66 dan < 76", "Sedang"),
                ("≥ 51 dan < 66", "Rendah"),
                ("< 51", "Sangat Rendah"),
            ],
        ),
        (
            SKALA_EMPAT_PITA,
            [
                ("> 100", "Baik Sekali"),
                ("> 75 dan ≤ 100", "Baik"),
                ("≥ 55 dan ≤ 75", "Cukup"),
                ("< 55", "Kurang"),
            ],
        ),
        (
            SKALA_SAKIP,
            [
                ("> 90 (termasuk di atas 100)", "AA"),
                ("> 80 dan ≤ 90", "A"),
                ("> 70 dan ≤ 80", "BB"),
                ("> 60 dan ≤ 70", "B"),
                ("> 50 dan ≤ 60", "CC"),
                ("> 30 dan ≤ 50", "C"),
                ("≤ 30", "D"),
            ],
        ),
    ],
)
def test_scale_prints_its_intervals_for_bab_iii(skala, uraian):
    assert [(teks, pita.label) for teks, pita in skala.uraian()] == uraian


def test_presets_are_registered_by_key_with_permendagri_as_default():
    assert set(SKALA_BAWAAN) == {"permendagri_86_2017", "empat_pita", "sakip"}
    assert ambil_skala(kunci=KUNCI_SKALA_BAKU) is SKALA_PERMENDAGRI_86_2017
    with pytest.raises(ValueError, match="Skala “lain” tidak dikenal. Pilihan: permendagri_86_2017"):
        ambil_skala(kunci="lain")


def test_every_preset_band_has_a_bootstrap_hex_colour():
    for skala in SKALA_BAWAAN.values():
        assert all(p.warna.startswith("#") and len(p.warna) == 7 for p in skala.pita)


def _pita(*bawah, label=None):
    return tuple(
        Pita(batas_bawah=None if b is None else D(b), label=label or f"P{i}", warna="#198754")
        for i, b in enumerate(bawah)
    )


@pytest.mark.parametrize(
    ("pita", "masalah"),
    [
        (_pita(None), "Skala harus memiliki paling sedikit dua pita."),
        (
            _pita(0, 50),
            "Pita terendah “P0” harus tanpa batas bawah; kini nilai di bawah 0 tidak mendapat kategori.",
        ),
        (
            _pita(None, 50, None),
            "Hanya pita terendah yang boleh tanpa batas bawah: pita “P2” tidak memilikinya.",
        ),
        (
            _pita(None, 76, 76),
            "Pita “P1” dan “P2” memiliki batas bawah yang sama (76): keduanya tumpang tindih.",
        ),
        (
            _pita(None, 76, 66),
            "Pita harus berurutan dari terendah ke tertinggi: batas bawah “P2” (66) lebih kecil dari "
            "batas bawah “P1” (76).",
        ),
        (
            _pita(None, "90.005"),
            "Batas bawah pita “P1” (90,005) lebih rinci dari 2 desimal yang dipakai untuk menilai.",
        ),
        (
            (Pita(None, "A", "#198754"), Pita(D(50), "a", "#198754")),
            "Label “a” dipakai lebih dari satu pita.",
        ),
        ((Pita(None, " ", "#198754"), Pita(D(50), "B", "#198754")), "Pita ke-1 belum diberi label."),
        (
            (Pita(None, "A", "hijau"), Pita(D(50), "B", "#198754")),
            "Warna pita “A” harus kode heksadesimal seperti #198754 (tertulis “hijau”).",
        ),
        (
            (Pita(None, "A", "#198754"), Pita(50.0, "B", "#198754")),
            "Batas bawah pita “B” harus berupa Decimal.",
        ),
    ],
)
def test_custom_scale_problems_are_named_in_indonesian(pita, masalah):
    assert masalah in validasi_skala(pita=pita)
    with pytest.raises(SkalaTidakSah) as galat:
        Skala(nama="Uji", pita=pita)
    assert masalah in galat.value.masalah


def test_valid_custom_scale_has_no_problems_and_round_trips_through_data():
    data = SKALA_EMPAT_PITA.ke_data()
    assert data[2] == {"batas_bawah": "75.01", "label": "Baik", "warna": "#0d6efd"}
    assert validasi_skala(pita=SKALA_EMPAT_PITA.pita) == []
    assert skala_dari_data(nama=SKALA_EMPAT_PITA.nama, pita=data) == SKALA_EMPAT_PITA


def test_stored_scale_with_a_bound_that_is_not_a_number_is_refused():
    with pytest.raises(SkalaTidakSah, match="Batas bawah pita ke-2 .“sembilan”. bukan angka."):
        skala_dari_data(nama="Uji", pita=[{"label": "A", "warna": "#198754"}, {"batas_bawah": "sembilan"}])


def test_predikat_rates_the_capped_value_and_nothing_without_value():
    dibatasi = hitung_capaian(arah=Arah.POSITIF, target=D(100), realisasi=D(50), batas_atas=D(40))
    assert predikat(hasil=dibatasi, skala=SKALA_PERMENDAGRI_86_2017).label == "Sangat Rendah"
    kosong = hitung_capaian(arah=Arah.POSITIF, target=D(100), realisasi=None)
    assert predikat(hasil=kosong, skala=SKALA_PERMENDAGRI_86_2017) is None


def test_rating_refuses_float():
    with pytest.raises(TypeError, match="harus Decimal"):
        SKALA_PERMENDAGRI_86_2017.kategori(91.0)


_batas_bawah = st.lists(
    st.decimals(min_value=-50, max_value=200, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=6,
    unique=True,
)
_nilai = st.decimals(min_value=-100, max_value=300, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=20, deadline=None, database=None)
@given(batas=_batas_bawah, nilai=st.lists(_nilai, min_size=1, max_size=10))
def test_every_value_falls_in_exactly_one_band_of_a_valid_scale(batas, nilai):
    urut = sorted(batas)
    skala = Skala(nama="Acak", pita=_pita(None, *urut))
    for v in nilai:
        tampil = bulatkan(v)
        memuat = [
            p
            for i, p in enumerate(skala.pita)
            if (p.batas_bawah is None or tampil >= p.batas_bawah)
            and (i + 1 == len(skala.pita) or tampil < skala.pita[i + 1].batas_bawah)
        ]
        assert len(memuat) == 1
        # the engine's shortcut (shifted bounds, no rounding) gives that same band
        assert skala.kategori(v) is memuat[0]
        assert memuat[0] is skala.pita[bisect_right(urut, tampil)]


@settings(max_examples=10, deadline=None, database=None)
@given(bawah=_batas_bawah)
def test_a_scale_with_unordered_bounds_is_never_valid(bawah):
    if len(bawah) < 2 or bawah == sorted(bawah):
        return
    assert validasi_skala(pita=_pita(None, *bawah)) != []
