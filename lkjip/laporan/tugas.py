"""LKjIP renders and signing as background jobs on a task queue (issue 7; issue 14, item 5).

``mulai`` records a TugasRender row and puts a job carrying its pk on the queue of django-tasks
(the backport of Django 6's ``django.tasks``). The worker process (``manage.py db_worker``) takes
it and runs ``jalankan``, which writes the progress to the row; the waiting page polls that row.
The web process never renders: a restart of the web server loses nothing, since the job waits in
the queue (with the database backend, a table committed together with the row) until a worker
takes it. Renders run one at a time per worker process; more processes run more at once.

What the queue tells the page: a job still in the queue is "menunggu giliran" however long it
waits (it will run once a worker is there; the page says when no worker seems to be running);
a job the worker was told to stop in the middle (a second Ctrl+C) is marked "terhenti" by the job
itself; a job whose worker vanished (killed, the machine went down) stays "running" in the queue
forever, so the row's own heartbeat decides: no step for BATAS_MACET means it stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task
from django_tasks.exceptions import TaskException
from django_tasks_db.backend import DatabaseBackend

from lkjip import audit
from lkjip.laporan.models import JenisTugas, LaporanKinerja, StatusTugas, TugasRender
from lkjip.models import Pengguna

log = logging.getLogger(__name__)
# A running job writes a step every few seconds (the longest, the layout of a 110-page report,
# takes about 15 s here): this long without one, its worker is gone.
BATAS_MACET = dt.timedelta(minutes=10)
# Waiting this long while no job anywhere made a step: no worker seems to be running.
BATAS_TANPA_PEKERJA = dt.timedelta(minutes=2)
AKTIF = (StatusTugas.ANTRI, StatusTugas.BERJALAN)


@task()
def kerjakan(pk: int, sidik: str | None = None, alamat: str = "") -> None:
    """What the worker runs for one TugasRender; then it lets the old draft PDFs expire. ``sidik``:
    for a signing, the submission the kepala approved (:func:`sidik_pengajuan`); ``alamat``: the
    site's address as the kepala's request saw it (lkjip.situs), for the verification QR code."""
    jalankan(pk, sidik=sidik, alamat=alamat)
    kedaluwarsakan_draf()


def mulai(
    *,
    laporan: LaporanKinerja,
    pengguna: Pengguna,
    jenis: str = JenisTugas.DRAF,
    sidik: str | None = None,
    alamat: str = "",
) -> TugasRender:
    """Record the job and queue it. A signing carries ``sidik``, taken when the kepala approved it:
    a job that waited in the queue signs nothing if the report was resubmitted meanwhile."""
    tugas = TugasRender.objects.create(
        laporan=laporan,
        diminta_oleh=pengguna,
        jenis=jenis,
        tahap="Menunggu giliran",
        diperbarui=timezone.now(),
    )
    pekerjaan = kerjakan.using(backend="langsung") if settings.LKJIP_RENDER_SINKRON else kerjakan
    if _di_basis_data_kita(pekerjaan.get_backend()):
        # The queue row commits with the TugasRender row, or neither does.
        _masukkan_antrean(pekerjaan, tugas.pk, sidik, alamat)
    else:
        # A broker outside our database could hand the job to a worker before this request's
        # transaction commits the row the job reads.
        transaction.on_commit(lambda: _masukkan_antrean(pekerjaan, tugas.pk, sidik, alamat))
    tugas.refresh_from_db()
    return tugas


def _di_basis_data_kita(backend: BaseTaskBackend) -> bool:
    """The database queue lives in our database; the immediate backend runs the job here and now."""
    return isinstance(backend, DatabaseBackend | ImmediateBackend)


def _masukkan_antrean(pekerjaan: Task, pk: int, sidik: str | None, alamat: str) -> None:
    lain = {k: v for k, v in (("sidik", sidik), ("alamat", alamat)) if v}
    hasil = pekerjaan.enqueue(pk, **lain)
    if pekerjaan.get_backend().supports_get_result:
        TugasRender.objects.filter(pk=pk).update(id_antrian=str(hasil.id))


def berjalan(
    *, laporan: LaporanKinerja, pengguna: Pengguna | None = None, jenis: str = JenisTugas.DRAF
) -> TugasRender | None:
    """The job of this kind on this report still queued or running (the person's own, when
    ``pengguna`` is given), if any."""
    qs = TugasRender.objects.filter(laporan=laporan, jenis=jenis, status__in=AKTIF)
    if pengguna is not None:
        qs = qs.filter(diminta_oleh=pengguna)
    t = qs.order_by("-dibuat").first()
    return t if t is not None and status_tampil(t) in AKTIF else None


def _catat(pk: int, persen: int, tahap: str, **lain: object) -> None:
    TugasRender.objects.filter(pk=pk).update(
        progres=persen, tahap=tahap[:200], diperbarui=timezone.now(), **lain
    )


def jalankan(pk: int, *, sidik: str | None = None, alamat: str = "") -> None:
    """Run one job to its end, recording progress, the PDF (a draft) or the signed document."""
    # Taken in one statement: a job delivered twice (a broker's redelivery) runs once.
    if not TugasRender.objects.filter(pk=pk, status=StatusTugas.ANTRI).update(
        status=StatusTugas.BERJALAN, progres=5, tahap="Mulai", diperbarui=timezone.now()
    ):
        log.warning("Tugas render %s sudah diambil atau selesai; tidak dijalankan lagi", pk)
        return
    tugas = TugasRender.objects.select_related("laporan__opd__pemda", "diminta_oleh").get(pk=pk)
    # A worker has no request: name the person in the audit trail and use their pemda's zone
    # (the signing date printed in WITA is the date in Tenggarong).
    zona = zoneinfo.ZoneInfo(tugas.laporan.opd.pemda.zona_waktu)
    with audit.oleh(tugas.diminta_oleh), timezone.override(zona):
        _jalankan(tugas, sidik, alamat)


def _jalankan(tugas: TugasRender, sidik: str | None, alamat: str) -> None:
    from lkjip.laporan.rakit import rakit_lkjip
    from lkjip.laporan.render import html_dokumen, pdf_dari_html
    from lkjip.laporan.services import tandatangani_setelah_diperiksa

    pk = tugas.pk
    try:
        if tugas.jenis == JenisTugas.TANDATANGAN:
            dokumen = tandatangani_setelah_diperiksa(
                laporan=tugas.laporan,
                pengguna=tugas.diminta_oleh,
                kemajuan=lambda p, t: _catat(pk, p, t),
                sidik_disetujui=sidik,
                alamat=alamat,
            )
            _catat(
                pk,
                100,
                "Selesai: dokumen ditandatangani",
                status=StatusTugas.SELESAI,
                halaman=dokumen.halaman,
                selesai_pada=timezone.now(),
            )
            return
        _catat(pk, 10, "Merakit data laporan")
        data = rakit_lkjip(tugas.laporan)
        _catat(pk, 25, "Menyusun halaman")
        hasil = pdf_dari_html(html_dokumen(data), kemajuan=lambda p, t: _catat(pk, p, t))
        _catat(
            pk,
            100,
            f"Selesai: {hasil.halaman} halaman",
            status=StatusTugas.SELESAI,
            pdf=hasil.pdf,
            halaman=hasil.halaman,
            selesai_pada=timezone.now(),
        )
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the person waiting
        log.exception("Render LKjIP gagal (tugas %s)", pk)
        pesan = " ".join(getattr(exc, "messages", [])) or str(exc) or type(exc).__name__
        _catat(pk, 100, "Gagal", status=StatusTugas.GAGAL, pesan=pesan[:2000], selesai_pada=timezone.now())
    except BaseException:
        # The worker was told to stop at once (a second Ctrl+C or SIGTERM): tell the person, then stop.
        log.warning("Tugas render %s terhenti: pekerja latar dihentikan", pk)
        TugasRender.objects.filter(pk=pk).update(
            status=StatusTugas.TERHENTI,
            tahap="Terhenti: pekerja latar dihentikan",
            diperbarui=timezone.now(),
            selesai_pada=timezone.now(),
        )
        raise


def status_tampil(tugas: TugasRender) -> str:
    """The status to show: the stored one, unless the queue or the heartbeat says otherwise."""
    if tugas.status == StatusTugas.SELESAI and tugas.jenis == JenisTugas.DRAF:
        selesai = tugas.selesai_pada or tugas.dibuat
        return StatusTugas.KEDALUWARSA if selesai < batas_kedaluwarsa() else tugas.status
    if tugas.status not in AKTIF:
        return tugas.status
    # Only a queued job needs the queue's word (a running one reports its own end, or its
    # heartbeat stops): one query less on every poll of a render.
    antrean = _status_antrean(tugas) if tugas.status == StatusTugas.ANTRI else None
    if antrean == TaskResultStatus.READY:
        return StatusTugas.ANTRI  # safe in the queue: it runs once a worker takes it
    if antrean in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        # The queue finished with it; the row may have been written a moment after we read it.
        tugas.refresh_from_db()
        if tugas.status in AKTIF:
            return _hentikan(tugas, "antrean mengakhirinya tanpa menjalankannya")
        return tugas.status
    # Running (or its queue entry is unknown: a job from before the queue, or pruned): the
    # heartbeat decides whether a worker still has it.
    if timezone.now() - (tugas.diperbarui or tugas.dibuat) > BATAS_MACET:
        return _hentikan(tugas, f"tanpa kemajuan sejak {tugas.diperbarui or tugas.dibuat:%Y-%m-%d %H:%M}")
    return tugas.status


def _hentikan(tugas: TugasRender, sebab: str) -> str:
    """Write the stop once, and log it once, so that an admin sees it and the row stops polling."""
    if TugasRender.objects.filter(pk=tugas.pk, status__in=AKTIF).update(
        status=StatusTugas.TERHENTI, tahap="Terhenti", selesai_pada=timezone.now()
    ):
        log.error("Tugas render %s terhenti: %s", tugas.pk, sebab)
    return StatusTugas.TERHENTI


def _status_antrean(tugas: TugasRender) -> str | None:
    if not tugas.id_antrian:
        return None
    try:
        return kerjakan.get_result(tugas.id_antrian).status
    except TaskException:
        return None


def tanpa_pekerja(tugas: TugasRender) -> bool:
    """A job that has waited a while in a queue nobody takes from: no worker seems to be running."""
    sekarang = timezone.now()
    if sekarang - tugas.dibuat < BATAS_TANPA_PEKERJA:
        return False
    sejak = sekarang - BATAS_TANPA_PEKERJA
    # A worker lives if a job is running with a recent step, or one finished recently.
    return not TugasRender.objects.filter(
        Q(status=StatusTugas.BERJALAN, diperbarui__gt=sejak) | Q(selesai_pada__gt=sejak)
    ).exists()


def batas_kedaluwarsa() -> dt.datetime:
    """A finished draft older than this has expired (LKJIP_DRAF_KEDALUWARSA_HARI)."""
    return timezone.now() - dt.timedelta(days=settings.LKJIP_DRAF_KEDALUWARSA_HARI)


def kedaluwarsakan_draf() -> int:
    """Remove the PDF of every finished draft past its days; the row stays, marked "kedaluwarsa".

    Only drafts: a signed document lives in DokumenTertandatangan, which nothing here touches,
    and a signing job's row holds no PDF. Returns how many drafts expired.
    """
    batas = batas_kedaluwarsa()
    jumlah = (
        TugasRender.objects.filter(jenis=JenisTugas.DRAF, status=StatusTugas.SELESAI)
        # the same age as status_tampil reads: finished at, or created at for a row without it
        .filter(Q(selesai_pada__lt=batas) | Q(selesai_pada__isnull=True, dibuat__lt=batas))
        .update(
            status=StatusTugas.KEDALUWARSA,
            pdf=None,
            tahap=f"Kedaluwarsa: PDF draf dihapus setelah {settings.LKJIP_DRAF_KEDALUWARSA_HARI} hari",
        )
    )
    if jumlah:
        log.info("%s PDF draf LKjIP kedaluwarsa dihapus", jumlah)
    return jumlah
