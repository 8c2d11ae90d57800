"""Renstra and RPJMD screens. Reads: every role in scope. Writes: the OPD's operator (Renstra)
or the admin pemda (RPJMD). Views pick the object, call one service, add one message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.forms import UnggahExcelForm
from lkjip.models import Peran, PerangkatDaerah
from lkjip.selectors import riwayat_objek
from lkjip.services import ambil_unggahan, simpan_unggahan
from renstra import forms as f
from renstra import services
from renstra.excel import ekspor_renstra, impor_renstra
from renstra.models import (
    RPJMD,
    ArahKebijakan,
    Indikator,
    Kegiatan,
    MisiRPJMD,
    Program,
    Renstra,
    Sasaran,
    SasaranRPJMD,
    Strategi,
    SubKegiatan,
    Tujuan,
    TujuanRPJMD,
)
from renstra.selectors import (
    LABEL_TINGKAT,
    TINGKAT_URUT,
    pohon_renstra,
    renstra_dari_opd,
    renstra_opd,
    rpjmd_pemda,
)


@dataclass(frozen=True)
class JenisNode:
    model: type[Model]
    form: type
    induk: str | None = None  # the form field that holds the parent, preset by ?induk=


JENIS_NODE: dict[str, JenisNode] = {
    "tujuan": JenisNode(Tujuan, f.TujuanForm),
    "sasaran": JenisNode(Sasaran, f.SasaranForm, "tujuan"),
    "program": JenisNode(Program, f.ProgramForm),
    "kegiatan": JenisNode(Kegiatan, f.KegiatanForm, "program"),
    "subkegiatan": JenisNode(SubKegiatan, f.SubKegiatanForm, "kegiatan"),
    "strategi": JenisNode(Strategi, f.StrategiForm, "sasaran"),
    "arah": JenisNode(ArahKebijakan, f.ArahKebijakanForm, "strategi"),
}

MODEL_INDUK_INDIKATOR = {
    "tujuan": Tujuan,
    "sasaran": Sasaran,
    "program": Program,
    "kegiatan": Kegiatan,
    "sub_kegiatan": SubKegiatan,
}


def _renstra(opd: PerangkatDaerah, renstra_id: int) -> Renstra:
    return get_object_or_404(renstra_dari_opd(opd, renstra_id))


def _url_pohon(renstra: Renstra, jangkar: str = "") -> str:
    url = reverse("renstra_detail", args=[renstra.opd_id, renstra.pk])
    return f"{url}#{jangkar}" if jangkar else url


# ------------------------------------------------------------------ Renstra


@akses.halaman_opd()
def renstra_daftar(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    return render(
        request,
        "renstra/daftar.html",
        {"opd": opd, "daftar": renstra_opd(opd), "boleh_ubah": akses.can_isi_data(request.user, opd)},
    )


@akses.halaman_opd(akses.can_isi_data)
def renstra_simpan(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int | None = None) -> HttpResponse:
    renstra = _renstra(opd, renstra_id) if renstra_id else None
    form = f.RenstraForm(request.POST or None, instance=renstra, opd=opd)
    if request.method == "POST" and form.is_valid():
        renstra = form.save()
        messages.success(request, f"{renstra} disimpan.")
        return redirect(_url_pohon(renstra))
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"Ubah {renstra}" if renstra else "Renstra baru",
            "batal": _url_pohon(renstra) if renstra else reverse("renstra_daftar", args=[opd.pk]),
            "riwayat": riwayat_objek(renstra) if renstra else None,
        },
    )


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def renstra_hapus(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    try:
        services.renstra_hapus(renstra=renstra)
    except services.MasihDipakai as exc:
        messages.error(
            request, f"{renstra} tidak dapat dihapus karena masih berisi: {', '.join(exc.penghalang)}."
        )
        return redirect(_url_pohon(renstra))
    messages.success(request, f"{renstra} dihapus.")
    return redirect("renstra_daftar", opd.pk)


@akses.halaman_opd()
def renstra_detail(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    sampai = request.GET.get("sampai", "sub_kegiatan")
    if sampai not in TINGKAT_URUT:
        sampai = "sub_kegiatan"
    hanya_iku = request.GET.get("iku") == "1"
    pohon = pohon_renstra(renstra, sampai=sampai, hanya_iku=hanya_iku)
    return render(
        request,
        "renstra/pohon.html",
        {
            "opd": opd,
            "renstra": renstra,
            "pohon": pohon,
            "sampai": sampai,
            "hanya_iku": hanya_iku,
            "pilihan_tingkat": [(t, LABEL_TINGKAT[t]) for t in TINGKAT_URUT],
            "boleh_ubah": akses.can_isi_data(request.user, opd),
        },
    )


# ------------------------------------------------------------------ nodes


def _jenis(jenis: str) -> JenisNode:
    try:
        return JENIS_NODE[jenis]
    except KeyError:
        raise Http404("Jenis data tidak dikenal.") from None


@akses.halaman_opd(akses.can_isi_data)
def node_simpan(
    request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, jenis: str, pk: int | None = None
) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    j = _jenis(jenis)
    obj = get_object_or_404(j.model, renstra=renstra, pk=pk) if pk else None
    initial: dict[str, Any] = {}
    if obj is None and j.induk and request.GET.get("induk", "").isdigit():
        initial[j.induk] = int(request.GET["induk"])
    form = j.form(request.POST or None, instance=obj, renstra=renstra, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save()
            if isinstance(obj, Sasaran):
                services.pemetaan_sinkron(
                    renstra=renstra,
                    sasaran=obj,
                    pasangan=[(obj.pk, p.pk) for p in form.cleaned_data["program"]],
                )
            elif isinstance(obj, Program):
                services.pemetaan_sinkron(
                    renstra=renstra,
                    program=obj,
                    pasangan=[(s.pk, obj.pk) for s in form.cleaned_data["sasaran"]],
                )
            elif isinstance(obj, SubKegiatan):
                services.pagu_simpan(sub_kegiatan=obj, pagu=form.pagu())
        messages.success(request, f"{capfirst(obj._meta.verbose_name)} “{obj}” disimpan.")
        return redirect(_url_pohon(renstra, f"{jenis}-{obj.pk}"))
    nama = j.model._meta.verbose_name
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"Ubah {nama}" if obj else f"Tambah {nama}",
            "subjudul": str(renstra),
            "batal": _url_pohon(renstra, f"{jenis}-{obj.pk}" if obj else ""),
            "riwayat": riwayat_objek(obj) if obj else None,
        },
    )


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def node_hapus(
    request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, jenis: str, pk: int
) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    j = _jenis(jenis)
    obj = get_object_or_404(j.model, renstra=renstra, pk=pk)
    nama = f"{obj._meta.verbose_name} “{obj}”"
    try:
        services.node_hapus(obj=obj)
    except services.MasihDipakai as exc:
        messages.error(
            request,
            f"{capfirst(nama)} tidak dapat dihapus karena masih dipakai oleh: {', '.join(exc.penghalang)}.",
        )
        return redirect(_url_pohon(renstra, f"{jenis}-{pk}"))
    messages.success(request, f"{capfirst(nama)} dihapus.")
    return redirect(_url_pohon(renstra))


# ------------------------------------------------------------------ indicators


@akses.halaman_opd(akses.can_isi_data)
def indikator_tambah(
    request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, tingkat: str, induk_id: int
) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    model = MODEL_INDUK_INDIKATOR.get(tingkat)
    if model is None:
        raise Http404("Tingkat tidak dikenal.")
    induk = get_object_or_404(model, renstra=renstra, pk=induk_id)
    return _indikator_form(request, opd, renstra, None, induk)


@akses.halaman_opd(akses.can_isi_data)
def indikator_ubah(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, pk: int) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    indikator = get_object_or_404(Indikator, renstra=renstra, pk=pk)
    return _indikator_form(request, opd, renstra, indikator, indikator.induk)


def _indikator_form(
    request: HttpRequest, opd: PerangkatDaerah, renstra: Renstra, indikator: Indikator | None, induk: Model
) -> HttpResponse:
    form = f.IndikatorForm(request.POST or None, instance=indikator, renstra=renstra, induk=induk)
    if request.method == "POST" and form.is_valid():
        indikator = services.indikator_simpan(form=form)
        messages.success(request, f"Indikator “{indikator}” disimpan.")
        return redirect(_url_pohon(renstra, f"indikator-{indikator.pk}"))
    return render(
        request,
        "renstra/indikator_form.html",
        {
            "form": form,
            "opd": opd,
            "renstra": renstra,
            "induk": induk,
            "indikator": indikator,
            "riwayat": riwayat_objek(indikator) if indikator else None,
        },
    )


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def indikator_hapus(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, pk: int) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    indikator = get_object_or_404(Indikator, renstra=renstra, pk=pk)
    try:
        services.node_hapus(obj=indikator)
    except services.MasihDipakai as exc:
        messages.error(
            request,
            f"Indikator “{indikator}” tidak dapat dihapus karena masih dipakai oleh: {', '.join(exc.penghalang)}.",
        )
        return redirect(_url_pohon(renstra, f"indikator-{pk}"))
    messages.success(request, f"Indikator “{indikator}” dihapus.")
    return redirect(_url_pohon(renstra))


@akses.halaman_opd(akses.can_isi_data)
def indikator_ganti(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, pk: int) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    indikator = get_object_or_404(Indikator, renstra=renstra, pk=pk)
    form = f.GantiIndikatorForm(request.POST or None, indikator=indikator)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.indikator_ganti(indikator=indikator, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"“{indikator}” berlaku sampai {baru.berlaku_mulai - 1}; “{baru}” berlaku mulai {baru.berlaku_mulai}.",
            )
            return redirect(reverse("indikator_ubah", args=[opd.pk, renstra.pk, baru.pk]))
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"Ganti indikator “{indikator}”",
            "subjudul": "Indikator lama tetap tersimpan beserta target dan realisasinya sampai tahun sebelum penggantian.",
            "batal": _url_pohon(renstra, f"indikator-{pk}"),
        },
    )


# ------------------------------------------------------------------ RPJMD


JENIS_RPJMD: dict[str, tuple[type[Model], type]] = {
    "misi": (MisiRPJMD, f.MisiRPJMDForm),
    "tujuan": (TujuanRPJMD, f.TujuanRPJMDForm),
    "sasaran": (SasaranRPJMD, f.SasaranRPJMDForm),
}


def _boleh_kelola_rpjmd(pengguna: Any) -> bool:
    return akses.can_kelola_pemda(pengguna)


def _rpjmd(request: HttpRequest, pk: int) -> RPJMD:
    return get_object_or_404(rpjmd_pemda(request.user.pemda_id), pk=pk)


@akses.halaman_peran(lambda u: u.peran in Peran.values)
def rpjmd_daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "renstra/rpjmd_daftar.html",
        {"daftar": rpjmd_pemda(request.user.pemda_id), "boleh_ubah": _boleh_kelola_rpjmd(request.user)},
    )


@akses.halaman_peran(lambda u: u.peran in Peran.values)
def rpjmd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk)
    misi = list(MisiRPJMD.objects.filter(rpjmd=rpjmd).order_by("nomor"))
    tujuan = list(TujuanRPJMD.objects.filter(rpjmd=rpjmd).select_related("misi").order_by("kode"))
    sasaran = list(SasaranRPJMD.objects.filter(tujuan__rpjmd=rpjmd).order_by("kode"))
    per_tujuan: dict[int, list[SasaranRPJMD]] = {}
    for s in sasaran:
        per_tujuan.setdefault(s.tujuan_id, []).append(s)
    return render(
        request,
        "renstra/rpjmd_detail.html",
        {
            "rpjmd": rpjmd,
            "misi": misi,
            "tujuan": [(t, per_tujuan.get(t.pk, [])) for t in tujuan],
            "boleh_ubah": _boleh_kelola_rpjmd(request.user),
            "riwayat": riwayat_objek(rpjmd, *misi, *tujuan, *sasaran),
        },
    )


@akses.halaman_peran(_boleh_kelola_rpjmd)
def rpjmd_simpan(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    rpjmd = _rpjmd(request, pk) if pk else None
    form = f.RPJMDForm(request.POST or None, instance=rpjmd)
    if rpjmd is None:
        if request.user.pemda_id is None:
            raise PermissionDenied("Akun ini belum terhubung ke pemda.")
        form.instance.pemda_id = request.user.pemda_id
    if request.method == "POST" and form.is_valid():
        rpjmd = form.save()
        messages.success(request, f"{rpjmd} disimpan.")
        return redirect("rpjmd_detail", rpjmd.pk)
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "judul": f"Ubah {rpjmd}" if rpjmd else "RPJMD baru",
            "batal": reverse("rpjmd_detail", args=[rpjmd.pk]) if rpjmd else reverse("rpjmd_daftar"),
        },
    )


@akses.halaman_peran(_boleh_kelola_rpjmd)
def rpjmd_node_simpan(request: HttpRequest, rpjmd_id: int, jenis: str, pk: int | None = None) -> HttpResponse:
    rpjmd = _rpjmd(request, rpjmd_id)
    if jenis not in JENIS_RPJMD:
        raise Http404("Jenis data tidak dikenal.")
    model, form_class = JENIS_RPJMD[jenis]
    lingkup = {"tujuan__rpjmd": rpjmd} if model is SasaranRPJMD else {"rpjmd": rpjmd}
    obj = get_object_or_404(model, pk=pk, **lingkup) if pk else None
    kwargs: dict[str, Any] = {"instance": obj}
    if form_class is not f.MisiRPJMDForm:
        kwargs["rpjmd"] = rpjmd
    initial = {}
    if model is SasaranRPJMD and request.GET.get("induk", "").isdigit():
        initial["tujuan"] = int(request.GET["induk"])
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if model is not SasaranRPJMD:
        form.instance.rpjmd = rpjmd
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, f"{capfirst(obj._meta.verbose_name)} disimpan.")
        return redirect("rpjmd_detail", rpjmd.pk)
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "judul": f"{'Ubah' if obj else 'Tambah'} {model._meta.verbose_name}",
            "subjudul": str(rpjmd),
            "batal": reverse("rpjmd_detail", args=[rpjmd.pk]),
            "riwayat": riwayat_objek(obj) if obj else None,
        },
    )


@require_POST
@akses.halaman_peran(_boleh_kelola_rpjmd)
def rpjmd_node_hapus(request: HttpRequest, rpjmd_id: int, jenis: str, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, rpjmd_id)
    if jenis not in JENIS_RPJMD:
        raise Http404("Jenis data tidak dikenal.")
    model, _ = JENIS_RPJMD[jenis]
    lingkup = {"tujuan__rpjmd": rpjmd} if model is SasaranRPJMD else {"rpjmd": rpjmd}
    obj = get_object_or_404(model, pk=pk, **lingkup)
    try:
        services.node_hapus(obj=obj)
    except services.MasihDipakai as exc:
        messages.error(
            request, f"“{obj}” tidak dapat dihapus karena masih dipakai oleh: {', '.join(exc.penghalang)}."
        )
    else:
        messages.success(request, f"“{obj}” dihapus.")
    return redirect("rpjmd_detail", rpjmd.pk)


# ------------------------------------------------------------------ Excel


@akses.halaman_opd()
def renstra_ekspor(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    nama, tipe, isi = ekspor_renstra(renstra)
    respon = HttpResponse(isi, content_type=tipe)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


@akses.halaman_opd(akses.can_isi_data)
def renstra_impor(request: HttpRequest, opd: PerangkatDaerah, renstra_id: int) -> HttpResponse:
    """Upload → preview (nothing saved) → confirm (all or nothing)."""
    renstra = _renstra(opd, renstra_id)
    form = UnggahExcelForm(request.POST or None, request.FILES or None)
    konteks: dict[str, Any] = {"opd": opd, "renstra": renstra, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["berkas"].read()
        hasil = impor_renstra(renstra=renstra, data=data, terapkan=False)
        konteks["hasil"] = hasil
        if not hasil.masalah and hasil.ada_perubahan:
            konteks["unggahan"] = simpan_unggahan(
                pengguna=request.user,
                opd=opd,
                jenis="renstra",
                nama=form.cleaned_data["berkas"].name,
                isi=data,
            )
    return render(request, "renstra/impor.html", konteks)


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def renstra_impor_terapkan(
    request: HttpRequest, opd: PerangkatDaerah, renstra_id: int, token: str
) -> HttpResponse:
    renstra = _renstra(opd, renstra_id)
    unggahan = ambil_unggahan(pengguna=request.user, opd=opd, jenis="renstra", token=token)
    hasil = impor_renstra(renstra=renstra, data=bytes(unggahan.isi), terapkan=True)
    if hasil.masalah:
        messages.error(request, "Impor dibatalkan: data berubah sejak pratinjau. Unggah ulang berkasnya.")
        return render(
            request,
            "renstra/impor.html",
            {"opd": opd, "renstra": renstra, "hasil": hasil, "form": UnggahExcelForm()},
        )
    unggahan.delete()
    messages.success(
        request,
        f"Impor selesai: {hasil.jumlah['buat']} data baru, {hasil.jumlah['ubah']} diubah, "
        f"{hasil.jumlah['sama']} tetap.",
    )
    return redirect(_url_pohon(renstra))
