from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from lkjip import akses, beranda, masuk
from lkjip.forms import (
    PejabatForm,
    PemdaForm,
    PenggunaForm,
    PerangkatDaerahForm,
    RiwayatFilterForm,
    UnitKerjaForm,
)
from lkjip.models import CatatanAudit, Pejabat, Pengguna, Peran, PerangkatDaerah, UnitKerja
from lkjip.selectors import cari_riwayat, riwayat_objek, riwayat_opd
from lkjip.services import MasihDipakai, hapus
from lkjip.situs import peringatan_alamat_situs


@login_required
def beranda_view(request: HttpRequest) -> HttpResponse:
    """One home page per role (DOMAIN §8)."""
    pengguna: Pengguna = request.user
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA):
        opd = get_object_or_404(akses.opd_terlihat(pengguna), pk=pengguna.opd_id)
        tugas = beranda.tugas_untuk(pengguna, opd)
        template = (
            "lkjip/beranda_operator.html" if pengguna.peran == Peran.OPERATOR else "lkjip/beranda_kepala.html"
        )
        return render(request, template, {"opd": opd, "tugas": tugas})
    if pengguna.peran == Peran.REVIEWER or (pengguna.peran == Peran.ADMIN):
        daftar = _daftar_opd(pengguna)
        konteks = {"daftar_opd": daftar, "pemda": pengguna.pemda}
        if pengguna.peran == Peran.ADMIN:
            konteks["jumlah_pengguna"] = Pengguna.objects.filter(pemda=pengguna.pemda).count()
            konteks["riwayat"] = cari_riwayat(opd_ids=[o.pk for o in daftar], pemda_ids=[pengguna.pemda_id])[
                :10
            ]
            return render(request, "lkjip/beranda_admin.html", konteks)
        return render(request, "lkjip/beranda_reviewer.html", konteks)
    if pengguna.is_superuser:
        return redirect("admin:index")
    raise PermissionDenied("Akun ini belum diberi peran. Hubungi admin pemda.")


@akses.halaman_peran(lambda u: akses.adalah(u, Peran.ADMIN, Peran.REVIEWER) or u.is_superuser)
def opd_daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "lkjip/opd_daftar.html",
        {"daftar_opd": _daftar_opd(request.user), "boleh_tambah": akses.can_kelola_pemda(request.user)},
    )


def _daftar_opd(pengguna: Pengguna) -> QuerySet[PerangkatDaerah]:
    """The OPDs a user may read, with their kepala (the table prints the name: no query per row)."""
    return akses.opd_terlihat(pengguna).select_related("kepala").order_by("pemda__nama", "nama")


@akses.halaman_peran(akses.can_kelola_pemda)
def opd_tambah(request: HttpRequest) -> HttpResponse:
    pemda = akses.pemda_pengguna(request)
    form = PerangkatDaerahForm(request.POST or None)
    form.instance.pemda = pemda
    if request.method == "POST" and form.is_valid():
        opd = form.save()
        messages.success(request, f"Perangkat daerah “{opd}” ditambahkan.")
        return redirect(opd)
    return render(request, "lkjip/form.html", {"form": form, "judul": "Tambah perangkat daerah"})


