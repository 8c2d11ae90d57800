"""From four quarters to a year (DOMAIN §5 "Quarter to year"): missing is never 0."""

from decimal import Decimal

import pytest

from pelaporan.domain import (
    Akumulasi,
    Arah,
    RumusNegatif,
    capaian_sampai_tw,
    periksa_target_triwulan,
    progres_target_tahunan,
    realisasi_tahunan,
)

D = Decimal
KUM, AKHIR, RATA = Akumulasi.KUMULATIF, Akumulasi.NILAI_AKHIR, Akumulasi.RATA_RATA


def tw(*nilai):
    return tuple(None if v is None else D(v) for v in nilai)


@pytest.mark.parametrize(
    ("akumulasi", "realisasi", "sampai", "nilai", "dilaporkan", "belum"),
    [
        (KUM, tw(10, 20, 30, 40), 4, D(100), (1, 2, 3, 4), ()),
        (KUM, tw(10, None, 30, 40), 4, D(80), (1, 3, 4), (2,)),  # TW II missing: not 0, listed
        (KUM, tw(10, 20, 30, 40), 2, D(30), (1, 2), ()),  # the state at TW II
        (AKHIR, tw("70.5", "80.25", None, None), 4, D("80.25"), (1, 2), (3, 4)),
        (AKHIR, tw(70, None, 75, None), 4, D(75), (1, 3), (2, 4)),
        (RATA, tw(80, 90, None, 100), 4, D(90), (1, 2, 4), (3,)),
        (RATA, tw(None, None, None, None), 4, None, (), (1, 2, 3, 4)),
        (KUM, tw(None, None, None, None), 4, None, (), (1, 2, 3, 4)),
    ],
)
def test_year_realisasi_uses_only_reported_quarters(akumulasi, realisasi, sampai, nilai, dilaporkan, belum):
    hasil = realisasi_tahunan(akumulasi=akumulasi, realisasi=realisasi, sampai=sampai)
    assert hasil.nilai == nilai
    assert hasil.dilaporkan == dilaporkan
    assert hasil.belum_dilaporkan == belum
    assert hasil.lengkap is (not belum)


@pytest.mark.parametrize(
    ("akumulasi", "target", "realisasi", "sampai", "capaian", "dipakai", "belum", "tanpa_target"),
    [
        # kumulatif: Σ R ÷ Σ T over TW 1..k, each quarter with its own target
        (KUM, tw(25, 25, 25, 25), tw(20, 30, None, None), 2, D(100), (1, 2), (), ()),
        (KUM, tw(0, 50, 50, 0), tw(5, 45, None, None), 2, D(100), (1, 2), (), ()),
        # nilai akhir: TW k against TW k's target
        (AKHIR, tw(70, 75, 80, 85), tw(72, 74, 82, 90), 4, D(90) / D(85) * 100, (4,), (), ()),
        (AKHIR, tw(70, 75, 80, 85), tw(None, None, 82, None), 3, D(82) / D(80) * 100, (3,), (1, 2), ()),
        # rata-rata: mean R ÷ mean T of the same quarters
        (RATA, tw(80, 80, 100, 100), tw(80, 70, 90, 100), 4, D(340) / D(360) * 100, (1, 2, 3, 4), (), ()),
        # a quarter without a target does not block the period; reported, it is listed and left out
        (KUM, tw(10, None, 30, 40), tw(10, 20, 15, None), 3, D("62.5"), (1, 3), (), (2,)),
        (KUM, tw(10, None, 30, 40), tw(10, None, 15, None), 3, D("62.5"), (1, 3), (2,), ()),
    ],
)
def test_capaian_up_to_tw_k_uses_the_quarters_with_their_own_targets(
    akumulasi, target, realisasi, sampai, capaian, dipakai, belum, tanpa_target
):
    hasil = capaian_sampai_tw(
        akumulasi=akumulasi, arah=Arah.POSITIF, target_tw=target, realisasi_tw=realisasi, sampai=sampai
    )
    assert hasil.hasil.nilai == capaian
    assert hasil.triwulan_dipakai == dipakai
    assert hasil.belum_dilaporkan == belum
    assert hasil.tanpa_target == tanpa_target
    assert hasil.lengkap


