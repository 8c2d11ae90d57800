"""Perjanjian Kinerja: drafted, signed (then locked), changed only through a PK Perubahan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from pelaporan.models import ButirPK, PerjanjianKinerja
from renstra.models import Indikator
from tests.conftest import SANDI


def _tandatangani(data, masuk, pk) -> None:
    masuk("kepala").post(reverse("pk_tandatangani", args=[data.opd_a.pk, pk.pk]), {"sandi": SANDI})
    pk.refresh_from_db()
    assert pk.status == "ditandatangani"


def test_operator_menyusun_pk_dengan_indikator_renstra_dan_indikator_baru(data, masuk) -> None:
    r = data.rencana
    operator = masuk("operator")
    respon = operator.post(
        reverse("pk_tambah", args=[data.opd_a.pk]),
        {
            "tahun": "2023",
            "jenjang": "kepala",
            "pihak_pertama": data.pejabat_a.pk,
            "pihak_kedua_nama": "Bupati Uji",
            "pihak_kedua_jabatan": "Bupati Uji",
        },
    )
    pk = PerjanjianKinerja.objects.get(tahun=2023)
    assert respon.status_code == 302
    operator.post(
        reverse("butir_tambah", args=[data.opd_a.pk, pk.pk]),
        {"indikator": r["indikator"].pk, "target": "92,5"},
    )
    respon = operator.post(
        reverse("butir_tambah", args=[data.opd_a.pk, pk.pk]),
        {
            "baru_induk": f"sasaran:{r['sasaran'].pk}",
            "baru_nama": "Persentase PPKS yang dirujuk",
            "baru_satuan": "%",
            "baru_arah": "positif",
            "baru_akumulasi": "nilai_akhir",
            "target": "75",
        },
    )
    assert respon.status_code == 302
    baru = Indikator.objects.get(nama="Persentase PPKS yang dirujuk")
    assert baru.sasaran_id == r["sasaran"].pk  # "its own" indicator is kept in the plan
    assert sorted(ButirPK.objects.filter(perjanjian=pk).values_list("target", flat=True)) == [
        Decimal(75),
        Decimal("92.5"),
    ]


def test_butir_pk_bertarget_negatif_atau_teks_ditolak(data, masuk) -> None:
    r = data.rencana
    url = reverse("butir_tambah", args=[data.opd_a.pk, r["pk"].pk])
    respon = masuk("operator").post(url, {"indikator": r["indikator"].pk, "target": "sembilan puluh"})
    assert "bukan angka" in str(respon.context["form"].errors)
    respon = masuk("operator").post(url, {"indikator": r["indikator"].pk, "target": "-5"})
    assert "tidak boleh negatif" in respon.content.decode()
    assert ButirPK.objects.filter(perjanjian=r["pk"]).count() == 1


def test_tanda_tangan_memerlukan_kata_sandi_yang_benar(data, masuk) -> None:
    pk = data.rencana["pk"]
    respon = masuk("kepala").post(
        reverse("pk_tandatangani", args=[data.opd_a.pk, pk.pk]), {"sandi": "salah"}, follow=True
    )
    assert "Kata sandi salah" in respon.content.decode()
    pk.refresh_from_db()
    assert pk.status == "draft"


def test_pk_yang_ditandatangani_terkunci(data, masuk) -> None:
    r = data.rencana
    _tandatangani(data, masuk, r["pk"])
    operator = masuk("operator")
    respon = operator.post(
        reverse("butir_ubah", args=[data.opd_a.pk, r["pk"].pk, r["butir"].pk]),
        {"indikator": r["indikator"].pk, "target": "10"},
        follow=True,
    )
    assert "sudah ditandatangani dan tidak dapat diubah" in respon.content.decode()
    operator.post(reverse("butir_hapus", args=[data.opd_a.pk, r["pk"].pk, r["butir"].pk]))
    r["butir"].refresh_from_db()
    assert r["butir"].target == Decimal(90)


def test_pk_perubahan_membuat_versi_baru_dan_yang_ditandatangani_tetap(data, masuk) -> None:
    r = data.rencana
    _tandatangani(data, masuk, r["pk"])
    operator = masuk("operator")
    respon = operator.post(
        reverse("pk_perubahan", args=[data.opd_a.pk, r["pk"].pk]),
        {"alasan_perubahan": "APBD Perubahan 2022", "nomor_sk": "SK Bupati 100/2022"},
    )
    baru = PerjanjianKinerja.objects.get(menggantikan=r["pk"])
    assert respon.status_code == 302 and baru.versi == 2 and baru.status == "draft"
    butir_baru = ButirPK.objects.get(perjanjian=baru)
    operator.post(
        reverse("butir_ubah", args=[data.opd_a.pk, baru.pk, butir_baru.pk]),
        {"indikator": r["indikator"].pk, "target": "95"},
    )
    r["butir"].refresh_from_db()
    assert r["butir"].target == Decimal(90)  # the signed PK never changes
    assert ButirPK.objects.get(perjanjian=baru).target == Decimal(95)
    html = operator.get(reverse("pk_banding", args=[data.opd_a.pk, baru.pk])).content.decode()
    assert "berubah" in html and "90" in html and "95" in html
    # the signed one cannot get a second perubahan while one exists
    respon = operator.post(
        reverse("pk_perubahan", args=[data.opd_a.pk, r["pk"].pk]), {"alasan_perubahan": "lagi"}
    )
    assert "sudah memiliki perubahan" in respon.content.decode()


def test_target_pk_perubahan_dipakai_setelah_ditandatangani(data, masuk) -> None:
    from pelaporan.selectors import indikator_pk

    r = data.rencana
    _tandatangani(data, masuk, r["pk"])
    masuk("operator").post(
        reverse("pk_perubahan", args=[data.opd_a.pk, r["pk"].pk]), {"alasan_perubahan": "APBD-P"}
    )
    baru = PerjanjianKinerja.objects.get(menggantikan=r["pk"])
    ButirPK.objects.filter(perjanjian=baru).first()
    b = ButirPK.objects.get(perjanjian=baru)
    b.target = Decimal(95)
    b.save()
    assert indikator_pk(data.opd_a, 2022)[0].target == Decimal(
        90
    )  # draft perubahan: the signed PK still rules
    _tandatangani(data, masuk, baru)
    assert indikator_pk(data.opd_a, 2022)[0].target == Decimal(95)


@pytest.mark.parametrize("tingkat", ["program", "kegiatan", "sub_kegiatan"])
def test_anggaran_pk_diisi_awal_dengan_pagu_termasuk_tingkat_di_bawahnya(data, masuk, tingkat: str) -> None:
    """The budget in the PK starts from the year's pagu under the chosen node: a kegiatan's
    includes its sub-kegiatan lines (Rp 1.500.000.000 in the test data)."""
    r = data.rencana
    node = {"program": r["program"], "kegiatan": r["kegiatan"], "sub_kegiatan": r["anggaran"].sub_kegiatan}[
        tingkat
    ]
    url = reverse("anggaran_pk_tambah", args=[data.opd_a.pk, r["pk"].pk])
    respon = masuk("operator").get(url, {"node": f"{tingkat}:{node.pk}"})
    assert respon.context["form"].initial["jumlah"] == Decimal("1500000000")
