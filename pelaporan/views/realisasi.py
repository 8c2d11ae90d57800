"""The quarterly grid (realisasi kinerja), one indicator's detail (texts, components,
evidence), the rencana aksi, and the submit / approve / return flow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lkjip import akses
from lkjip.angka import AngkaTidakSah, format_isian, format_persen, format_ringkas, periksa_simpan, urai_angka
from lkjip.models import PerangkatDaerah
from lkjip.selectors import riwayat_objek
from pelaporan import forms as f
from pelaporan import services
from pelaporan.models import BuktiDukung, PerjanjianKinerja, Realisasi, RealisasiKomponen
from pelaporan.selectors import (
    NAMA_TW,
    BarisRealisasi,
    baris_realisasi,
    grid_realisasi,
    hitung_baris,
    indikator_diukur,
    skala_pemda,
    status_triwulan,
)
from pelaporan.templatetags.pelaporan_tags import status_nilai
from renstra.models import Indikator, KomponenIndikator


def _periksa_tw(tahun: int, triwulan: int) -> None:
    if not (2000 <= tahun <= 2100 and 1 <= triwulan <= 4):
        raise Http404("Tahun atau triwulan tidak dikenal.")


@akses.halaman_opd()
def realisasi_index(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    hari_ini = timezone.localdate()
    tahun_pk = set(PerjanjianKinerja.objects.filter(opd=opd).values_list("tahun", flat=True))
    daftar_tahun = sorted(tahun_pk | {hari_ini.year}, reverse=True)
    status = {
        t: {tw: status_triwulan(opd, t, tw, hari_ini=hari_ini) for tw in range(1, 5)}
        for t in daftar_tahun[:3]
    }
    return render(
        request,
        "pelaporan/realisasi_index.html",
        {"opd": opd, "daftar_tahun": daftar_tahun[:3], "status": status, "tw": range(1, 5)},
    )


@dataclass
class SelCapaian:
    """The capaian cell of a grid row (``pelaporan/_hasil_capaian.html``, in the grid and in the
    live preview), its texts worked out once from the row's computed figures."""

    kunci: str
    nilai: str | None  # the capaian; None: no figure, the reason shows instead
    judul: str  # formula and explanation (tooltip)
    dibatasi: str | None  # the capped figure when the pemda's cap applied
    catatan_belum: str | None  # quarters not reported yet, under the figure
    alasan: str
    keterangan: str
    label_sementara: str
    judul_sementara: str
    nilai_sementara: str
    judul_progres: str
    nilai_progres: str | None


def sel_capaian(b: BarisRealisasi) -> SelCapaian:
    c = b.capaian
    h = c.hasil
    ada = h.nilai is not None
    keterangan = c.keterangan
    label_sementara = "" if ada else c.label_sementara
    progres = b.progres if not ada and b.progres and b.progres.nilai is not None else None
    return SelCapaian(
        kunci=str(b.indikator.pk),
        nilai=format_persen(h.nilai) if ada else None,
        judul=f"{h.rumus}. {keterangan}" if ada else "",
        dibatasi=format_persen(h.nilai_dibatasi) if ada and h.dibatasi else None,
        catatan_belum=c.catatan_belum if ada else None,
        alasan="" if ada else h.alasan,
        keterangan=keterangan,
        label_sementara=label_sementara,
        judul_sementara=f"{c.sementara.rumus}. {keterangan}" if label_sementara else "",
        nilai_sementara=format_persen(c.sementara.nilai) if label_sementara else "",
        judul_progres=progres.rumus if progres is not None else "",
        nilai_progres=format_persen(progres.nilai) if progres is not None else None,
    )


@dataclass
class SelBaris:
    """What one grid row shows, worked out once in Python: the grid has a row per indicator
    (500 in a province's big OPD), and every filter, lookup and ``{% url %}`` in the row's
    template costs per row. The figures come from the same formatters as the filters."""

    b: BarisRealisasi
    i: Indikator
    r: Realisasi | None
    kunci: str  # the indicator's pk, as the names and ids of the row's inputs carry it
    k: Any  # the row's conflict (a POST sent back), else None
    g: str | None  # the row's error
    kirim: str | None  # the value as sent back
    st: tuple[str, str, bool] | None  # the state, version and checkbox as sent back
    label_arah: str
    target: str
    target_tw: str | None
    sebelumnya: list[tuple[str, str | None]]  # (TW name, value) of the quarters before
    nilai_isian: str
    nilai_awal: str  # the hidden a- field when nothing was sent back
    versi: str
    realisasi_sd: str | None
    url_pratinjau: str
    url_rincian: str
    hc: SelCapaian


