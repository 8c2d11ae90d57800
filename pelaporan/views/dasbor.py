"""Read-only dashboards: one OPD's year, and every OPD of the pemda side by side (DOMAIN §8)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lkjip import akses
from lkjip.angka import format_persen, format_ringkas
from lkjip.models import Peran, PerangkatDaerah
from pelaporan.dasbor import (
    ikhtisar_pemda,
    ringkasan_opd,
    tahun_data_terakhir,
    tahun_tersedia,
    tren_opd,
    triwulan_terakhir,
)
from pelaporan.dokumen import laporan_tahunan
from pelaporan.grafik import dua_ukuran, grafik_anggaran, grafik_capaian, grafik_tren
from pelaporan.selectors import NAMA_TW, BarisRealisasi, skala_pemda


def _sampai(request: HttpRequest, bawaan: int) -> int:
    return int(request.GET["sampai"]) if request.GET.get("sampai") in ("1", "2", "3", "4") else bawaan


def _tahun_sah(tahun: int) -> None:
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun tidak dikenal.")


@login_required
def dasbor(request: HttpRequest) -> HttpResponse:
    """The menu's "Dasbor": the pemda overview for reviewers and admins, the own OPD's for the others."""
    hari_ini = timezone.localdate()
    u = request.user
    if u.peran in (Peran.OPERATOR, Peran.KEPALA) and u.opd_id:
        return redirect(
            "dasbor_opd", u.opd_id, tahun_data_terakhir(pemda=u.pemda, opd=u.opd, hari_ini=hari_ini)
        )
    return redirect("dasbor_pemda", tahun_data_terakhir(pemda=u.pemda, hari_ini=hari_ini))


@akses.halaman_opd()
def dasbor_opd_terbaru(request: HttpRequest, opd: PerangkatDaerah) -> HttpResponse:
    """An OPD's "Dasbor" link: its latest year with data, not an empty current year."""
    tahun = tahun_data_terakhir(pemda=opd.pemda, opd=opd, hari_ini=timezone.localdate())
    return redirect("dasbor_opd", opd.pk, tahun)


@dataclass
class BarisDasbor:
    """What one indicator's row of the dashboard table shows, worked out once in Python (a
    big OPD has 500 rows; every filter and lookup in the row's template costs per row)."""

    b: BarisRealisasi
    label_arah: str
    target: str
    realisasi: str
    capaian: str | None  # None: no capaian, the reason and any partial figure show instead
    alasan: str
    label_sementara: str
    keterangan: str
    sementara: str


def baris_dasbor(baris: list[BarisRealisasi]) -> list[BarisDasbor]:
    hasil = []
    for b in baris:
        c, i = b.capaian, b.indikator
        label_sementara = "" if c.hasil.nilai is not None else c.label_sementara
        hasil.append(
            BarisDasbor(
                b=b,
                label_arah=i.get_arah_display() if i.arah != "positif" else "",
                target=format_ringkas(b.target_tahunan),
                realisasi=format_ringkas(c.realisasi),
                capaian=format_persen(c.hasil.nilai) if c.hasil.nilai is not None else None,
                alasan=c.hasil.alasan or "–",
                label_sementara=label_sementara,
                keterangan=c.keterangan if label_sementara else "",
                sementara=format_persen(c.sementara.nilai) if label_sementara else "",
            )
        )
    return hasil


