"""Budgets: the year's lines with pagu and sumber dana, realisasi per quarter, roll-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.angka import UKURAN_RUPIAH
from lkjip.forms import galat_ke_form
from lkjip.models import PerangkatDaerah
from lkjip.selectors import riwayat_objek
from lkjip.services import MasihDipakai, hapus
from pelaporan import forms as f
from pelaporan import konflik as kf
from pelaporan import services
from pelaporan.models import Anggaran
from pelaporan.selectors import NAMA_TW, anggaran_opd, status_triwulan


def _tahun_sah(tahun: int) -> None:
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun tidak dikenal.")


@akses.halaman_opd()
def anggaran_daftar(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    _tahun_sah(tahun)
    sampai = int(request.GET["sampai"]) if request.GET.get("sampai") in ("1", "2", "3", "4") else 4
    ringkasan = anggaran_opd(opd, tahun, sampai=sampai)
    return render(
        request,
        "pelaporan/anggaran_daftar.html",
        {
            "opd": opd,
            "tahun": tahun,
            "r": ringkasan,
            "sampai": sampai,
            "boleh_ubah": akses.can_isi_data(request.user, opd),
            "tw": [(i, NAMA_TW[i - 1]) for i in range(1, 5)],
        },
    )


@akses.halaman_opd(akses.can_isi_data)
def anggaran_simpan(
    request: HttpRequest, opd: PerangkatDaerah, tahun: int, pk: int | None = None
) -> HttpResponse:
    _tahun_sah(tahun)
    anggaran = get_object_or_404(Anggaran, opd=opd, tahun=tahun, pk=pk) if pk else None
    form = f.AnggaranForm(request.POST or None, instance=anggaran, opd=opd, tahun=tahun)
    if request.method == "POST" and form.is_valid():
        try:
            services.anggaran_simpan(anggaran=form.instance, pengguna=request.user)
        except ValidationError as exc:
            galat_ke_form(form, exc, peta={"program": "node", "kegiatan": "node", "sub_kegiatan": "node"})
        else:
            messages.success(request, f"{form.instance} disimpan.")
            return redirect("anggaran_daftar", opd.pk, tahun)
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"{'Ubah' if anggaran else 'Tambah'} anggaran {tahun}",
            "batal": reverse("anggaran_daftar", args=[opd.pk, tahun]),
            "riwayat": riwayat_objek(anggaran) if anggaran else None,
        },
    )


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def anggaran_hapus(request: HttpRequest, opd: PerangkatDaerah, tahun: int, pk: int) -> HttpResponse:
    anggaran = get_object_or_404(Anggaran, opd=opd, tahun=tahun, pk=pk)
    if anggaran.realisasi.exists():
        messages.error(request, f"{anggaran} sudah memiliki realisasi; kosongkan realisasinya dulu.")
    else:
        try:
            hapus(obj=anggaran)
        except MasihDipakai as exc:
            messages.error(
                request,
                f"{anggaran} tidak dapat dihapus karena masih dipakai oleh: {', '.join(exc.penghalang)}.",
            )
        else:
            messages.success(request, f"{anggaran} dihapus.")
    return redirect("anggaran_daftar", opd.pk, tahun)


@akses.halaman_opd()
def anggaran_realisasi(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int) -> HttpResponse:
    """Budget realisasi of one quarter: the same grid rules as kinerja (no silent overwrite)."""
    _tahun_sah(tahun)
    if not 1 <= triwulan <= 4:
        raise Http404("Triwulan tidak dikenal.")
    konflik, galat, kiriman, status_kiriman = {}, {}, None, {}
    if request.method == "POST":
        if not akses.can_isi_data(request.user, opd):
            raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi anggaran.")
        form = f.GridTriwulanForm(
            request.POST,
            kunci=Anggaran.objects.filter(opd=opd, tahun=tahun).values_list("pk", flat=True),
            ukuran=UKURAN_RUPIAH,
        )
        kiriman, status_kiriman = form.kiriman, form.status_kiriman
        if form.is_valid():
            try:
                hasil = services.realisasi_anggaran_simpan_grid(
                    opd=opd, tahun=tahun, triwulan=triwulan, masukan=form.sel(), pengguna=request.user
                )
            except services.TriwulanTertutup as exc:
                messages.error(request, str(exc))
            else:
                form.tambah_galat(hasil.galat)
                konflik = {k.kunci: k for k in hasil.konflik}
                if konflik:
                    messages.warning(
                        request,
                        f"Tidak ada yang disimpan: {len(konflik)} nilai sudah diubah orang lain. "
                        "Pilih nilai yang dipakai, lalu simpan lagi.",
                    )
                elif not hasil.galat:
                    messages.success(request, f"{hasil.disimpan} realisasi anggaran disimpan.")
                    return redirect("anggaran_realisasi", opd.pk, tahun, triwulan)
        galat = form.galat
        if galat:
            messages.error(request, "Tidak ada yang disimpan: perbaiki isian yang ditandai merah.")
    ringkasan = anggaran_opd(opd, tahun, sampai=triwulan)
    status = status_triwulan(opd, tahun, triwulan, hari_ini=timezone.localdate())
    baris = []
    for b in ringkasan.baris:
        r = None
        if b.anggaran is not None:
            r = next((x for x in b.anggaran.realisasi.all() if x.triwulan == triwulan), None)
        baris.append((b, r, kf.teks_nilai(r.jumlah, ada_baris=True) if r else ""))
    return render(
        request,
        "pelaporan/anggaran_realisasi.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan": triwulan,
            "nama_tw": NAMA_TW[triwulan - 1],
            "r": ringkasan,
            "baris": baris,
            "status": status,
            "boleh_isi": akses.can_isi_data(request.user, opd) and status.boleh_diisi,
            "galat": galat,
            "konflik": konflik,
            "kiriman": kiriman,
            "status_kiriman": status_kiriman,
        },
    )
