"""Issue 12 item 1: every number is checked against what its column stores, where it is
parsed (forms, both grids, the rencana aksi, the budget form, workbooks), and a value that
SQLite accepted before that check is shown as "nilai tidak sah" on every page, never a 500."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from lkjip.angka import UKURAN_RUPIAH, AngkaRusak
from lkjip.excel import Baris, Masalah, angka, target
from lkjip.models import CatatanAudit
from pelaporan.angka_tersimpan import cari_angka_rusak
from pelaporan.models import Anggaran, Realisasi, RealisasiAnggaran, TargetTriwulan

RAKSASA = "99999999999999999999"  # what the fuzzer typed: 20 digits before the point

hanya_sqlite = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="only SQLite stores a value bigger than its column"
)


# =========================================================================== refused where parsed


def test_rencana_aksi_menolak_angka_terlalu_besar_dan_tidak_menyimpan(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    url = reverse("rencana_aksi", args=[data.opd_a.pk, 2022])
    sebelum = CatatanAudit.objects.count()
    respon = masuk("operator").post(url, {f"t-{i}-1": RAKSASA, f"t-{i}-2": "50"})
    html = respon.content.decode()
    assert respon.status_code == 200 and "Tidak ada yang disimpan" in html
    assert "Angka terlalu besar: paling banyak 16 angka sebelum koma" in html
    assert not TargetTriwulan.objects.exists() and CatatanAudit.objects.count() == sebelum
    html = masuk("operator").post(url, {f"t-{i}-1": "12,34567"}).content.decode()
    assert "paling banyak 4 (yang diketik 5)" in html
    assert masuk("operator").get(url).status_code == 200


def test_grid_kinerja_menolak_angka_terlalu_besar_di_samping_selnya(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])
    r = Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1)
    respon = masuk("operator").post(url, {f"n-{i}": RAKSASA, f"a-{i}": "20", f"v-{i}": str(r.versi)})
    html = respon.content.decode()
    assert respon.status_code == 200 and "Angka terlalu besar" in html and f'value="{RAKSASA}"' in html
    assert Realisasi.objects.get(pk=r.pk).nilai == 20


def test_pratinjau_menolak_angka_terlalu_besar(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    url = reverse("realisasi_pratinjau", args=[data.opd_a.pk, 2022, 1, i])
    respon = masuk("operator").post(url, {f"n-{i}": RAKSASA})
    assert respon.status_code == 200 and "Angka terlalu besar" in respon.content.decode()


def test_grid_anggaran_menolak_rupiah_terlalu_besar_dan_sen_berlebih(data, masuk) -> None:
    a = data.rencana["anggaran"].pk
    url = reverse("anggaran_realisasi", args=[data.opd_a.pk, 2022, 2])
    html = masuk("operator").post(url, {f"n-{a}": RAKSASA, f"a-{a}": "", f"v-{a}": "0"}).content.decode()
    assert "Angka terlalu besar" in html
    html = masuk("operator").post(url, {f"n-{a}": "1000,125", f"a-{a}": "", f"v-{a}": "0"}).content.decode()
    assert "paling banyak 2 (yang diketik 3)" in html
    assert not RealisasiAnggaran.objects.exists()


def test_form_anggaran_menolak_pagu_terlalu_besar(data, masuk) -> None:
    url = reverse("anggaran_tambah", args=[data.opd_a.pk, 2022])
    respon = masuk("operator").post(
        url, {"uraian": "Belanja uji", "sumber_dana": "DAU", "pagu_murni": RAKSASA}
    )
    assert respon.status_code == 200 and "Angka terlalu besar" in respon.content.decode()
    assert Anggaran.objects.count() == 1


def test_komponen_indikator_menolak_angka_terlalu_besar(data, masuk) -> None:
    from lkjip import audit
    from renstra.models import KomponenIndikator

    i = data.rencana["indikator"]
    with audit.oleh(None):
        k = KomponenIndikator.objects.create(renstra=i.renstra, indikator=i, nama="PMKS tertangani", urutan=1)
    url = reverse("realisasi_detail", args=[data.opd_a.pk, 2022, 1, i.pk])
    html = (
        masuk("operator")
        .post(url, {f"kp-{k.pk}": RAKSASA, f"ks-{k.pk}": "10", "versi": "1"})
        .content.decode()
    )
    assert "Angka terlalu besar" in html


def test_pembaca_sel_workbook_memeriksa_ukuran_kolom() -> None:
    masalah: list[Masalah] = []
    assert angka(Baris("Indikator", 5, {"Target": RAKSASA}), "Target", masalah) is None
    assert angka(Baris("Indikator", 6, {"Target": 1e20}), "Target", masalah) is None
    assert target(Baris("Indikator", 7, {"Target": f"1 – {RAKSASA}"}), "Target", masalah) is None
    pagu = Baris("Anggaran", 8, {"Pagu": "1.000,125"})
    assert angka(pagu, "Pagu", masalah, ukuran=UKURAN_RUPIAH) is None
    assert [(m.baris, "terlalu besar" in m.pesan or "di belakang koma" in m.pesan) for m in masalah] == [
        (5, True),
        (6, True),
        (7, True),
        (8, True),
    ]
    # a number cell is a binary float: rounded to the column, not refused
    assert angka(Baris("Anggaran", 9, {"Pagu": 0.1 + 0.2}), "Pagu", masalah, ukuran=UKURAN_RUPIAH) == Decimal(
        "0.3"
    )


def test_impor_pengukuran_melaporkan_angka_terlalu_besar_tanpa_menyimpan(data, masuk) -> None:
    from pelaporan.excel_pengukuran import ekspor_pengukuran

    _, _, isi = ekspor_pengukuran(opd=data.opd_a, tahun=2022)
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb["Indikator"]
    judul = [c.value for c in ws[1]]
    ws.cell(row=2, column=judul.index("Target TW1") + 1, value=RAKSASA)
    buf = io.BytesIO()
    wb.save(buf)
    buf.name = "pengukuran.xlsx"
    buf.seek(0)
    url = reverse("pengukuran", args=[data.opd_a.pk, 2022])
    respon = masuk("operator").post(url, {"berkas": buf}, follow=True)
    assert respon.status_code == 200 and "Angka terlalu besar" in respon.content.decode()
    assert not TargetTriwulan.objects.exists()


# =========================================================================== read paths survive


def _simpan_mentah(tabel: str, kolom: str, nilai: str) -> None:
    with connection.cursor() as c:
        c.execute(f"UPDATE {tabel} SET {kolom} = %s", [nilai])  # noqa: S608 - fixed test names


@pytest.fixture
def nilai_rusak(data):
    """OPD A's 2022 with a target, a realisasi, a budget and a PK target SQLite took unchecked."""
    from lkjip import audit

    with audit.oleh(None):
        TargetTriwulan.objects.create(
            opd=data.opd_a, indikator=data.rencana["indikator"], tahun=2022, triwulan=1, nilai=Decimal(5)
        )
    _simpan_mentah("pelaporan_targettriwulan", "nilai", RAKSASA)
    _simpan_mentah("pelaporan_realisasi", "nilai", "-" + RAKSASA)
    _simpan_mentah("pelaporan_anggaran", "pagu_murni", RAKSASA)
    _simpan_mentah("pelaporan_butirpk", "target", "1e30")
    return data


