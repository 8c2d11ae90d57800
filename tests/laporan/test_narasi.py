"""The consistency check reads the report's texts against its figures (issue 10 item 5).

Seed 000's three narrative contradictions are in the demo as the seed prints them (notes 000-001,
errors 2, 17, 19): the check names each text, what it says, what the data says, and where the text
is edited. Warnings only: the report can still be submitted and signed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lkjip.laporan.models import LaporanKinerja, StatusLKjIP
from lkjip.laporan.narasi import narasi_bertentangan
from lkjip.laporan.periksa import periksa_lkjip
from lkjip.models import Pengguna

AKAR = Path(__file__).resolve().parents[2]
FIXTURE = [AKAR / "fixtures" / f"demo_{n}.json" for n in ("organisasi", "renstra", "pelaporan", "lkjip")]
OPD, LAPORAN, SIRUP, ARSIP = 1, 1001, 1005, 1008


@pytest.fixture
def demo(db) -> LaporanKinerja:
    call_command("loaddata", *map(str, FIXTURE), verbosity=0)
    return LaporanKinerja.objects.select_related("opd__pemda").get(pk=LAPORAN)


def _teks(kunci: str) -> str:
    return reverse("lkjip_teks", args=[OPD, LAPORAN, kunci])


def test_pemeriksaan_menandai_tiga_pertentangan_narasi_seed_000(demo) -> None:
    narasi = {m.url: m for m in narasi_bertentangan(demo)}
    assert all(m.tingkat == "peringatan" for m in narasi.values())
    # 4.1 Kesimpulan: "86,77% (Tinggi)" for a mean the data puts at 96,58 % Sangat Tinggi
    assert narasi[_teks("kesimpulan")].pesan == (
        "Teks “4.1 Kesimpulan” menyebut rata-rata capaian “86,77%” dan kategori “Tinggi”; menurut data "
        "rata-rata capaian 96,58 % berkategori Sangat Tinggi (skala Permendagri 86/2017)."
    )
    # the archive: "predikat Cukup", a label the scale does not have, for a capaian it rates Tinggi
    assert narasi[_teks(f"analisis:{ARSIP}")].pesan == (
        "Teks “3.2 Analisis: Predikat tata kelola arsip perangkat daerah” menyebut kategori “Cukup”; menurut "
        "data capaian 83,97 % berkategori Tinggi (skala Permendagri 86/2017, yang tidak mengenal “Cukup”)."
    )
    # SIRUP: "Seluruh paket … telah dilakukan entry" beside a realisasi of 99,72 %
    sirup = narasi[_teks(f"analisis:{SIRUP}")].pesan
    assert sirup.startswith("Teks “3.2 Analisis: Persentase ketepatan input Rencana Umum Pengadaan")
    assert sirup.endswith(
        "menyebut “Seluruh paket pengadaan barang …” (berarti 100 %); menurut data realisasi 99,72 %."
    )
    # the same words in the TW IV explanations, each with its own edit link; nothing else is flagged
    tw = {reverse("realisasi_detail", args=[OPD, 2021, 4, i]) for i in (SIRUP, ARSIP)}
    assert set(narasi) == {_teks("kesimpulan"), _teks(f"analisis:{ARSIP}"), _teks(f"analisis:{SIRUP}")} | tw
    assert narasi[reverse("realisasi_detail", args=[OPD, 2021, 4, ARSIP])].pesan.startswith(
        "Teks “Penjelasan TW IV: Predikat tata kelola arsip perangkat daerah” menyebut kategori “Cukup”"
    )
    assert {m.label_url for m in narasi.values()} == {"Ubah teks", "Ubah teks triwulan"}


def test_peringatan_tampil_di_halaman_laporan_dan_tidak_menghalangi_pengajuan(demo) -> None:
    assert not [m for m in periksa_lkjip(demo) if m.tingkat == "galat"]
    operator = Client()
    operator.force_login(Pengguna.objects.get(username="operator.dinsos"))
    html = operator.get(reverse("lkjip_detail", args=[OPD, LAPORAN])).content.decode()
    assert "menyebut rata-rata capaian “86,77%”" in html and f'href="{_teks("kesimpulan")}"' in html
    assert "menyebut kategori “Cukup”" in html and "menurut data realisasi 99,72 %" in html
    operator.post(reverse("lkjip_ajukan", args=[OPD, LAPORAN]))
    demo.refresh_from_db()
    assert demo.status == StatusLKjIP.DIAJUKAN  # warnings inform; the kepala decides


def test_draf_dari_data_tidak_bertentangan_dengan_data(data, siap) -> None:
    """The texts the product drafts from the figures raise no warning of their own."""
    assert narasi_bertentangan(siap) == []
