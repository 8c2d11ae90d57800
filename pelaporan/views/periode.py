"""Admin pemda: quarter deadlines per year, and reopening a closed quarter for one OPD."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lkjip import akses
from lkjip.angka import format_tanggal
from lkjip.forms import galat_ke_form
from pelaporan import forms as f
from pelaporan import services
from pelaporan.models import LaporanTriwulan, PembukaanKembali, PeriodeTriwulan


@akses.halaman_peran(akses.can_kelola_pemda)
def periode(request: HttpRequest, tahun: int) -> HttpResponse:
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun tidak dikenal.")
    pemda_id = request.user.pemda_id
    ada = {p.triwulan: p for p in PeriodeTriwulan.objects.filter(pemda_id=pemda_id, tahun=tahun)}
    awal = {tw: (p.dibuka, p.ditutup) for tw, p in ada.items()}
    opd_qs = akses.opd_terlihat(request.user).order_by("nama")
    form = f.PeriodeForm(
        request.POST if request.POST.get("aksi") == "jadwal" else None, tahun=tahun, awal=awal
    )
    form_buka = f.PembukaanKembaliForm(
        request.POST if request.POST.get("aksi") == "buka" else None, opd_qs=opd_qs
    )
    if request.method == "POST" and request.POST.get("aksi") == "jadwal" and form.is_valid():
        services.periode_simpan(pemda_id=pemda_id, tahun=tahun, jadwal=form.jadwal(), pengguna=request.user)
        messages.success(request, f"Jadwal pengisian {tahun} disimpan.")
        return redirect("periode", tahun)
    konfirmasi = None
    if request.method == "POST" and request.POST.get("aksi") == "buka" and form_buka.is_valid():
        d = form_buka.cleaned_data
        periode = ada.get(d["triwulan"])
        if periode is None:
            form_buka.add_error(
                "triwulan", "Jadwal triwulan ini belum ditetapkan, jadi belum pernah ditutup."
            )
        else:
            try:
                services.pembukaan_kembali_buat(
                    periode=periode,
                    opd=d["opd"],
                    sampai=d["sampai"],
                    alasan=d["alasan"],
                    pengguna=request.user,
                    konfirmasi=request.POST.get("konfirmasi") == "1",
                )
            except services.PerluKonfirmasi as exc:
                # Signed LKjIPs use this quarter: name them and ask again before anything changes.
                konfirmasi = {"periode": periode, "opd": d["opd"], "dokumen": exc.dokumen}
            except ValidationError as exc:
                galat_ke_form(form_buka, exc)
            else:
                messages.success(
                    request,
                    f"{periode} dibuka kembali untuk {d['opd']} sampai {format_tanggal(d['sampai'])}.",
                )
                return redirect("periode", tahun)
    pembukaan = PembukaanKembali.objects.filter(
        periode__pemda_id=pemda_id, periode__tahun=tahun
    ).select_related("opd", "periode", "dibuka_oleh")
    laporan = LaporanTriwulan.objects.filter(opd__in=opd_qs, tahun=tahun).select_related("opd")
    status: dict[int, dict[int, LaporanTriwulan]] = {}
    for x in laporan:
        status.setdefault(x.opd_id, {})[x.triwulan] = x
    ringkasan = [(o, [status.get(o.pk, {}).get(tw) for tw in range(1, 5)]) for o in opd_qs]
    return render(
        request,
        "pelaporan/periode.html",
        {
            "tahun": tahun,
            "form": form,
            "form_buka": form_buka,
            "konfirmasi": konfirmasi,
            "pembukaan": pembukaan,
            "ringkasan": ringkasan,
        },
    )
