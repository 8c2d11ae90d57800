"""Issue 10's acceptance: the demo LKjIP, printed with ``cetak_lkjip`` as a kepala would receive it,
holds every part of the real report from the data and nothing a kepala must strike out.

The PDF's own text is read back. A page fails when all it holds, besides the running header and the
footer, is headings (a heading left alone, or a page holding only a heading).
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
DEMO = {
    "kukar": ("Pemerintah Kabupaten Kutai Kartanegara", "Dinas Sosial Kabupaten Kutai Kartanegara", 2021),
    "sidoarjo": ("Pemerintah Kabupaten Sidoarjo", "Dinas Sosial Kabupaten Sidoarjo", 2021),
}
TIDAK_BOLEH = ("belum diisi", "……", "Tuliskan", "Tidak ada data", "No data")
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=sorted(DEMO))
def cetakan(request, django_db_setup, django_db_blocker, tmp_path_factory) -> dict:  # noqa: ANN001
    """The PDF ``cetak_lkjip`` writes, the headings the report holds, and the check's findings."""
    from django.db import transaction

    from lkjip.laporan.models import LaporanKinerja
    from lkjip.laporan.periksa import periksa_lkjip
    from lkjip.laporan.rakit import rakit_lkjip

    pemda, opd, tahun = DEMO[request.param]
    keluaran = tmp_path_factory.mktemp("lkjip") / f"{request.param}.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *map(str, FIXTURE), verbosity=0)
        call_command(
            "cetak_lkjip", pemda=pemda, opd=opd, tahun=tahun, keluaran=str(keluaran), stdout=io.StringIO()
        )
        lap = LaporanKinerja.objects.get(opd__nama=opd, tahun=tahun)
        data = rakit_lkjip(lap)
        masalah = periksa_lkjip(lap)
        transaction.set_rollback(True)
    judul = {b["judul"] for b in data["bab"]} | {"LAMPIRAN", "KATA PENGANTAR", "DAFTAR ISI"}
    judul |= {g["judul"] for b in data["bab"] for g in b["bagian"] if g["judul"]}
    judul |= {x["judul"] for x in data["lampiran"]}
    halaman = [p.extract_text() for p in PdfReader(io.BytesIO(keluaran.read_bytes())).pages]
    return {
        "demo": request.param,
        "opd": opd,
        "halaman": halaman,
        "judul": judul,
        "data": data,
        "masalah": masalah,
    }


def test_tidak_ada_tempat_kosong_yang_tercetak(cetakan) -> None:
    teks = "\n".join(cetakan["halaman"])
    for kata in TIDAK_BOLEH:
        assert kata not in teks, kata
    assert cetakan["data"]["kurang"] == []
    assert not [m for m in cetakan["masalah"] if m.tingkat == "galat"], cetakan["masalah"]


def test_bab_ii_memuat_tujuan_berindikator_strategi_dan_arah_kebijakan(cetakan) -> None:
    if cetakan["demo"] != "kukar":
        pytest.skip("Kutai Kartanegara's BAB II; Sidoarjo's report prints no strategi (its own outline)")
    teks = re.sub(r"\s+", " ", "\n".join(cetakan["halaman"]))
    assert "Tabel 2.1 Matriks Hubungan Visi, Misi, Tujuan dan Sasaran" in teks
    assert "Tabel 2.2 Strategi dan Arah Kebijakan" in teks
    # the tujuan of Renstra 2021–2026 with their indicators (seed 000 Tabel 2.1)
    assert "Meningkatkan Akuntabilitas Pengelolaan Keuangan Dinas Sosial" in teks
    assert "Indeks Pembangunan Manusia" in teks
    assert "Renstra 2021–2026 yang mulai berlaku tahun ini" in teks


def test_tabel_3_6_capaian_program_dihitung_ulang(cetakan) -> None:
    if cetakan["demo"] != "kukar":
        pytest.skip("seed 000's Tabel 3.6")
    halaman = next(
        h for h in cetakan["halaman"] if "Tabel 3.6 Capaian Kinerja Program" in h and "DAFTAR" not in h
    )
    baris = re.sub(r"\s+", " ", halaman)
    # Program Pemberdayaan Sosial 50,68 / 84 = 60,33 % "Rendah" (seed 000 printed "Berhasil")
    assert re.search(r"84 50,68 60,33 Rendah", baris), baris
    assert re.search(r"100 91,8 91,80 Sangat Tinggi", baris), baris
    assert "Berhasil" not in baris


def test_tidak_ada_halaman_yang_hanya_berisi_judul(cetakan) -> None:
    judul = cetakan["judul"]
    for n, teks in enumerate(cetakan["halaman"][1:], start=2):  # the cover has no body text by design
        sisa = []
        for baris in (b.strip() for b in teks.splitlines()):
            # the footer: the OPD's name, then "Halaman X dari Y" or a roman page number
            baris = baris.removeprefix(cetakan["opd"]).strip()
            baris = re.sub(r"^(Halaman \d+ dari \d+|[ivxlc]+)$", "", baris)
            if baris and baris not in judul:
                sisa.append(baris)
        assert sisa, f"halaman {n} hanya berisi judul atau kepala halaman: {teks!r}"
