"""An indicator replaced by decree keeps its history; the admin keeps the RPJMD."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from renstra.models import RPJMD, Indikator, MisiRPJMD, TargetIndikator


def test_indikator_diganti_mulai_tahun_tertentu_yang_lama_tetap_tersimpan(data, masuk) -> None:
    r = data.rencana
    lama = r["indikator"]
    TargetIndikator.objects.create(renstra=r["renstra"], indikator=lama, tahun=2024, nilai=Decimal(93))
    klien = masuk("operator")
    respon = klien.post(
        reverse("indikator_ganti", args=[data.opd_a.pk, r["renstra"].pk, lama.pk]),
        {
            "tahun": "2024",
            "nama": "Persentase PPKS yang tertangani",
            "satuan": "%",
            "alasan": "Kepbup 12/2023",
        },
    )
    assert respon.status_code == 302
    lama.refresh_from_db()
    baru = Indikator.objects.get(menggantikan=lama)
    assert (lama.berlaku_sampai, baru.berlaku_mulai) == (2023, 2024)
    assert list(TargetIndikator.objects.filter(indikator=lama).values_list("tahun", flat=True)) == [2022]
    assert list(TargetIndikator.objects.filter(indikator=baru).values_list("tahun", "nilai")) == [
        (2024, Decimal(93))
    ]
    assert baru.iku and baru.sasaran_id == lama.sasaran_id
    html = klien.get(reverse("renstra_detail", args=[data.opd_a.pk, r["renstra"].pk])).content.decode()
    assert "sampai 2023" in html and "mulai 2024" in html


def test_tahun_penggantian_di_luar_periode_ditolak(data, masuk) -> None:
    r = data.rencana
    respon = masuk("operator").post(
        reverse("indikator_ganti", args=[data.opd_a.pk, r["renstra"].pk, r["indikator"].pk]),
        {"tahun": "2030", "nama": "X", "satuan": "%", "alasan": "uji"},
    )
    assert "Tahun harus antara 2022 dan 2026" in str(respon.context["form"].errors)
    assert not Indikator.objects.filter(menggantikan=r["indikator"]).exists()


def test_admin_menyusun_rpjmd_dan_semua_peran_membacanya(data, masuk) -> None:
    admin = masuk("admin")
    respon = admin.post(
        reverse("rpjmd_tambah"),
        {
            "tahun_awal": "2026",
            "tahun_akhir": "2031",
            "visi": "Kabupaten Uji yang maju",
            "dasar_hukum": "Perda 1/2026",
        },
    )
    assert respon.status_code == 302
    rpjmd = RPJMD.objects.get(tahun_awal=2026)
    admin.post(
        reverse("rpjmd_node_tambah", args=[rpjmd.pk, "misi"]), {"nomor": "1", "uraian": "Birokrasi bersih"}
    )
    assert MisiRPJMD.objects.filter(rpjmd=rpjmd, nomor=1).exists()
    html = masuk("operator").get(reverse("rpjmd_detail", args=[rpjmd.pk])).content.decode()
    assert "Kabupaten Uji yang maju" in html and "Birokrasi bersih" in html
    assert "/ubah/" not in html  # operators read only
