"""The report outline per pemda (issue 10): titles, order, optional sections, renumbering, the
pemda's own scale, and the admin's screen."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from lkjip.laporan.kerangka import (
    BAGIAN,
    KATALOG,
    KERANGKA_BAKU,
    Kerangka,
    contoh_dokumen,
    periksa_kerangka,
    terapkan_kerangka,
)

AKAR = Path(__file__).resolve().parents[2]
FIXTURE = [AKAR / "fixtures" / f"demo_{n}.json" for n in ("organisasi", "renstra", "pelaporan", "lkjip")]


def _tabel_di_badan(dok: dict) -> list[dict]:
    return [b for bab in dok["bab"] for g in bab["bagian"] for b in g["blok"] if b.get("jenis") == "tabel"]


def _dokumen_uji() -> dict:
    """The sample skeleton with a product-written cross reference and an operator's text."""
    dok = contoh_dokumen(tahun=2021)
    for b in dok["bab"]:
        for g in b["bagian"]:
            for blok in g["blok"]:
                blok["jangkar"] = "tabel-" + blok["nomor"].replace(".", "-")
            dok["daftar_tabel"] += [
                {"nomor": t["nomor"], "judul": t["judul"], "jangkar": t["jangkar"]} for t in g["blok"]
            ]
    bab3 = next(b for b in dok["bab"] if b["kunci"] == "bab3")
    efisiensi = next(g for g in bab3["bagian"] if g["kunci"] == "bab3.efisiensi")
    efisiensi["blok"][0]["catatan"] = "Capaian dari Tabel 3.2; anggaran dari Tabel 3.8 (lihat #tabel-3-8)."
    efisiensi["blok"].append({"jenis": "teks", "kunci": "analisis:1", "html": "<p>Lihat Tabel 3.7.</p>"})
    return dok


def test_kerangka_baku_tidak_mengubah_laporan() -> None:
    dok = _dokumen_uji()
    assert terapkan_kerangka(copy.deepcopy(dok), KERANGKA_BAKU) == dok


def test_urutan_sembunyi_dan_nomor_ulang_bagian_tabel_dan_rujukan() -> None:
    k = Kerangka(
        judul="Laporan Kinerja",
        judul_bab={"bab4": "BAB IV : PENUTUP / SIMPULAN UMUM"},
        judul_bagian={"bab3.anggaran": "Laporan Realisasi Anggaran", "bab3.capaian": "Capaian {tahun}"},
        urutan_bagian={
            "bab3": [
                "bab3.metode",
                "bab3.capaian",
                "bab3.tahun_lalu",
                "bab3.jangka_menengah",
                "bab3.standar",
                "bab3.program",
                "bab3.anggaran",
                "bab3.efisiensi",
            ]
        },
        disembunyikan=frozenset({"bab1.sumber_daya", "bab2.visi_misi"}),
    )
    assert periksa_kerangka(k) == {}
    dok = terapkan_kerangka(_dokumen_uji(), k)
    assert dok["meta"]["judul"] == "LAPORAN KINERJA TAHUN 2021"
    judul = {b["kunci"]: [g["judul"] for g in b["bagian"]] for b in dok["bab"]}
    assert judul["bab1"] == [
        "1.1 Latar Belakang",
        "1.2 Dasar Hukum",
        "1.3 Tugas Pokok, Fungsi dan Struktur Organisasi",
        "1.4 Permasalahan Utama dan Isu Strategis",
    ]
    assert judul["bab2"][0] == "2.1 Rencana Strategis"
    assert judul["bab3"][1] == "3.2 Capaian 2021"
    assert judul["bab3"][5:] == [
        "3.6 Analisis Program dan Kegiatan Pendukung",
        "3.7 Laporan Realisasi Anggaran",
        "3.8 Analisis Efisiensi Penggunaan Sumber Daya",
    ]
    assert dok["bab"][-1]["judul"] == "BAB IV : PENUTUP / SIMPULAN UMUM"
    # tables follow the reading order; the hidden section's table is gone from the list
    tabel = _tabel_di_badan(dok)
    assert [t["nomor"] for t in tabel if t["nomor"].startswith("1.")] == []
    bab3 = [t for t in tabel if t["nomor"].startswith("3.")]
    assert [t["nomor"] for t in bab3] == [f"3.{n}" for n in range(1, 9)]
    assert [t["judul"] for t in bab3][5:] == [
        "Capaian Kinerja Program dan Kegiatan",
        "Realisasi Anggaran Tahun 2021",
        "Efisiensi Penggunaan Sumber Daya",
    ]
    assert [(d["nomor"], d["judul"], d["jangkar"]) for d in dok["daftar_tabel"]] == [
        (t["nomor"], t["judul"], t["jangkar"]) for t in tabel
    ]
    assert all(t["jangkar"] == "tabel-" + t["nomor"].replace(".", "-") for t in tabel)
    # the product's cross reference follows (3.8 → 3.7, its anchor too); the operator's text does not
    efisiensi = next(t for t in bab3 if t["judul"] == "Efisiensi Penggunaan Sumber Daya")
    assert efisiensi["catatan"] == "Capaian dari Tabel 3.2; anggaran dari Tabel 3.7 (lihat #tabel-3-7)."
    teks = [b for b in dok["bab"][3]["bagian"][-1]["blok"] if b.get("jenis") == "teks"]
    assert teks[0]["html"] == "<p>Lihat Tabel 3.7.</p>"


