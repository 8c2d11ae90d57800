"""Bad input is refused with a clear message next to the field, and nothing is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)


def _n(data, **extra):
    return {"opd_id": data.opd_a.pk, "renstra_id": data.rencana["renstra"].pk, **extra}


def _galat(respon) -> dict[str, list[str]]:
    assert respon.status_code == 200, "expected the form back with errors"
    assert "belum disimpan" in respon.content.decode()
    return {k: [str(x) for x in v] for k, v in respon.context["form"].errors.items()}


@pytest.mark.parametrize(
    "kode, pesan",
    [
        ("1.06", "bukan kode program"),
        ("1.06.04.2", "tidak sah"),
        ("abc", "tidak sah"),
        ("1.06.04.2.01.0001", "bukan kode program"),
    ],
)
def test_kode_program_yang_salah_ditolak(data, masuk, kode, pesan) -> None:
    jumlah = Program.objects.count()
    respon = masuk("operator").post(
        reverse("node_tambah", kwargs=_n(data, jenis="program")),
        {"kode_tampil": kode, "nama": "Program X", "urutan": "0"},
    )
    galat = _galat(respon)
    assert any(pesan in g for g in galat["kode_tampil"]), galat
    assert Program.objects.count() == jumlah


def test_kode_kegiatan_di_bawah_program_yang_salah_ditolak(data, masuk) -> None:
    program = data.rencana["program"]  # 1.06.04
    respon = masuk("operator").post(
        reverse("node_tambah", kwargs=_n(data, jenis="kegiatan")),
        {"program": program.pk, "kode_tampil": "1.06.05.2.01", "nama": "Kegiatan salah induk", "urutan": "0"},
    )
    assert "tidak berada di bawah program “1.06.04”" in _galat(respon)["kode_tampil"][0]
    assert not Kegiatan.objects.filter(nama="Kegiatan salah induk").exists()


def test_kode_sub_kegiatan_di_bawah_kegiatan_yang_salah_ditolak(data, masuk) -> None:
    respon = masuk("operator").post(
        reverse("node_tambah", kwargs=_n(data, jenis="subkegiatan")),
        {
            "kegiatan": data.rencana["kegiatan"].pk,
            "kode_tampil": "1.06.04.2.02.01",
            "nama": "Sub salah",
            "urutan": "0",
        },
    )
    assert "tidak berada di bawah kegiatan" in _galat(respon)["kode_tampil"][0]
    assert not SubKegiatan.objects.filter(nama="Sub salah").exists()


def test_kode_placeholder_penunjang_diterima_untuk_urusan_opd(data, masuk) -> None:
    klien = masuk("operator")
    klien.post(
        reverse("node_tambah", kwargs=_n(data, jenis="program")),
        {"kode_tampil": "1.06.01", "nama": "Program Penunjang Urusan Pemerintahan Daerah", "urutan": "0"},
    )
    program = Program.objects.get(kode="1.06.01")
    respon = klien.post(
        reverse("node_tambah", kwargs=_n(data, jenis="kegiatan")),
        {
            "program": program.pk,
            "kode_tampil": "X.XX.01.2.02",
            "nama": "Administrasi Keuangan",
            "urutan": "0",
        },
    )
    assert respon.status_code == 302
    assert Kegiatan.objects.get(nama="Administrasi Keuangan").kode_tampil == "X.XX.01.2.02"


def test_kode_ganda_dalam_satu_renstra_ditolak(data, masuk) -> None:
    respon = masuk("operator").post(
        reverse("node_tambah", kwargs=_n(data, jenis="program")),
        {"kode_tampil": "01.06.04", "nama": "Program lain", "urutan": "0"},
    )
    assert "Kode program ini sudah dipakai" in str(_galat(respon))
    assert Program.objects.filter(renstra=data.rencana["renstra"]).count() == 1


@pytest.mark.parametrize(
    "jenis, isian, kolom",
    [
        ("tujuan", {"kode": "T9", "uraian": "Meningkatkan penanganan PMKS"}, "__all__"),
        ("sasaran", {"kode": "S1", "uraian": "Sasaran lain"}, "__all__"),
        ("program", {"kode_tampil": "", "nama": "Program Rehabilitasi Sosial"}, "__all__"),
    ],
)
def test_nama_atau_kode_ganda_ditolak(data, masuk, jenis, isian, kolom) -> None:
    model = {"tujuan": Tujuan, "sasaran": Sasaran, "program": Program}[jenis]
    jumlah = model.objects.count()
    respon = masuk("operator").post(
        reverse("node_tambah", kwargs=_n(data, jenis=jenis)), {**isian, "urutan": "0"}
    )
    galat = _galat(respon)
    assert "sudah ada" in str(galat[kolom]) or "sudah dipakai" in str(galat[kolom]), galat
    assert model.objects.count() == jumlah


def test_nama_indikator_ganda_pada_simpul_yang_sama_ditolak(data, masuk) -> None:
    r = data.rencana
    respon = masuk("operator").post(
        reverse("indikator_tambah", kwargs=_n(data, tingkat="sasaran", induk_id=r["sasaran"].pk)),
        {
            "nama": "cakupan penanganan pmks",
            "satuan": "%",
            "arah": "positif",
            "akumulasi": "nilai_akhir",
            "urutan": "0",
        },
    )
    assert "sudah ada" in _galat(respon)["nama"][0]
    assert Indikator.objects.filter(sasaran=r["sasaran"]).count() == 1


def _isian_indikator(**lain: str) -> dict[str, str]:
    return {
        "nama": "Jumlah PMKS yang direhabilitasi",
        "satuan": "orang",
        "arah": "positif",
        "akumulasi": "kumulatif",
        "urutan": "0",
        **lain,
    }


@pytest.mark.parametrize(
    "lain, kolom, pesan",
    [
        ({"target_2023": "-5"}, "target_2023", "tidak boleh negatif"),
        ({"target_akhir": "-1"}, "target_akhir", "tidak boleh negatif"),
        ({"target_2022": "seratus"}, "target_2022", "bukan angka"),
        ({"target_2022": "1,234.5,6"}, "target_2022", "bukan angka"),
        ({"baseline_tahun": "2023"}, "baseline_tahun", "sebelum atau sama dengan awal periode"),
        ({"target_atas_2022": "4", "target_2022": "5"}, "target_atas_2022", "tidak boleh lebih kecil"),
        ({"target_atas_2022": "10"}, "target_2022", "memerlukan batas bawah"),
        # The old arah "rentang" is gone: a range is a form of target (DOMAIN §5).
        ({"arah": "rentang", "target_2022": "5"}, "arah", "bukan salah satu dari pilihan"),
    ],
)
def test_target_yang_salah_ditolak_dan_tidak_ada_yang_tersimpan(data, masuk, lain, kolom, pesan) -> None:
    r = data.rencana
    sebelum = (Indikator.objects.count(), TargetIndikator.objects.count())
    respon = masuk("operator").post(
        reverse("indikator_tambah", kwargs=_n(data, tingkat="program", induk_id=r["program"].pk)),
        _isian_indikator(**lain),
    )
    galat = _galat(respon)
    assert any(pesan in g for g in galat.get(kolom, [])), galat
    assert (Indikator.objects.count(), TargetIndikator.objects.count()) == sebelum


def test_target_negatif_boleh_untuk_satuan_poin(data, masuk) -> None:
    r = data.rencana
    respon = masuk("operator").post(
        reverse("indikator_tambah", kwargs=_n(data, tingkat="program", induk_id=r["program"].pk)),
        _isian_indikator(nama="Perubahan angka kemiskinan", satuan="persen poin", target_2022="-0,5"),
    )
    assert respon.status_code == 302


def test_tahun_di_luar_periode_ditolak_oleh_model(data) -> None:
    from django.core.exceptions import ValidationError

    r = data.rencana
    t = TargetIndikator(renstra=r["renstra"], indikator=r["indikator"], tahun=2030, nilai=1)
    with pytest.raises(ValidationError, match="di luar periode Renstra 2021–2026"):
        t.full_clean()
    p = PaguIndikatif(renstra=r["renstra"], sub_kegiatan=r["sub"], tahun=2019, jumlah=1)
    with pytest.raises(ValidationError, match="di luar periode"):
        p.full_clean()


@pytest.mark.parametrize(
    "awal, akhir, pesan",
    [("2021", "2030", "tidak lazim"), ("2021", "2022", "tidak lazim"), ("1800", "1805", "masuk akal")],
)
def test_periode_renstra_yang_salah_ditolak(data, masuk, awal, akhir, pesan) -> None:
    respon = masuk("operator_lain").post(
        reverse("renstra_tambah", args=[data.opd_b.pk]), {"tahun_awal": awal, "tahun_akhir": akhir}
    )
    assert pesan in str(_galat(respon))
    assert not Renstra.objects.filter(opd=data.opd_b).exists()


def test_pagu_negatif_dan_teks_ditolak(data, masuk) -> None:
    r = data.rencana
    respon = masuk("operator").post(
        reverse("node_ubah", kwargs=_n(data, jenis="subkegiatan", pk=r["sub"].pk)),
        {
            "kegiatan": r["kegiatan"].pk,
            "kode_tampil": "1.06.04.2.01.01",
            "nama": r["sub"].nama,
            "urutan": "0",
            "pagu_2024": "-1.000",
            "pagu_2025": "satu miliar",
        },
    )
    galat = _galat(respon)
    assert "tidak boleh negatif" in galat["pagu_2024"][0]
    assert "bukan angka" in galat["pagu_2025"][0]
    assert PaguIndikatif.objects.get(sub_kegiatan=r["sub"]).jumlah == 1500000000


def test_simpul_yang_masih_dipakai_tidak_dapat_dihapus_dan_alasannya_disebut(data, masuk) -> None:
    r = data.rencana
    respon = masuk("operator").post(
        reverse("node_hapus", kwargs=_n(data, jenis="sasaran", pk=r["sasaran"].pk)), follow=True
    )
    teks = respon.content.decode()
    assert "tidak dapat dihapus karena masih dipakai oleh" in teks
    assert "Cakupan Penanganan PMKS" in teks
    assert Sasaran.objects.filter(pk=r["sasaran"].pk).exists()


def test_renstra_berisi_tidak_dapat_dihapus(data, masuk) -> None:
    respon = masuk("operator").post(reverse("renstra_hapus", kwargs=_n(data)), follow=True)
    assert "masih berisi" in respon.content.decode()
    assert Renstra.objects.filter(pk=data.rencana["renstra"].pk).exists()


def _target_baru(data, model: str, bawah, batas):
    """An unsaved target of the test indicator, of each kind that carries one (Renstra, PK, quarter)."""
    from pelaporan.models import ButirPK, TargetTriwulan
    from renstra.models import TargetIndikator

    r = data.rencana
    i = r["indikator"]
    return {
        "TargetIndikator": lambda: TargetIndikator(
            renstra=i.renstra, indikator=i, tahun=2022, jenis="renstra", nilai=bawah, nilai_atas=batas
        ),
        "ButirPK": lambda: ButirPK(perjanjian=r["pk"], indikator=i, target=bawah, target_atas=batas),
        "TargetTriwulan": lambda: TargetTriwulan(
            opd=data.opd_a, indikator=i, tahun=2022, triwulan=1, nilai=bawah, nilai_atas=batas
        ),
    }[model]()


@pytest.mark.parametrize("model", ["TargetIndikator", "ButirPK", "TargetTriwulan"])
@pytest.mark.parametrize(
    "arah, nilai, atas, pesan",
    [
        ("mendekati", "80", "60", "tidak boleh lebih kecil"),
        ("positif", "80", "60", "tidak boleh lebih kecil"),
        ("negatif", None, "60", "memerlukan batas bawah"),
    ],
)
def test_aturan_target_rentang_sama_di_renstra_pk_dan_rencana_aksi(
    data, model, arah, nilai, atas, pesan
) -> None:
    """One rule for every target: the PK and the quarterly plan no longer accept what the Renstra refuses."""
    from decimal import Decimal

    from django.core.exceptions import ValidationError

    i = data.rencana["indikator"]
    i.arah = arah
    bawah, batas = (Decimal(nilai) if nilai else None), (Decimal(atas) if atas else None)
    obj = _target_baru(data, model, bawah, batas)
    with pytest.raises(ValidationError, match=pesan):
        obj.clean()


@pytest.mark.parametrize("model", ["TargetIndikator", "ButirPK", "TargetTriwulan"])
@pytest.mark.parametrize("arah", ["positif", "negatif", "mendekati"])
def test_target_rentang_diterima_untuk_semua_arah(data, model, arah) -> None:
    """A range is a form of target for every arah (DOMAIN §5), with negative bounds too."""
    from decimal import Decimal

    i = data.rencana["indikator"]
    i.arah, i.satuan = arah, "persen poin"
    bawah, batas = Decimal(-5), Decimal(5)
    obj = _target_baru(data, model, bawah, batas)
    obj.clean()
