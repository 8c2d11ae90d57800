"""The execution demo fixture: PK 2021 of Dinsos Kukar, its quarters and budgets, the LKjIP figures.

Golden figures are seed 000 (LKjIP 2021 Dinas Sosial Kutai Kartanegara) recomputed from its printed
inputs (notes 000-001): Tabel 3.2 capaian, their mean 96,58 (printed 99,84 / 86,77 are wrong) and the
Tabel 3.7 realisasi anggaran 84,45 % (printed 84,50).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Sum

from lkjip.angka import bulatkan

AKAR = Path(__file__).resolve().parents[2]
FIXTURE = [AKAR / "fixtures" / f"demo_{nama}.json" for nama in ("organisasi", "renstra", "pelaporan")]
FIXTURE_PELAPORAN = FIXTURE[-1]
SKRIP = AKAR / "fixtures" / "sumber" / "buat_demo_pelaporan.py"

OPD_KUKAR = 1
D = Decimal

# Tabel 3.2 (seed 000 l.642–654): target, realisasi as printed, capaian recomputed = R ÷ T × 100.
TABEL_3_2 = [
    (D("80"), D("74.76"), D("93.45")),
    (D("100"), D("100"), D("100.00")),
    (D("100"), D("100"), D("100.00")),
    (D("2"), D("2"), D("100.00")),
    (D("100"), D("99.72"), D("99.72")),
    (D("100"), D("100"), D("100.00")),
    (D("100"), D("93.22"), D("93.22")),
    (D("70"), D("58.78"), D("83.97")),
    (D("94.33"), D("90.02"), D("95.43")),
    (D("100"), D("100"), D("100.00")),
]

# Tabel 3.7 (l.805–811): program code, anggaran, realisasi, realisasi % recomputed (notes errors 4, 6).
TABEL_3_7 = [
    ("1.06.01", D("10875718854"), D("10050975652"), D("92.42")),
    ("1.06.02", D("1586600000"), D("828751400"), D("52.23")),
    ("1.06.03", D("100000000"), D("47726100"), D("47.73")),
    ("1.06.04", D("2215000000"), D("1616587000"), D("72.98")),
    ("1.06.05", D("3302058989"), D("2745570509"), D("83.15")),
    ("1.06.06", D("2025000000"), D("1675759477"), D("82.75")),
    ("1.06.07", D("100000000"), D("97991600"), D("97.99")),
]


@pytest.fixture
def demo(db) -> None:
    call_command("loaddata", *map(str, FIXTURE), verbosity=0)


def _opd():
    from lkjip.models import PerangkatDaerah

    return PerangkatDaerah.objects.select_related("pemda").get(pk=OPD_KUKAR)


def _muat_skrip() -> ModuleType:
    spec = importlib.util.spec_from_file_location("buat_demo_pelaporan", SKRIP)
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_fixture_sama_dengan_keluaran_skrip() -> None:
    """The JSON is what the script writes: edit the tables in the script, never the JSON."""
    modul = _muat_skrip()
    assert FIXTURE_PELAPORAN.read_text(encoding="utf-8") == modul.tulis(modul.bangun())


def test_setiap_baris_pelaporan_lolos_full_clean(demo) -> None:
    salah = []
    jumlah = 0
    for model in apps.get_app_config("pelaporan").get_models():
        for obj in model.objects.all():
            jumlah += 1
            if obj.pk <= 1000:
                salah.append(f"{model.__name__} pk {obj.pk} ≤ 1000")
            try:
                obj.full_clean()
            except ValidationError as exc:
                salah.append(f"{model.__name__} {obj.pk} {obj}: {exc.message_dict}")
    assert salah == []
    assert jumlah == 168  # 161 of the PK year, 7 program-indicator realisasi (BAB III Tabel 3.6)


def test_jumlah_baris_per_model(demo) -> None:
    from pelaporan import models as m

    assert m.PerjanjianKinerja.objects.count() == 1
    assert m.ButirPK.objects.count() == 10
    assert m.AnggaranPK.objects.count() == 7
    assert m.TargetTriwulan.objects.count() == 40
    assert m.Realisasi.objects.count() == 47  # 40 PK (10 × 4 quarters) + 7 program indicators (TW IV)
    assert m.Anggaran.objects.filter(tahun=2021).count() == 7
    assert m.Anggaran.objects.filter(tahun=2020).count() == 10
    assert m.RealisasiAnggaran.objects.count() == 7 * 4 + 10
    assert m.PeriodeTriwulan.objects.count() == 4
    assert m.LaporanTriwulan.objects.count() == 4
    assert not m.RealisasiKomponen.objects.exists()
    assert not m.BuktiDukung.objects.exists()
    assert not m.PembukaanKembali.objects.exists()


def test_pk_2021_ditandatangani_dengan_target_tabel_3_2(demo) -> None:
    from pelaporan.models import PerjanjianKinerja
    from pelaporan.selectors import indikator_pk, pk_berlaku

    opd = _opd()
    (pk,) = pk_berlaku(opd, 2021)
    assert (pk.jenjang, pk.versi, pk.status, pk.tanggal) == (
        "kepala",
        1,
        "ditandatangani",
        dt.date(2021, 2, 1),
    )
    assert pk.terkunci
    assert pk.ditandatangani_oleh.username == "kepala.dinsos"
    assert pk.pihak_pertama.nama == "H. Hamly, SE"
    assert (pk.pihak_kedua_nama, pk.pihak_kedua_jabatan) == ("Edi Damansyah", "Bupati Kutai Kartanegara")
    assert pk == PerjanjianKinerja.objects.get(opd=opd, tahun=2021)

    daftar = indikator_pk(opd, 2021)
    assert [d.target for d in daftar] == [t for t, _r, _c in TABEL_3_2]
    assert {d.indikator.renstra.tahun_awal for d in daftar} == {2016}
    assert daftar[8].indikator.nama == "Cakupan Penanganan PMKS"
    assert daftar[8].target == D("94.33")  # not the PK table's misprinted 70,32
    assert daftar[0].kinerja == "Meningkatnya Transparansi dan Akuntabilitas Kinerja Dinas Sosial"

    anggaran = list(pk.anggaran.select_related("program").order_by("urutan"))
    assert [(a.program.kode, a.jumlah) for a in anggaran] == [(k, p) for k, p, _r, _x in TABEL_3_7]
    assert pk.anggaran.aggregate(s=Sum("jumlah"))["s"] == D("20204377843")


def test_rencana_aksi_tanpa_peringatan_dan_realisasi_tahunan_tabel_3_2(demo) -> None:
    from pelaporan.domain import periksa_target_triwulan, realisasi_tahunan
    from pelaporan.models import Realisasi, TargetTriwulan
    from pelaporan.selectors import indikator_pk

    for d, (target, realisasi, _c) in zip(indikator_pk(_opd(), 2021), TABEL_3_2, strict=True):
        ind = d.indikator
        target_tw = dict(
            TargetTriwulan.objects.filter(indikator=ind, tahun=2021).values_list("triwulan", "nilai")
        )
        assert sorted(target_tw) == [1, 2, 3, 4]
        assert (
            periksa_target_triwulan(
                akumulasi=ind.akumulasi,
                target_tahunan=d.target,
                target_tw=[target_tw[t] for t in range(1, 5)],
            )
            == []
        ), ind.nama
        nilai = dict(Realisasi.objects.filter(indikator=ind, tahun=2021).values_list("triwulan", "nilai"))
        assert sorted(nilai) == [1, 2, 3, 4]
        tahunan = realisasi_tahunan(akumulasi=ind.akumulasi, realisasi=[nilai[t] for t in range(1, 5)])
        assert tahunan.nilai == realisasi, ind.nama
        assert d.target == target


def test_teks_tw_iv_dan_belum_ada_data(demo) -> None:
    from pelaporan.models import Realisasi

    tw4 = Realisasi.objects.filter(opd_id=OPD_KUKAR, tahun=2021, triwulan=4, indikator__program__isnull=True)
    assert tw4.count() == 10
    assert not tw4.filter(penjelasan="").exists()
    pmks = tw4.get(indikator__nama="Cakupan Penanganan PMKS")
    assert "56.314 KK dari 62.557 KK" in pmks.penjelasan
    assert "1.043 dari 1.222" in pmks.faktor_penghambat
    assert "SIKS" in pmks.rencana_tindak_lanjut
    # SAKIP and arsip are evaluated once a year: TW I–III say "belum ada data" out loud.
    kosong = Realisasi.objects.filter(nilai__isnull=True, indikator__program__isnull=True)
    assert kosong.count() == 6
    assert set(kosong.values_list("triwulan", flat=True)) == {1, 2, 3}
    assert not kosong.filter(penjelasan="").exists()
    assert set(Realisasi.objects.values_list("opd_id", "diubah_oleh_id", "versi")) == {(OPD_KUKAR, 2, 1)}


def test_capaian_grid_rata_rata_dan_predikat(demo) -> None:
    from pelaporan.domain import rata_rata_capaian
    from pelaporan.selectors import grid_realisasi, skala_pemda

    opd = _opd()
    grid = grid_realisasi(opd, 2021, sampai=4)
    assert len(grid) == 10
    for baris, (target, realisasi, capaian) in zip(grid, TABEL_3_2, strict=True):
        assert baris.peringatan_target == [], baris.indikator.nama
        assert baris.capaian.triwulan_dipakai and not baris.capaian.terhadap_tahunan
        assert (baris.capaian.target, baris.capaian.realisasi) == (target, realisasi), baris.indikator.nama
        assert bulatkan(baris.capaian.hasil.nilai) == capaian, baris.indikator.nama
        assert baris.realisasi_sd == realisasi
    assert [b.kategori.label for b in grid].count("Tinggi") == 1  # arsip 83,97
    rata = rata_rata_capaian(nilai=[(b.indikator.pk, b.capaian.hasil) for b in grid])
    assert rata.dikecualikan == ()
    assert bulatkan(rata.nilai) == D("96.58")  # printed 99,84 (Tabel 3.2) and 86,77 (3.1.1) are wrong
    assert skala_pemda(opd.pemda).kategori(rata.nilai).label == "Sangat Tinggi"


def test_capaian_tengah_tahun(demo) -> None:
    """Mid-year the grid rates what is reported; no value is averaged as 0."""
    from pelaporan.selectors import grid_realisasi

    grid = grid_realisasi(_opd(), 2021, sampai=1)
    sakip, tanah, pmks = grid[0], grid[3], grid[8]
    assert sakip.capaian.hasil.nilai is None and sakip.capaian.belum_dilaporkan == (1,)
    assert bulatkan(tanah.capaian.hasil.nilai) == D("100.00")
    assert bulatkan(pmks.capaian.hasil.nilai) == D("65.15")  # 61,46 ÷ 94,33


def test_anggaran_2021_tabel_3_7(demo) -> None:
    from pelaporan.selectors import anggaran_opd

    ringkasan = anggaran_opd(_opd(), 2021)
    total = ringkasan.total
    assert (total.pagu, total.realisasi) == (D("20204377843.00"), D("17063361738.00"))
    assert bulatkan(total.persen) == D("84.45")  # printed 84,50
    assert total.sisa == D("3141016105.00")
    assert [(b.kode, b.angka.pagu, b.angka.realisasi, bulatkan(b.angka.persen)) for b in ringkasan.baris] == [
        (k, p, r, x) for k, p, r, x in TABEL_3_7
    ]
    # Quarter by quarter it adds up; up to TW II it is the money spent by then.
    for b in ringkasan.baris:
        assert sum(b.realisasi_tw) == b.angka.realisasi and all(x > 0 for x in b.realisasi_tw)
    sampai_tw2 = anggaran_opd(_opd(), 2021, sampai=2).total
    assert D(0) < sampai_tw2.realisasi < total.realisasi


def test_anggaran_2020_tabel_3_8(demo) -> None:
    from pelaporan.models import Anggaran
    from pelaporan.selectors import anggaran_opd

    ringkasan = anggaran_opd(_opd(), 2020)
    total = ringkasan.total
    assert (total.pagu, total.realisasi) == (D("20731452857.32"), D("17345184746.00"))
    assert bulatkan(total.persen) == D("83.67")  # printed 74,06 (notes error 8)
    assert total.sisa == D("3386268111.32")
    assert all(b.tingkat == "lain" for b in ringkasan.baris)
    assert not Anggaran.objects.filter(tahun=2020, program__isnull=False).exists()
    pertama = ringkasan.baris[0]
    assert pertama.uraian == "Program Pelayanan Administrasi Perkantoran"
    assert pertama.angka.sisa == D("286644599.00")  # printed 824.743.202,- (notes error 7)
    btl = next(b for b in ringkasan.baris if b.uraian == "Belanja Tidak Langsung")
    assert btl.angka.pagu == D("8360961563.32")
    assert all(b.realisasi_tw[:3] == [0, 0, 0] for b in ringkasan.baris)


def test_periode_dan_laporan_triwulan_disetujui(demo) -> None:
    from pelaporan.models import LaporanTriwulan, PeriodeTriwulan, Realisasi, RealisasiAnggaran
    from pelaporan.selectors import status_triwulan

    opd = _opd()
    periode = {p.triwulan: p for p in PeriodeTriwulan.objects.filter(pemda_id=1, tahun=2021)}
    assert [(p.dibuka, p.ditutup) for _t, p in sorted(periode.items())] == [
        (dt.date(2021, 4, 1), dt.date(2021, 4, 15)),
        (dt.date(2021, 7, 1), dt.date(2021, 7, 15)),
        (dt.date(2021, 10, 1), dt.date(2021, 10, 15)),
        (dt.date(2022, 1, 1), dt.date(2022, 1, 15)),
    ]
    for lap in LaporanTriwulan.objects.filter(opd=opd, tahun=2021):
        p = periode[lap.triwulan]
        assert lap.status == "disetujui"
        assert (lap.diajukan_oleh.username, lap.diputuskan_oleh.username) == (
            "operator.dinsos",
            "kepala.dinsos",
        )
        diisi = {
            r.diubah_pada
            for model in (Realisasi, RealisasiAnggaran)
            for r in model.objects.filter(triwulan=lap.triwulan, diubah_pada__isnull=False)
        }
        assert len(diisi) == 1
        (diisi,) = diisi
        zona = dt.timezone(dt.timedelta(hours=8))
        assert p.dibuka <= diisi.astimezone(zona).date()
        assert diisi < lap.diajukan_pada < lap.diputuskan_pada
        assert lap.diputuskan_pada.astimezone(zona).date() <= p.ditutup
        status = status_triwulan(opd, 2021, lap.triwulan, hari_ini=dt.date(2022, 2, 25))
        assert not status.terbuka and not status.boleh_diisi
