"""Issue 10: the Sidoarjo demo's Laporan Kinerja 2021 (seed 001) printed with ``cetak_lkjip``.

Its own outline and scale labels (pemda 2 in demo_organisasi.json, its KerangkaLaporan in
demo_sidoarjo.json), texts from seed 001, every figure recomputed: capaian of the negative
indicator (2 × 2,38 − 2,38) ÷ 2,38 = 100 % "Berhasil", budget 33.803.921.167 ÷ 34.547.900.993 =
97,85 %, efisiensi 2,15; against the Renstra end target 1,81 the same realisasi is 68,51 % (the
seed prints 123,2 %, wrong). Nothing unfilled may remain in the PDF.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

AKAR = Path(__file__).resolve().parents[2]
FIXTURE = [
    AKAR / "fixtures" / f"demo_{nama}.json"
    for nama in ("organisasi", "renstra", "pelaporan", "lkjip", "sidoarjo")
]
pytestmark = pytest.mark.django_db
TERLARANG = ["belum diisi", "……", "Tuliskan", "Tidak ada data", "No data"]


@pytest.fixture(scope="module")
def halaman(django_db_setup, django_db_blocker, tmp_path_factory) -> list[str]:  # noqa: ANN001
    from django.db import transaction

    keluaran = tmp_path_factory.mktemp("sidoarjo") / "lkjip-sidoarjo-2021.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *map(str, FIXTURE), verbosity=0)
        call_command(
            "cetak_lkjip",
            pemda="Pemerintah Kabupaten Sidoarjo",
            opd="Dinas Sosial Kabupaten Sidoarjo",
            tahun=2021,
            keluaran=str(keluaran),
            stdout=io.StringIO(),
        )
        transaction.set_rollback(True)
    return [p.extract_text() for p in PdfReader(io.BytesIO(keluaran.read_bytes())).pages]


def test_tidak_ada_yang_belum_diisi(halaman: list[str]) -> None:
    teks = "\n".join(halaman)
    for kata in TERLARANG:
        assert kata.lower() not in teks.lower(), kata


def test_judul_bab_dan_label_skala_sidoarjo(halaman: list[str]) -> None:
    teks = "\n".join(halaman)
    assert halaman[0].split("\n")[0].strip() == "LAPORAN KINERJA TAHUN 2021"
    assert "INSTANSI PEMERINTAH (LKjIP) PERANGKAT DAERAH" not in teks
    for judul in (
        "BAB I : PENDAHULUAN",
        "BAB II : PERENCANAAN KINERJA",
        "BAB III : AKUNTABILITAS KINERJA",
        "BAB IV : PENUTUP / SIMPULAN UMUM",
        "1.2 Gambaran Umum OPD",
        "3.6 Laporan Realisasi Anggaran",
        "3.7 Efisiensi Penggunaan Sumber Daya",
        "4.1 Simpulan Umum",
    ):
        assert judul in teks, judul
    # the scale table prints the seed's labels; no other scale's label appears anywhere
    for label in ("Sangat Berhasil", "Berhasil", "Cukup", "Kurang"):
        assert label in teks, label
    for asing in ("Sangat Tinggi", "Sangat Rendah", "Baik Sekali"):
        assert asing not in teks, asing
    assert "Tingkat Keberhasilan Kabupaten Sidoarjo" in teks


def test_angka_dihitung_ulang(halaman: list[str]) -> None:
    teks = "\n".join(halaman)
    assert "100,00 Berhasil" in teks  # the sasaran indicator, negative: (2T − R) ÷ T
    assert "97,85 %" in teks and "2,15" in teks
    assert "68,51" in teks  # against the Renstra end target 1,81
    assert "123,2 %" not in teks and "LAKIP Dinas Sosial Kabupaten Sidoarjo Tahun 2020" not in teks
    # tables renumbered in the outline's reading order: budget right before efficiency, BAB III's last
    nomor = {
        judul: n
        for n, judul in re.findall(
            r"Tabel (3\.\d+) (Realisasi Anggaran Tahun 2021|Efisiensi Penggunaan Sumber Daya)", teks
        )
    }
    anggaran, efisiensi = (
        int(nomor[k].split(".")[1])
        for k in ("Realisasi Anggaran Tahun 2021", "Efisiensi Penggunaan Sumber Daya")
    )
    assert efisiensi == anggaran + 1
    assert f"Tabel 3.{efisiensi + 1} " not in teks


def test_fixture_dibangun_ulang_sama_dari_skripnya() -> None:
    """demo_sidoarjo.json is what fixtures/sumber/buat_demo_sidoarjo.py writes (no hand edits)."""
    import importlib.util
    import json

    skrip = AKAR / "fixtures" / "sumber" / "buat_demo_sidoarjo.py"
    spec = importlib.util.spec_from_file_location("buat_demo_sidoarjo", skrip)
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    assert (
        json.loads((AKAR / "fixtures" / "demo_sidoarjo.json").read_text(encoding="utf-8")) == modul.bangun()
    )