@pytest.mark.parametrize(
    ("akumulasi", "target", "realisasi", "sampai", "kurang", "sementara", "dari"),
    [
        # DOMAIN §5: an incomplete period has no capaian; the partial figure is only "sementara".
        (KUM, tw(25, 25, 25, 25), tw(20, 30, None, None), 4, (3, 4), D(100), (1, 2)),
        (KUM, tw(10, 20, 30, 40), tw(10, None, 15, None), 3, (2,), D("62.5"), (1, 3)),
        (AKHIR, tw(70, 75, 80, 85), tw(72, 74, None, None), 3, (3,), D(74) / D(75) * 100, (2,)),
        (RATA, tw(80, 80, 100, 100), tw(80, None, 90, None), 4, (2, 4), D(85) / D(90) * 100, (1, 3)),
    ],
)
def test_an_incomplete_period_has_no_capaian_only_a_sementara_figure(
    akumulasi, target, realisasi, sampai, kurang, sementara, dari
):
    hasil = capaian_sampai_tw(
        akumulasi=akumulasi, arah=Arah.POSITIF, target_tw=target, realisasi_tw=realisasi, sampai=sampai
    )
    assert hasil.hasil.nilai is None
    assert (
        hasil.hasil.alasan
        == "belum lengkap: "
        + ", ".join(f"TW {['I', 'II', 'III', 'IV'][t - 1]}" for t in kurang)
        + " belum ada data"
    )
    assert hasil.kurang == kurang
    assert hasil.sementara.nilai == sementara
    assert hasil.triwulan_sementara == dari
    assert hasil.triwulan_dipakai == ()


def test_capaian_up_to_tw_explains_method_and_gaps_for_the_screen():
    hasil = capaian_sampai_tw(
        akumulasi=KUM,
        arah=Arah.POSITIF,
        target_tw=tw(10, None, 30, 40),
        realisasi_tw=tw(10, None, 15, None),
        sampai=3,
    )
    assert hasil.keterangan == (
        "Capaian s/d TW III dihitung dari TW I, TW III "
        "(jumlah realisasi ÷ jumlah target triwulan yang sama). Belum dilaporkan: TW II."
    )
    assert hasil.hasil.rumus == "25 ÷ 40 × 100"
    assert (hasil.target, hasil.realisasi) == (D(40), D(25))
    kurang = capaian_sampai_tw(
        akumulasi=KUM,
        arah=Arah.POSITIF,
        target_tw=tw(10, 20, 30, 40),
        realisasi_tw=tw(10, None, 15, None),
        sampai=3,
    )
    assert kurang.keterangan == (
        "Capaian s/d TW III belum lengkap: TW II belum ada data. Angka sementara dihitung dari TW I, "
        "TW III (jumlah realisasi ÷ jumlah target triwulan yang sama) dan tidak dinilai."
    )


@pytest.mark.parametrize(
    ("target", "realisasi", "alasan", "tanpa_target"),
    [
        (tw(10, 20, 30, 40), tw(None, None, None, None), "belum ada data", ()),
        (tw(None, None, None, None), tw(5, None, None, None), "target belum ditetapkan", (1,)),
    ],
)
def test_capaian_up_to_tw_without_usable_quarter_says_why(target, realisasi, alasan, tanpa_target):
    hasil = capaian_sampai_tw(
        akumulasi=KUM, arah=Arah.POSITIF, target_tw=target, realisasi_tw=realisasi, sampai=4
    )
    assert hasil.hasil.nilai is None
    assert hasil.hasil.alasan == alasan
    assert hasil.tanpa_target == tanpa_target
    assert "belum ada triwulan yang dapat dihitung" in hasil.keterangan


def test_capaian_up_to_tw_applies_the_indicators_arah_and_cap():
    negatif = capaian_sampai_tw(
        akumulasi=KUM,
        arah=Arah.NEGATIF,
        target_tw=tw(5, 5, 5, 5),
        realisasi_tw=tw(4, 4, None, None),
        sampai=2,
        rumus_negatif=RumusNegatif.SELISIH,
    )
    assert negatif.hasil.nilai == D(120)  # (2 × 10 − 8) ÷ 10
    dibatasi = capaian_sampai_tw(
        akumulasi=KUM,
        arah=Arah.POSITIF,
        target_tw=tw(5, 5, 5, 5),
        realisasi_tw=tw(10, None, None, None),
        sampai=1,
        batas_atas=D(120),
    )
    assert (dibatasi.hasil.nilai, dibatasi.hasil.nilai_dibatasi) == (D(200), D(120))


