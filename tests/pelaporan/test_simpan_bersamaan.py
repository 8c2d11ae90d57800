"""Two people saving the same cell at the same moment (issue 12): exactly one save wins, the
other gets the "diubah orang lain" conflict, nothing is lost, and no page answers 500.

The threaded tests use two real database connections and run on PostgreSQL only (`.ci/run`
runs the suite there too); the race they prove is also forced on SQLite, by inserting the
competing row between the save's read and its write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from lkjip import audit
from pelaporan import services
from pelaporan.models import ButirPK, Realisasi, RealisasiAnggaran
from pelaporan.services import grid as grid_modul
from renstra.models import Indikator
from tests.conftest import buat_pengguna, indikator_pk_kedua


def _grid(data) -> str:
    return reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])


def _operator_kedua(data):
    return buat_pengguna("operator.a2", "operator", pemda=data.pemda, opd=data.opd_a)


# =========================================================================== forced race (any database)


def _sisipkan_dulu(monkeypatch, sisipkan: Callable[[], None]) -> list[int]:
    """Run ``sisipkan`` once, after the grid read its rows and before it writes: the other
    person's INSERT that won the race. Returns the list of decisions taken (one per read)."""
    asli = grid_modul.putuskan_terhadap_tersimpan
    panggilan: list[int] = []

    def sela(hasil, kiriman, ada, *, kolom):  # noqa: ANN001, ANN202
        if not panggilan:
            sisipkan()
        panggilan.append(len(ada))
        return asli(hasil, kiriman, ada, kolom=kolom)

    monkeypatch.setattr(grid_modul, "putuskan_terhadap_tersimpan", sela)
    return panggilan


def test_sisipan_sel_kosong_yang_kalah_balapan_menjadi_konflik_bukan_500(data, masuk, monkeypatch) -> None:
    kedua = indikator_pk_kedua(data)
    lain = _operator_kedua(data)

    def sisipkan() -> None:
        with audit.oleh(lain):
            Realisasi.objects.create(
                opd=data.opd_a, indikator=kedua, tahun=2022, triwulan=1, nilai=Decimal(30), diubah_oleh=lain
            )

    panggilan = _sisipkan_dulu(monkeypatch, sisipkan)
    respon = masuk("operator").post(
        _grid(data), {f"n-{kedua.pk}": "35", f"a-{kedua.pk}": "", f"v-{kedua.pk}": "0"}
    )
    assert respon.status_code == 200
    assert "sudah diubah orang lain" in respon.content.decode()
    k = respon.context["konflik"][kedua.pk]
    assert (k.nilai_saya, k.nilai_terbaru, k.oleh, k.versi_terbaru) == ("35", "30", lain.nama, 1)
    assert len(panggilan) == 2  # read, clash, read again
    r = Realisasi.objects.get(indikator=kedua, tahun=2022, triwulan=1)
    assert (r.nilai, r.diubah_oleh) == (Decimal(30), lain)  # the winner's value stays


def test_sisipan_yang_kalah_dengan_nilai_sama_tidak_konflik_dan_sel_lain_tersimpan(data, monkeypatch) -> None:
    """Both typed the same number: no conflict; the loser's other cells are written on the retry."""
    kedua = indikator_pk_kedua(data)
    lain = _operator_kedua(data)
    pertama = data.rencana["indikator"]
    r1 = Realisasi.objects.get(indikator=pertama, tahun=2022, triwulan=1)

    def sisipkan() -> None:
        with audit.oleh(lain):
            Realisasi.objects.create(
                opd=data.opd_a, indikator=kedua, tahun=2022, triwulan=1, nilai=Decimal(30), diubah_oleh=lain
            )

    _sisipkan_dulu(monkeypatch, sisipkan)
    hasil = services.realisasi_simpan_grid(
        opd=data.opd_a,
        tahun=2022,
        triwulan=1,
        masukan=[
            services.SelGrid(kunci=kedua.pk, nilai=Decimal(30), awal="", versi=0),
            services.SelGrid(kunci=pertama.pk, nilai=Decimal(25), awal="20", versi=r1.versi),
        ],
        pengguna=data.pengguna["operator"],
    )
    assert not hasil.konflik and hasil.disimpan == 1
    assert Realisasi.objects.get(pk=r1.pk).nilai == Decimal(25)
    assert Realisasi.objects.filter(indikator=kedua, tahun=2022, triwulan=1).count() == 1


