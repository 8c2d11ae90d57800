"""Perjanjian Kinerja screens: list per year, detail, items, signing, PK Perubahan, comparison."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.forms import galat_ke_form
from lkjip.models import PerangkatDaerah
from lkjip.selectors import riwayat_objek
from pelaporan import forms as f
from pelaporan import services
from pelaporan.models import AnggaranPK, ButirPK, PerjanjianKinerja
from pelaporan.selectors import anggaran_opd, pk_opd
from renstra.models import Indikator


def _pk(opd: PerangkatDaerah, pk_id: int) -> PerjanjianKinerja:
    return get_object_or_404(
        PerjanjianKinerja.objects.select_related(
            "unit_kerja", "pihak_pertama", "pihak_kedua", "induk", "menggantikan"
        ),
        opd=opd,
        pk=pk_id,
    )


def _tahun(request: HttpRequest) -> int:
    teks = request.GET.get("tahun", "")
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else timezone.localdate().year


@akses.halaman_opd()
def pk_daftar(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    tahun = _tahun(request)
    daftar = list(pk_opd(opd, tahun))
    tahun_ada = sorted(
        set(PerjanjianKinerja.objects.filter(opd=opd).values_list("tahun", flat=True)) | {tahun}
    )
    return render(
        request,
        "pelaporan/pk_daftar.html",
        {
            "opd": opd,
            "tahun": tahun,
            "daftar": daftar,
            "tahun_ada": tahun_ada,
            "boleh_ubah": akses.can_isi_data(request.user, opd),
        },
    )


@akses.halaman_opd(akses.can_isi_data)
def pk_simpan(request: HttpRequest, opd: PerangkatDaerah, pk_id: int | None = None) -> HttpResponse:
    pk = _pk(opd, pk_id) if pk_id else None
    if pk is not None and pk.terkunci:
        messages.error(request, f"{pk} sudah ditandatangani dan tidak dapat diubah.")
        return redirect("pk_detail", opd.pk, pk.pk)
    form = f.PerjanjianKinerjaForm(
        request.POST or None, instance=pk, opd=opd, initial={"tahun": _tahun(request)} if pk is None else None
    )
    if request.method == "POST" and form.is_valid():
        pk = form.save()
        messages.success(request, f"{pk} disimpan. Tambahkan indikator dan targetnya.")
        return redirect("pk_detail", opd.pk, pk.pk)
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"Ubah {pk}" if pk else "Perjanjian Kinerja baru",
            "batal": reverse("pk_daftar", args=[opd.pk]),
        },
    )


@akses.halaman_opd()
def pk_detail(request: HttpRequest, opd: PerangkatDaerah, pk_id: int) -> HttpResponse:
    pk = _pk(opd, pk_id)
    butir = list(
        ButirPK.objects.filter(perjanjian=pk).select_related(
            "indikator",
            "indikator__sasaran",
            "indikator__program",
            "indikator__kegiatan",
            "indikator__sub_kegiatan",
            "indikator__tujuan",
        )
    )
    anggaran = list(
        AnggaranPK.objects.filter(perjanjian=pk).select_related("program", "kegiatan", "sub_kegiatan")
    )
    from pelaporan.domain import Anggaran as Angka
    from pelaporan.domain import jumlah_anggaran

    total = (
        jumlah_anggaran(baris=(Angka(pagu=a.jumlah, realisasi=0) for a in anggaran)).pagu
        if anggaran
        else None
    )
    return render(
        request,
        "pelaporan/pk_detail.html",
        {
            "opd": opd,
            "pk": pk,
            "butir": butir,
            "anggaran": anggaran,
            "total_anggaran": total,
            "boleh_ubah": akses.can_isi_data(request.user, opd) and not pk.terkunci,
            "boleh_perubahan": akses.can_isi_data(request.user, opd)
            and pk.terkunci
            and not hasattr(pk, "perubahan"),
            "boleh_tanda_tangan": akses.can_setujui(request.user, opd) and not pk.terkunci,
            "form_ttd": f.TandaTanganForm(),
            "turunan": list(pk.turunan.all()),
            "riwayat": riwayat_objek(pk, *butir, *anggaran),
        },
    )


@akses.halaman_opd(akses.can_isi_data)
def butir_simpan(
    request: HttpRequest, opd: PerangkatDaerah, pk_id: int, butir_id: int | None = None
) -> HttpResponse:
    pk = _pk(opd, pk_id)
    butir = get_object_or_404(ButirPK, perjanjian=pk, pk=butir_id) if butir_id else None
    awal = None
    if butir is not None:
        awal = {
            "indikator": butir.indikator_id,
            "kinerja": butir.kinerja,
            "target": butir.target,
            "target_atas": butir.target_atas,
        }
    form = f.ButirPKForm(request.POST or None, pk=pk, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                indikator = d["indikator"]
                if indikator is None:
                    nama, induk = f.node_dari_kunci(d["baru_induk"], opd=opd)
                    indikator = Indikator(
                        renstra=induk.renstra,
                        nama=d["baru_nama"],
                        satuan=d["baru_satuan"],
                        arah=d["baru_arah"] or "positif",
                        akumulasi=d["baru_akumulasi"] or "nilai_akhir",
                        **{nama: induk},
                    )
                    indikator.full_clean()
                    indikator.save()
                services.butir_pk_simpan(
                    pk=pk,
                    indikator=indikator,
                    target=d["target"],
                    target_atas=d["target_atas"],
                    kinerja=d["kinerja"],
                    butir=butir,
                )
        except services.PKTerkunci as exc:
            messages.error(request, str(exc))
            return redirect("pk_detail", opd.pk, pk.pk)
        except ValidationError as exc:
            galat_ke_form(form, exc, peta=_PETA_BUTIR)
        else:
            messages.success(request, "Indikator PK disimpan.")
            return redirect("pk_detail", opd.pk, pk.pk)
    return render(
        request,
        "pelaporan/butir_form.html",
        {"form": form, "opd": opd, "pk": pk, "butir": butir},
    )


# A new indicator typed in the PK form: the model's nama/satuan are the form's baru_nama/baru_satuan.
_PETA_BUTIR = {"nama": "baru_nama", "satuan": "baru_satuan"}


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def butir_hapus(request: HttpRequest, opd: PerangkatDaerah, pk_id: int, butir_id: int) -> HttpResponse:
    pk = _pk(opd, pk_id)
    butir = get_object_or_404(ButirPK, perjanjian=pk, pk=butir_id)
    try:
        services.butir_pk_hapus(butir=butir)
    except services.PKTerkunci as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Indikator “{butir.indikator.nama}” dikeluarkan dari PK.")
    return redirect("pk_detail", opd.pk, pk.pk)


@akses.halaman_opd(akses.can_isi_data)
def anggaran_pk_tambah(request: HttpRequest, opd: PerangkatDaerah, pk_id: int) -> HttpResponse:
    pk = _pk(opd, pk_id)
    form = f.AnggaranPKForm(request.POST or None, pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            _, node = f.node_dari_kunci(form.cleaned_data["node"], opd=opd)
            services.anggaran_pk_simpan(pk=pk, node=node, jumlah=form.cleaned_data["jumlah"])
        except services.PKTerkunci as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            galat_ke_form(form, exc, peta={"program": "node", "kegiatan": "node", "sub_kegiatan": "node"})
            return render(request, "lkjip/form.html", {"form": form, "opd": opd, "judul": "Anggaran PK"})
        else:
            messages.success(request, "Anggaran PK disimpan.")
        return redirect("pk_detail", opd.pk, pk.pk)
    if request.method == "GET" and request.GET.get("node"):
        # Prefill with the year's pagu so the PK states the DPA figure.
        try:
            _, node = f.node_dari_kunci(request.GET["node"], opd=opd)
            form.initial.update({"node": request.GET["node"], "jumlah": _pagu_node(opd, pk.tahun, node)})
        except ValidationError:
            pass
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"Anggaran program · {pk}",
            "batal": reverse("pk_detail", args=[opd.pk, pk.pk]),
        },
    )


def _pagu_node(opd: PerangkatDaerah, tahun: int, node) -> object:  # noqa: ANN001
    """The year's pagu under a program, kegiatan or sub-kegiatan: the lines of the budget roll-up
    that count under it, summed by the domain (a kegiatan includes its sub-kegiatan)."""
    from pelaporan.domain import jumlah_anggaran

    baris = [
        b.angka
        for b in anggaran_opd(opd, tahun).baris
        if b.anggaran is not None and node in b.anggaran.leluhur
    ]
    return jumlah_anggaran(baris=baris).pagu if baris else None


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def anggaran_pk_hapus(request: HttpRequest, opd: PerangkatDaerah, pk_id: int, baris_id: int) -> HttpResponse:
    pk = _pk(opd, pk_id)
    baris = get_object_or_404(AnggaranPK, perjanjian=pk, pk=baris_id)
    try:
        services.anggaran_pk_hapus(baris=baris)
    except services.PKTerkunci as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Anggaran dikeluarkan dari PK.")
    return redirect("pk_detail", opd.pk, pk.pk)


@require_POST
@akses.halaman_opd(akses.can_setujui)
def pk_tandatangani(request: HttpRequest, opd: PerangkatDaerah, pk_id: int) -> HttpResponse:
    pk = _pk(opd, pk_id)
    form = f.TandaTanganForm(request.POST)
    if form.is_valid():
        try:
            services.pk_tandatangani(pk=pk, pengguna=request.user, sandi=form.cleaned_data["sandi"])
        except (ValidationError, services.PKTerkunci) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"{pk} ditandatangani. Mulai sekarang isinya terkunci.")
    else:
        messages.error(request, "Isi kata sandi untuk menandatangani.")
    return redirect("pk_detail", opd.pk, pk.pk)


@akses.halaman_opd(akses.can_isi_data)
def pk_perubahan(request: HttpRequest, opd: PerangkatDaerah, pk_id: int) -> HttpResponse:
    pk = _pk(opd, pk_id)
    form = f.PerubahanPKForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.pk_perubahan_buat(
                pk=pk,
                alasan=form.cleaned_data["alasan_perubahan"],
                nomor_sk=form.cleaned_data["nomor_sk"],
                pengguna=request.user,
            )
        except ValidationError as exc:
            galat_ke_form(form, exc, peta=_PETA_BUTIR)
        else:
            messages.success(
                request, f"{baru} dibuat dari {pk}. {pk} tetap tersimpan seperti ditandatangani."
            )
            return redirect("pk_detail", opd.pk, baru.pk)
    return render(
        request,
        "lkjip/form.html",
        {
            "form": form,
            "opd": opd,
            "judul": f"PK Perubahan dari {pk}",
            "subjudul": "Versi baru dibuat sebagai draf berisi salinan PK ini; PK yang ditandatangani tidak berubah.",
            "batal": reverse("pk_detail", args=[opd.pk, pk.pk]),
        },
    )


@akses.halaman_opd()
def pk_banding(request: HttpRequest, opd: PerangkatDaerah, pk_id: int) -> HttpResponse:
    baru = _pk(opd, pk_id)
    if baru.menggantikan_id is None:
        messages.info(request, f"{baru} adalah versi pertama: tidak ada yang dibandingkan.")
        return redirect("pk_detail", opd.pk, baru.pk)
    lama = baru.menggantikan
    indikator, anggaran = services.banding_pk(lama, baru)
    return render(
        request,
        "pelaporan/pk_banding.html",
        {"opd": opd, "lama": lama, "baru": baru, "indikator": indikator, "anggaran": anggaran},
    )
