"""The Renja evaluation form, columns 4–14 with K and Rp side by side (DOMAIN §5)."""

from decimal import Decimal

import pytest

from pelaporan.domain import (
    SKALA_PERMENDAGRI_86_2017,
    Akumulasi,
    Anggaran,
    Arah,
    baris_evaluasi_renja,
    kolom_capaian_renja,
    realisasi_sampai_tahun_ini,
    ringkasan_evaluasi_renja,
)

D = Decimal


def tw(*nilai):
    return tuple(None if v is None else D(v) for v in nilai)


def baris(**ubah):
    argumen = {
        "akumulasi": Akumulasi.KUMULATIF,
        "target_renstra": D(500),
        "realisasi_sampai_tahun_lalu": D(200),
        "target": D(100),
        "realisasi_tw": tw(20, 30, 25, 35),
        "pagu_renstra": D(5_000_000),
        "realisasi_anggaran_sampai_tahun_lalu": D(1_800_000),
        "pagu": D(1_000_000),
        "realisasi_anggaran_tw": tw(200_000, 250_000, 300_000, 150_000),
    }
    return baris_evaluasi_renja(**{**argumen, **ubah})


def test_full_year_row_fills_columns_4_to_14_for_k_and_rp():
    b = baris()
    kolom = {n: b.kolom(n) for n in range(4, 15)}
    assert kolom[4] == (D(500), D(5_000_000))
    assert kolom[5] == (D(200), D(1_800_000))
    assert kolom[6] == (D(100), D(1_000_000))
    assert [kolom[n] for n in (7, 8, 9, 10)] == [
        (D(20), D(200_000)),
        (D(30), D(250_000)),
        (D(25), D(300_000)),
        (D(35), D(150_000)),
    ]
    assert kolom[11] == (D(110), D(900_000))  # 11 = Σ TW
    assert kolom[12][0].nilai == D(110)  # 12 = 11 ÷ 6
    assert kolom[12][1] == D(90)
    assert kolom[13] == (D(310), D(2_700_000))  # 13 = 5 + 11
    assert kolom[14][0].nilai == D(62)  # 14 = 13 ÷ 4
    assert kolom[14][1] == D(54)
    assert b.kinerja.belum_dilaporkan == ()
    assert b.keterangan_kolom_12 == "Tingkat capaian s/d TW IV"


def test_nilai_akhir_row_takes_the_last_reported_value_not_the_sum():
    b = baris(
        akumulasi=Akumulasi.NILAI_AKHIR,
        target_renstra=D(95),
        realisasi_sampai_tahun_lalu=D(88),
        target=D(92),
        realisasi_tw=tw(89, 90, None, None),
        sampai=2,
    )
    assert b.kinerja.realisasi_tahun_ini == D(90)
    assert b.kinerja.capaian_tahun_ini.nilai == D(90) / D(92) * 100
    # a percentage does not add up over years: the level reached is this year's value
    assert b.kinerja.realisasi_sampai_tahun_ini == D(90)
    assert b.kinerja.capaian_renstra.nilai == D(90) / D(95) * 100
    assert b.keterangan_kolom_12 == "Tingkat capaian s/d TW II"


def test_mid_year_row_leaves_later_quarters_empty_and_labels_column_12_as_progress():
    b = baris(realisasi_tw=tw(20, 30, 99, 99), realisasi_anggaran_tw=tw(200_000, None, 1, 1), sampai=2)
    assert b.kinerja.realisasi_tw == tw(20, 30, None, None)
    assert b.kinerja.realisasi_tahun_ini == D(50)
    assert b.kinerja.belum_dilaporkan == ()
    assert b.anggaran.realisasi_tw == tw(200_000, None, None, None)
    assert b.anggaran.realisasi_tahun_ini == D(200_000)
    assert b.anggaran.belum_dilaporkan == (2,)
    assert b.keterangan_kolom_12 == "Progres s/d TW II terhadap target tahunan (bukan capaian tahunan)"


