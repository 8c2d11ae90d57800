"""The Renstra demo fixture: loads after the organisation, every row valid, the figures as printed."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Sum

AKAR = Path(__file__).resolve().parents[2]
FIXTURE_ORGANISASI = AKAR / "fixtures" / "demo_organisasi.json"
FIXTURE_RENSTRA = AKAR / "fixtures" / "demo_renstra.json"
SKRIP = AKAR / "fixtures" / "sumber" / "buat_demo_renstra.py"

OPD_KUKAR, OPD_SIDOARJO = 1, 3


@pytest.fixture
def demo(db) -> None:
    call_command("loaddata", str(FIXTURE_ORGANISASI), str(FIXTURE_RENSTRA), verbosity=0)


def _renstra(opd: int, tahun_awal: int):
    from renstra.models import Renstra

    return Renstra.objects.get(opd_id=opd, tahun_awal=tahun_awal)


def _muat_skrip() -> ModuleType:
    spec = importlib.util.spec_from_file_location("buat_demo_renstra", SKRIP)
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_fixture_sama_dengan_keluaran_skrip() -> None:
    """The JSON is what the script writes: edit the tables in the script, never the JSON."""
    modul = _muat_skrip()
    assert FIXTURE_RENSTRA.read_text(encoding="utf-8") == modul.tulis(modul.bangun())


def test_setiap_baris_renstra_lolos_full_clean(demo) -> None:
    salah = []
    jumlah = 0
    for model in apps.get_app_config("renstra").get_models():
        for obj in model.objects.all():
            jumlah += 1
            if obj.pk < 1000:
                salah.append(f"{model.__name__} pk {obj.pk} < 1000")
            kode_sebelum = (getattr(obj, "kode", None), getattr(obj, "kode_tampil", None))
            try:
                obj.full_clean()
            except ValidationError as exc:
                salah.append(f"{model.__name__} {obj.pk} {obj}: {exc.message_dict}")
                continue
            # clean() derives the normalised code from the printed one: the fixture already holds it.
            if (getattr(obj, "kode", None), getattr(obj, "kode_tampil", None)) != kode_sebelum:
                salah.append(f"{model.__name__} {obj.pk}: kode {kode_sebelum} berubah saat clean()")
    assert salah == []
    assert jumlah == 781  # 767 + the 7 program indicators of Renstra 2016–2021 with their 2021 targets


def test_jumlah_baris_per_model(demo) -> None:
    from renstra import models as m

    assert m.RPJMD.objects.count() == 2
    assert m.MisiRPJMD.objects.count() == 6
    assert m.Renstra.objects.count() == 3
    assert {(r.opd_id, r.tahun_awal, r.tahun_akhir) for r in m.Renstra.objects.all()} == {
        (OPD_KUKAR, 2016, 2021),
        (OPD_KUKAR, 2021, 2026),
        (OPD_SIDOARJO, 2016, 2021),
    }
    assert m.Indikator.objects.count() == 144
    assert m.TargetIndikator.objects.count() == 247
    assert m.PaguIndikatif.objects.count() == 158


def test_rpjmd_kukar_visi_misi_dan_renstra_2021_2026(demo) -> None:
    from renstra.models import RPJMD

    rpjmd = RPJMD.objects.get(pemda_id=1)
    assert (rpjmd.tahun_awal, rpjmd.tahun_akhir) == (2021, 2026)
    assert rpjmd.visi == "Mewujudkan Masyarakat Kutai Kartanegara yang Sejahtera dan Berbahagia"
    assert "Nomor 6 Tahun 2021" in rpjmd.dasar_hukum
    assert list(rpjmd.misi.values_list("nomor", flat=True)) == [1, 2, 3, 4, 5]
    assert not rpjmd.tujuan.exists()  # no source names tujuan or sasaran daerah
    r = _renstra(OPD_KUKAR, 2021)
    assert r.rpjmd_id == rpjmd.pk
    assert _renstra(OPD_KUKAR, 2016).rpjmd_id is None


def test_kukar_2021_2026_pohon_dan_pagu(demo) -> None:
    from renstra.models import (
        ArahKebijakan,
        Kegiatan,
        PaguIndikatif,
        PemetaanProgram,
        Program,
        Strategi,
        SubKegiatan,
        Tujuan,
    )

    r = _renstra(OPD_KUKAR, 2021)
    assert Program.objects.filter(renstra=r).count() == 7
    assert Kegiatan.objects.filter(renstra=r).count() == 18
    assert SubKegiatan.objects.filter(renstra=r).count() == 61
    assert Strategi.objects.filter(renstra=r).count() == 7
    assert ArahKebijakan.objects.filter(renstra=r).count() == 25
    assert list(Tujuan.objects.filter(renstra=r).values_list("kode", "misi__nomor")) == [("T1", 1), ("T2", 2)]

    tmp = Program.objects.get(renstra=r, kode="1.06.07")
    assert tmp.kode_tampil == "01.06.07"
    sub = SubKegiatan.objects.get(renstra=r, kode_tampil="1.06.01.2.01.01")
    assert sub.kode == "1.06.01.2.01.0001"
    assert sub.kegiatan.kode == "1.06.01.2.01"

    pemetaan = dict(PemetaanProgram.objects.filter(renstra=r).values_list("program__kode", "sasaran__kode"))
    assert pemetaan == {f"1.06.0{i}": ("S1" if i == 1 else "S2") for i in range(1, 8)}

    pagu = PaguIndikatif.objects.filter(renstra=r)
    assert pagu.filter(tahun=2024).count() == 61
    assert pagu.filter(tahun=2024).aggregate(s=Sum("jumlah"))["s"] == Decimal("50009023965")
    # The printed 2025 sub-kegiatan rows (the printed kegiatan totals, 43.263.312.074, don't add up).
    assert pagu.filter(tahun=2025).aggregate(s=Sum("jumlah"))["s"] == Decimal("39484496674")
    assert pagu.filter(tahun=2025).count() == 55


def test_kukar_2021_2026_target_renja_dan_spm(demo) -> None:
    from renstra.models import Indikator, TargetIndikator

    r = _renstra(OPD_KUKAR, 2021)
    ind = Indikator.objects.get(renstra=r, sub_kegiatan__kode="1.06.01.2.01.0001")
    assert (ind.satuan, ind.target_akhir) == ("Dokumen", Decimal("10"))
    target = dict(ind.target.values_list("jenis", "nilai"))
    assert target == {"renja": Decimal("6"), "renja_perubahan": Decimal("5")}

    spm = Indikator.objects.filter(renstra=r, program__isnull=False, definisi__startswith="Indikator SPM")
    assert sorted(spm.values_list("program__kode", flat=True)) == ["1.06.04"] * 4 + ["1.06.06"]
    target_spm = TargetIndikator.objects.filter(indikator__in=spm)
    assert target_spm.count() == 25
    assert set(target_spm.values_list("tahun", "jenis", "nilai")) == {
        (t, "renstra", Decimal("100")) for t in range(2022, 2027)
    }
    # 2025 perkiraan maju is not a Renstra target: no 2025 target outside the SPM rows.
    assert not TargetIndikator.objects.filter(renstra=r, tahun=2025).exclude(indikator__in=spm).exists()


def test_kukar_2016_2021_sepuluh_indikator_pk(demo) -> None:
    from renstra.models import Indikator, PemetaanProgram, Program, Sasaran

    r = _renstra(OPD_KUKAR, 2016)
    sasaran = Sasaran.objects.filter(renstra=r)
    assert list(sasaran.values_list("kode", flat=True)) == ["S1", "S2", "S3"]
    assert not sasaran.filter(tujuan__isnull=False).exists()

    daftar = list(
        Indikator.objects.filter(renstra=r, sasaran__isnull=False).order_by("sasaran__urutan", "urutan")
    )
    assert len(daftar) == 10
    # and one indicator per program, with the 2021 target LKjIP 2021 Tabel 3.6 measures
    program = Indikator.objects.filter(renstra=r, program__isnull=False).order_by("program__kode")
    assert [i.target.get(tahun=2021).nilai for i in program] == [
        Decimal(x) for x in ("80", "84", "100", "100", "94.33", "100", "100")
    ]
    target_2021 = [i.target.get(tahun=2021, jenis="renstra").nilai for i in daftar]
    assert target_2021 == [
        Decimal(x) for x in ("80", "100", "100", "2", "100", "100", "100", "70", "94.33", "100")
    ]

    predikat, pmks = daftar[0], daftar[8]
    assert [i.nama for i in daftar if i.iku] == [
        "Predikat Akuntabilitas Kinerja Dinas Sosial",
        "Cakupan Penanganan PMKS",
    ]
    assert predikat.skala_predikat == "sakip"
    assert (predikat.baseline_nilai, predikat.baseline_tahun, predikat.target_akhir) == (
        Decimal("60"),
        2016,
        Decimal("80"),
    )
    assert (pmks.baseline_nilai, pmks.target_akhir) == (Decimal("74.26"), Decimal("94.33"))
    assert predikat.target.get(tahun=2020).nilai == Decimal("76")
    assert pmks.target.get(tahun=2020).nilai == Decimal("70.32")
    assert "Baik (B) 60-70" in daftar[7].keterangan
    assert all(i.arah == "positif" for i in daftar)
    assert [i.akumulasi for i in daftar].count("kumulatif") == 1  # Pengamanan bidang tanah
    assert daftar[3].akumulasi == "kumulatif"

    pemetaan = PemetaanProgram.objects.filter(renstra=r)
    assert dict(pemetaan.values_list("program__kode", "sasaran__kode")) == {
        f"1.06.0{i}": ("S1" if i == 1 else "S2") for i in range(1, 8)
    }
    assert Program.objects.get(renstra=r, kode="1.06.01").nama == (
        "Program Penunjang Urusan Pemerintahan Kabupaten/Kota"
    )


def test_sidoarjo_sasaran_prevalensi_pmks_arah_negatif(demo) -> None:
    from renstra.models import Indikator, PaguIndikatif, SubKegiatan

    r = _renstra(OPD_SIDOARJO, 2016)
    ind = Indikator.objects.get(renstra=r, sasaran__isnull=False)
    assert ind.nama == "Persentase penurunan PMKS terhadap penduduk"
    assert ind.arah == "negatif"
    assert ind.iku
    assert ind.definisi == "jumlah PMKS dibagi jumlah penduduk x 100%"
    assert (ind.baseline_nilai, ind.baseline_tahun, ind.target_akhir) == (
        Decimal("1.93"),
        2016,
        Decimal("1.81"),
    )
    assert ind.target.get(tahun=2021, jenis="renstra").nilai == Decimal("1.81")
    assert ind.target.get(tahun=2021, jenis="renja_perubahan").nilai == Decimal("2.38")
    assert list(ind.target.filter(jenis="renstra").values_list("tahun", "nilai")) == [
        (2017, Decimal("1.93")),
        (2018, Decimal("1.9")),
        (2019, Decimal("1.87")),
        (2020, Decimal("2.23")),
        (2021, Decimal("1.81")),
    ]
    sasaran = ind.sasaran
    assert sasaran.sasaran_daerah.kode == "S.4"
    assert sasaran.sasaran_daerah.tujuan.kode == "T.2"
    assert sasaran.tujuan.uraian == "Menurunkan jumlah penduduk miskin"
    # The LRA 2021 total (§3.6: Rp 34.547.900.993) from the sub-kegiatan pagu.
    total = PaguIndikatif.objects.filter(renstra=r, tahun=2021).aggregate(s=Sum("jumlah"))["s"]
    assert total == Decimal("34547900993")
    assert SubKegiatan.objects.filter(renstra=r).count() == 42
    assert SubKegiatan.objects.filter(renstra=r, kode="").count() == 8
