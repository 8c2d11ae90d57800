"""An operator builds a Renstra from nothing in the browser (through the test client)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from lkjip.models import CatatanAudit
from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    PemetaanProgram,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)


def _post(klien, url, data, harap=302):
    respon = klien.post(url, data)
    galat = respon.context["form"].errors if respon.status_code == 200 and respon.context else ""
    assert respon.status_code == harap, galat
    return respon


def test_operator_membangun_renstra_dari_nol(data, masuk) -> None:
    opd = data.opd_b  # an OPD with no plan yet, and its operator
    klien = masuk("operator_lain")
    _post(klien, reverse("renstra_tambah", args=[opd.pk]), {"tahun_awal": "2021", "tahun_akhir": "2026"})
    r = Renstra.objects.get(opd=opd)
    n = {"opd_id": opd.pk, "renstra_id": r.pk}

    _post(
        klien,
        reverse("node_tambah", kwargs={**n, "jenis": "tujuan"}),
        {"kode": "T1", "uraian": "Meningkatkan derajat kesehatan", "urutan": "1"},
    )
    tujuan = Tujuan.objects.get(renstra=r)
    _post(
        klien,
        reverse("node_tambah", kwargs={**n, "jenis": "sasaran"}),
        {"tujuan": tujuan.pk, "kode": "S1", "uraian": "Menurunnya prevalensi stunting", "urutan": "1"},
    )
    sasaran = Sasaran.objects.get(renstra=r)
    _post(
        klien,
        reverse("indikator_tambah", kwargs={**n, "tingkat": "sasaran", "induk_id": sasaran.pk}),
        {
            "nama": "Prevalensi stunting",
            "satuan": "%",
            "arah": "negatif",
            "akumulasi": "nilai_akhir",
            "iku": "on",
            "baseline_nilai": "24,5",
            "baseline_tahun": "2020",
            "target_2022": "22",
            "target_2023": "19,75",
            "target_2026": "14",
            "target_akhir": "14",
            "urutan": "0",
        },
    )
    ind = Indikator.objects.get(renstra=r)
    assert (ind.arah, ind.iku, ind.baseline_nilai) == ("negatif", True, Decimal("24.5"))
    assert {t.tahun: t.nilai for t in TargetIndikator.objects.filter(indikator=ind)} == {
        2022: Decimal(22),
        2023: Decimal("19.75"),
        2026: Decimal(14),
    }

    _post(
        klien,
        reverse("node_tambah", kwargs={**n, "jenis": "program"}),
        {
            "kode_tampil": "01.02.02",
            "nama": "Program Pemenuhan Upaya Kesehatan",
            "sasaran": [sasaran.pk],
            "urutan": "1",
        },
    )
    program = Program.objects.get(renstra=r)
    assert (program.kode, program.kode_tampil) == ("1.02.02", "01.02.02")  # normalised, printed form kept
    assert PemetaanProgram.objects.filter(program=program, sasaran=sasaran).exists()
    _post(
        klien,
        reverse("node_tambah", kwargs={**n, "jenis": "kegiatan"}),
        {
            "program": program.pk,
            "kode_tampil": "1.02.02.2.02",
            "nama": "Penyediaan Layanan Kesehatan",
            "urutan": "1",
        },
    )
    kegiatan = Kegiatan.objects.get(renstra=r)
    _post(
        klien,
        reverse("node_tambah", kwargs={**n, "jenis": "subkegiatan"}),
        {
            "kegiatan": kegiatan.pk,
            "kode_tampil": "1.02.02.2.02.01",
            "nama": "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
            "urutan": "1",
            "pagu_2024": "1.250.000.000",
            "pagu_2025": "1.500.000.000,50",
        },
    )
    sub = SubKegiatan.objects.get(renstra=r)
    assert sub.kode == "1.02.02.2.02.0001"
    assert {p.tahun: p.jumlah for p in PaguIndikatif.objects.filter(sub_kegiatan=sub)} == {
        2024: Decimal("1250000000"),
        2025: Decimal("1500000000.50"),
    }
    _post(
        klien,
        reverse("indikator_tambah", kwargs={**n, "tingkat": "sub_kegiatan", "induk_id": sub.pk}),
        {
            "nama": "Jumlah balita yang mendapat PMT",
            "satuan": "orang",
            "arah": "positif",
            "akumulasi": "kumulatif",
            "target_2024": "1.500",
            "urutan": "0",
        },
    )

    html = klien.get(reverse("renstra_detail", kwargs=n)).content.decode()
    for teks in (
        "Menurunnya prevalensi stunting",
        "Prevalensi stunting",
        "19,75",
        "01.02.02",
        "1.02.02.2.02.01",
        "Jumlah balita yang mendapat PMT",
        "1.500",
        "1.250.000.000",
    ):
        assert teks in html, teks
    # every write left its audit entry, attributed to the operator
    assert CatatanAudit.objects.filter(opd_id=opd.pk, pengguna=data.pengguna["operator_lain"]).count() >= 10


def test_pohon_bisa_disaring_per_tingkat_dan_iku(data, masuk) -> None:
    r = data.rencana
    klien = masuk("reviewer")
    url = reverse("renstra_detail", args=[data.opd_a.pk, r["renstra"].pk])
    html = klien.get(url, {"sampai": "sasaran"}).content.decode()
    assert "Meningkatnya penanganan PMKS" in html and "Program Rehabilitasi Sosial" not in html
    Indikator.objects.create(
        renstra=r["renstra"], program=r["program"], nama="Persentase PMKS direhabilitasi", satuan="%"
    )
    html = klien.get(url, {"iku": "1"}).content.decode()
    assert "Cakupan Penanganan PMKS" in html and "Persentase PMKS direhabilitasi" not in html
    # read-only for the reviewer: no edit links at all
    assert "/ubah/" not in html and "/tambah/" not in html
