"""The "Pengukuran Kinerja" page: download the workbook (empty or filled), upload, preview, confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.forms import UnggahExcelForm
from lkjip.models import PerangkatDaerah
from lkjip.services import ambil_unggahan, simpan_unggahan
from pelaporan.dasbor import tahun_data_terakhir
from pelaporan.excel_pengukuran import (
    HasilImpor,
    ekspor_pengukuran,
    impor_pengukuran,
    jenis_unggahan,
    petunjuk,
)
from renstra.selectors import node_belum_bernama

# The preview lists at most this many changes; the counts above it are always complete.
MAKS_PERUBAHAN_TAMPIL = 500


def _tahun_sah(tahun: int) -> None:
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun tidak dikenal.")


def _halaman(
    request: HttpRequest, opd: PerangkatDaerah, tahun: int, *, form: Any = None, **lain: Any
) -> HttpResponse:
    boleh_impor = akses.can_isi_data(request.user, opd)
    hasil: HasilImpor | None = lain.get("hasil")
    return render(
        request,
        "pelaporan/pengukuran.html",
        {
            "opd": opd,
            "tahun": tahun,
            "boleh_impor": boleh_impor,
            "form": form if form is not None else (UnggahExcelForm() if boleh_impor else None),
            "perubahan_tampil": hasil.perubahan[:MAKS_PERUBAHAN_TAMPIL] if hasil else [],
            "perubahan_lain": max(0, len(hasil.perubahan) - MAKS_PERUBAHAN_TAMPIL) if hasil else 0,
            "belum_bernama": node_belum_bernama(opd),
            **lain,
        },
    )


@akses.halaman_opd()
def pengukuran(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    """Everyone in scope reads and downloads; a POST (upload → preview) is the operator's."""
    _tahun_sah(tahun)
    if request.method != "POST":
        return _halaman(request, opd, tahun)
    if not akses.can_isi_data(request.user, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengimpor data pengukuran kinerja.")
    form = UnggahExcelForm(request.POST, request.FILES)
    if not form.is_valid():
        return _halaman(request, opd, tahun, form=form)
    berkas = form.cleaned_data["berkas"]
    data = berkas.read()
    hasil = impor_pengukuran(
        opd=opd, tahun=tahun, data=data, terapkan=False, pengguna=request.user, nama_berkas=berkas.name
    )
    unggahan = None
    if not hasil.masalah and hasil.ada_perubahan:
        unggahan = simpan_unggahan(
            pengguna=request.user, opd=opd, jenis=jenis_unggahan(tahun), nama=berkas.name, isi=data
        )
    return _halaman(request, opd, tahun, form=form, hasil=hasil, unggahan=unggahan, nama_berkas=berkas.name)


def _unduh(opd: PerangkatDaerah, tahun: int, *, kosong: bool) -> HttpResponse:
    _tahun_sah(tahun)
    nama, tipe, isi = ekspor_pengukuran(opd=opd, tahun=tahun, kosong=kosong)
    respon = HttpResponse(isi, content_type=tipe)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


@akses.halaman_opd()
def pengukuran_templat(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    return _unduh(opd, tahun, kosong=True)


@akses.halaman_opd()
def pengukuran_ekspor(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    return _unduh(opd, tahun, kosong=False)


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def pengukuran_terapkan(request: HttpRequest, opd: PerangkatDaerah, tahun: int, token: str) -> HttpResponse:
    """Confirm a previewed upload: the same import again, applied this time (all or nothing)."""
    _tahun_sah(tahun)
    unggahan = ambil_unggahan(pengguna=request.user, opd=opd, jenis=jenis_unggahan(tahun), token=token)
    hasil = impor_pengukuran(
        opd=opd,
        tahun=tahun,
        data=bytes(unggahan.isi),
        terapkan=True,
        pengguna=request.user,
        nama_berkas=unggahan.nama_berkas,
    )
    if hasil.masalah:
        messages.error(
            request,
            "Impor dibatalkan, tidak ada yang disimpan: data berubah sejak pratinjau. Periksa masalahnya.",
        )
        return _halaman(request, opd, tahun, hasil=hasil, nama_berkas=unggahan.nama_berkas)
    unggahan.delete()
    pesan = (
        f"Impor {unggahan.nama_berkas} selesai: {hasil.jumlah['buat']} data baru, {hasil.jumlah['ubah']} diubah, "
        f"{hasil.jumlah['sama']} tetap."
    )
    if hasil.perlu_nama:
        pesan += f" {len(hasil.perlu_nama)} program/kegiatan perlu diberi nama: lihat daftarnya di bawah."
    messages.success(request, pesan)
    return redirect("pengukuran", opd.pk, tahun)


@login_required
def pengukuran_format(request: HttpRequest) -> HttpResponse:
    """The workbook's format as a help page, linked from the upload page and the template."""
    opd = request.user.opd if request.user.opd_id else None
    return render(
        request,
        "pelaporan/pengukuran_format.html",
        {
            "p": petunjuk,
            "kolom": list(petunjuk.KOLOM_PETUNJUK.items()),
            # The operator's and kepala's way back to their own upload page, at its latest year.
            "opd": opd,
            "tahun": tahun_data_terakhir(pemda=opd.pemda, opd=opd, hari_ini=timezone.localdate())
            if opd
            else None,
        },
    )
