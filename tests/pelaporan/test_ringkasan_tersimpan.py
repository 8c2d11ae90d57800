"""The pemda overview from stored summaries (issue 14 item 2): a fixed number of queries whatever
the number of OPDs, and after every kind of write the figures it shows are those a fresh
:func:`pelaporan.dasbor.ringkasan_opd` gives (a missing invalidation fails here)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lkjip import audit
from lkjip.models import Pemda, Pengguna, PerangkatDaerah
from lkjip.services import hapus
from pelaporan.dasbor import angka_ringkasan, ikhtisar_pemda, ringkasan_opd
from pelaporan.models import (
    Anggaran,
    ButirPK,
    PerjanjianKinerja,
    Realisasi,
    RealisasiAnggaran,
    RingkasanTersimpan,
    TargetTriwulan,
)
from pelaporan.services import anggaran as layanan_anggaran
from pelaporan.services import pk as layanan_pk
from pelaporan.services import realisasi as layanan_realisasi
from renstra import models as rm
from tests.conftest import indikator_pk_kedua

TAHUN = 2022


def _opd_berisi(pemda: Pemda, nomor: int) -> PerangkatDaerah:
    """An OPD with two PK indicators measured in TW I–II and one budget line."""
    opd = PerangkatDaerah.objects.create(pemda=pemda, nama=f"Dinas Uji {nomor:03}", kode_urusan="1.06")
    renstra = rm.Renstra.objects.create(opd=opd, tahun_awal=2021, tahun_akhir=2026)
    tujuan = rm.Tujuan.objects.create(renstra=renstra, kode="T1", uraian="Tujuan")
    sasaran = rm.Sasaran.objects.create(renstra=renstra, tujuan=tujuan, kode="S1", uraian="Sasaran")
    program = rm.Program.objects.create(renstra=renstra, kode="1.06.04", nama="Program Uji")
    pk = PerjanjianKinerja.objects.create(
        opd=opd, tahun=TAHUN, jenjang="kepala", pihak_kedua_jabatan="Bupati", pihak_kedua_nama="Bupati"
    )
    for urutan in (1, 2):
        indikator = rm.Indikator.objects.create(
            renstra=renstra, sasaran=sasaran, nama=f"Indikator {urutan}", satuan="%"
        )
        ButirPK.objects.create(perjanjian=pk, indikator=indikator, target=Decimal(80), urutan=urutan)
        for tw in (1, 2):
            Realisasi.objects.create(
                opd=opd, indikator=indikator, tahun=TAHUN, triwulan=tw, nilai=Decimal(40 + nomor % 7 + urutan)
            )
    anggaran = Anggaran.objects.create(opd=opd, tahun=TAHUN, program=program, pagu_murni=Decimal(1000000))
    RealisasiAnggaran.objects.create(anggaran=anggaran, triwulan=1, jumlah=Decimal(250000 + nomor))
    return opd


def _kueri_ikhtisar(klien, jumlah_opd: int, pemda: Pemda) -> tuple[int, int]:
    """Queries of the overview: the first request (cold) and the second (warm)."""
    url = reverse("dasbor_pemda", args=[TAHUN]) + "?sampai=2"
    with CaptureQueriesContext(connection) as dingin:
        assert klien.get(url).status_code == 200
    assert RingkasanTersimpan.objects.filter(opd__pemda=pemda, tahun=TAHUN, sampai=2).count() == jumlah_opd
    with CaptureQueriesContext(connection) as hangat:
        assert klien.get(url).status_code == 200
    return len(dingin), len(hangat)


def test_ikhtisar_pemda_tidak_bertambah_kueri_dengan_jumlah_opd(db, masuk_reviewer) -> None:
    klien, pemda = masuk_reviewer
    with audit.oleh(None):
        for i in range(3):
            _opd_berisi(pemda, i)
    dingin_3, hangat_3 = _kueri_ikhtisar(klien, 3, pemda)
    with audit.oleh(None):
        for i in range(3, 30):
            _opd_berisi(pemda, i)
    dingin_30, hangat_30 = _kueri_ikhtisar(klien, 30, pemda)
    # Warm: the same queries at 3 and at 30 OPDs (session, user, OPDs, generations, summaries, quarter
    # statuses, LKjIPs, years …); cold: each missing OPD computed once, then stored.
    assert hangat_3 == hangat_30 == 11
    assert dingin_30 > dingin_3 > hangat_3


@pytest.fixture
def masuk_reviewer(db):
    from django.test import Client

    from lkjip.models import Peran
    from tests.conftest import buat_pengguna

    pemda = Pemda.objects.create(nama="Pemerintah Kabupaten Skala", nama_singkat="Skala", ibu_kota="Skala")
    reviewer = buat_pengguna("reviewer.skala", Peran.REVIEWER, pemda=pemda)
    klien = Client()
    klien.force_login(reviewer)
    return klien, pemda


# =========================================================================== consistency after writes


def _angka_ikhtisar(pemda: Pemda, sampai: int) -> dict[int, object]:
    daftar = list(PerangkatDaerah.objects.filter(pemda=pemda, aktif=True).select_related("pemda"))
    return {
        i.opd.pk: (i.angka, i.pita, i.angka_indikator)
        for i in ikhtisar_pemda(pemda, daftar, TAHUN, sampai=sampai)
    }


def _angka_segar(pemda: Pemda, sampai: int) -> dict[int, object]:
    hasil = {}
    for o in PerangkatDaerah.objects.filter(pemda=pemda, aktif=True).select_related("pemda"):
        r = ringkasan_opd(o, TAHUN, sampai=sampai)
        hasil[o.pk] = (angka_ringkasan(r), r.pita, r.angka_indikator)
    return hasil


def _setelah_tulis(data, tulis: Callable[[], object]) -> None:
    """Warm every quarter's summaries, write, then the overview must equal a fresh computation
    for every OPD and quarter, and the write must have changed at least one figure."""
    pemda = Pemda.objects.get(pk=data.pemda.pk)
    sebelum = {s: _angka_segar(pemda, s) for s in (1, 2, 3, 4)}
    for s in (1, 2, 3, 4):
        assert _angka_ikhtisar(pemda, s) == sebelum[s]
    assert RingkasanTersimpan.objects.filter(opd__pemda=pemda, tahun=TAHUN).count() == 4 * len(sebelum[1])
    tulis()
    pemda = Pemda.objects.get(pk=data.pemda.pk)
    sesudah = {s: _angka_segar(pemda, s) for s in (1, 2, 3, 4)}
    assert sesudah != sebelum, "the write changed no figure: this case tests nothing"
    for s in (1, 2, 3, 4):
        assert _angka_ikhtisar(pemda, s) == sesudah[s]


def _operator(data) -> Pengguna:
    return data.pengguna["operator"]


def test_simpan_grid_realisasi_lewat_halaman(data, masuk) -> None:
    i = data.rencana["indikator"]

    def tulis() -> None:
        r = Realisasi.objects.get(indikator=i, tahun=TAHUN, triwulan=1)
        url = reverse("realisasi_grid", args=[data.opd_a.pk, TAHUN, 1])
        respon = masuk("operator").post(
            url, {f"n-{i.pk}": "45", f"a-{i.pk}": "20", f"v-{i.pk}": str(r.versi)}
        )
        assert respon.status_code in (200, 302)
        assert Realisasi.objects.get(pk=r.pk).nilai == Decimal(45)

    _setelah_tulis(data, tulis)


def test_ubah_target_triwulan(data) -> None:
    i = data.rencana["indikator"]

    def tulis() -> None:
        with audit.oleh(_operator(data)):
            layanan_realisasi.target_triwulan_simpan(
                opd=data.opd_a,
                tahun=TAHUN,
                target={i.pk: [Decimal(40), Decimal(60), Decimal(80), Decimal(90)]},
                pengguna=_operator(data),
            )
        assert TargetTriwulan.objects.filter(indikator=i, tahun=TAHUN).count() == 4

    _setelah_tulis(data, tulis)


def test_ubah_arah_indikator(data) -> None:
    def tulis() -> None:
        i = rm.Indikator.objects.get(pk=data.rencana["indikator"].pk)
        i.arah = "negatif"
        with audit.oleh(data.pengguna["admin"]):
            i.full_clean()
            i.save()

    _setelah_tulis(data, tulis)


def test_ubah_batas_capaian_dan_skala_pemda(data) -> None:
    # a TW I target far below the realisasi: a capaian above 100 %, capped at the pemda's limit
    with audit.oleh(_operator(data)):
        layanan_realisasi.target_triwulan_simpan(
            opd=data.opd_a,
            tahun=TAHUN,
            target={data.rencana["indikator"].pk: [Decimal(10), None, None, None]},
            pengguna=_operator(data),
        )

    def tulis() -> None:
        pemda = Pemda.objects.get(pk=data.pemda.pk)
        pemda.batas_capaian = Decimal(150)
        pemda.skala = next(k for k, _ in Pemda._meta.get_field("skala").choices if k != pemda.skala)
        with audit.oleh(data.pengguna["admin"]):
            pemda.full_clean()
            pemda.save()

    _setelah_tulis(data, tulis)


def test_ubah_pagu_anggaran(data) -> None:
    a = Anggaran.objects.get(pk=data.rencana["anggaran"].pk)
    with audit.oleh(_operator(data)):
        RealisasiAnggaran.objects.create(anggaran=a, triwulan=1, jumlah=Decimal(500000000))

    def tulis() -> None:
        b = Anggaran.objects.get(pk=a.pk)
        b.pagu_murni = Decimal(2000000000)
        with audit.oleh(_operator(data)):
            layanan_anggaran.anggaran_simpan(anggaran=b, pengguna=_operator(data))

    _setelah_tulis(data, tulis)


def test_ubah_target_pk(data) -> None:
    def tulis() -> None:
        butir = ButirPK.objects.get(pk=data.rencana["butir"].pk)
        with audit.oleh(_operator(data)):
            layanan_pk.butir_pk_simpan(
                pk=butir.perjanjian,
                indikator=butir.indikator,
                target=Decimal(40),
                target_atas=None,
                butir=butir,
            )

    _setelah_tulis(data, tulis)


def test_hapus_butir_pk(data) -> None:
    kedua = indikator_pk_kedua(data)
    with audit.oleh(None):
        Realisasi.objects.create(opd=data.opd_a, indikator=kedua, tahun=TAHUN, triwulan=1, nilai=Decimal(30))

    def tulis() -> None:
        with audit.oleh(_operator(data)):
            hapus(obj=ButirPK.objects.get(indikator=kedua))

    _setelah_tulis(data, tulis)


def test_simpan_realisasi_anggaran_massal(data) -> None:
    a = data.rencana["anggaran"]

    def tulis() -> None:
        with audit.oleh(_operator(data)):
            dibuat = audit.buat_massal([RealisasiAnggaran(anggaran=a, triwulan=2, jumlah=Decimal(300000000))])
        dibuat[0].jumlah = Decimal(700000000)
        with audit.oleh(_operator(data)):
            assert audit.simpan_massal(dibuat, ["jumlah"]) == 1

    _setelah_tulis(data, tulis)


def test_tabel_kosong_tetap_benar_dan_perintah_membangun_ulang(data) -> None:
    pemda = Pemda.objects.get(pk=data.pemda.pk)
    segar = _angka_segar(pemda, 4)
    call_command("bangun_ringkasan", "--tahun", str(TAHUN), verbosity=0)
    assert RingkasanTersimpan.objects.filter(opd__pemda=pemda, tahun=TAHUN).count() == 4 * len(segar)
    assert _angka_ikhtisar(pemda, 4) == segar
    call_command("bangun_ringkasan", "--kosongkan-saja", verbosity=0)
    assert not RingkasanTersimpan.objects.exists()
    assert _angka_ikhtisar(pemda, 4) == segar  # a cold read computes them again


def test_baris_bentuk_lama_dihitung_ulang(data) -> None:
    pemda = Pemda.objects.get(pk=data.pemda.pk)
    segar = _angka_segar(pemda, 4)
    _angka_ikhtisar(pemda, 4)
    baris = RingkasanTersimpan.objects.get(opd=data.opd_a, tahun=TAHUN, sampai=4)
    baris.angka = {**baris.angka, "versi": 0, "rata": "1"}
    baris.save()
    assert _angka_ikhtisar(pemda, 4) == segar


def test_masuk_pengguna_tidak_menghapus_ringkasan(data, masuk) -> None:
    pemda = Pemda.objects.get(pk=data.pemda.pk)
    _angka_ikhtisar(pemda, 4)
    jumlah = RingkasanTersimpan.objects.count()
    masuk("operator").get(reverse("dasbor_opd", args=[data.opd_a.pk, TAHUN]))
    u = Pengguna.objects.get(pk=data.pengguna["operator"].pk)
    u.first_name = "Operator"
    u.save()
    assert RingkasanTersimpan.objects.count() == jumlah


def _hapus_ringkasan(kueri: CaptureQueriesContext) -> int:
    tabel = RingkasanTersimpan._meta.db_table
    return sum(1 for q in kueri.captured_queries if q["sql"].startswith("DELETE") and tabel in q["sql"])


def test_satu_transaksi_menghapus_satu_cakupan_sekali(data) -> None:
    """An import writes many rows of one OPD and year: one DELETE of their summaries, not one per row;
    a summary stored in between (a read in the same transaction) is deleted again by the next write."""
    i = data.rencana["indikator"]
    ikhtisar_pemda(data.pemda, [data.opd_a], TAHUN, sampai=4)  # stored: the next write deletes again
    with CaptureQueriesContext(connection) as kueri, audit.oleh(_operator(data)):
        for tw in (2, 3, 4):
            Realisasi.objects.create(
                opd=data.opd_a, indikator=i, tahun=TAHUN, triwulan=tw, nilai=Decimal(30 + tw)
            )
    assert _hapus_ringkasan(kueri) == 1
    ikhtisar_pemda(data.pemda, [data.opd_a], TAHUN, sampai=4)
    assert RingkasanTersimpan.objects.filter(opd=data.opd_a).exists()
    r = Realisasi.objects.get(indikator=i, tahun=TAHUN, triwulan=4)
    r.nilai = Decimal(90)
    with CaptureQueriesContext(connection) as kueri, audit.oleh(_operator(data)):
        r.save()
    assert _hapus_ringkasan(kueri) == 1
    assert not RingkasanTersimpan.objects.filter(opd=data.opd_a).exists()


def test_savepoint_yang_dibatalkan_tidak_menahan_hapus_berikutnya(data) -> None:
    """The first write of a transaction inside a savepoint that is rolled back: its DELETE is undone,
    so the record that the scope was cleared must go too, or the next write would skip it."""
    from django.db import transaction

    i = data.rencana["indikator"]
    ikhtisar_pemda(data.pemda, [data.opd_a], TAHUN, sampai=1)
    assert RingkasanTersimpan.objects.filter(opd=data.opd_a).exists()
    del connection._ringkasan_tertunda  # as in a transaction that has written nothing yet
    with pytest.raises(RuntimeError), transaction.atomic(), audit.oleh(_operator(data)):
        Realisasi.objects.create(opd=data.opd_a, indikator=i, tahun=TAHUN, triwulan=2, nilai=Decimal(30))
        assert not RingkasanTersimpan.objects.filter(opd=data.opd_a).exists()
        raise RuntimeError
    assert RingkasanTersimpan.objects.filter(opd=data.opd_a).exists()  # the DELETE was rolled back
    with audit.oleh(_operator(data)):
        Realisasi.objects.create(opd=data.opd_a, indikator=i, tahun=TAHUN, triwulan=3, nilai=Decimal(30))
    assert not RingkasanTersimpan.objects.filter(opd=data.opd_a).exists()


# =========================================================================== generations


def test_tulisan_yang_selesai_menaikkan_generasi_dan_baris_lama_tidak_dibaca(
    data, django_capture_on_commit_callbacks
) -> None:
    """Once a write commits, its OPD's generation rises; a stored row of an older generation (the
    row a slow reader stored, unseen by the delete) is not read, but computed again and replaced."""
    from pelaporan import ringkasan_tersimpan
    from pelaporan.models import GenerasiRingkasan

    pemda = Pemda.objects.get(pk=data.pemda.pk)
    i = data.rencana["indikator"]
    assert ringkasan_tersimpan.generasi([data.opd_a.pk]) == {data.opd_a.pk: 0}
    r = Realisasi.objects.get(indikator=i, tahun=TAHUN, triwulan=1)
    r.nilai = Decimal(44)
    del connection._ringkasan_tertunda  # a new transaction: the fixture's writes never commit here
    with django_capture_on_commit_callbacks(execute=True), audit.oleh(_operator(data)):
        r.save()
    assert GenerasiRingkasan.objects.get(opd=data.opd_a).generasi == 1
    segar = _angka_segar(pemda, 1)
    assert _angka_ikhtisar(pemda, 1) == segar
    baris = RingkasanTersimpan.objects.get(opd=data.opd_a, tahun=TAHUN, sampai=1)
    assert baris.generasi == 1
    # A row as a slow reader leaves it: figures from before, generation from before.
    palsu = dict(baris.angka, rata="1.00")
    RingkasanTersimpan.objects.filter(pk=baris.pk).update(angka=palsu, generasi=0)
    assert _angka_ikhtisar(pemda, 1) == segar
    assert RingkasanTersimpan.objects.get(opd=data.opd_a, tahun=TAHUN, sampai=1).generasi == 1
    # A pemda-wide write (the scale) raises every OPD of the pemda, also one never raised before.
    del connection._ringkasan_tertunda
    with django_capture_on_commit_callbacks(execute=True), audit.oleh(data.pengguna["admin"]):
        pemda.batas_capaian = Decimal(110)
        pemda.save()
    gen = ringkasan_tersimpan.generasi(
        list(PerangkatDaerah.objects.filter(pemda=pemda).values_list("pk", flat=True))
    )
    assert gen[data.opd_a.pk] == 2 and all(g >= 1 for g in gen.values())


@pytest.mark.skipif(
    "postgresql" not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="SQLite runs one writing transaction at a time: the race cannot happen there",
)
def test_pembaca_lambat_tidak_meninggalkan_ringkasan_basi_di_postgresql(transactional_db) -> None:
    """The race the generations close, with two real connections: a reader computes and stores
    TW I's summary inside its open transaction; a writer changes the realisasi and commits (its
    delete cannot see the reader's uncommitted row); the reader commits. The next overview must
    show the writer's figure, not the reader's."""
    import threading

    from django.db import transaction

    from lkjip.models import Peran
    from tests.conftest import buat_pengguna

    pemda = Pemda.objects.create(nama="Pemerintah Kabupaten Balapan", nama_singkat="Balapan", ibu_kota="X")
    with audit.oleh(None):
        opd = _opd_berisi(pemda, 1)
    operator = buat_pengguna("operator.balapan", Peran.OPERATOR, pemda=pemda, opd=opd)
    sudah_simpan, boleh_selesai = threading.Event(), threading.Event()
    galat: list[BaseException] = []

    def pembaca() -> None:
        try:
            with transaction.atomic():
                o = PerangkatDaerah.objects.select_related("pemda").get(pk=opd.pk)
                ikhtisar_pemda(o.pemda, [o], TAHUN, sampai=1)
                assert RingkasanTersimpan.objects.filter(opd=o).exists()
                sudah_simpan.set()
                assert boleh_selesai.wait(30)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            galat.append(e)
            sudah_simpan.set()
        finally:
            connection.close()

    t = threading.Thread(target=pembaca)
    t.start()
    assert sudah_simpan.wait(30)
    r = Realisasi.objects.filter(opd=opd, tahun=TAHUN, triwulan=1).order_by("pk").first()
    r.nilai = Decimal(79)
    with transaction.atomic(), audit.oleh(operator):
        r.save()
    boleh_selesai.set()
    t.join(30)
    assert not galat, galat
    assert RingkasanTersimpan.objects.filter(opd=opd, tahun=TAHUN, sampai=1).exists()  # the stale row stayed
    o = PerangkatDaerah.objects.select_related("pemda").get(pk=opd.pk)
    (dari_ikhtisar,) = ikhtisar_pemda(o.pemda, [o], TAHUN, sampai=1)
    assert dari_ikhtisar.angka == angka_ringkasan(ringkasan_opd(o, TAHUN, sampai=1))
