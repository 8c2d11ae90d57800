"""Capaian shown mid-year and at year end, with or without a rencana aksi; composite values."""

from decimal import Decimal as D

import pytest

from pelaporan.domain import capaian_berjalan, nilai_komponen


@pytest.mark.parametrize(
    "akumulasi, target_tw, realisasi_tw, sampai, nilai, terhadap_tahunan",
    [
        # rencana aksi present: Σ R ÷ Σ T of the reported quarters
        ("kumulatif", [D(10), D(20), D(30), D(40)], [D(10), D(10), None, None], 2, D(2000) / D(30), False),
        # no rencana aksi, year end: the year's sum against the annual target
        ("kumulatif", [None] * 4, [D(30), D(30), D(20), D(10)], 4, D(90), True),
        # no rencana aksi, mid-year kumulatif: no capaian (it is progress, not capaian)
        ("kumulatif", [None] * 4, [D(30), D(30), None, None], 2, None, False),
        # nilai akhir mid-year without quarterly targets: latest value against the annual target
        ("nilai_akhir", [None] * 4, [D(40), D(50), None, None], 2, D(50), True),
        ("nilai_akhir", [D(25), D(50), D(75), D(100)], [D(20), D(50), None, None], 2, D(100), False),
    ],
)
def test_capaian_berjalan_memakai_target_triwulan_atau_tahunan_dengan_adil(
    akumulasi, target_tw, realisasi_tw, sampai, nilai, terhadap_tahunan
) -> None:
    c = capaian_berjalan(
        akumulasi=akumulasi,
        arah="positif",
        target_tahunan=D(100),
        target_tw=target_tw,
        realisasi_tw=realisasi_tw,
        sampai=sampai,
    )
    assert c.hasil.nilai == nilai
    assert c.terhadap_tahunan is terhadap_tahunan
    if terhadap_tahunan:
        assert "target tahunan yang dipakai" in c.keterangan


def test_capaian_berjalan_tanpa_data_menyebut_belum_ada_data() -> None:
    c = capaian_berjalan(
        akumulasi="nilai_akhir",
        arah="positif",
        target_tahunan=D(100),
        target_tw=[None] * 4,
        realisasi_tw=[None] * 4,
        sampai=4,
    )
    assert c.hasil.nilai is None and c.hasil.alasan == "belum ada data"


def test_nilai_komponen_menjumlah_dulu_baru_membagi() -> None:
    # seed 000: 23.789 + 14.657 + 17.868 = 56.314 of 62.557 KK = 90,02 %
    n = nilai_komponen(pasangan=[(D(23789), D(25000)), (D(14657), D(17557)), (D(17868), D(20000))])
    assert n.pembilang == D(56314) and n.penyebut == D(62557)
    assert round(n.nilai, 2) == D("90.02")
    assert n.rumus == "Σ pembilang 56.314 ÷ Σ penyebut 62.557 × 100"


@pytest.mark.parametrize(
    "pasangan, alasan",
    [
        ([(D(1), None)], "belum lengkap"),
        ([(D(0), D(0)), (D(0), D(0))], "penyebut 0"),
        ([], "tidak memiliki komponen"),
    ],
)
def test_nilai_komponen_tanpa_nilai_menyebut_alasan(pasangan, alasan) -> None:
    n = nilai_komponen(pasangan=pasangan)
    assert n.nilai is None and alasan in n.alasan


def test_nilai_komponen_negatif_ditolak() -> None:
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        nilai_komponen(pasangan=[(D(-1), D(5))])
