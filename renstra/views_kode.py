"""Screens about nomenclature codes: a Renstra node found by its code, and the pemda's list of codes.

The Excel import names the nodes it made from a code alone ("perlu diberi nama") before they
exist: its preview rolls them back. So its links address a node by code (:func:`node_kode`),
which answers once the import is confirmed. The admin pemda replaces the shipped Permendagri
90/2019 list with a newer one of the same columns (:func:`nomenklatur`); the import and the
Renstra forms use it to suggest names and to warn, never to refuse.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst, slugify
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.forms import galat_ke_form
from lkjip.models import PerangkatDaerah
from pelaporan.domain.kode import KodeTidakSah, normalisasi_kode
from pelaporan.domain.nomenklatur import KOLOM_NOMENKLATUR
from renstra import services
from renstra.forms import UnggahNomenklaturForm
from renstra.models import NodeBerkode
from renstra.selectors import nomenklatur_bawaan, nomenklatur_pemda, riwayat_nomenklatur
from renstra.views import _jenis, _renstra, _url_pohon


@akses.halaman_opd()
def node_kode(
    request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, jenis: str, kode: str
) -> HttpResponse:
    """The program, kegiatan or sub-kegiatan with this code: its edit page for the operator, its
    place in the tree for the other readers, the tree with a note when it does not exist (yet)."""
    renstra = _renstra(opd, renstra_id)
    model = _jenis(jenis).model
    if not issubclass(model, NodeBerkode):
        raise Http404("Jenis data ini tidak berkode.")
    try:
        baku = normalisasi_kode(kode)
    except KodeTidakSah:
        raise Http404("Kode tidak sah.") from None
    obj = model.objects.filter(renstra=renstra, kode=baku).first()
    if obj is None:
        messages.info(
            request,
            f"{capfirst(model._meta.verbose_name)} {kode} belum ada di {renstra}: "
            "simpan dulu impor yang membuatnya.",
        )
        return redirect(_url_pohon(renstra))
    if akses.can_isi_data(request.user, opd):
        return redirect("node_ubah", opd.pk, renstra.pk, jenis, obj.pk)
    return redirect(_url_pohon(renstra, f"{jenis}-{obj.pk}"))


@akses.halaman_peran(akses.can_kelola_pemda)
def nomenklatur(request: HttpRequest) -> HttpResponse:
    """The list in use (its counts), and the upload that replaces it (validated, all or nothing)."""
    pemda = akses.pemda_pengguna(request)
    form = UnggahNomenklaturForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            daftar = services.nomenklatur_ganti(pemda=pemda, isi=berkas.read(), nama_berkas=berkas.name)
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(
                request,
                f"Daftar nomenklatur {pemda} diganti dengan {daftar.nama_berkas}: {daftar.rincian}.",
            )
            return redirect("nomenklatur")
    aktif = nomenklatur_pemda(pemda.pk)
    return render(
        request,
        "renstra/nomenklatur.html",
        {
            "pemda": pemda,
            "form": form,
            "aktif": aktif,
            "rincian": services.teks_rincian(aktif.rincian),
            "bawaan": services.teks_rincian(nomenklatur_bawaan().rincian),
            "riwayat": riwayat_nomenklatur(pemda.pk),
        },
    )


@require_POST
@akses.halaman_peran(akses.can_kelola_pemda)
def nomenklatur_kembalikan(request: HttpRequest) -> HttpResponse:
    pemda = akses.pemda_pengguna(request)
    if services.nomenklatur_kembalikan(pemda=pemda):
        messages.success(request, f"{pemda} kembali memakai nomenklatur Permendagri 90/2019 bawaan aplikasi.")
    return redirect("nomenklatur")


@akses.halaman_peran(akses.can_kelola_pemda)
def nomenklatur_unduh(request: HttpRequest) -> HttpResponse:
    """The list in use as CSV, to edit into a newer one."""
    pemda = akses.pemda_pengguna(request)
    aktif = nomenklatur_pemda(pemda.pk)
    keluaran = io.StringIO()
    tulis = csv.writer(keluaran, lineterminator="\n")
    tulis.writerow(KOLOM_NOMENKLATUR)
    for kode, e in aktif.entri.items():
        tulis.writerow([kode, e.tingkat.value, e.nama])
    respon = HttpResponse(keluaran.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    nama = f"nomenklatur-{slugify(pemda.nama_singkat)}.csv" if aktif.daftar else "nomenklatur-90-2019.csv"
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon
