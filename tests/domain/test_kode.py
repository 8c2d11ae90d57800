"""Nomenclature codes as documents print them (DOMAIN §3)."""

import pytest

from pelaporan.domain import (
    KodeTidakSah,
    TingkatKode,
    induk_kode,
    isi_placeholder,
    kode_setara,
    kunci_urut_kode,
    normalisasi_kode,
    tingkat_kode,
)


@pytest.mark.parametrize(
    ("tercetak", "normal"),
    [
        ("1.06.02", "1.06.02"),
        ("01.06.07", "1.06.07"),  # seed 003 prints program 1.06.07 with a leading zero
        ("1.06.02.2.01", "1.06.02.2.01"),
        ("1.06.02.2.01.0001", "1.06.02.2.01.0001"),
        ("1.06.01.2.02.01", "1.06.01.2.02.0001"),  # the two-digit sub-kegiatan of seeds 000 and 003
        ("1.06.04.2.01.12", "1.06.04.2.01.0012"),
        (" 1.06.02. ", "1.06.02"),
        ("1. 06. 02.2.01", "1.06.02.2.01"),
        ("1.06.02..", "1.06.02"),
        ("1", "1"),
        ("1.06", "1.06"),
        ("X.XX.01.2.02.01", "X.XX.01.2.02.0001"),  # Program Penunjang placeholder, kept
        ("x.xx.01", "X.XX.01"),
        ("X.XX", "X.XX"),
    ],
)
def test_printed_codes_normalise_to_the_nomenclature_form(tercetak, normal):
    assert normalisasi_kode(tercetak) == normal


@pytest.mark.parametrize(
    ("tercetak", "sebab"),
    [
        ("", "Kode kosong."),
        ("   ", "Kode kosong."),
        ("1.06.02.2", "terdiri atas 4 bagian"),
        ("1.06.02.2.01.0001.1", "terdiri atas 7 bagian"),
        (".1.06", "ada titik yang berurutan atau di awal"),
        ("1..06", "ada titik yang berurutan atau di awal"),
        ("10.06", "urusan harus satu angka 1–9"),
        ("0.06", "urusan harus satu angka 1–9"),
        ("A.06", "urusan harus satu angka 1–9"),
        ("1.6", "bidang urusan harus dua angka"),
        ("1.XX.01", "bidang urusan harus dua angka"),
        ("X.06.01", "placeholder urusan harus ditulis X.XX"),
        ("X", "placeholder urusan harus ditulis X.XX"),
        ("1.06.2", "program harus dua angka"),
        ("1.06.02.22.01", "kegiatan harus berbentuk satu angka dan dua angka"),
        ("1.06.02.2.1", "kegiatan harus berbentuk satu angka dan dua angka"),
        ("1.06.02.2.01.001", "sub-kegiatan harus dua atau empat angka"),
        ("1.06.02.2.01.1", "sub-kegiatan harus dua atau empat angka"),
    ],
)
def test_malformed_codes_are_refused_in_indonesian(tercetak, sebab):
    with pytest.raises(KodeTidakSah) as galat:
        normalisasi_kode(tercetak)
    assert sebab in str(galat.value)
    assert isinstance(galat.value, ValueError)


@pytest.mark.parametrize(
    ("kode", "tingkat", "induk"),
    [
        ("1", TingkatKode.URUSAN, None),
        ("1.06", TingkatKode.BIDANG, "1"),
        ("1.06.02", TingkatKode.PROGRAM, "1.06"),
        ("1.06.02.2.01", TingkatKode.KEGIATAN, "1.06.02"),
        ("1.06.02.2.01.0001", TingkatKode.SUB_KEGIATAN, "1.06.02.2.01"),
        ("1.06.02.2.01.01", TingkatKode.SUB_KEGIATAN, "1.06.02.2.01"),
        ("X.XX.01.2.02.01", TingkatKode.SUB_KEGIATAN, "X.XX.01.2.02"),
        ("X.XX.01", TingkatKode.PROGRAM, "X.XX"),
        ("X.XX", TingkatKode.BIDANG, None),
    ],
)
def test_code_knows_its_level_and_parent(kode, tingkat, induk):
    assert tingkat_kode(kode) == tingkat
    assert induk_kode(kode) == induk


def test_level_values_are_the_strings_stored_in_the_database():
    assert [t.value for t in TingkatKode] == ["urusan", "bidang", "program", "kegiatan", "sub_kegiatan"]


@pytest.mark.parametrize(
    ("kode", "hasil"),
    [
        ("X.XX.01.2.02.01", "1.06.01.2.02.0001"),
        ("X.XX.01", "1.06.01"),
        ("1.06.02.2.01.01", "1.06.02.2.01.0001"),
    ],
)
def test_placeholder_is_resolved_with_the_opds_urusan(kode, hasil):
    assert isi_placeholder(kode, urusan="1.06") == hasil


@pytest.mark.parametrize("urusan", ["1", "X.XX", "1.06.01"])
def test_placeholder_needs_a_real_bidang_urusan(urusan):
    with pytest.raises(KodeTidakSah, match="bidang urusan seperti 1.06"):
        isi_placeholder("X.XX.01", urusan=urusan)


def test_placeholder_and_real_code_match_only_once_the_urusan_is_known():
    assert not kode_setara("X.XX.01.2.02.01", "1.06.01.2.02.0001")
    assert kode_setara("X.XX.01.2.02.01", "1.06.01.2.02.0001", urusan="1.06")
    assert kode_setara("01.06.07", "1.06.07")


def test_codes_sort_in_nomenclature_order():
    kode = ["1.06.10", "1.06.02.2.01.0001", "1.06.02", "X.XX.01", "1.06.02.2.01"]
    assert sorted(kode, key=kunci_urut_kode) == [
        "X.XX.01",
        "1.06.02",
        "1.06.02.2.01",
        "1.06.02.2.01.0001",
        "1.06.10",
    ]