@akses.halaman_opd()
def dasbor_opd(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    _tahun_sah(tahun)
    hari_ini = timezone.localdate()
    sampai = _sampai(request, triwulan_terakhir(tahun, hari_ini=hari_ini, opd=opd))
    r = ringkasan_opd(opd, tahun, sampai=sampai, dengan_status=True)
    daftar_tahun = tahun_tersedia(pemda=opd.pemda, opd=opd, hari_ini=hari_ini)
    tren = tren_opd(opd, [t for t in daftar_tahun if t <= tahun][:5], sudah=r)
    program = [b for b in r.anggaran.baris if b.tingkat == "program"]
    nama_tw = NAMA_TW[sampai - 1]
    return render(
        request,
        "pelaporan/dasbor_opd.html",
        {
            "opd": opd,
            "tahun": tahun,
            "sampai": sampai,
            "nama_tw": nama_tw,
            "daftar_tw": list(enumerate(NAMA_TW, start=1)),
            "daftar_tahun": daftar_tahun,
            "r": r,
            "baris": baris_dasbor(r.baris),
            "skala": skala_pemda(opd.pemda),
            "program": program,
            "tren": tren,
            "grafik_capaian": dua_ukuran(
                grafik_capaian,
                judul=f"Capaian kinerja s/d TW {nama_tw} {tahun}",
                baris=[
                    (b.indikator.nama, b.capaian.hasil.nilai, b.kategori.warna if b.kategori else None)
                    for b in r.baris
                ],
            )
            if r.baris
            else "",
            "grafik_anggaran": dua_ukuran(
                grafik_anggaran,
                judul=f"Pagu dan realisasi s/d TW {nama_tw} {tahun}",
                baris=[(b.uraian, b.angka.pagu, b.angka.realisasi) for b in program],
            )
            if program
            else "",
            "grafik_tren": dua_ukuran(
                grafik_tren,
                judul="Rata-rata capaian dan realisasi anggaran per tahun",
                tahun=[t.tahun for t in tren],
                garis=[
                    ("Rata-rata capaian", [t.rata for t in tren]),
                    ("Realisasi anggaran", [t.serapan for t in tren]),
                ],
            )
            if len(tren) > 1
            else "",
            # the year's LKjIP and, once signed, whether the data under it changed since
            "lkjip": laporan_tahunan(ringkasan=[r]).get(opd.pk),
        },
    )


@akses.halaman_peran(lambda u: akses.adalah(u, Peran.ADMIN, Peran.REVIEWER) or u.is_superuser)
def dasbor_pemda(request: HttpRequest, tahun: int) -> HttpResponse:
    _tahun_sah(tahun)
    hari_ini = timezone.localdate()
    sampai = _sampai(request, triwulan_terakhir(tahun, hari_ini=hari_ini, pemda=request.user.pemda))
    semua = list(
        akses.opd_terlihat(request.user)
        .filter(aktif=True)
        .select_related("pemda")
        .order_by("pemda__nama", "nama")
    )
    kelompok = []
    for pemda, isi in groupby(semua, key=lambda o: o.pemda):
        daftar = ikhtisar_pemda(pemda, list(isi), tahun, sampai=sampai)
        lkjip = laporan_tahunan(ringkasan=daftar)
        skala = skala_pemda(pemda)
        sebaran: dict[str, int] = defaultdict(int)
        for r in daftar:
            if r.pita is not None:
                sebaran[r.pita.label] += 1
        dengan_nilai = [r for r in daftar if r.angka.rata is not None]
        kelompok.append(
            {
                "pemda": pemda,
                "baris": [(r, lkjip.get(r.opd.pk)) for r in daftar],
                "sebaran": [(p.label, p.warna, sebaran[p.label]) for p in reversed(skala.pita)],
                "tanpa_data": len(daftar) - len(dengan_nilai),
                "grafik": dua_ukuran(
                    grafik_capaian,
                    judul=f"Rata-rata capaian per perangkat daerah s/d TW {NAMA_TW[sampai - 1]} {tahun}",
                    baris=[(r.opd.nama, r.angka.rata, r.pita.warna if r.pita else None) for r in daftar],
                )
                if dengan_nilai
                else "",
            }
        )
    pemda_pengguna = request.user.pemda
    return render(
        request,
        "pelaporan/dasbor_pemda.html",
        {
            "tahun": tahun,
            "sampai": sampai,
            "nama_tw": NAMA_TW[sampai - 1],
            "daftar_tw": list(enumerate(NAMA_TW, start=1)),
            "daftar_tahun": tahun_tersedia(pemda=pemda_pengguna, hari_ini=hari_ini)
            if pemda_pengguna
            else [hari_ini.year],
            "kelompok": kelompok,
            "tw": range(1, 5),
        },
    )