@hanya_sqlite
def test_nilai_rusak_terbaca_sebagai_angka_rusak(nilai_rusak) -> None:
    t = TargetTriwulan.objects.get()
    assert isinstance(t.nilai, AngkaRusak) and t.nilai == Decimal("1E+20")
    assert not isinstance(Anggaran.objects.get().pagu_perubahan, AngkaRusak)  # NULL stays None


@hanya_sqlite
@pytest.mark.parametrize(
    "nama, args, peran",
    [
        ("rencana_aksi", lambda d: [d.opd_a.pk, 2022], "operator"),
        ("realisasi_grid", lambda d: [d.opd_a.pk, 2022, 1], "operator"),
        ("realisasi_grid", lambda d: [d.opd_a.pk, 2022, 2], "operator"),
        ("dasbor_opd", lambda d: [d.opd_a.pk, 2022], "kepala"),
        ("anggaran_daftar", lambda d: [d.opd_a.pk, 2022], "operator"),
        ("anggaran_realisasi", lambda d: [d.opd_a.pk, 2022, 1], "operator"),
        ("pk_detail", lambda d: [d.opd_a.pk, d.rencana["pk"].pk], "operator"),
    ],
)
def test_halaman_menampilkan_nilai_tidak_sah_bukan_500(nilai_rusak, masuk, nama, args, peran) -> None:
    respon = masuk(peran).get(reverse(nama, args=args(nilai_rusak)))
    assert respon.status_code == 200
    assert "nilai tidak sah" in respon.content.decode()