def test_grid_anggaran_sisipan_yang_kalah_balapan_menjadi_konflik(data, monkeypatch) -> None:
    anggaran = data.rencana["anggaran"]
    lain = _operator_kedua(data)

    def sisipkan() -> None:
        with audit.oleh(lain):
            RealisasiAnggaran.objects.create(
                anggaran=anggaran, triwulan=1, jumlah=Decimal(500), diubah_oleh=lain
            )

    _sisipkan_dulu(monkeypatch, sisipkan)
    hasil = services.realisasi_anggaran_simpan_grid(
        opd=data.opd_a,
        tahun=2022,
        triwulan=1,
        masukan=[services.SelGrid(kunci=anggaran.pk, nilai=Decimal(700), awal="", versi=0)],
        pengguna=data.pengguna["operator"],
    )
    assert [(k.kunci, k.nilai_saya, k.nilai_terbaru) for k in hasil.konflik] == [(anggaran.pk, "700", "500")]
    assert RealisasiAnggaran.objects.get(anggaran=anggaran, triwulan=1).jumlah == Decimal(500)


# =========================================================================== two connections (PostgreSQL)

hanya_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs two concurrent writers; SQLite serialises whole transactions (BEGIN IMMEDIATE). "
    "Runs in .ci/run's PostgreSQL pass.",
)


def _tunggu_kunci(batas: float = 10.0) -> None:
    """Wait until some other connection of this test database is blocked on a row or index lock."""
    akhir = time.monotonic() + batas
    with connection.cursor() as c:
        while time.monotonic() < akhir:
            c.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if c.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second save never waited for the first one's lock")


class _Utas(threading.Thread):
    """A thread with its own database connection, closed at the end; keeps result or exception."""

    def __init__(self, kerja: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.kerja, self.hasil, self.galat = kerja, None, None

    def run(self) -> None:
        try:
            self.hasil = self.kerja()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            self.galat = exc
        finally:
            connections.close_all()

    def ambil(self) -> Any:
        self.join(30)
        assert not self.is_alive(), "thread still running"
        if self.galat is not None:
            raise self.galat
        return self.hasil


def _balapan(data, *, sel_a: services.SelGrid, isian_b: dict[str, str]) -> tuple[services.HasilSimpan, Any]:
    """A saves and holds its transaction open; B posts the grid page meanwhile and must wait on
    A's lock; A commits; B's answer comes back. Returns A's result and B's response."""
    ditulis, lanjut = threading.Event(), threading.Event()
    operator_a = data.pengguna["operator"]
    klien_b = Client()
    klien_b.force_login(_operator_kedua(data))

    def simpan_a() -> services.HasilSimpan:
        with transaction.atomic():
            hasil = services.realisasi_simpan_grid(
                opd=data.opd_a, tahun=2022, triwulan=1, masukan=[sel_a], pengguna=operator_a
            )
            ditulis.set()
            assert lanjut.wait(20)
        return hasil

    a = _Utas(simpan_a)
    a.start()
    assert ditulis.wait(20), a.galat
    b = _Utas(lambda: klien_b.post(_grid(data), isian_b))
    b.start()
    try:
        _tunggu_kunci()
    finally:
        lanjut.set()
    return a.ambil(), b.ambil()


@hanya_postgresql
@pytest.mark.django_db(transaction=True)
def test_dua_koneksi_mengisi_sel_kosong_yang_sama_satu_menang_satu_konflik(data) -> None:
    kedua = indikator_pk_kedua(data)
    i = kedua.pk
    hasil_a, respon_b = _balapan(
        data,
        sel_a=services.SelGrid(kunci=i, nilai=Decimal(30), awal="", versi=0),
        isian_b={f"n-{i}": "35", f"a-{i}": "", f"v-{i}": "0"},
    )
    assert hasil_a.disimpan == 1 and not hasil_a.konflik
    assert respon_b.status_code == 200
    assert "sudah diubah orang lain" in respon_b.content.decode()
    k = respon_b.context["konflik"][i]
    assert (k.nilai_saya, k.nilai_terbaru, k.oleh, k.versi_terbaru) == ("35", "30", "Operator A", 1)
    r = Realisasi.objects.get(indikator=kedua, tahun=2022, triwulan=1)
    assert (r.nilai, r.versi, r.diubah_oleh) == (Decimal(30), 1, data.pengguna["operator"])


@hanya_postgresql
@pytest.mark.django_db(transaction=True)
def test_dua_koneksi_mengubah_sel_terisi_yang_sama_satu_menang_satu_konflik(data) -> None:
    i = data.rencana["indikator"].pk
    awal = Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1)  # 20, loaded by both
    hasil_a, respon_b = _balapan(
        data,
        sel_a=services.SelGrid(kunci=i, nilai=Decimal(30), awal="20", versi=awal.versi),
        isian_b={f"n-{i}": "35", f"a-{i}": "20", f"v-{i}": str(awal.versi)},
    )
    assert hasil_a.disimpan == 1 and not hasil_a.konflik
    assert respon_b.status_code == 200
    assert "sudah diubah orang lain" in respon_b.content.decode()
    k = respon_b.context["konflik"][i]
    assert (k.nilai_saya, k.nilai_terbaru, k.oleh, k.versi_terbaru) == (
        "35",
        "30",
        "Operator A",
        awal.versi + 1,
    )
    r = Realisasi.objects.get(pk=awal.pk)
    assert (r.nilai, r.versi, r.diubah_oleh) == (Decimal(30), awal.versi + 1, data.pengguna["operator"])


