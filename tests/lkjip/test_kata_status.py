"""Status words that agree (issue 13, item 5): a state's label and badge come from one place, a
closed quarter never reads "Sedang diisi", the home page lists only what can be done, and the
admin's reason for reopening a quarter is labelled as the admin's."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone

from lkjip.laporan.models import LaporanKinerja, StatusLKjIP
from pelaporan.models import (
    ButirPK,
    LaporanTriwulan,
    PembukaanKembali,
    PeriodeTriwulan,
    PerjanjianKinerja,
    StatusLaporan,
)
from pelaporan.selectors import status_triwulan

MEI_2022 = dt.datetime(2022, 5, 20, 3, tzinfo=dt.UTC)


def _periode_tw1(data) -> PeriodeTriwulan:  # noqa: ANN001
    return PeriodeTriwulan.objects.create(
        pemda=data.pemda, tahun=2022, triwulan=1, dibuka=dt.date(2022, 4, 1), ditutup=dt.date(2022, 4, 15)
    )


def _grid(data) -> str:  # noqa: ANN001
    return reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])


def test_lencana_triwulan_sepakat_dengan_alasannya(data) -> None:
    periode = _periode_tw1(data)

    def status(hari: dt.date) -> tuple[str, str, str]:
        s = status_triwulan(data.opd_a, 2022, 1, hari_ini=hari)
        return s.lencana.label, s.lencana.kelas, s.alasan

    label, kelas, alasan = status(dt.date(2022, 3, 20))
    assert (label, kelas) == ("Belum dibuka", "text-bg-light border") and "baru dibuka" in alasan
    label, kelas, alasan = status(dt.date(2022, 4, 10))
    assert (label, kelas) == ("Sedang diisi", "text-bg-secondary") and "terbuka sampai" in alasan
    label, kelas, alasan = status(dt.date(2022, 5, 20))
    assert (label, kelas) == ("Ditutup", "text-bg-dark") and "sudah ditutup" in alasan
    PembukaanKembali.objects.create(
        periode=periode,
        opd=data.opd_a,
        sampai=dt.date(2022, 5, 31),
        alasan="Data BPS terlambat",
        dibuka_oleh=data.pengguna["admin"],
    )
    label, kelas, alasan = status(dt.date(2022, 5, 20))
    assert (label, kelas) == ("Dibuka kembali", "text-bg-info")
    assert "oleh Admin A (admin pemda). Alasan pembukaan kembali: Data BPS terlambat" in alasan
    LaporanTriwulan.objects.create(
        opd=data.opd_a,
        tahun=2022,
        triwulan=1,
        status=StatusLaporan.DIAJUKAN,
        diajukan_oleh=data.pengguna["operator"],
        diajukan_pada=timezone.now(),
    )
    label, kelas, alasan = status(dt.date(2022, 6, 20))  # closed again, but submitted: says so
    assert (label, kelas) == ("Diajukan ke kepala", "text-bg-warning")


@time_machine.travel(MEI_2022, tick=False)
def test_triwulan_ditutup_tidak_tertulis_sedang_diisi(data, masuk) -> None:
    _periode_tw1(data)
    html = masuk("operator").get(_grid(data)).content.decode()
    assert '<span class="badge text-bg-dark">Ditutup</span>' in html and "sudah ditutup" in html
    assert "Sedang diisi" not in html
    indeks = masuk("operator").get(reverse("realisasi_index", args=[data.opd_a.pk])).content.decode()
    kartu = re.search(r"<strong>TW I</strong>\s*(<span[^>]*>[^<]*</span>)", indeks)
    assert kartu and kartu.group(1) == '<span class="badge text-bg-dark">Ditutup</span>'


@time_machine.travel(MEI_2022, tick=False)
def test_alasan_pembukaan_kembali_berlabel_admin_bukan_kepala(data, masuk) -> None:
    _periode_tw1(data)
    laporan = LaporanTriwulan.objects.create(
        opd=data.opd_a,
        tahun=2022,
        triwulan=1,
        status=StatusLaporan.DISETUJUI,
        catatan="Sudah lengkap.",
        diajukan_oleh=data.pengguna["operator"],
        diajukan_pada=timezone.now(),
        diputuskan_oleh=data.pengguna["kepala"],
        diputuskan_pada=timezone.now(),
    )
    isian = {
        "aksi": "buka",
        "opd": data.opd_a.pk,
        "triwulan": "1",
        "sampai": "2022-05-31",
        "alasan": "Data BPS terlambat",
        "konfirmasi": "1",
    }
    assert masuk("admin").post(reverse("periode", args=[2022]), isian).status_code == 302
    laporan.refresh_from_db()
    assert (laporan.status, laporan.catatan) == (StatusLaporan.DIKEMBALIKAN, "")  # not the kepala's note
    html = masuk("operator").get(_grid(data)).content.decode()
    assert "<strong>Alasan pembukaan kembali oleh admin</strong> (Admin A, 20 Mei 2022 11.00 WITA)" in html
    assert "Data BPS terlambat" in html and "Catatan kepala" not in html
    beranda = masuk("operator").get(reverse("beranda")).content.decode()
    assert "Perbaiki TW I 2022: dibuka kembali oleh admin" in beranda
    assert "Alasan pembukaan kembali oleh admin (Admin A): Data BPS terlambat" in beranda
    assert "dikembalikan kepala" not in beranda and "Catatan kepala" not in beranda
    # a row returned before this change kept the reason in the kepala's note: still the admin's
    laporan.catatan = "Dibuka kembali oleh admin: Data BPS terlambat"
    laporan.save()
    html = masuk("operator").get(_grid(data)).content.decode()
    assert "Alasan pembukaan kembali oleh admin" in html and "Catatan kepala" not in html


def test_catatan_kepala_tetap_berlabel_kepala(data, masuk) -> None:
    LaporanTriwulan.objects.create(
        opd=data.opd_a,
        tahun=2022,
        triwulan=1,
        status=StatusLaporan.DIKEMBALIKAN,
        catatan="Lengkapi bukti dukung.",
        diajukan_oleh=data.pengguna["operator"],
        diajukan_pada=timezone.now(),
        diputuskan_oleh=data.pengguna["kepala"],
        diputuskan_pada=timezone.now(),
    )
    html = masuk("operator").get(_grid(data)).content.decode()
    assert "<strong>Catatan kepala</strong> (Kepala A, " in html and "Lengkapi bukti dukung." in html
    assert "Alasan pembukaan kembali" not in html
    assert '<span class="badge text-bg-danger">Dikembalikan dengan catatan</span>' in html


@time_machine.travel(dt.datetime(2026, 10, 5, 3, tzinfo=dt.UTC), tick=False)
def test_beranda_tidak_meminta_isi_triwulan_tanpa_pk_tahun_itu(data, masuk) -> None:
    beranda = masuk("operator").get(reverse("beranda")).content.decode()
    assert "Isi realisasi TW III 2026" not in beranda
    assert "Susun Perjanjian Kinerja 2026" in beranda
    pk = PerjanjianKinerja.objects.create(
        opd=data.opd_a,
        tahun=2026,
        jenjang="kepala",
        pihak_pertama=data.pejabat_a,
        pihak_kedua_jabatan="Bupati Uji",
        pihak_kedua_nama="Bupati Uji",
    )
    ButirPK.objects.create(perjanjian=pk, indikator=data.rencana["indikator"], target=Decimal(95))
    beranda = masuk("operator").get(reverse("beranda")).content.decode()
    assert "Isi realisasi TW III 2026" in beranda and "Susun Perjanjian Kinerja 2026" not in beranda
    LaporanTriwulan.objects.create(
        opd=data.opd_a,
        tahun=2026,
        triwulan=3,
        status=StatusLaporan.DIAJUKAN,
        diajukan_oleh=data.pengguna["operator"],
        diajukan_pada=timezone.now(),
    )
    assert "Isi realisasi TW III 2026" not in masuk("operator").get(reverse("beranda")).content.decode()


def test_lkjip_yang_sudah_diajukan_tidak_lagi_siap_diajukan(data, masuk, monkeypatch) -> None:
    monkeypatch.setattr("lkjip.laporan.views.periksa_lkjip", lambda lap: [])
    lap = LaporanKinerja.objects.create(opd=data.opd_a, tahun=2023, tempat="Kota Uji")
    url = reverse("lkjip_detail", args=[data.opd_a.pk, lap.pk])
    html = masuk("operator").get(url).content.decode()
    assert "LKjIP siap diajukan" in html and '<span class="badge text-bg-secondary fs-6">Draf</span>' in html
    lap.status = StatusLKjIP.DIAJUKAN
    lap.save()
    html = masuk("operator").get(url).content.decode()
    assert "siap diajukan" not in html
    assert "LKjIP sudah diajukan ke kepala OPD dan menunggu keputusannya" in html
    assert '<span class="badge text-bg-warning fs-6">Diajukan ke kepala</span>' in html
    daftar = masuk("operator").get(reverse("lkjip_daftar", args=[data.opd_a.pk])).content.decode()
    assert '<span class="badge text-bg-warning">Diajukan ke kepala</span>' in daftar