@hanya_sqlite
def test_dasbor_pemda_bertahan_pada_nilai_rusak(nilai_rusak, masuk) -> None:
    assert masuk("admin").get(reverse("dasbor_pemda", args=[2022])).status_code == 200


@hanya_sqlite
def test_grid_dengan_nilai_rusak_menolak_simpan_sampai_diperbaiki(nilai_rusak, masuk) -> None:
    d = nilai_rusak
    i = d.rencana["indikator"].pk
    url = reverse("realisasi_grid", args=[d.opd_a.pk, 2022, 1])
    r = Realisasi.objects.get(indikator_id=i)
    html = masuk("operator").get(url).content.decode()
    # SQLite kept it as a float (1e20): the box shows those digits, so the operator sees what to fix
    assert 'value="-100000000000000000000"' in html
    awal = re.search(rf'name="a-{i}" value="([^"]*)"', html)[1]
    respon = masuk("operator").post(url, {f"n-{i}": "25", f"a-{i}": awal, f"v-{i}": str(r.versi)})
    assert respon.status_code == 200 and "1 nilai disimpan" in respon.content.decode()
    assert Realisasi.objects.get(pk=r.pk).nilai == 25  # corrected through the grid, with its audit entry


@hanya_sqlite
def test_ekspor_excel_menulis_nilai_tidak_sah(nilai_rusak, masuk) -> None:
    respon = masuk("operator").get(reverse("pengukuran_ekspor", args=[nilai_rusak.opd_a.pk, 2022]))
    assert respon.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(respon.content), read_only=True)
    isi = {c for ws in wb.worksheets for baris in ws.iter_rows(values_only=True) for c in baris}
    assert "nilai tidak sah" in isi


@hanya_sqlite
def test_rakitan_lkjip_bertahan_pada_nilai_rusak(nilai_rusak) -> None:
    from lkjip.laporan.rakit.perakit import rakit_lkjip

    snapshot = rakit_lkjip(nilai_rusak.rencana["lkjip"])
    assert "nilai tidak sah" in repr(snapshot)


@hanya_sqlite
def test_periksa_angka_melaporkan_tanpa_mengubah(nilai_rusak, capsys) -> None:
    temuan = {(t.model, t.kolom) for t in cari_angka_rusak()}
    assert temuan == {
        ("pelaporan.TargetTriwulan", "nilai"),
        ("pelaporan.Realisasi", "nilai"),
        ("pelaporan.Anggaran", "pagu_murni"),
        ("pelaporan.ButirPK", "target"),
    }
    call_command("periksa_angka")
    keluaran = capsys.readouterr().out
    assert "4 angka tersimpan tidak sah" in keluaran and "pelaporan.TargetTriwulan id=" in keluaran
    assert isinstance(TargetTriwulan.objects.get().nilai, AngkaRusak)  # reported, not changed


@hanya_sqlite
def test_migrasi_periksa_angka_melaporkan(nilai_rusak, capsys) -> None:
    from importlib import import_module

    from django.db.migrations.executor import MigrationExecutor

    migrasi = import_module("pelaporan.migrations.0002_periksa_angka")
    state = MigrationExecutor(connection).loader.project_state(("pelaporan", "0002_periksa_angka"))

    class _Editor:
        pass

    editor = _Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    migrasi.laporkan_angka_rusak(state.apps, editor)
    keluaran = capsys.readouterr().out
    assert "4 angka tersimpan melebihi ukuran kolomnya" in keluaran
    assert "pelaporan.Anggaran id=" in keluaran and "paling banyak 16 angka sebelum koma" in keluaran


def test_periksa_angka_bersih(data, capsys) -> None:
    call_command("periksa_angka")
    assert "Semua angka tersimpan muat di kolomnya" in capsys.readouterr().out


@hanya_sqlite
def test_sqlite_menolak_angka_yang_tidak_tersimpan_tepat(data, masuk) -> None:
    """Found by the fuzzer: SQLite stored 9.999.999.999.999.999,9999 as 10^16, which then read
    back as "nilai tidak sah". It keeps 15 significant digits, so the check says so first."""
    i = data.rencana["indikator"].pk
    url = reverse("rencana_aksi", args=[data.opd_a.pk, 2022])
    html = masuk("operator").post(url, {f"t-{i}-1": "9.999.999.999.999.999,9999"}).content.decode()
    assert "paling banyak 15 angka seluruhnya" in html and not TargetTriwulan.objects.exists()
