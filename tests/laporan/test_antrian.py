"""LKjIP renders and signing on the task queue (issue 14, item 5): the web request only enqueues,
a separate worker process does the work, a job survives a restart of the web process, a job
whose worker died says so, and finished drafts expire while signed documents never change."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lkjip.laporan import render, tugas
from lkjip.laporan.models import (
    DokumenTertandatangan,
    JenisTugas,
    LaporanKinerja,
    StatusLKjIP,
    StatusTugas,
    TugasRender,
)
from tests.conftest import SANDI


def _buat_draf(data, masuk, lap) -> TugasRender:  # noqa: ANN001
    respon = masuk("reviewer").post(reverse("lkjip_pdf_buat", args=[data.opd_a.pk, lap.pk]))
    assert respon.status_code == 302
    return TugasRender.objects.filter(laporan=lap, jenis=JenisTugas.DRAF).latest("dibuat")


def _halaman(data, masuk, t: TugasRender, **kw) -> str:  # noqa: ANN001
    url = reverse("lkjip_render", args=[data.opd_a.pk, t.laporan_id, t.token])
    return masuk("reviewer").get(url, **kw).content.decode()


def test_permintaan_web_hanya_memasukkan_antrean(data, siap, masuk) -> None:
    """The web process renders nothing: the request leaves a queued job carrying the row's pk."""
    t = _buat_draf(data, masuk, siap)
    assert (t.status, t.progres, t.pdf) == (StatusTugas.ANTRI, 0, None)
    antrean = DBTaskResult.objects.get(id=t.id_antrian)
    assert antrean.status == TaskResultStatus.READY
    assert antrean.task_path == "lkjip.laporan.tugas.kerjakan" and antrean.args_kwargs["args"] == [t.pk]
    html = _halaman(data, masuk, t, HTTP_HX_REQUEST="true")
    assert "Menunggu giliran" in html and 'hx-trigger="every 1s"' in html
    assert "Belum ada pekerja latar" not in html