@akses.halaman_opd()
def opd_detail(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    unit = list(UnitKerja.objects.filter(opd=opd).select_related("induk").order_by("urutan", "nama"))
    pejabat = list(Pejabat.objects.filter(opd=opd).select_related("unit_kerja").order_by("-aktif", "nama"))
    konteks = {
        "opd": opd,
        "pohon_unit": _pohon(unit),
        "pejabat": pejabat,
        "boleh_ubah": akses.can_ubah_profil_opd(request.user, opd),
        "riwayat": riwayat_opd(opd),
        "tautan": beranda.tautan_opd(request.user, opd),
    }
    return render(request, "lkjip/opd_detail.html", konteks)


def _pohon(unit: list[UnitKerja]) -> list[tuple[UnitKerja, int]]:
    """Units in tree order with their depth, built in memory from one query."""
    anak: dict[int | None, list[UnitKerja]] = {}
    for u in unit:
        anak.setdefault(u.induk_id, []).append(u)
    hasil: list[tuple[UnitKerja, int]] = []

    def jalan(induk: int | None, kedalaman: int) -> None:
        for u in anak.get(induk, []):
            hasil.append((u, kedalaman))
            jalan(u.pk, kedalaman + 1)

    jalan(None, 0)
    return hasil


@akses.halaman_opd(akses.can_ubah_profil_opd)
def opd_ubah(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    form = PerangkatDaerahForm(request.POST or None, instance=opd)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profil perangkat daerah disimpan.")
        return redirect(opd)
    return render(
        request,
        "lkjip/form.html",
        {"form": form, "judul": f"Ubah profil {opd}", "opd": opd, "batal": opd.get_absolute_url()},
    )


@akses.halaman_opd(akses.can_ubah_profil_opd)
def unit_simpan(request: HttpRequest, opd: PerangkatDaerah, pk: int | None = None) -> HttpResponse:
    unit = get_object_or_404(UnitKerja, opd=opd, pk=pk) if pk else None
    form = UnitKerjaForm(request.POST or None, instance=unit, opd=opd)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Unit kerja “{form.instance}” disimpan.")
        return redirect(opd)
    judul = f"Ubah unit kerja {unit}" if unit else "Tambah unit kerja"
    return render(
        request,
        "lkjip/form.html",
        {"form": form, "judul": judul, "opd": opd, "batal": opd.get_absolute_url()},
    )


@require_POST
@akses.halaman_opd(akses.can_ubah_profil_opd)
def unit_hapus(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    unit = get_object_or_404(UnitKerja, opd=opd, pk=pk)
    try:
        hapus(obj=unit)
    except MasihDipakai as exc:
        messages.error(
            request, f"“{unit}” tidak dapat dihapus karena masih dipakai oleh: {', '.join(exc.penghalang)}."
        )
    else:
        messages.success(request, f"Unit kerja “{unit}” dihapus.")
    return redirect(opd)


@akses.halaman_opd(akses.can_ubah_profil_opd)
def pejabat_simpan(request: HttpRequest, opd: PerangkatDaerah, pk: int | None = None) -> HttpResponse:
    pejabat = get_object_or_404(Pejabat, opd=opd, pk=pk) if pk else None
    form = PejabatForm(request.POST or None, instance=pejabat, opd=opd)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Data pejabat “{form.instance.nama}” disimpan.")
        return redirect(opd)
    judul = f"Ubah data {pejabat.nama}" if pejabat else "Tambah pejabat"
    konteks = {"form": form, "judul": judul, "opd": opd, "batal": opd.get_absolute_url()}
    if pejabat:
        konteks["riwayat"] = riwayat_objek(pejabat)
    return render(request, "lkjip/form.html", konteks)


@require_POST
@akses.halaman_opd(akses.can_ubah_profil_opd)
def pejabat_hapus(request: HttpRequest, opd: PerangkatDaerah, pk: int) -> HttpResponse:
    pejabat = get_object_or_404(Pejabat, opd=opd, pk=pk)
    try:
        hapus(obj=pejabat)
    except MasihDipakai as exc:
        messages.error(
            request,
            f"“{pejabat.nama}” tidak dapat dihapus karena masih dipakai oleh: {', '.join(exc.penghalang)}.",
        )
    else:
        messages.success(request, f"Data pejabat “{pejabat.nama}” dihapus.")
    return redirect(opd)


@akses.halaman_peran(akses.can_kelola_pemda)
def pengaturan(request: HttpRequest) -> HttpResponse:
    pemda = akses.pemda_pengguna(request)
    form = PemdaForm(request.POST or None, request.FILES or None, instance=pemda)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Pengaturan pemda disimpan.")
        return redirect("pengaturan")
    return render(
        request,
        "lkjip/pengaturan.html",
        {
            "form": form,
            "pemda": pemda,
            "riwayat": riwayat_objek(pemda),
            "peringatan_situs": peringatan_alamat_situs(),
        },
    )


# Opened on its own, an uploaded SVG runs nothing and loads nothing.
CSP_BERKAS = "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox"


@akses.halaman_peran(akses.can_kelola_pemda)
def pemda_logo(request: HttpRequest) -> FileResponse:
    """The pemda's logo, for its admin: the settings form links it. Not public: no page before
    login shows a logo, and the LKjIP PDF reads it from disk (lkjip.laporan.render)."""
    pemda = akses.pemda_pengguna(request)
    if not pemda.logo:
        raise Http404("Logo belum diunggah.")
    jenis = mimetypes.guess_type(pemda.logo.name)[0] or "application/octet-stream"
    respon = FileResponse(pemda.logo.open("rb"), content_type=jenis)
    respon["Content-Security-Policy"] = CSP_BERKAS
    return respon


@akses.halaman_peran(akses.can_kelola_pemda)
def pengguna_daftar(request: HttpRequest) -> HttpResponse:
    pemda = akses.pemda_pengguna(request)
    daftar = list(Pengguna.objects.filter(pemda=pemda).select_related("opd").order_by("peran", "username"))
    terkunci = masuk.akun_terkunci(username=[p.username for p in daftar])
    for p in daftar:
        p.terkunci_sampai = terkunci.get(p.username)
    return render(request, "lkjip/pengguna_daftar.html", {"daftar": daftar, "pemda": pemda})


@require_POST
@akses.halaman_peran(akses.can_kelola_pemda)
def pengguna_buka_kunci(request: HttpRequest, pk: int) -> HttpResponse:
    pengguna = get_object_or_404(Pengguna, pemda=akses.pemda_pengguna(request), pk=pk)
    masuk.akun_buka_kunci(pengguna=pengguna, oleh=request.user)
    messages.success(request, f"Kunci login akun “{pengguna.username}” dibuka; akun dapat masuk lagi.")
    return redirect("pengguna_daftar")


@akses.halaman_peran(akses.can_kelola_pemda)
def pengguna_simpan(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    pemda = akses.pemda_pengguna(request)
    pengguna = get_object_or_404(Pengguna, pemda=pemda, pk=pk) if pk else None
    form = PenggunaForm(request.POST or None, instance=pengguna, pemda=pemda)
    if request.method == "POST" and form.is_valid():
        akun = form.save()
        messages.success(request, f"Akun “{akun.username}” disimpan.")
        return redirect("pengguna_daftar")
    konteks = {
        "form": form,
        "judul": f"Ubah akun {pengguna.username}" if pengguna else "Tambah pengguna",
        "batal": reverse("pengguna_daftar"),
    }
    if pengguna:
        konteks["riwayat"] = riwayat_objek(pengguna)
    return render(request, "lkjip/form.html", konteks)


@akses.halaman_peran(akses.can_lihat_riwayat_pemda)
def riwayat(request: HttpRequest) -> HttpResponse:
    """The audit browser: every change in the pemda, filtered by OPD, data, person and date."""
    opd_qs = akses.opd_terlihat(request.user).order_by("nama")
    semua = request.user.is_superuser and not request.user.peran
    jenis_data = sorted(
        (
            (str(ct.pk), capfirst(str(ct.model_class()._meta.verbose_name)))
            for ct in ContentType.objects.filter(
                pk__in=CatatanAudit.objects.values("content_type_id").distinct()
            )
            if ct.model_class() is not None
        ),
        key=lambda x: x[1],
    )
    form = RiwayatFilterForm(request.GET or None, opd_qs=opd_qs, jenis_data=jenis_data)
    filter_ = form.cleaned_data if form.is_valid() else {}
    qs = cari_riwayat(
        opd_ids=None if semua else list(opd_qs.values_list("pk", flat=True)),
        pemda_ids=None if semua else [request.user.pemda_id],
        opd_id=filter_["opd"].pk if filter_.get("opd") else None,
        content_type_id=int(filter_["jenis_data"]) if filter_.get("jenis_data") else None,
        pengguna=filter_.get("pengguna", ""),
        jenis=filter_.get("jenis", ""),
        dari=filter_.get("dari"),
        sampai=filter_.get("sampai"),
        teks=filter_.get("teks", ""),
    )
    halaman = Paginator(qs, 50).get_page(request.GET.get("hal"))
    nama_opd = dict(opd_qs.values_list("pk", "nama"))
    parameter = request.GET.copy()
    parameter.pop("hal", None)
    return render(
        request,
        "lkjip/riwayat.html",
        {"form": form, "halaman": halaman, "nama_opd": nama_opd, "parameter": parameter.urlencode()},
    )


@require_GET
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers (and feed readers, and bookmarks) ask for whatever the page
    links: served from static/ikon, not redirected to a hashed static name that may change."""
    jalur = finders.find("ikon/favicon.ico")
    if not jalur:
        raise Http404("Ikon tidak ada.")
    with open(jalur, "rb") as f:
        return HttpResponse(f.read(), content_type="image/x-icon")
