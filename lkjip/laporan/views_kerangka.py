"""The outline screen of the admin pemda (issue 10): the LKjIP's title, chapters, sections and
the pemda's scale, with a preview of the outline before it is saved."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lkjip import akses
from lkjip.laporan.forms_kerangka import KerangkaForm
from lkjip.laporan.kerangka import contoh_dokumen, kerangka_pemda, terapkan_kerangka
from lkjip.laporan.models import KerangkaLaporan
from lkjip.selectors import riwayat_objek


@akses.halaman_peran(akses.can_kelola_pemda)
def kerangka_laporan(request: HttpRequest) -> HttpResponse:
    pemda = akses.pemda_pengguna(request)
    form = KerangkaForm(request.POST or None, pemda=pemda)
    tahun = timezone.localdate().year - 1
    kerangka = kerangka_pemda(pemda)
    belum_disimpan = False
    if request.method == "POST" and form.is_valid():
        if "simpan" in request.POST:
            form.simpan()
            messages.success(
                request, "Kerangka laporan disimpan; berlaku untuk LKjIP yang belum ditandatangani."
            )
            return redirect("kerangka_laporan")
        kerangka, belum_disimpan = form.kerangka_baru, True
    pratinjau = terapkan_kerangka(contoh_dokumen(tahun=tahun), kerangka)
    simpanan = KerangkaLaporan.objects.filter(pemda=pemda).first()
    # The outline's own entries, and the pemda's entries that concern its scale (the rest of the
    # pemda's history belongs to Pengaturan): each read on its own, so neither crowds out the other.
    riwayat = sorted(
        [
            *(riwayat_objek(simpanan) if simpanan else []),
            *(c for c in riwayat_objek(pemda, batas=200) if _soal_skala(c)),
        ],
        key=lambda c: (c.waktu, c.pk),
        reverse=True,
    )
    return render(
        request,
        "laporan/kerangka.html",
        {
            "form": form,
            "pemda": pemda,
            "pratinjau": pratinjau,
            "skala": form.skala_pratinjau(),
            "belum_disimpan": belum_disimpan,
            "tahun": tahun,
            "riwayat": riwayat[:30],
        },
    )


def _soal_skala(catatan) -> bool:  # noqa: ANN001
    """The pemda's history entries that concern its scale (the rest belongs to Pengaturan)."""
    return any(k in (catatan.perubahan or {}) for k in ("skala_sendiri", "nama_skala_sendiri"))