# =========================================================================== the one-row save paths


def test_detail_sisipan_yang_kalah_balapan_menyebut_pemenangnya(data, masuk, monkeypatch) -> None:
    kedua = indikator_pk_kedua(data)
    lain = _operator_kedua(data)
    asli = Realisasi.full_clean

    def sela(self, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        if self.pk is None and not Realisasi.objects.filter(indikator=kedua).exists():
            with audit.oleh(lain):
                Realisasi.objects.create(
                    opd=data.opd_a,
                    indikator=kedua,
                    tahun=2022,
                    triwulan=1,
                    nilai=Decimal(30),
                    diubah_oleh=lain,
                )
        return asli(self, *a, **kw)

    monkeypatch.setattr(Realisasi, "full_clean", sela)
    url = reverse("realisasi_detail", args=[data.opd_a.pk, 2022, 1, kedua.pk])
    respon = masuk("operator").post(url, {"penjelasan": "Penjelasan saya", "versi": "0"})
    assert respon.status_code == 200
    assert f"sudah diubah oleh {lain.nama} setelah halaman Anda dibuka" in respon.content.decode()
    # the save wrote nothing (the forced competitor ran in the same transaction, so it went too)
    assert not Realisasi.objects.filter(indikator=kedua).exists()


def test_rencana_aksi_sisipan_yang_kalah_balapan_ditandai_di_selnya(data, masuk, monkeypatch) -> None:
    from pelaporan.models import TargetTriwulan
    from pelaporan.services import realisasi as layanan

    i = data.rencana["indikator"].pk
    asli = layanan.periksa_target

    def sela(nilai, atas, **kw):  # noqa: ANN001, ANN003, ANN202
        if kw.get("kolom") == f"target_{i}_2" and not TargetTriwulan.objects.filter(triwulan=2).exists():
            with audit.oleh(None):
                TargetTriwulan.objects.create(
                    opd=data.opd_a, indikator_id=i, tahun=2022, triwulan=2, nilai=50
                )
        return asli(nilai, atas, **kw)

    # the rows are read; the cell's check runs just before its write: insert the rival row there
    monkeypatch.setattr(layanan, "periksa_target", sela)
    url = reverse("rencana_aksi", args=[data.opd_a.pk, 2022])
    isian = {f"t-{i}-1": "40", f"t-{i}-2": "60", f"t-{i}-3": "75", f"t-{i}-4": "90"}
    respon = masuk("operator").post(url, isian)
    assert respon.status_code == 200
    assert "baru saja diisi orang lain" in respon.content.decode()
    # nothing of this save stays (the forced competitor ran in the same transaction, so it went too)
    assert not TargetTriwulan.objects.filter(indikator_id=i).exists()


@hanya_postgresql
@pytest.mark.django_db(transaction=True)
def test_dua_koneksi_butir_pk_tidak_masuk_ke_pk_yang_sedang_ditandatangani(data) -> None:
    """The kepala signs while an operator adds an indicator: the addition waits and is refused."""
    from pelaporan.models import PerjanjianKinerja, StatusPK
    from tests.conftest import SANDI

    pk = data.rencana["pk"]
    r = data.rencana
    with audit.oleh(None):
        kedua = Indikator.objects.create(
            renstra=r["renstra"], sasaran=r["sasaran"], nama="Jumlah PMKS dilayani", satuan="orang"
        )
    ditandatangani, lanjut = threading.Event(), threading.Event()

    def tandatangani() -> None:
        with transaction.atomic():
            services.pk_tandatangani(pk=pk, pengguna=data.pengguna["kepala"], sandi=SANDI)
            ditandatangani.set()
            assert lanjut.wait(20)

    a = _Utas(tandatangani)
    a.start()
    assert ditandatangani.wait(20), a.galat
    b = _Utas(
        lambda: services.butir_pk_simpan(
            pk=PerjanjianKinerja.objects.get(pk=pk.pk), indikator=kedua, target=Decimal(5), target_atas=None
        )
    )
    b.start()
    try:
        _tunggu_kunci()
    finally:
        lanjut.set()
    a.ambil()
    with pytest.raises(services.PKTerkunci):
        b.ambil()
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == StatusPK.DITANDATANGANI
    assert not ButirPK.objects.filter(perjanjian=pk, indikator=kedua).exists()
