"""Background rendering with visible progress, needing no extra server (issue 7).

A render runs in a daemon thread of the web process and writes its progress to its
TugasRender row; the waiting page polls that row. At most LKJIP_RENDER_PARALEL renders run
at once per process (WeasyPrint is CPU-bound). A render interrupted by a restart is reported
as stopped after a while instead of spinning forever. Tests and commands run inline.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import zoneinfo

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from lkjip import audit
from lkjip.laporan.models import JenisTugas, LaporanKinerja, StatusTugas, TugasRender
from lkjip.models import Pengguna

log = logging.getLogger(__name__)
_giliran = threading.BoundedSemaphore(max(1, settings.LKJIP_RENDER_PARALEL))
BATAS_MACET = dt.timedelta(minutes=10)


def mulai(*, laporan: LaporanKinerja, pengguna: Pengguna, jenis: str = JenisTugas.DRAF) -> TugasRender:
    tugas = TugasRender.objects.create(
        laporan=laporan, diminta_oleh=pengguna, jenis=jenis, tahap="Menunggu giliran"
    )
    if settings.LKJIP_RENDER_SINKRON:
        jalankan(tugas.pk)
        tugas.refresh_from_db()
    else:
        transaction.on_commit(
            lambda: threading.Thread(target=_di_latar, args=(tugas.pk,), daemon=True).start()
        )
    return tugas


def berjalan(*, laporan: LaporanKinerja, pengguna: Pengguna) -> TugasRender | None:
    """The person's draft render of this report still queued or running, if any."""
    return (
        TugasRender.objects.filter(
            laporan=laporan,
            diminta_oleh=pengguna,
            jenis=JenisTugas.DRAF,
            status__in=(StatusTugas.ANTRI, StatusTugas.BERJALAN),
            dibuat__gt=timezone.now() - BATAS_MACET,
        )
        .order_by("-dibuat")
        .first()
    )


def _di_latar(pk: int) -> None:
    with _giliran:
        close_old_connections()
        try:
            jalankan(pk)
        finally:
            connections.close_all()


def _catat(pk: int, persen: int, tahap: str, **lain: object) -> None:
    TugasRender.objects.filter(pk=pk).update(progres=persen, tahap=tahap[:200], **lain)


def jalankan(pk: int) -> None:
    """Run one job to its end, recording progress, the PDF (a draft) or the signed document."""
    tugas = TugasRender.objects.select_related("laporan__opd__pemda", "diminta_oleh").get(pk=pk)
    # A thread starts with no request context: name the person in the audit trail and use
    # their pemda's zone (the signing date printed in WITA is the date in Tenggarong).
    zona = zoneinfo.ZoneInfo(tugas.laporan.opd.pemda.zona_waktu)
    with audit.oleh(tugas.diminta_oleh), timezone.override(zona):
        _jalankan(tugas)


def _jalankan(tugas: TugasRender) -> None:
    from lkjip.laporan.rakit import rakit_lkjip
    from lkjip.laporan.render import html_dokumen, pdf_dari_html
    from lkjip.laporan.services import tandatangani_setelah_diperiksa

    pk = tugas.pk
    _catat(pk, 5, "Mulai", status=StatusTugas.BERJALAN)
    try:
        if tugas.jenis == JenisTugas.TANDATANGAN:
            dokumen = tandatangani_setelah_diperiksa(
                laporan=tugas.laporan, pengguna=tugas.diminta_oleh, kemajuan=lambda p, t: _catat(pk, p, t)
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


def status_tampil(tugas: TugasRender) -> str:
    """The status to show; a job running far too long was cut off by a restart."""
    if (
        tugas.status in (StatusTugas.ANTRI, StatusTugas.BERJALAN)
        and timezone.now() - tugas.dibuat > BATAS_MACET
    ):
        return "terhenti"
    return tugas.status
