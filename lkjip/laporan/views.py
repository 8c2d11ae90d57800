"""LKjIP screens: list, detail with the check, text editor, preview, PDF in the background,
Excel of every table, submit / return / sign, review notes, and the public verification page."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.forms import galat_ke_form
from lkjip.laporan import forms as f
from lkjip.laporan import services, tugas
from lkjip.laporan.berubah import data_berubah
from lkjip.laporan.excel import excel_lkjip
from lkjip.laporan.models import (
    DokumenTertandatangan,
    JenisPembanding,
    JenisTugas,
    LaporanKinerja,
    PembandingIndikator,
    StatusLKjIP,
    StatusTugas,
    TeksLaporan,
    TugasRender,
    judul_teks,
)
from lkjip.laporan.periksa import periksa_lkjip
from lkjip.laporan.rakit import Perakit, draf_semua, rakit_lkjip
from lkjip.laporan.tandatangan import TandaTanganGagal, verifikasi_pdf
from lkjip.models import PerangkatDaerah
from lkjip.selectors import riwayat_objek
from lkjip.situs import alamat_situs
from pelaporan.selectors import pk_opd


def _laporan(opd: PerangkatDaerah, pk: int) -> LaporanKinerja:
    return get_object_or_404(LaporanKinerja.objects.select_related("opd", "opd__pemda"), opd=opd, pk=pk)


@akses.halaman_opd()
def lkjip_daftar(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    form = f.LaporanBaruForm(request.POST or None)
    if request.method == "POST":
        if not akses.can_isi_data(request.user, opd):
            raise PermissionDenied("Hanya operator OPD ini yang dapat menyusun LKjIP.")
        if form.is_valid():
            try:
                lap = services.laporan_buat(
                    opd=opd,
                    tahun=form.cleaned_data["tahun"],
                    triwulan=form.cleaned_data["triwulan"],
                    pengguna=request.user,
                )
            except ValidationError as exc:
                galat_ke_form(form, exc)
            else:
                messages.success(
                    request, f"{lap} dibuat. Teksnya sudah berisi draf dari data; periksa dan sunting."
                )
                return redirect("lkjip_detail", opd.pk, lap.pk)
    daftar = (
        LaporanKinerja.objects.filter(opd=opd)
        .select_related("dokumen")
        .order_by("-tahun", "triwulan", "-versi")
    )
    # Years with a PK but no annual report yet: their draft can be read before anyone creates it.
    ada = {lap.tahun for lap in daftar if lap.triwulan is None}
    tahun_draf = sorted(
        set(pk_opd(opd).values_list("tahun", flat=True)) - ada,
        reverse=True,
    )
    return render(
        request,
        "laporan/daftar.html",
        {
            "opd": opd,
            "daftar": daftar,
            "form": form,
            "boleh_buat": akses.can_isi_data(request.user, opd),
            "tahun_draf": tahun_draf,
        },
    )


def _tanpa_masalah(lap: LaporanKinerja) -> str:
    """What a clean check means for this report now: ready to submit only while it can be."""
    if lap.status == StatusLKjIP.DIAJUKAN:
        return "Tidak ada masalah. LKjIP sudah diajukan ke kepala OPD dan menunggu keputusannya."
    return "Tidak ada masalah: LKjIP siap diajukan."


@akses.halaman_opd()
def lkjip_detail(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    masalah = periksa_lkjip(lap) if lap.status != StatusLKjIP.DITANDATANGANI else []
    dokumen = DokumenTertandatangan.objects.filter(laporan=lap).first()
    render_terakhir = TugasRender.objects.filter(laporan=lap, jenis=JenisTugas.DRAF).first()
    boleh_isi = akses.can_isi_data(request.user, opd)
    boleh_putuskan = akses.can_setujui(request.user, opd) and lap.status == StatusLKjIP.DIAJUKAN
    return render(
        request,
        "laporan/detail.html",
        {
            # the signed figures beside today's when the data under the signed report changed
            "berubah": data_berubah(lap, dokumen) if dokumen else None,
            "versi_baru_post": reverse("lkjip_versi_baru", args=[opd.pk, lap.pk]) if boleh_isi else "",
            "opd": opd,
            "lap": lap,
            "masalah": masalah,
            "jumlah_galat": sum(1 for m in masalah if m.tingkat == "galat"),
            "jumlah_peringatan": sum(1 for m in masalah if m.tingkat != "galat"),
            "tanpa_masalah": _tanpa_masalah(lap),
            "teks": judul_teks(lap),
            "dokumen": dokumen,
            "render_terakhir": render_terakhir,
            "status_render_terakhir": StatusTugas(tugas.status_tampil(render_terakhir)).label
            if render_terakhir
            else "",
            "boleh_ubah": akses.can_isi_data(request.user, opd) and not lap.terkunci,
            "boleh_isi": boleh_isi,
            "boleh_putuskan": boleh_putuskan,
            # a signing in the queue or under way: its progress, not the form again
            "ttd_berjalan": tugas.berjalan(laporan=lap, jenis=JenisTugas.TANDATANGAN)
            if boleh_putuskan
            else None,
            "boleh_reviu": akses.can_reviu(request.user, opd),
            "catatan_reviu": lap.catatan_reviu.select_related("penulis"),
            "form_catatan": f.CatatanReviuForm(),
            "riwayat": riwayat_objek(lap),
        },
    )


@akses.halaman_opd()
def lkjip_teks(request: HttpRequest, opd: PerangkatDaerah, pk: int, kunci: str) -> HttpResponse:
    lap = _laporan(opd, pk)
    judul = dict(judul_teks(lap)).get(kunci)
    if judul is None:
        raise Http404("Bagian teks tidak dikenal.")
    teks = TeksLaporan.objects.filter(laporan=lap, kunci=kunci).first()
    if request.method == "POST":
        aksi = request.POST.get("aksi", "simpan")
        try:
            if aksi == "draf":
                services.teks_ke_draf(laporan=lap, kunci=kunci, pengguna=request.user)
                messages.success(request, "Teks dikembalikan ke draf dari data terbaru.")
            else:
                services.teks_simpan(
                    laporan=lap, kunci=kunci, isi=request.POST.get("isi", ""), pengguna=request.user
                )
                messages.success(request, f"“{judul}” disimpan.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("lkjip_teks", opd.pk, lap.pk, kunci)
    return render(
        request,
        "laporan/teks.html",
        {
            "opd": opd,
            "lap": lap,
            "kunci": kunci,
            "judul": judul,
            "isi": teks.isi if teks else "",
            "draf": draf_semua(lap).get(kunci, ""),
            "boleh_ubah": akses.can_isi_data(request.user, opd) and not lap.terkunci,
            "riwayat": riwayat_objek(teks) if teks else [],
        },
    )


@akses.halaman_opd()
def lkjip_pembanding(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    """National standard and similar institutions per indicator: a value, or Nihil with a reason."""
    lap = _laporan(opd, pk)
    baris = Perakit(lap).baris
    ada = {(p.indikator_id, p.jenis): p for p in PembandingIndikator.objects.filter(laporan=lap)}
    jenis = list(JenisPembanding)
    forms: dict[tuple[int, str], f.PembandingForm] = {}
    for b in baris:
        for j in jenis:
            p = ada.get((b.indikator.pk, j.value))
            awal = {"nama": p.nama_pembanding, "nilai": p.nilai, "keterangan": p.keterangan} if p else None
            forms[(b.indikator.pk, j.value)] = f.PembandingForm(
                request.POST or None, prefix=f"{j.value}-{b.indikator.pk}", initial=awal
            )
    if request.method == "POST":
        if not akses.can_isi_data(request.user, opd):
            raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi pembanding.")
        if all(x.is_valid() for x in forms.values()):
            try:
                with transaction.atomic():
                    for (ind, j), x in forms.items():
                        services.pembanding_simpan(
                            laporan=lap,
                            indikator_id=ind,
                            jenis=j,
                            nama=x.cleaned_data["nama"],
                            nilai=x.cleaned_data["nilai"],
                            keterangan=x.cleaned_data["keterangan"],
                            pengguna=request.user,
                        )
            except ValidationError as exc:
                messages.error(request, "Tidak ada yang disimpan: " + " ".join(exc.messages))
            else:
                messages.success(request, "Pembanding disimpan.")
                return redirect("lkjip_detail", opd.pk, lap.pk)
        else:
            messages.error(request, "Tidak ada yang disimpan: perbaiki isian yang ditandai merah.")
    return render(
        request,
        "laporan/pembanding.html",
        {
            "opd": opd,
            "lap": lap,
            "baris": [(b, [(j, forms[(b.indikator.pk, j.value)]) for j in jenis]) for b in baris],
            "boleh_ubah": akses.can_isi_data(request.user, opd) and not lap.terkunci,
        },
    )


@akses.halaman_opd()
def lkjip_pratinjau(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    dokumen = DokumenTertandatangan.objects.filter(laporan=lap).first()
    data = dokumen.snapshot if dokumen else rakit_lkjip(lap)
    return render(
        request, "laporan/pratinjau.html", {"opd": opd, "lap": lap, "data": data, "final": bool(dokumen)}
    )


@akses.halaman_opd()
def lkjip_pratinjau_draf(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    """A year's report as the data would print it, before any LKjIP record exists (nothing is saved)."""
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun di luar jangkauan.")
    ada = LaporanKinerja.objects.filter(opd=opd, tahun=tahun, triwulan=None).order_by("-versi").first()
    if ada is not None:
        return redirect("lkjip_pratinjau", opd.pk, ada.pk)
    lap = LaporanKinerja(opd=opd, tahun=tahun, tempat=opd.pemda.ibu_kota)
    return render(
        request,
        "laporan/pratinjau.html",
        {"opd": opd, "lap": lap, "data": rakit_lkjip(lap), "final": False, "belum_dibuat": True},
    )