def _url_per_indikator(nama: str, *args: int) -> Callable[[int], str]:
    """``reverse(nama, args=[*args, pk])`` for many pks at the cost of one reverse: the pattern's
    last part is ``<int:indikator_id>``, so a number no other argument holds marks its place."""
    tanda = 987654321
    awal, akhir = reverse(nama, args=[*args, tanda]).rsplit(f"/{tanda}/", 1)
    return lambda pk: f"{awal}/{pk}/{akhir}"


def sel_grid(
    baris: list[BarisRealisasi],
    *,
    opd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    galat: dict,
    konflik: dict,
    kiriman: dict | None = None,
    status_kiriman: dict | None = None,
) -> list[SelBaris]:
    url_pratinjau = _url_per_indikator("realisasi_pratinjau", opd.pk, tahun, triwulan)
    url_rincian = _url_per_indikator("realisasi_detail", opd.pk, tahun, triwulan)
    hasil = []
    for b in baris:
        i = b.indikator
        r = b.baris_tw(triwulan)
        kirim = kiriman.get(i.pk) if kiriman else None
        if kirim is not None:
            nilai_isian = kirim
        else:
            nilai_isian = format_isian(r.nilai) if r is not None and r.nilai is not None else ""
        target_tw = b.target_tw[triwulan - 1]
        hasil.append(
            SelBaris(
                b=b,
                i=i,
                r=r,
                kunci=str(i.pk),
                k=konflik.get(i.pk) if konflik else None,
                g=galat.get(i.pk) if galat else None,
                kirim=kirim,
                st=status_kiriman.get(i.pk) if status_kiriman else None,
                label_arah=truncatewords(i.get_arah_display(), 1) if i.arah != "positif" else "",
                target=format_ringkas(b.target_tahunan),
                target_tw=format_ringkas(target_tw) if target_tw is not None else None,
                sebelumnya=[
                    (NAMA_TW[n], format_ringkas(v) if v is not None else None)
                    for n, v in enumerate(b.nilai_tw[: triwulan - 1])
                ],
                nilai_isian=nilai_isian,
                nilai_awal=status_nilai(r),
                versi=str((r.versi if r is not None else None) or 0),
                realisasi_sd=format_ringkas(b.realisasi_sd) if b.realisasi_sd is not None else None,
                url_pratinjau=url_pratinjau(i.pk),
                url_rincian=url_rincian(i.pk),
                hc=sel_capaian(b),
            )
        )
    return hasil


def _konteks_grid(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int, **lain: Any) -> dict:
    status = status_triwulan(opd, tahun, triwulan, hari_ini=timezone.localdate())
    baris = lain.pop("baris", None) or grid_realisasi(opd, tahun, sampai=triwulan, dengan_program=True)
    boleh = akses.can_isi_data(request.user, opd) and status.boleh_diisi
    galat = lain.pop("galat", {})
    konflik = lain.pop("konflik", {})
    return {
        "sel": sel_grid(
            baris,
            opd=opd,
            tahun=tahun,
            triwulan=triwulan,
            galat=galat,
            konflik=konflik,
            kiriman=lain.get("kiriman"),
            status_kiriman=lain.get("status_kiriman"),
        ),
        "opd": opd,
        "tahun": tahun,
        "triwulan": triwulan,
        "nama_tw": NAMA_TW[triwulan - 1],
        "daftar_tw": list(enumerate(NAMA_TW, start=1)),
        "baris": baris,
        "status": status,
        "boleh_isi": boleh,
        "boleh_putuskan": akses.can_setujui(request.user, opd) and status.status_laporan == "diajukan",
        "boleh_ajukan": boleh,
        "skala": skala_pemda(opd.pemda),
        "pemda": opd.pemda,
        "galat": galat,
        "konflik": konflik,
        "form_keputusan": f.KeputusanForm(),
        **lain,
    }


def _form_grid(data: Any, baris: list[BarisRealisasi]) -> f.GridTriwulanForm:
    """The grid's form, for the save and the live preview alike: it parses every cell and
    applies the save's own value rule (services.periksa_nilai_realisasi) in one pass."""
    # composite values come from their components (detail page), never from the grid
    indikator = {b.indikator.pk: b.indikator for b in baris if not b.komponen}
    return f.GridTriwulanForm(
        data,
        kunci=list(indikator),
        dengan_kosong=True,
        periksa=lambda k, nilai: services.periksa_nilai_realisasi(nilai, indikator=indikator[k]),
    )