def test_judul_triwulan_dan_judul_baku() -> None:
    assert Kerangka(judul="Laporan Kinerja").judul_laporan(tahun=2022, triwulan=2) == (
        "LAPORAN KINERJA TRIWULAN II TAHUN 2022"
    )
    assert KERANGKA_BAKU.judul_laporan(tahun=2021) == (
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) PERANGKAT DAERAH TAHUN 2021".upper()
    )


def test_periksa_kerangka_menolak_dengan_pesan_indonesia() -> None:
    masalah = periksa_kerangka(
        Kerangka(
            judul="Laporan Kinerja Tahun 2021",
            judul_bagian={"bab3.capaian": "Capaian {tahun_lalu}", "bab1.latar_belakang": "  "},
            disembunyikan=frozenset({"bab3.anggaran"}),
            urutan_bagian={"bab1": ["bab1.latar_belakang"]},
        )
    )
    assert "tanpa tahun" in masalah["judul"][0]
    assert "{tahun_lalu} tidak dikenal" in masalah["bab3.capaian"][0]
    assert "tidak boleh kosong" in masalah["bab1.latar_belakang"][0]
    assert "wajib ada" in masalah["bab3.anggaran"][0]
    assert "tepat satu kali" in masalah["bab1"][0]


@pytest.mark.django_db
def test_setiap_bagian_laporan_punya_kunci_katalog() -> None:
    """The builders and the catalog agree: every section of the assembled report has a key the
    outline knows, in the catalog's order."""
    from lkjip.laporan.models import LaporanKinerja
    from lkjip.laporan.rakit import Perakit

    call_command("loaddata", *map(str, FIXTURE), verbosity=0)
    dok = Perakit(LaporanKinerja.objects.get(pk=1001)).rakit()
    kunci = [g.get("kunci") for b in dok["bab"] for g in b["bagian"]]
    assert kunci == [g.kunci for b in KATALOG for g in b.bagian]
    assert [b["kunci"] for b in dok["bab"]] == [b.kunci for b in KATALOG]
    # and the default outline leaves the assembled report as it was
    assert terapkan_kerangka(copy.deepcopy(dok), KERANGKA_BAKU) == dok
    judul = [re.sub(r"^\d+\.\d+ ", "", g["judul"]) for b in dok["bab"] for g in b["bagian"]]
    baku = [g.judul.replace("{tahun}", "2021") for b in KATALOG for g in b.bagian]
    beda = [j for j, b in zip(judul, baku, strict=True) if j != b]
    assert len(beda) == 1 and re.fullmatch(r"Rencana Strategis \d{4}–\d{4}", beda[0]), beda