def test_missing_quarter_is_left_out_and_listed_never_counted_as_zero():
    b = baris(realisasi_tw=tw(20, None, 25, 35))
    assert b.kinerja.realisasi_tahun_ini == D(80)
    assert b.kinerja.belum_dilaporkan == (2,)


def test_row_without_any_report_has_no_capaian_and_says_why():
    b = baris(realisasi_tw=tw(None, None, None, None), realisasi_anggaran_tw=tw(None, None, None, None))
    assert b.kinerja.realisasi_tahun_ini is None
    assert b.kinerja.capaian_tahun_ini.alasan == "belum ada data"
    assert b.kinerja.realisasi_sampai_tahun_ini is None
    assert b.kinerja.capaian_renstra.alasan == "belum ada data"
    assert (
        b.anggaran.persen_tahun_ini,
        b.anggaran.realisasi_sampai_tahun_ini,
        b.anggaran.persen_renstra,
    ) == (
        None,
        None,
        None,
    )


def test_negatif_indicator_keeps_its_formula_in_columns_12_and_14():
    kolom = kolom_capaian_renja(
        akumulasi=Akumulasi.NILAI_AKHIR,
        arah=Arah.NEGATIF,
        target_renstra=D("1.81"),
        realisasi_sampai_tahun_lalu=D("2.23"),
        target_tahun_ini=D("2.38"),
        realisasi_tahun_ini=D("2.38"),
    )
    assert kolom.capaian_tahun_ini.nilai == D(100)
    assert kolom.realisasi_sampai_tahun_ini == D("2.38")
    assert kolom.capaian_renstra.rumus == "(2 × 1,81 − 2,38) ÷ 1,81 × 100"


@pytest.mark.parametrize(
    ("akumulasi", "lalu", "ini", "hasil"),
    [
        (Akumulasi.KUMULATIF, D(200), D(110), D(310)),
        (Akumulasi.KUMULATIF, None, D(110), None),  # unknown past: no sum, not 0 + 110
        (Akumulasi.KUMULATIF, D(0), D(110), D(110)),  # first Renstra year: say 0 explicitly
        (Akumulasi.KUMULATIF, D(200), None, None),
        (Akumulasi.NILAI_AKHIR, D(88), D(90), D(90)),
        (Akumulasi.RATA_RATA, D(88), D(90), D(90)),
    ],
)
def test_column_13_adds_years_only_for_kumulatif(akumulasi, lalu, ini, hasil):
    assert realisasi_sampai_tahun_ini(akumulasi=akumulasi, sampai_tahun_lalu=lalu, tahun_ini=ini) == hasil


def test_column_number_outside_the_form_is_an_error():
    with pytest.raises(ValueError, match="kolom 4 sampai 14"):
        baris().kolom(3)


def test_footer_gives_mean_rating_and_weighted_budget():
    penuh = baris()  # capaian 110 %, Rp 900.000 of 1.000.000
    separuh = baris(realisasi_tw=tw(10, 20, 10, 10), pagu=D(3_000_000))  # 50 %, Rp 900.000 of 3.000.000
    kosong = baris(realisasi_tw=tw(None, None, None, None), realisasi_anggaran_tw=tw(None, None, None, None))
    ringkas = ringkasan_evaluasi_renja(
        baris=[("1.06.02.2.01.0001", penuh), ("1.06.02.2.01.0002", separuh), ("1.06.02.2.01.0003", kosong)],
        skala=SKALA_PERMENDAGRI_86_2017,
        batas_atas=D(100),
    )
    assert ringkas.rata_rata.nilai == D(75)  # (100 capped + 50) ÷ 2
    assert ringkas.rata_rata.dikecualikan == ("1.06.02.2.01.0003",)
    assert ringkas.predikat.label == "Sedang"
    assert ringkas.anggaran == Anggaran(pagu=D(4_000_000), realisasi=D(1_800_000))
    assert ringkas.anggaran.persen == D(45)