def _url_basis_data_uji() -> str:
    """The URL of the test database, for a worker in another process."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    pengguna = quote(s["USER"] or "", safe="")
    sandi = quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{pengguna}:{sandi}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _jalankan_pekerja(tmp_path) -> str:  # noqa: ANN001
    """``manage.py db_worker --batch`` in its own process: takes every queued job, then exits."""
    env = {**os.environ, "DATABASE_URL": _url_basis_data_uji(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    env.pop("LKJIP_RENDER_SINKRON", None)
    hasil = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil.stdout + hasil.stderr


def test_render_dan_tanda_tangan_dikerjakan_pekerja_terpisah_setelah_web_dimulai_ulang(
    transactional_db, data, siap, masuk, tmp_path
) -> None:
    """Both jobs are committed to the queue by the web requests and nothing else: a worker process
    that never saw those requests (as after a restart of the web server) takes and finishes them."""
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    draf = _buat_draf(data, masuk, siap)
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI}
    )
    assert respon.status_code == 302
    ttd = TugasRender.objects.get(laporan=siap, jenis=JenisTugas.TANDATANGAN)
    # The requests have returned: both jobs wait in the database queue, nothing was rendered.
    for t in (draf, ttd):
        t.refresh_from_db()
        assert t.status == StatusTugas.ANTRI and t.pdf is None
        assert DBTaskResult.objects.get(id=t.id_antrian).status == TaskResultStatus.READY
    assert not DokumenTertandatangan.objects.filter(laporan=siap).exists()

    keluaran = _jalankan_pekerja(tmp_path)

    draf.refresh_from_db()
    ttd.refresh_from_db()
    assert draf.status == StatusTugas.SELESAI and bytes(draf.pdf).startswith(b"%PDF"), keluaran
    assert draf.halaman and draf.progres == 100
    assert ttd.status == StatusTugas.SELESAI and ttd.halaman, keluaran
    dokumen = DokumenTertandatangan.objects.get(laporan=siap)
    assert bytes(dokumen.pdf).startswith(b"%PDF") and dokumen.ditandatangani_oleh == data.pengguna["kepala"]
    assert LaporanKinerja.objects.get(pk=siap.pk).status == StatusLKjIP.DITANDATANGANI
    assert {r.status for r in DBTaskResult.objects.filter(id__in=[draf.id_antrian, ttd.id_antrian])} == {
        TaskResultStatus.SUCCESSFUL
    }
    # the pages show the outcome the worker wrote
    assert "PDF siap" in _halaman(data, masuk, draf)
    unduh = masuk("reviewer").get(reverse("lkjip_render_unduh", args=[data.opd_a.pk, siap.pk, draf.token]))
    assert unduh.content == bytes(draf.pdf)


def test_antrean_tanpa_pekerja_tetap_menunggu_dan_memberi_tahu(data, siap, masuk) -> None:
    """A queued job never turns into "terhenti" by waiting: it runs once a worker starts. After a
    while with no worker taking anything, the page says so (and polls less often)."""
    t = _buat_draf(data, masuk, siap)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30)):
        assert tugas.status_tampil(t) == StatusTugas.ANTRI and not tugas.tanpa_pekerja(t)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
        assert tugas.status_tampil(t) == StatusTugas.ANTRI
        html = _halaman(data, masuk, t, HTTP_HX_REQUEST="true")
        assert "Belum ada pekerja latar" in html and 'hx-trigger="every 5s"' in html
        # clicking again joins the job still waiting instead of queueing another
        assert tugas.berjalan(laporan=siap, pengguna=data.pengguna["reviewer"]) == t


def test_pekerja_aktif_menghapus_peringatan_tanpa_pekerja(data, siap, masuk) -> None:
    t = _buat_draf(data, masuk, siap)
    lain = _buat_draf(data, masuk, LaporanKinerja.objects.get(pk=siap.pk))  # joins t: same person
    assert lain == t
    t2 = tugas.mulai(laporan=siap, pengguna=data.pengguna["operator"])
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert tugas.tanpa_pekerja(t)
        tugas._catat(t2.pk, 40, "Menata halaman", status=StatusTugas.BERJALAN)  # a worker is busy on it
        assert not tugas.tanpa_pekerja(t)


def test_pekerja_yang_hilang_di_tengah_render_ditampilkan_terhenti(data, siap, masuk) -> None:
    """The worker was killed while rendering: the queue says "running" forever, so the row's own
    steps decide. No step for BATAS_MACET: stopped, with a button to render again."""
    t = _buat_draf(data, masuk, siap)
    antrean = DBTaskResult.objects.get(id=t.id_antrian)
    antrean.claim("pekerja-yang-mati")
    tugas._catat(t.pk, 35, "Menata halaman (tata letak)", status=StatusTugas.BERJALAN)
    t.refresh_from_db()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=9)):
        assert tugas.status_tampil(t) == StatusTugas.BERJALAN
    with time_machine.travel(timezone.now() + tugas.BATAS_MACET + dt.timedelta(minutes=1)):
        assert tugas.status_tampil(t) == StatusTugas.TERHENTI
        html = _halaman(data, masuk, t, HTTP_HX_REQUEST="true")
        assert "terhenti" in html and "hx-trigger" not in html and "Ulangi" in html
        assert tugas.berjalan(laporan=siap, pengguna=data.pengguna["reviewer"]) is None
        baru = _buat_draf(data, masuk, siap)  # "Ulangi" posts here: a new job, not the dead one
    assert baru != t and baru.status == StatusTugas.ANTRI


def test_pekerja_dihentikan_paksa_menandai_tugas_terhenti(data, siap, masuk, monkeypatch) -> None:
    """A second Ctrl+C (or SIGTERM) makes db_worker raise SystemExit inside the job: the job
    records that it stopped, then lets the worker stop; the queue marks it failed."""
    t = _buat_draf(data, masuk, siap)

    def dihentikan(html, **kw):  # noqa: ANN001, ANN202
        raise SystemExit(1)

    monkeypatch.setattr(render, "pdf_dari_html", dihentikan)
    with pytest.raises(SystemExit):
        tugas.jalankan(t.pk)
    t.refresh_from_db()
    assert t.status == StatusTugas.TERHENTI and tugas.status_tampil(t) == StatusTugas.TERHENTI
    assert "terhenti" in _halaman(data, masuk, t)


def test_tugas_yang_gagal_di_antrean_tidak_berputar_selamanya(data, siap, masuk) -> None:
    """The queue finished with the job (failed before it could write its row): shown as stopped."""
    t = _buat_draf(data, masuk, siap)
    antrean = DBTaskResult.objects.get(id=t.id_antrian)
    antrean.claim("pekerja")
    antrean.set_failed(ImportError("modul tidak ada"))
    assert tugas.status_tampil(t) == StatusTugas.TERHENTI


def test_tugas_sudah_selesai_tidak_dijalankan_ulang(data, siap, masuk, sinkron) -> None:
    """A job delivered twice (a broker retrying) does not render again over the finished one."""
    t = _buat_draf(data, masuk, siap)
    t.refresh_from_db()
    assert t.status == StatusTugas.SELESAI
    pdf = bytes(t.pdf)
    tugas.jalankan(t.pk)
    t.refresh_from_db()
    assert t.status == StatusTugas.SELESAI and bytes(t.pdf) == pdf


def test_draf_kedaluwarsa_dokumen_bertanda_tangan_tidak(data, siap, masuk, sinkron) -> None:
    """A finished draft older than LKJIP_DRAF_KEDALUWARSA_HARI loses its PDF (the row stays and
    offers a new render); the signed document and its PDF never change."""
    draf = _buat_draf(data, masuk, siap)
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    masuk("kepala").post(reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI})
    dokumen = DokumenTertandatangan.objects.get(laporan=siap)
    sidik = hashlib.sha256(bytes(dokumen.pdf)).hexdigest()
    ttd = TugasRender.objects.get(laporan=siap, jenis=JenisTugas.TANDATANGAN)
    draf.refresh_from_db()
    assert draf.status == StatusTugas.SELESAI and ttd.status == StatusTugas.SELESAI
    hari = settings.LKJIP_DRAF_KEDALUWARSA_HARI
    unduh = reverse("lkjip_render_unduh", args=[data.opd_a.pk, siap.pk, draf.token])

    with time_machine.travel(timezone.now() + dt.timedelta(days=hari - 1)):
        call_command("hapus_draf_kedaluwarsa", stdout=io.StringIO())
        draf.refresh_from_db()
        assert draf.status == StatusTugas.SELESAI and bytes(draf.pdf).startswith(b"%PDF")
        assert masuk("reviewer").get(unduh)["Content-Type"] == "application/pdf"

    with time_machine.travel(timezone.now() + dt.timedelta(days=hari, hours=1)):
        # past its days the draft is expired for the reader at once, before any cleanup ran
        assert tugas.status_tampil(draf) == StatusTugas.KEDALUWARSA
        assert masuk("reviewer").get(unduh)["Location"].endswith(f"{draf.token}/")
        html = _halaman(data, masuk, draf)
        assert "kedaluwarsa" in html and "Buat PDF draf baru" in html
        detail = masuk("reviewer").get(reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk]))
        assert detail.status_code == 200
        call_command("hapus_draf_kedaluwarsa", stdout=io.StringIO())

    draf.refresh_from_db()
    ttd.refresh_from_db()
    assert draf.status == StatusTugas.KEDALUWARSA and draf.pdf is None and draf.halaman
    assert masuk("reviewer").get(unduh)["Location"].endswith(f"{draf.token}/")
    assert ttd.status == StatusTugas.SELESAI  # a signing job is no draft
    dokumen.refresh_from_db()
    assert hashlib.sha256(bytes(dokumen.pdf)).hexdigest() == sidik == dokumen.sha256
    assert masuk("reviewer").get(reverse("lkjip_unduh", args=[data.opd_a.pk, siap.pk])).content == bytes(
        dokumen.pdf
    )


def test_setiap_tugas_pekerja_juga_mengkedaluwarsakan_draf_lama(data, siap, masuk, sinkron) -> None:
    """Without any cron: the next job the worker runs removes the drafts past their days."""
    lama = _buat_draf(data, masuk, siap)
    hari = settings.LKJIP_DRAF_KEDALUWARSA_HARI
    with time_machine.travel(timezone.now() + dt.timedelta(days=hari + 1)):
        baru = tugas.mulai(laporan=siap, pengguna=data.pengguna["operator"])
    lama.refresh_from_db()
    assert lama.status == StatusTugas.KEDALUWARSA and lama.pdf is None
    assert baru.status == StatusTugas.SELESAI and bytes(baru.pdf).startswith(b"%PDF")


def _minta_tandatangan(data, masuk, lap) -> TugasRender:  # noqa: ANN001
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, lap.pk]), {"sandi": SANDI}
    )
    assert respon.status_code == 302
    return TugasRender.objects.filter(laporan=lap, jenis=JenisTugas.TANDATANGAN).latest("dibuat")


def test_tanda_tangan_yang_menunggu_tidak_menandatangani_pengajuan_berikutnya(data, siap, masuk) -> None:
    """The kepala approved one submission; the job waits in the queue while the report is returned
    and submitted again: the worker signs nothing, and says why."""
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    t = _minta_tandatangan(data, masuk, siap)
    kwargs = DBTaskResult.objects.get(id=t.id_antrian).args_kwargs["kwargs"]
    masuk("kepala").post(reverse("lkjip_kembalikan", args=[data.opd_a.pk, siap.pk]), {"catatan": "Perbaiki"})
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    assert LaporanKinerja.objects.get(pk=siap.pk).status == StatusLKjIP.DIAJUKAN
    tugas.jalankan(t.pk, **kwargs)  # what the worker runs for the queued job
    t.refresh_from_db()
    assert t.status == StatusTugas.GAGAL and "diajukan ulang" in t.pesan
    assert not DokumenTertandatangan.objects.filter(laporan=siap).exists()


def test_tanda_tangan_kedua_bergabung_dengan_yang_menunggu(data, siap, masuk) -> None:
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    pertama = _minta_tandatangan(data, masuk, siap)
    kedua = _minta_tandatangan(data, masuk, siap)
    assert kedua.pk == pertama.pk and TugasRender.objects.filter(jenis=JenisTugas.TANDATANGAN).count() == 1
    html = masuk("kepala").get(reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk])).content.decode()
    assert "sedang menunggu giliran" in html and 'name="sandi"' not in html


def test_tugas_yang_sedang_berjalan_tidak_diambil_lagi(data, siap, masuk) -> None:
    """A broker redelivering a job a worker still runs: the second delivery does nothing."""
    t = _buat_draf(data, masuk, siap)
    TugasRender.objects.filter(pk=t.pk).update(status=StatusTugas.BERJALAN, progres=40, tahap="Menata")
    tugas.jalankan(t.pk)
    t.refresh_from_db()
    assert (t.status, t.progres, t.pdf) == (StatusTugas.BERJALAN, 40, None)