@akses.halaman_opd()
def realisasi_grid(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int) -> HttpResponse:
    """GET shows the grid; POST saves it (no page reload with htmx; a plain form works too)."""
    _periksa_tw(tahun, triwulan)
    if request.method != "POST":
        return render(request, "pelaporan/realisasi_grid.html", _konteks_grid(request, opd, tahun, triwulan))
    if not akses.can_isi_data(request.user, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi.")
    baris = grid_realisasi(opd, tahun, sampai=triwulan, dengan_program=True)
    form = _form_grid(request.POST, baris)

    def tampil_ulang(**lain: Any) -> HttpResponse:
        """The grid as it was sent back, with each refused cell marked (nothing was saved)."""
        return render(
            request,
            "pelaporan/realisasi_grid.html",
            _konteks_grid(
                request,
                opd,
                tahun,
                triwulan,
                baris=baris,
                galat=form.galat,
                kiriman=form.kiriman,
                status_kiriman=form.status_kiriman,
                **lain,
            ),
        )

    if not form.is_valid():
        messages.error(request, "Tidak ada yang disimpan: perbaiki isian yang ditandai merah.")
        return tampil_ulang()
    try:
        hasil = services.realisasi_simpan_grid(
            opd=opd, tahun=tahun, triwulan=triwulan, masukan=form.sel(), pengguna=request.user
        )
    except services.TriwulanTertutup as exc:
        messages.error(request, str(exc))
        return render(request, "pelaporan/realisasi_grid.html", _konteks_grid(request, opd, tahun, triwulan))
    if hasil.galat:
        form.tambah_galat(hasil.galat)
        messages.error(request, "Tidak ada yang disimpan: perbaiki isian yang ditandai merah.")
        return tampil_ulang()
    if hasil.konflik:
        messages.warning(
            request,
            f"Tidak ada yang disimpan: {len(hasil.konflik)} nilai sudah diubah orang lain sejak halaman ini dibuka. "
            "Pilih nilai mana yang dipakai pada baris yang ditandai, lalu simpan lagi.",
        )
        return tampil_ulang(konflik={k.kunci: k for k in hasil.konflik})
    pesan = f"{hasil.disimpan} nilai disimpan." if hasil.disimpan else "Tidak ada perubahan untuk disimpan."
    if hasil.diperbarui_orang_lain:
        pesan += f" {len(hasil.diperbarui_orang_lain)} nilai yang diubah orang lain sementara itu tetap seperti milik mereka."
    messages.success(request, pesan)
    return render(request, "pelaporan/realisasi_grid.html", _konteks_grid(request, opd, tahun, triwulan))


@require_POST
@akses.halaman_opd()
def realisasi_pratinjau(
    request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    """Recompute one row's capaian from what is being typed (nothing is saved)."""
    _periksa_tw(tahun, triwulan)
    # only this row: the preview runs on every keystroke pause
    daftar = [d for d in indikator_diukur(opd, tahun) if d.indikator.pk == indikator_id]
    if not daftar:
        raise Http404(
            "Indikator ini tidak diukur OPD ini tahun ini (bukan indikator PK maupun indikator program Renstra)."
        )
    (baris,) = baris_realisasi(opd, tahun, daftar, sampai=triwulan)
    # the grid's own form: the same parsing and value rule as the save, so the preview refuses
    # what the save refuses, with the same message
    form = _form_grid(request.POST, [baris])
    galat = ""
    if form.is_valid():
        sel = next(iter(form.sel()), None)
        sementara = (
            Realisasi(nilai=sel.nilai) if sel is not None and (sel.nilai is not None or sel.kosong) else None
        )
        baris.realisasi[triwulan - 1] = sementara
        hitung_baris(baris, sampai=triwulan, skala=skala_pemda(opd.pemda), pemda=opd.pemda)
    else:
        galat = form.galat.get(indikator_id) or "Isian ini tidak dapat dibaca."
    return render(
        request,
        "pelaporan/_pratinjau_realisasi.html",
        {
            "b": baris,
            "kunci": str(indikator_id),
            "hc": sel_capaian(baris),
            "realisasi_sd": format_ringkas(baris.realisasi_sd) if baris.realisasi_sd is not None else None,
            "galat_pratinjau": galat,
            "nama_tw": NAMA_TW[triwulan - 1],
            "triwulan": triwulan,
            "pratinjau": True,
        },
    )


@akses.halaman_opd()
def realisasi_detail(
    request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    _periksa_tw(tahun, triwulan)
    daftar = {d.indikator.pk: d for d in indikator_diukur(opd, tahun)}
    if indikator_id not in daftar:
        raise Http404(
            "Indikator ini tidak diukur OPD ini tahun ini (bukan indikator PK maupun indikator program Renstra)."
        )
    indikator: Indikator = daftar[indikator_id].indikator
    r = (
        Realisasi.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
        .select_related("diubah_oleh")
        .first()
    )
    komponen = list(KomponenIndikator.objects.filter(indikator=indikator).order_by("urutan", "pk"))
    rk = {x.komponen_id: x for x in RealisasiKomponen.objects.filter(realisasi=r)} if r else {}
    status = status_triwulan(opd, tahun, triwulan, hari_ini=timezone.localdate())
    boleh = akses.can_isi_data(request.user, opd) and status.boleh_diisi
    galat: dict[str, str] = {}
    if request.method == "POST":
        if not akses.can_isi_data(request.user, opd):
            raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi realisasi.")
        teks = {n: request.POST.get(n, "") for n in services.TEKS_REALISASI}
        nilai_komponen: dict[int, tuple[Decimal | None, Decimal | None]] = {}
        for k in komponen:
            pasangan = []
            for awalan in ("kp", "ks"):
                try:
                    v = urai_angka(request.POST.get(f"{awalan}-{k.pk}", ""))
                    if v is not None:
                        v = periksa_simpan(v)  # pembilang/penyebut are ANGKA columns
                    if v is not None and v < 0:
                        raise AngkaTidakSah("tidak boleh negatif.")
                except AngkaTidakSah as exc:
                    galat[f"{awalan}-{k.pk}"] = str(exc)
                    v = None
                pasangan.append(v)
            nilai_komponen[k.pk] = (pasangan[0], pasangan[1])
        versi = request.POST.get("versi", "0")
        if not galat:
            try:
                services.realisasi_detail_simpan(
                    opd=opd,
                    indikator=indikator,
                    tahun=tahun,
                    triwulan=triwulan,
                    teks=teks,
                    komponen=nilai_komponen,
                    versi=int(versi) if versi.isdigit() else 0,
                    pengguna=request.user,
                )
            except services.TriwulanTertutup as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, f"Penjelasan “{indikator.nama}” TW {NAMA_TW[triwulan - 1]} disimpan."
                )
                return redirect("realisasi_detail", opd.pk, tahun, triwulan, indikator.pk)
        else:
            messages.error(request, "Tidak ada yang disimpan: perbaiki isian yang ditandai merah.")
    return render(
        request,
        "pelaporan/realisasi_detail.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan": triwulan,
            "nama_tw": NAMA_TW[triwulan - 1],
            "indikator": indikator,
            "realisasi": r,
            "komponen": _baris_komponen(
                komponen, rk, request.POST if request.method == "POST" else None, galat
            ),
            "bukti": list(BuktiDukung.objects.filter(realisasi=r)) if r else [],
            "boleh_isi": boleh,
            "status": status,
            "galat": galat,
            "kiriman": request.POST if request.method == "POST" else None,
            "form_bukti": f.BuktiForm(),
            "riwayat": riwayat_objek(r) if r else [],
            "teks": [(n, Realisasi._meta.get_field(n).verbose_name) for n in services.TEKS_REALISASI],
        },
    )


def _baris_komponen(
    komponen: list[KomponenIndikator],
    tersimpan: dict[int, RealisasiKomponen],
    kiriman: Any,
    galat: dict[str, str],
) -> list[dict[str, Any]]:
    """Rows of the component table: what was sent back (after an error) or what is stored."""
    from lkjip.angka import format_ringkas

    hasil = []
    for k in komponen:
        x = tersimpan.get(k.pk)
        sel = []
        for awalan, kolom, label in (("kp", "pembilang", "Pembilang"), ("ks", "penyebut", "Penyebut")):
            nama = f"{awalan}-{k.pk}"
            if kiriman is not None:
                nilai = kiriman.get(nama, "")
            else:
                v = getattr(x, kolom) if x else None
                nilai = format_ringkas(v) if v is not None else ""
            sel.append({"nama": nama, "nilai": nilai, "galat": galat.get(nama, ""), "label": label})
        hasil.append({"nama": k.nama, "sel": sel})
    return hasil


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def bukti_unggah(
    request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    _periksa_tw(tahun, triwulan)
    daftar = {d.indikator.pk: d.indikator for d in indikator_diukur(opd, tahun)}
    if indikator_id not in daftar:
        raise Http404(
            "Indikator ini tidak diukur OPD ini tahun ini (bukan indikator PK maupun indikator program Renstra)."
        )
    form = f.BuktiForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Pilih berkas bukti dukung.")
    else:
        try:
            b = services.bukti_unggah(
                opd=opd,
                indikator=daftar[indikator_id],
                tahun=tahun,
                triwulan=triwulan,
                berkas=form.cleaned_data["berkas"],
                pengguna=request.user,
            )
        except (ValidationError, services.TriwulanTertutup) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"Bukti “{b.nama_asli}” diunggah.")
    return redirect("realisasi_detail", opd.pk, tahun, triwulan, indikator_id)


@akses.halaman_opd()
def bukti_unduh(request: HttpRequest, opd: PerangkatDaerah, token: str) -> FileResponse:
    """Evidence is served only to those who may read the OPD (never from a public /media/ URL)."""
    bukti = get_object_or_404(BuktiDukung, token=token, realisasi__opd=opd)
    respon = FileResponse(
        bukti.berkas.open("rb"), as_attachment=True, filename=bukti.nama_asli, content_type=bukti.tipe
    )
    respon["X-Content-Type-Options"] = "nosniff"
    return respon


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def bukti_hapus(request: HttpRequest, opd: PerangkatDaerah, token: str) -> HttpResponse:
    bukti = get_object_or_404(
        BuktiDukung.objects.select_related("realisasi"), token=token, realisasi__opd=opd
    )
    r = bukti.realisasi
    try:
        services.bukti_hapus(bukti=bukti, pengguna=request.user)
    except services.TriwulanTertutup as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Bukti “{bukti.nama_asli}” dihapus.")
    return redirect("realisasi_detail", opd.pk, r.tahun, r.triwulan, r.indikator_id)


@require_POST
@akses.halaman_opd(akses.can_isi_data)
def laporan_ajukan(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int) -> HttpResponse:
    _periksa_tw(tahun, triwulan)
    try:
        services.laporan_ajukan(opd=opd, tahun=tahun, triwulan=triwulan, pengguna=request.user)
    except (ValidationError, services.TriwulanTertutup) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"TW {NAMA_TW[triwulan - 1]} {tahun} diajukan ke kepala OPD.")
    return redirect("realisasi_grid", opd.pk, tahun, triwulan)


