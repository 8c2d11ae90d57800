"""The workbook explained where staff are (issue 13 item 6): a help page of the app, and the
template's first sheet, both from pelaporan.excel_pengukuran.petunjuk; the guide sheet never
stands in the way of importing the template once filled in."""

from __future__ import annotations

import io
from decimal import Decimal as D

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pelaporan import models as p
from pelaporan.excel_pengukuran import (
    HITUNG_ANGGARAN,
    HITUNG_INDIKATOR,
    KOLOM_ANGGARAN,
    KOLOM_INDIKATOR,
    SHEET_ANGGARAN,
    SHEET_INDIKATOR,
    ekspor_pengukuran,
    petunjuk,
)
from tests.pelaporan.test_excel_pengukuran import ANG_POHON, IND_ADA, IND_BARU


def test_petunjuk_menjelaskan_setiap_kolom_resmi_persis_sekali() -> None:
    for sheet, resmi in (
        (SHEET_INDIKATOR, KOLOM_INDIKATOR + HITUNG_INDIKATOR),
        (SHEET_ANGGARAN, KOLOM_ANGGARAN + HITUNG_ANGGARAN),
    ):
        ditulis = [j for k in petunjuk.KOLOM_PETUNJUK[sheet] for j in petunjuk.judul_kolom(k)]
        assert sorted(ditulis) == sorted(resmi), sheet


def test_templat_dibuka_pada_sheet_petunjuk(data) -> None:
    _, _, isi = ekspor_pengukuran(opd=data.opd_a, tahun=2022, kosong=True)
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    assert wb.sheetnames[0] == "Petunjuk" and wb.active.title == "Petunjuk"
    assert {SHEET_INDIKATOR, SHEET_ANGGARAN} <= set(wb.sheetnames)
    ws = wb["Petunjuk"]
    teks = [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
    semua = "\n".join(str(c) for r in teks for c in r)
    url = settings.SITE_URL + reverse("pengukuran_format")
    assert ws["B2"].value == url and ws["B2"].hyperlink.target == url
    assert "docs/" not in semua
    for langkah in petunjuk.LANGKAH:
        assert langkah in semua
    # every column of both sheets is described, and whether it is the app's to compute
    kolom_a = {r[0] for r in teks if r}
    for daftar in petunjuk.KOLOM_PETUNJUK.values():
        for k in daftar:
            assert k.nama in kolom_a
    assert any(
        r[:3] == ["Capaian (%)", petunjuk.KOLOM_PETUNJUK[SHEET_INDIKATOR][-2].isi, "dihitung aplikasi"]
        for r in teks
    )
    # the filled-in download opens on its data, and its Info sheet points to the page, not the repository
    _, _, berisi = ekspor_pengukuran(opd=data.opd_a, tahun=2022)
    wb = openpyxl.load_workbook(io.BytesIO(berisi))
    assert wb.sheetnames[0] == SHEET_INDIKATOR and "Petunjuk" not in wb.sheetnames
    info = "\n".join(str(v) for r in wb["Info"].iter_rows(values_only=True) for v in r if v)
    assert url in info and "docs/" not in info


def test_templat_yang_diunduh_diisi_lalu_diunggah_kembali(data, masuk) -> None:
    """Round trip through the pages: download the template, fill in its sheets, upload, confirm."""
    klien = masuk("operator")
    templat = klien.get(reverse("pengukuran_templat", args=[data.opd_a.pk, 2022]))
    wb = openpyxl.load_workbook(io.BytesIO(templat.content))
    for sheet, baris in ((SHEET_INDIKATOR, [IND_BARU, IND_ADA]), (SHEET_ANGGARAN, ANG_POHON)):
        ws = wb[sheet]
        judul = [c.value for c in ws[1]]
        for b in baris:
            ws.append([b.get(j) for j in judul])
    buf = io.BytesIO()
    wb.save(buf)
    assert openpyxl.load_workbook(io.BytesIO(buf.getvalue())).sheetnames[0] == "Petunjuk"
    url = reverse("pengukuran", args=[data.opd_a.pk, 2022])
    nama = templat["Content-Disposition"].split('filename="')[1].rstrip('"')
    respon = klien.post(url, {"berkas": SimpleUploadedFile(nama, buf.getvalue())})
    hasil = respon.context["hasil"]
    assert hasil.masalah == [] and hasil.ada_perubahan
    assert "Indikator: 2 baris — 1 baru, 1 diubah, 0 tetap" in respon.content.decode()
    token = respon.context["unggahan"].token
    assert klien.post(reverse("pengukuran_terapkan", args=[data.opd_a.pk, 2022, token])).status_code == 302
    assert p.Realisasi.objects.get(indikator=data.rencana["indikator"], triwulan=2).nilai == D("45.5")


def test_halaman_format_dari_halaman_unggah(data, masuk) -> None:
    klien = masuk("operator")
    unggah = klien.get(reverse("pengukuran", args=[data.opd_a.pk, 2022])).content.decode()
    assert reverse("pengukuran_format") in unggah and "docs/format-excel-pengukuran.md" not in unggah
    html = klien.get(reverse("pengukuran_format")).content.decode()
    assert '<h1 class="h3">Petunjuk pengisian workbook Pengukuran Kinerja</h1>' in html
    for daftar in petunjuk.KOLOM_PETUNJUK.values():
        for k in daftar:
            assert f"<code>{k.nama}</code>" in html
    assert "1.234.567,89" in html and "wajib diisi" in html and "dihitung aplikasi" in html
    # the operator's way back to its own upload page, at the latest year with data
    assert reverse("pengukuran", args=[data.opd_a.pk, 2022]) in html
    # a reviewer (no OPD of its own) reads the same page, without the way back
    html = masuk("reviewer").get(reverse("pengukuran_format")).content.decode()
    assert "Aturan umum" in html and "Ke halaman Excel Pengukuran Kinerja" not in html