# ------------------------------------------------------------------ the pemda's own scale


@pytest.mark.django_db
def test_skala_sendiri_dipakai_di_semua_penilaian(data) -> None:
    from pelaporan.selectors import skala_pemda

    pemda = data.pemda
    pemda.skala_sendiri = [
        {"batas_bawah": None, "label": "Kurang", "warna": "#dc3545"},
        {"batas_bawah": "55", "label": "Cukup", "warna": "#ffc107"},
        {"batas_bawah": "75.01", "label": "Berhasil", "warna": "#0d6efd"},
        {"batas_bawah": "100.01", "label": "Sangat Berhasil", "warna": "#198754"},
    ]
    pemda.nama_skala_sendiri = "Tingkat Keberhasilan"
    pemda.full_clean()
    pemda.save()
    skala = skala_pemda(pemda)
    assert skala.nama == "Tingkat Keberhasilan"
    assert skala.kategori(Decimal("100")).label == "Berhasil"
    assert skala.kategori(Decimal("100.01")).label == "Sangat Berhasil"
    pemda.skala_sendiri[2]["batas_bawah"] = "55"
    with pytest.raises(ValidationError) as e:
        pemda.full_clean()
    assert "tumpang tindih" in str(e.value)


# ------------------------------------------------------------------ the screen


def _isian(form_html: str) -> dict[str, str]:
    """The form as the browser would post it (text inputs and checked boxes)."""
    data = {}
    for m in re.finditer(r"<input ([^>]+)>", form_html):
        attr = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1)))
        nama = attr.get("name")
        if not nama or nama == "csrfmiddlewaretoken" or attr.get("disabled") is not None:
            continue
        jenis = attr.get("type", "text")
        if jenis in ("checkbox", "radio"):
            if "checked" in m.group(1):
                data[nama] = attr.get("value", "on")
        else:
            data[nama] = attr.get("value", "")
    return data


@pytest.mark.django_db
def test_layar_kerangka_pratinjau_simpan_dan_riwayat(data, masuk) -> None:
    from lkjip.laporan.models import KerangkaLaporan
    from lkjip.models import CatatanAudit

    klien = masuk("admin")
    url = reverse("kerangka_laporan")
    r = klien.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in html and "Tabel 3.1 Skala Nilai Peringkat Kinerja" in html
    isian = _isian(html)
    assert isian["skala_mode"] == "baku"
    isian.update(
        {
            "judul": "Laporan Kinerja",
            "bab__bab1": "BAB I : PENDAHULUAN",
            "judul__bab1.tupoksi": "Gambaran Umum OPD",
            "urutan__bab3.efisiensi": "9",
            "skala_mode": "sendiri",
            "nama_skala": "Tingkat Keberhasilan",
            "pita_1_label": "Kurang",
            "pita_2_batas": "55",
            "pita_2_label": "Cukup",
            "pita_3_batas": "75,01",
            "pita_3_label": "Berhasil",
            "pita_4_batas": "100,01",
            "pita_4_label": "Sangat Berhasil",
            "pita_5_batas": "",
            "pita_5_label": "",
            "pita_6_label": "Sangat Berhasil Sekali",
        }
    )
    del isian["tampil__bab2.visi_misi"]
    # a preview saves nothing and shows the new outline
    r = klien.post(url, {**isian, "pratinjau": ""})
    html = r.content.decode()
    assert r.status_code == 200 and not KerangkaLaporan.objects.exists()
    # the sixth row has a label and no lower bound: the domain's message, next to that field
    assert "Hanya pita terendah yang boleh tanpa batas bawah" in html
    isian["pita_6_label"] = ""
    r = klien.post(url, {**isian, "pratinjau": ""})
    html = r.content.decode()
    assert "belum disimpan" in html and "LAPORAN KINERJA TAHUN" in html
    assert "1.3 Gambaran Umum OPD" in html and "2.1 Rencana Strategis" in html
    assert "3.8 Analisis Efisiensi Penggunaan Sumber Daya" in html
    assert "Sangat Berhasil" in html
    assert not KerangkaLaporan.objects.exists()
    # saved: audited, and the scale is the pemda's for every rating
    r = klien.post(url, {**isian, "simpan": ""})
    assert r.status_code == 302
    k = KerangkaLaporan.objects.get(pemda=data.pemda).kerangka()
    assert k.judul == "Laporan Kinerja" and k.disembunyikan == {"bab2.visi_misi"}
    assert k.urutan_bagian["bab3"][-1] == "bab3.efisiensi"
    data.pemda.refresh_from_db()
    assert [p["label"] for p in data.pemda.skala_sendiri] == [
        "Kurang",
        "Cukup",
        "Berhasil",
        "Sangat Berhasil",
    ]
    catatan = CatatanAudit.objects.filter(pemda_id=data.pemda.pk).order_by("-id")
    teks = " ".join(str(c.perubahan) for c in catatan[:5])
    assert "Gambaran Umum OPD" in teks and "Sangat Berhasil > 100" in teks
    r = klien.get(url)
    assert "Gambaran Umum OPD" in r.content.decode()


