"""Budget: weighted percentage, sisa, roll-up by code (DOMAIN §5 "Budget")."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelaporan.domain import (
    Anggaran,
    TingkatKode,
    jumlah_anggaran,
    persentase_anggaran,
    rollup_anggaran,
    sisa_anggaran,
)

D = Decimal


@pytest.mark.parametrize(
    ("pagu", "realisasi", "persen", "sisa"),
    [
        (D(200), D(150), D(75), D(50)),
        (D(100), D(0), D(0), D(100)),
        (D(100), D(120), D(120), D(-20)),  # overspending shows as a negative sisa
        (D(0), D(0), None, D(0)),  # pagu 0 has no percentage
    ],
)
def test_percentage_and_sisa_of_one_row(pagu, realisasi, persen, sisa):
    assert persentase_anggaran(pagu=pagu, realisasi=realisasi) == persen
    assert sisa_anggaran(pagu=pagu, realisasi=realisasi) == sisa
    baris = Anggaran(pagu=pagu, realisasi=realisasi)
    assert (baris.persen, baris.sisa) == (persen, sisa)


def test_negative_pagu_is_an_input_error():
    with pytest.raises(ValueError, match="Pagu tidak boleh negatif"):
        persentase_anggaran(pagu=D(-1), realisasi=D(0))


def test_group_percentage_is_weighted_never_a_mean_of_percentages():
    kecil = Anggaran(pagu=D(100), realisasi=D(100))  # 100 %
    besar = Anggaran(pagu=D(900), realisasi=D(450))  # 50 %
    total = jumlah_anggaran(baris=[kecil, besar])
    assert total == Anggaran(pagu=D(1000), realisasi=D(550))
    assert total.persen == D(55)  # not (100 + 50) / 2 = 75


def test_budget_rows_accept_whole_rupiah_and_refuse_float():
    assert Anggaran(pagu=1000, realisasi=250).persen == D(25)
    with pytest.raises(TypeError, match="harus Decimal"):
        Anggaran(pagu=D(1000), realisasi=250.5)


def test_rollup_builds_kegiatan_program_and_opd_totals_from_leaves():
    hasil = rollup_anggaran(
        baris=[
            ("1.06.02.2.01.01", Anggaran(pagu=D(100), realisasi=D(80))),
            ("1.06.02.2.01.0002", Anggaran(pagu=D(50), realisasi=D(50))),
            ("1.06.02.2.03.01", Anggaran(pagu=D(30), realisasi=D(0))),
            ("01.06.07", Anggaran(pagu=D(20), realisasi=D(10))),  # a program without finer rows
            (None, Anggaran(pagu=D(5), realisasi=D(5))),  # Belanja Tidak Langsung
        ]
    )
    assert list(hasil.per_kode) == [
        "1.06.02",
        "1.06.02.2.01",
        "1.06.02.2.01.0001",
        "1.06.02.2.01.0002",
        "1.06.02.2.03",
        "1.06.02.2.03.0001",
        "1.06.07",
    ]
    assert hasil.per_kode["1.06.02.2.01"] == Anggaran(pagu=D(150), realisasi=D(130))
    assert hasil.per_kode["1.06.02"] == Anggaran(pagu=D(180), realisasi=D(130))
    assert hasil.tanpa_kode == Anggaran(pagu=D(5), realisasi=D(5))
    assert hasil.total == Anggaran(pagu=D(205), realisasi=D(145))
    assert list(hasil.pada_tingkat(TingkatKode.PROGRAM)) == ["1.06.02", "1.06.07"]
    assert hasil.anak("1.06.02") == ("1.06.02.2.01", "1.06.02.2.03")


def test_rollup_adds_rows_with_the_same_code_such_as_two_sumber_dana():
    hasil = rollup_anggaran(
        baris=[
            ("1.06.04.2.01.0001", Anggaran(pagu=D(100), realisasi=D(90))),  # APBD
            ("1.06.04.2.01.01", Anggaran(pagu=D(40), realisasi=D(10))),  # DAK
        ]
    )
    assert hasil.per_kode["1.06.04.2.01.0001"] == Anggaran(pagu=D(140), realisasi=D(100))


def test_rollup_merges_the_placeholder_with_the_real_code_when_told_the_urusan():
    baris = [
        ("X.XX.01.2.02.01", Anggaran(pagu=D(100), realisasi=D(90))),
        ("1.06.01.2.02.07", Anggaran(pagu=D(10), realisasi=D(5))),
    ]
    dengan = rollup_anggaran(baris=baris, urusan="1.06")
    assert list(dengan.pada_tingkat(TingkatKode.PROGRAM)) == ["1.06.01"]
    assert dengan.per_kode["1.06.01"] == Anggaran(pagu=D(110), realisasi=D(95))
    tanpa = rollup_anggaran(baris=baris)
    assert list(tanpa.pada_tingkat(TingkatKode.PROGRAM)) == ["X.XX.01", "1.06.01"]
    assert tanpa.total == dengan.total


@pytest.mark.parametrize(
    ("baris", "pesan"),
    [
        (
            [("1.06.02.2.01", D(10)), ("1.06.02.2.01.01", D(5))],
            "Kode 1.06.02.2.01 dan turunannya 1.06.02.2.01.0001 sama-sama diberikan",
        ),
        ([("1.06", D(10))], "harus pada tingkat program, kegiatan, atau sub-kegiatan"),
    ],
)
def test_rollup_refuses_rows_that_would_count_money_twice_or_sit_too_high(baris, pesan):
    with pytest.raises(ValueError, match=pesan):
        rollup_anggaran(baris=[(k, Anggaran(pagu=v, realisasi=v)) for k, v in baris])


_rupiah = st.integers(min_value=0, max_value=10**13).map(lambda n: D(n).scaleb(-2))
_pagu = st.integers(min_value=1, max_value=10**13).map(lambda n: D(n).scaleb(-2))


@settings(max_examples=20, deadline=None, database=None)
@given(isi=st.lists(st.tuples(_pagu, _rupiah), min_size=1, max_size=8))
def test_weighted_percentage_lies_between_its_childrens_lowest_and_highest(isi):
    baris = [Anggaran(pagu=p, realisasi=r) for p, r in isi]
    persen = [b.persen for b in baris]
    total = jumlah_anggaran(baris=baris).persen
    assert min(persen) <= total <= max(persen)


_kode_daun = st.builds(
    lambda p, k, s: f"1.06.{p:02d}.2.{k:02d}.{s:04d}",
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 4),
)


@settings(max_examples=20, deadline=None, database=None)
@given(daun=st.lists(st.tuples(_kode_daun, _rupiah, _rupiah), min_size=1, max_size=8))
def test_rollup_equals_the_sum_of_its_leaves_at_every_level(daun):
    baris = [(kode, Anggaran(pagu=p, realisasi=r)) for kode, p, r in daun]
    hasil = rollup_anggaran(baris=baris)
    semua = jumlah_anggaran(baris=[a for _, a in baris])
    assert hasil.total == semua
    for kode, total in hasil.per_kode.items():
        bawahan = [a for k, a in baris if k == kode or k.startswith(kode + ".")]
        assert total == jumlah_anggaran(baris=bawahan)
    for tingkat in (TingkatKode.PROGRAM, TingkatKode.KEGIATAN, TingkatKode.SUB_KEGIATAN):
        assert jumlah_anggaran(baris=hasil.pada_tingkat(tingkat).values()) == semua
