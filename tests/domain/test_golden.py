"""Golden figures from the source documents, recomputed (never the printed wrong ones).

The JSON files in ``golden/`` cite their table and source lines; their notes say which
printed figures are wrong and why (../seeds/notes/).
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pelaporan.domain import (
    SKALA_PERMENDAGRI_86_2017,
    Akumulasi,
    Anggaran,
    Arah,
    TingkatKode,
    efisiensi,
    hitung_capaian,
    jumlah_anggaran,
    kolom_capaian_renja,
    normalisasi_kode,
    perubahan_tahunan,
    predikat,
    rata_rata_capaian,
    rollup_anggaran,
)
from pelaporan.domain.angka import bulatkan, format_angka, format_persen

D = Decimal
GOLDEN = Path(__file__).parent / "golden"


def muat(nama: str) -> dict:
    return json.loads((GOLDEN / nama).read_text(encoding="utf-8"))


SEED000_3_2 = muat("seed000_tabel_3_2.json")
SEED000_3_4 = muat("seed000_tabel_3_4.json")
SEED000_3_7 = muat("seed000_tabel_3_7.json")
SEED000_3_8 = muat("seed000_tabel_3_8.json")
SEED003_T1 = muat("seed003_tabel_1.json")
SEED003_PAGU = muat("seed003_pagu_apbd_p_2024.json")


def _capaian_3_2(baris: dict):
    return hitung_capaian(arah=Arah.POSITIF, target=D(baris["target"]), realisasi=D(baris["realisasi"]))


@pytest.mark.parametrize("baris", SEED000_3_2["indikator"], ids=lambda b: b["indikator"][:40])
def test_seed000_tabel_3_2_capaian_and_kriteria_per_indicator(baris):
    hasil = _capaian_3_2(baris)
    assert bulatkan(hasil.nilai) == D(baris["capaian"])
    assert predikat(hasil=hasil, skala=SKALA_PERMENDAGRI_86_2017).label == baris["kriteria"]


def test_seed000_tabel_3_2_mean_is_96_58_sangat_tinggi_not_the_printed_99_84():
    rata = rata_rata_capaian(nilai=[(b["indikator"], _capaian_3_2(b)) for b in SEED000_3_2["indikator"]])
    assert rata.jumlah_dipakai == 10
    assert format_persen(rata.nilai) == "96,58 %"
    assert bulatkan(rata.nilai) == D(SEED000_3_2["rata_rata"]["nilai"])
    assert SKALA_PERMENDAGRI_86_2017.kategori(rata.nilai).label == "Sangat Tinggi"


def _program_3_7():
    return [
        (p["kode"], Anggaran(pagu=D(p["pagu"]), realisasi=D(p["realisasi"]))) for p in SEED000_3_7["program"]
    ]


@pytest.mark.parametrize("program", SEED000_3_7["program"], ids=lambda p: p["kode"])
def test_seed000_tabel_3_7_percentage_and_sisa_per_program(program):
    anggaran = Anggaran(pagu=D(program["pagu"]), realisasi=D(program["realisasi"]))
    assert bulatkan(anggaran.persen) == D(program["persen"])
    assert anggaran.sisa == D(program["sisa"])


def test_seed000_tabel_3_7_total_is_84_45_with_sisa_3_141_016_105():
    hasil = rollup_anggaran(baris=_program_3_7())
    total = SEED000_3_7["total"]
    assert hasil.total == Anggaran(pagu=D(total["pagu"]), realisasi=D(total["realisasi"]))
    assert format_persen(hasil.total.persen) == "84,45 %"
    assert format_angka(hasil.total.sisa) == "3.141.016.105,00"
    assert hasil.total.sisa == D(total["sisa"])


def test_seed000_tabel_3_5_serapan_of_the_pmks_programs_is_weighted_75_17_not_72_80():
    pmks = SEED000_3_7["program_pmks"]
    rollup = rollup_anggaran(baris=_program_3_7())
    serapan = jumlah_anggaran(baris=[rollup.per_kode[k] for k in pmks["kode"]]).persen
    assert bulatkan(serapan) == D(pmks["persen"])


@pytest.mark.parametrize("baris", SEED000_3_7["efisiensi"], ids=["predikat-akuntabilitas", "pmks"])
def test_seed000_tabel_3_5_efisiensi_is_not_computed_below_100_percent(baris):
    hasil = efisiensi(capaian=D(baris["capaian"]), serapan=D(baris["serapan"]))
    assert (hasil.nilai, hasil.alasan) == (None, baris["alasan"])


def test_seed000_tabel_3_8_total_83_67_with_an_uncoded_line():
    baris = [
        (b["kode"], Anggaran(pagu=D(b["pagu"]), realisasi=D(b["realisasi"]))) for b in SEED000_3_8["baris"]
    ]
    hasil = rollup_anggaran(baris=baris)
    assert hasil.per_kode == {}  # old nomenclature and Belanja Tidak Langsung: no codes
    assert hasil.total == hasil.tanpa_kode
    assert bulatkan(hasil.total.persen) == D(SEED000_3_8["total"]["persen"])
    assert hasil.total.sisa == D(SEED000_3_8["total"]["sisa"])
    administrasi = baris[0][1]
    assert administrasi.sisa == D(SEED000_3_8["baris"][0]["sisa"])  # 286.644.599, not the copied 824.743.202


def test_seed000_budget_change_2020_to_2021_is_up_0_78_pp_not_10_44():
    # DOMAIN §5: between the printed 84,45 and 83,67 (0,79 at full precision; the seed printed 10,44)
    sekarang = rollup_anggaran(baris=_program_3_7()).total.persen
    lalu = jumlah_anggaran(
        baris=[Anggaran(pagu=D(b["pagu"]), realisasi=D(b["realisasi"])) for b in SEED000_3_8["baris"]]
    ).persen
    harapan = SEED000_3_8["perubahan_2020_2021"]
    hasil = perubahan_tahunan(sekarang=sekarang, lalu=lalu)
    assert bulatkan(hasil.selisih) == D(harapan["selisih"])
    assert hasil.arah == harapan["arah"]


def test_seed000_tabel_3_4_pmks_fell_13_96_pp_between_the_printed_capaian():
    # DOMAIN §5: 109,39 − 95,43 = 13,96, what a reader's own subtraction gives (13,95 at full precision)
    pmks = SEED000_3_4["pmks"]
    c2020 = hitung_capaian(
        arah=Arah.POSITIF, target=D(pmks["target_2020"]), realisasi=D(pmks["realisasi_2020"])
    )
    c2021 = hitung_capaian(
        arah=Arah.POSITIF, target=D(pmks["target_2021"]), realisasi=D(pmks["realisasi_2021"])
    )
    assert (bulatkan(c2020.nilai), bulatkan(c2021.nilai)) == (
        D(pmks["capaian_2020"]),
        D(pmks["capaian_2021"]),
    )
    assert SKALA_PERMENDAGRI_86_2017.kategori(c2020.nilai).label == "Sangat Tinggi"  # 109,39 % has a band now
    hasil = perubahan_tahunan(sekarang=c2021.nilai, lalu=c2020.nilai)
    assert bulatkan(hasil.selisih) == D(pmks["selisih"])
    assert hasil.arah == pmks["arah"]
    renstra = hitung_capaian(
        arah=Arah.POSITIF, target=D(pmks["target_akhir_renstra"]), realisasi=D(pmks["realisasi_2021"])
    )
    assert bulatkan(renstra.nilai) == D(pmks["capaian_renstra"])
    belum = hitung_capaian(arah=Arah.POSITIF, target=D(80), realisasi=None)
    assert belum.alasan == "belum ada data"  # Predikat Akuntabilitas 2021: "Belum Ada Penilaian"


def _kolom_003(baris: dict):
    return kolom_capaian_renja(
        akumulasi=Akumulasi.KUMULATIF,
        target_renstra=D(baris["kolom_4_target_renstra"]),
        realisasi_sampai_tahun_lalu=D(baris["kolom_5_realisasi_sd_2023"]),
        target_tahun_ini=D(baris["kolom_6_target_2024"]),
        realisasi_tahun_ini=D(baris["kolom_7_realisasi_sd_tw2"]),  # realisasi s/d TW II = our column 11
    )


def _selisih_003(baris: dict) -> list[str]:
    """What differs from the golden row; an empty list when the row matches."""
    kolom = _kolom_003(baris)
    kode = baris["kode"]
    beda = []
    # seed column 8 = 7/6 is the form's column 12
    c12 = kolom.capaian_tahun_ini.nilai
    if (bulatkan(c12), bulatkan(c12, tempat=0)) != (D(baris["kolom_8_hitung"]), D(baris["kolom_8_tercetak"])):
        beda.append(f"{kode} kolom 8: {c12}")
    if baris["tingkat"] == "kegiatan":  # 1.06.01.2.01 prints column 8 only
        return beda
    # seed column 10 = 5 + 7 is the form's column 13; column 11 = 10/4 the form's column 14
    if not kolom.realisasi_sampai_tahun_ini == D(baris["kolom_10_hitung"]) == D(baris["kolom_10_tercetak"]):
        beda.append(f"{kode} kolom 10: {kolom.realisasi_sampai_tahun_ini}")
    c14 = kolom.capaian_renstra.nilai
    if (bulatkan(c14), bulatkan(c14, tempat=0)) != (
        D(baris["kolom_11_hitung"]),
        D(baris["kolom_11_tercetak"]),
    ):
        beda.append(f"{kode} kolom 11: {c14}")
    return beda


def test_seed003_tabel_1_columns_8_10_11_for_every_row():
    # One test over all 62 rows (a parametrized case per row costs more in pytest overhead
    # than the arithmetic); the assertion names every row that differs.
    beda = [b for baris in SEED003_T1["baris"] for b in _selisih_003(baris)]
    assert beda == []


def test_seed003_tabel_1_covers_61_sub_kegiatan_and_the_one_kegiatan_with_figures():
    tingkat = [normalisasi_kode(b["kode"]).count(".") for b in SEED003_T1["baris"]]
    assert (tingkat.count(5), tingkat.count(4)) == (61, 1)


def test_seed003_tabel_1_mean_of_column_8_is_67_26_and_53_40_capped_at_100():
    harapan = SEED003_T1["rata_rata_kolom_8"]
    nilai = [
        (b["kode"], _kolom_003(b).capaian_tahun_ini)
        for b in SEED003_T1["baris"]
        if b["tingkat"] == "sub_kegiatan"
    ]
    rata = rata_rata_capaian(nilai=nilai)
    dibatasi = rata_rata_capaian(nilai=nilai, batas_atas=D(100))
    assert bulatkan(rata.nilai) == D(harapan["nilai"])
    assert SKALA_PERMENDAGRI_86_2017.kategori(rata.nilai).label == harapan["kriteria"]
    assert bulatkan(dibatasi.nilai) == D(harapan["batas_100"])
    assert SKALA_PERMENDAGRI_86_2017.kategori(dibatasi.nilai).label == harapan["kriteria_batas_100"]


@pytest.mark.parametrize("kolom", ["pagu_sebelum", "pagu_sesudah"])
def test_seed003_pagu_rolls_up_from_61_sub_kegiatan_to_every_printed_total(kolom):
    baris = SEED003_PAGU["baris"]
    daun = [
        (b["kode"], Anggaran(pagu=D(b[kolom]), realisasi=D(0))) for b in baris if b["kode"].count(".") == 5
    ]
    hasil = rollup_anggaran(baris=daun)
    assert len(daun) == 61
    assert len(hasil.pada_tingkat(TingkatKode.KEGIATAN)) == 18
    assert len(hasil.pada_tingkat(TingkatKode.PROGRAM)) == 7
    for b in baris:
        if b["kode"].count(".") < 5:  # every printed program and kegiatan row, "01.06.07" included
            assert hasil.per_kode[normalisasi_kode(b["kode"])].pagu == D(b[kolom]), b["kode"]
    assert hasil.total.pagu == D(SEED003_PAGU["total"][kolom])