@require_POST
@akses.halaman_opd(akses.can_setujui)
def laporan_putuskan(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int) -> HttpResponse:
    _periksa_tw(tahun, triwulan)
    setuju = request.POST.get("keputusan") == "setuju"
    try:
        services.laporan_putuskan(
            opd=opd,
            tahun=tahun,
            triwulan=triwulan,
            setuju=setuju,
            catatan=request.POST.get("catatan", ""),
            pengguna=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"TW {NAMA_TW[triwulan - 1]} {tahun} "
            + ("disetujui." if setuju else "dikembalikan ke operator dengan catatan."),
        )
    return redirect("realisasi_grid", opd.pk, tahun, triwulan)


@akses.halaman_opd()
def rencana_aksi(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    """The PK targets broken down per quarter, with a warning naming the numbers when they do not fit."""
    _periksa_tw(tahun, 1)
    baris = grid_realisasi(opd, tahun, sampai=4, dengan_program=True)
    galat: dict[str, str] = {}
    if request.method == "POST":
        if not akses.can_isi_data(request.user, opd):
            raise PermissionDenied("Hanya operator OPD ini yang dapat mengisi rencana aksi.")
        form = f.TargetTriwulanForm(request.POST, kunci=[b.indikator.pk for b in baris])
        if form.is_valid():
            try:
                n = services.target_triwulan_simpan(
                    opd=opd, tahun=tahun, target=form.target(), pengguna=request.user
                )
            except ValidationError as exc:
                form.tambah_galat(exc)
            else:
                messages.success(request, f"Rencana aksi {tahun} disimpan ({n} target berubah).")
                return redirect("rencana_aksi", opd.pk, tahun)
        galat = form.galat
        messages.error(request, "Tidak ada yang disimpan: perbaiki isian yang ditandai merah.")
    return render(
        request,
        "pelaporan/rencana_aksi.html",
        {
            "opd": opd,
            "tahun": tahun,
            "baris": baris,
            "galat": galat,
            "kiriman": request.POST if request.method == "POST" else None,
            "boleh_isi": akses.can_isi_data(request.user, opd),
        },
    )