def test_rentang_quarters_sum_both_bounds_when_kumulatif():
    hasil = capaian_sampai_tw(
        akumulasi=KUM,
        arah=Arah.MENDEKATI,
        target_tw=tw(10, 10, 10, 10),
        target_atas_tw=tw(15, 15, 15, 15),
        realisasi_tw=tw(12, 16, None, None),
        sampai=2,
    )
    assert hasil.hasil.nilai == D(100)  # 28 inside [20, 30]


def test_progress_toward_annual_target_is_labelled_as_progress():
    progres = progres_target_tahunan(
        akumulasi=KUM, target_tahunan=D(1106), realisasi_tw=tw(316, 316, None, None), sampai=2
    )
    assert progres.nilai == D(632) / D(1106) * 100
    assert progres.label == "Progres terhadap target tahunan s/d TW II (bukan capaian tahunan)"
    assert progres.rumus == "632 ÷ 1.106 × 100"
    assert progres.belum_dilaporkan == ()


@pytest.mark.parametrize(
    ("target", "realisasi", "alasan"),
    [
        (D(100), tw(None, None, None, None), "belum ada data"),
        (None, tw(5, None, None, None), "target tahunan belum ditetapkan"),
        (D(0), tw(5, None, None, None), "target tahunan 0 atau negatif: progres tidak dapat dihitung"),
    ],
)
def test_progress_without_value_says_why(target, realisasi, alasan):
    progres = progres_target_tahunan(akumulasi=KUM, target_tahunan=target, realisasi_tw=realisasi)
    assert (progres.nilai, progres.alasan) == (None, alasan)


def test_progress_exists_only_for_kumulatif_indicators():
    with pytest.raises(ValueError, match="hanya berlaku untuk indikator kumulatif"):
        progres_target_tahunan(akumulasi=AKHIR, target_tahunan=D(100), realisasi_tw=tw(1, 2, 3, 4))


@pytest.mark.parametrize(
    ("akumulasi", "tahunan", "target", "peringatan"),
    [
        (KUM, D(100), tw(25, 25, 25, 25), []),
        (
            KUM,
            D(100),
            tw(20, 20, 25, 25),
            ["Jumlah target TW I–IV (90) tidak sama dengan target tahunan (100)."],
        ),
        (
            KUM,
            D("12.5"),
            tw("2.5", 3, 3, 3),
            ["Jumlah target TW I–IV (11,5) tidak sama dengan target tahunan (12,5)."],
        ),
        (AKHIR, D(100), tw(70, 80, 90, 100), []),
        (AKHIR, D(100), tw(70, 80, 90, 95), ["Target TW IV (95) tidak sama dengan target tahunan (100)."]),
        (RATA, D(90), tw(80, 90, 90, 100), []),
        (
            RATA,
            D(90),
            tw(80, 80, 90, 100),
            ["Rata-rata target TW I–IV (87,5) tidak sama dengan target tahunan (90)."],
        ),
        (KUM, D(100), tw(25, None, 25, None), ["Target TW II belum diisi.", "Target TW IV belum diisi."]),
        (AKHIR, None, tw(70, 80, 90, 100), ["Target tahunan belum diisi."]),
    ],
)
def test_quarterly_targets_are_checked_against_the_annual_one(akumulasi, tahunan, target, peringatan):
    assert (
        periksa_target_triwulan(akumulasi=akumulasi, target_tahunan=tahunan, target_tw=target) == peringatan
    )


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        ({"realisasi": tw(1, 2, 3)}, "harus berisi 4 triwulan"),
        ({"realisasi": tw(1, 2, 3, 4), "sampai": 5}, "Triwulan harus 1 sampai 4"),
        ({"realisasi": tw(1, 2, 3, 4), "akumulasi": "jumlah"}, "Cara akumulasi tidak dikenal"),
    ],
)
def test_malformed_quarter_input_is_refused(argumen, pesan):
    with pytest.raises(ValueError, match=pesan):
        realisasi_tahunan(**{"akumulasi": KUM, **argumen})


def test_quarter_values_refuse_float():
    with pytest.raises(TypeError, match="harus Decimal"):
        realisasi_tahunan(akumulasi=KUM, realisasi=(D(1), 2.5, None, None))