@pytest.mark.django_db
def test_layar_kerangka_pesan_di_samping_isian(data, masuk) -> None:
    klien = masuk("admin")
    url = reverse("kerangka_laporan")
    isian = _isian(klien.get(url).content.decode())
    isian.update(
        {
            "judul": "Laporan Kinerja Tahun 2021",
            "judul__bab3.capaian": "Capaian {tahun_ini}",
            "skala_mode": "sendiri",
            "nama_skala": "",
            "pita_3_batas": "tujuh puluh",
            "pita_4_label": "Cukup",
        }
    )
    r = klien.post(url, {**isian, "simpan": ""})
    html = r.content.decode()
    assert r.status_code == 200
    for pesan in (
        "Tulis judul tanpa tahun",
        "Penanda {tahun_ini} tidak dikenal",
        "Beri nama skala sendiri",
        "Batas bawah harus angka, mis. 75,01.",
    ):
        assert pesan in html, pesan


def test_katalog_bagian_opsional() -> None:
    assert {k for k, g in BAGIAN.items() if g.opsional} == {
        "bab1.dasar_hukum",
        "bab1.sumber_daya",
        "bab1.permasalahan",
        "bab2.visi_misi",
        "bab3.program",
    }


def test_bagian_pilihan_dalam_bagian_dan_kekurangannya_ikut_hilang() -> None:
    """A pemda may leave out an optional part of a section (Sidoarjo prints no strategi); the
    missing piece marked only there no longer blocks the check; one recorded without a mark stays."""
    dok = contoh_dokumen(tahun=2021)
    renstra = next(g for b in dok["bab"] for g in b["bagian"] if g["kunci"] == "bab2.renstra")
    renstra["blok"].append(
        {"jenis": "teks", "kunci": "bab2.renstra.strategi", "html": "<p>[belum diisi: strategi Renstra]</p>"}
    )
    dok["kurang"] = [{"apa": "strategi Renstra"}, {"apa": "tujuan dan sasaran Renstra"}]
    k = Kerangka(disembunyikan=frozenset({"bab2.renstra.strategi"}))
    assert periksa_kerangka(k) == {}
    hasil = terapkan_kerangka(dok, k)
    renstra = next(g for b in hasil["bab"] for g in b["bagian"] if g["kunci"] == "bab2.renstra")
    assert [b["judul"] for b in renstra["blok"]] == ["Tujuan dan Sasaran Renstra"]
    assert hasil["kurang"] == [{"apa": "tujuan dan sasaran Renstra"}]
    assert "Tabel 2.3 Perjanjian Kinerja Tahun 2021" in str(hasil) or any(
        t["nomor"] == "2.2" and t["judul"] == "Perjanjian Kinerja Tahun 2021" for t in _tabel_di_badan(hasil)
    )