@require_POST
@akses.halaman_opd()
def lkjip_pdf_buat(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    # One draft render at a time per person: clicking again joins the one already running
    # (renders are CPU-heavy; a stuck button must not start dozens).
    t = tugas.berjalan(laporan=lap, pengguna=request.user) or tugas.mulai(laporan=lap, pengguna=request.user)
    return redirect("lkjip_render", opd.pk, lap.pk, t.token)


@akses.halaman_opd()
def lkjip_render(request: HttpRequest, opd: PerangkatDaerah, pk: int, token: str) -> HttpResponse:
    """The waiting page; htmx polls it every second and swaps the progress until done."""
    lap = _laporan(opd, pk)
    t = get_object_or_404(TugasRender, token=token, laporan=lap)
    status = tugas.status_tampil(t)
    template = "laporan/_kemajuan.html" if request.htmx else "laporan/render.html"
    return render(
        request,
        template,
        {
            "opd": opd,
            "lap": lap,
            "t": t,
            "status": status,
            "tanpa_pekerja": status == StatusTugas.ANTRI and tugas.tanpa_pekerja(t),
            "hari_kedaluwarsa": settings.LKJIP_DRAF_KEDALUWARSA_HARI,
        },
    )


@akses.halaman_opd()
def lkjip_render_unduh(request: HttpRequest, opd: PerangkatDaerah, pk: int, token: str) -> HttpResponse:
    lap = _laporan(opd, pk)
    t = get_object_or_404(
        TugasRender,
        token=token,
        laporan=lap,
        jenis=JenisTugas.DRAF,
        status__in=(StatusTugas.SELESAI, StatusTugas.KEDALUWARSA),
    )
    if tugas.status_tampil(t) == StatusTugas.KEDALUWARSA:
        return redirect("lkjip_render", opd.pk, lap.pk, t.token)  # says so and offers a new render
    nama = f"DRAF-LKjIP-{lap.tahun}-{opd.singkatan or opd.pk}-v{lap.versi}.pdf".replace(" ", "-")
    respon = HttpResponse(bytes(t.pdf), content_type="application/pdf")
    respon["Content-Disposition"] = f'inline; filename="{nama}"'
    return respon


@akses.halaman_opd()
def lkjip_excel(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    """Every table of the report in one workbook (one sheet per table)."""
    lap = _laporan(opd, pk)
    dokumen = DokumenTertandatangan.objects.filter(laporan=lap).first()
    nama, tipe, isi = excel_lkjip(dokumen.snapshot if dokumen else rakit_lkjip(lap))
    respon = HttpResponse(isi, content_type=tipe)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def lkjip_ajukan(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    try:
        services.laporan_ajukan(laporan=lap, pengguna=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{lap} diajukan ke kepala OPD.")
    return redirect("lkjip_detail", opd.pk, lap.pk)


@require_POST
@akses.halaman_opd(akses.can_setujui)
def lkjip_kembalikan(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    try:
        services.laporan_kembalikan(
            laporan=lap, catatan=request.POST.get("catatan", ""), pengguna=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{lap} dikembalikan ke operator dengan catatan.")
    return redirect("lkjip_detail", opd.pk, lap.pk)


@require_POST
@akses.halaman_opd(akses.can_setujui)
def lkjip_tandatangani(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    try:
        services.periksa_tandatangan(laporan=lap, pengguna=request.user, sandi=request.POST.get("sandi", ""))
    except (ValidationError, TandaTanganGagal) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("lkjip_detail", opd.pk, lap.pk)
    # A signing already waiting or running for this report is joined, not queued again.
    t = tugas.berjalan(laporan=lap, jenis=JenisTugas.TANDATANGAN) or tugas.mulai(
        laporan=lap,
        pengguna=request.user,
        jenis=JenisTugas.TANDATANGAN,
        sidik=services.sidik_pengajuan(lap),
        alamat=alamat_situs(request),
    )
    return redirect("lkjip_render", opd.pk, lap.pk, t.token)


@akses.halaman_opd()
def lkjip_unduh(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    """The signed PDF, byte for byte as stored at signing."""
    lap = _laporan(opd, pk)
    dokumen = get_object_or_404(DokumenTertandatangan, laporan=lap)
    nama = f"LKjIP-{lap.tahun}-{opd.singkatan or opd.pk}-v{lap.versi}.pdf".replace(" ", "-")
    respon = HttpResponse(bytes(dokumen.pdf), content_type="application/pdf")
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def lkjip_versi_baru(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    try:
        baru = services.versi_baru(laporan=lap, pengguna=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lkjip_detail", opd.pk, lap.pk)
    messages.success(request, f"{baru} dibuat; {lap} yang ditandatangani tetap tersimpan tanpa perubahan.")
    return redirect("lkjip_detail", opd.pk, baru.pk)


@require_POST
@akses.halaman_opd(akses.can_reviu)
def lkjip_catatan(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    form = f.CatatanReviuForm(request.POST)
    if form.is_valid():
        services.catatan_reviu_buat(laporan=lap, pengguna=request.user, **form.cleaned_data)
        messages.success(request, "Catatan reviu disimpan.")
    else:
        messages.error(request, "Isi bagian dan catatan.")
    return redirect("lkjip_detail", opd.pk, lap.pk)


@akses.halaman_opd(akses.can_reviu)
def lkjip_pernyataan(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    lap = _laporan(opd, pk)
    ada = getattr(lap, "pernyataan_reviu", None)
    awal = None if ada else {"nama_penanda_tangan": request.user.nama, "isi": _isi_pernyataan(lap)}
    form = f.PernyataanReviuForm(request.POST or None, instance=ada, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.pernyataan_reviu_simpan(
                laporan=lap, data={k: form.cleaned_data[k] for k in form.Meta.fields}, pengguna=request.user
            )
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Pernyataan telah direviu disimpan; ia dilampirkan pada LKjIP.")
            return redirect("lkjip_detail", opd.pk, lap.pk)
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"Pernyataan telah direviu · {lap}",
            "batal": reverse("lkjip_detail", args=[opd.pk, lap.pk]),
        },
    )


def _isi_pernyataan(lap: LaporanKinerja) -> str:
    return (
        f"Kami telah mereviu Laporan Kinerja {lap.opd.nama} Tahun {lap.tahun} sesuai Pedoman Reviu atas Laporan "
        "Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen "
        f"{lap.opd.nama}. Reviu bertujuan memberikan keyakinan terbatas laporan kinerja telah disajikan secara "
        "akurat, andal, dan valid. Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan "
        "perbedaan dalam meyakini keandalan informasi yang disajikan di dalam Laporan Kinerja ini."
    )


def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    """Public: anyone holding a printed or downloaded LKjIP can check it is the signed original."""
    dokumen = get_object_or_404(
        DokumenTertandatangan.objects.select_related("laporan__opd__pemda"), token=token
    )
    form = f.VerifikasiForm(request.POST or None, request.FILES or None)
    hasil: Any = None
    if request.method == "POST" and form.is_valid():
        sert = getattr(dokumen.laporan.opd, "sertifikat", None)
        hasil = verifikasi_pdf(
            form.cleaned_data["berkas"].read(),
            sha256_tersimpan=dokumen.sha256,
            ca_pem=sert.ca_pem if sert else "",
        )
    # Times in the signing pemda's zone (WITA for Kutai Kartanegara), whoever is looking.
    with timezone.override(zoneinfo.ZoneInfo(dokumen.laporan.opd.pemda.zona_waktu)):
        return render(request, "laporan/verifikasi.html", {"dokumen": dokumen, "form": form, "hasil": hasil})


@akses.halaman_peran(akses.can_kelola_pemda)
def sertifikat(request: HttpRequest) -> HttpResponse:
    """Admin pemda: each OPD's signing certificate (PKCS#12), its validity, and uploading a new one."""
    from lkjip.laporan.models import SertifikatOPD
    from lkjip.laporan.sertifikat import pasang

    opd_qs = akses.opd_terlihat(request.user).order_by("nama")
    form = f.SertifikatForm(request.POST or None, request.FILES or None, opd_qs=opd_qs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pasang(opd=d["opd"], p12=d["p12"].read(), sandi=d["sandi"], ca_pem=d["ca_pem"].strip())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, f"Sertifikat tanda tangan {d['opd']} dipasang.")
            return redirect("sertifikat")
    ada = {s.opd_id: s for s in SertifikatOPD.objects.filter(opd__in=opd_qs)}
    return render(
        request, "laporan/sertifikat.html", {"form": form, "daftar": [(o, ada.get(o.pk)) for o in opd_qs]}
    )
