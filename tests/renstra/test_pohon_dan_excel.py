"""The tree page costs the same whatever the size; the Excel matrix round-trips unchanged."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lkjip import audit
from lkjip.models import CatatanAudit
from renstra import models as m
from renstra.excel import ekspor_renstra, impor_renstra


def buat_renstra_besar(opd, *, program: int, kegiatan: int, sub: int) -> m.Renstra:
    """A Renstra of 2 tujuan, 4 sasaran and program × kegiatan × sub nodes, each with an indicator."""
    awal = 2000 + m.Renstra.objects.filter(opd=opd).count() * 6
    r = m.Renstra.objects.create(opd=opd, tahun_awal=awal, tahun_akhir=awal + 5)
    tujuan = [m.Tujuan.objects.create(renstra=r, kode=f"T{i}", uraian=f"Tujuan {i}") for i in (1, 2)]
    sasaran = [
        m.Sasaran.objects.create(renstra=r, tujuan=tujuan[i % 2], kode=f"S{i}", uraian=f"Sasaran {i}")
        for i in range(4)
    ]
    prog = audit.buat_massal(
        [
            m.Program(
                renstra=r, kode=f"1.06.{p + 1:02d}", kode_tampil=f"1.06.{p + 1:02d}", nama=f"Program {p}"
            )
            for p in range(program)
        ]
    )
    audit.buat_massal(
        [m.PemetaanProgram(renstra=r, sasaran=sasaran[i % 4], program=p) for i, p in enumerate(prog)]
    )
    keg = audit.buat_massal(
        [
            m.Kegiatan(
                renstra=r,
                program=p,
                kode=f"{p.kode}.2.{k + 1:02d}",
                kode_tampil=f"{p.kode}.2.{k + 1:02d}",
                nama=f"Kegiatan {p.pk}-{k}",
            )
            for p in prog
            for k in range(kegiatan)
        ]
    )
    subs = audit.buat_massal(
        [
            m.SubKegiatan(
                renstra=r,
                kegiatan=k,
                kode=f"{k.kode}.{s + 1:04d}",
                kode_tampil=f"{k.kode}.{s + 1:02d}",
                nama=f"Sub {k.pk}-{s}",
            )
            for k in keg
            for s in range(sub)
        ]
    )
    ind = audit.buat_massal(
        [m.Indikator(renstra=r, sasaran=s, nama=f"IKU {s.kode}", satuan="%", iku=True) for s in sasaran]
        + [
            m.Indikator(
                renstra=r, sub_kegiatan=s, nama=f"Output {s.pk}", satuan="orang", akumulasi="kumulatif"
            )
            for s in subs
        ]
    )
    audit.buat_massal(
        [
            m.TargetIndikator(renstra=r, indikator=i, tahun=t, nilai=Decimal(t - 2000))
            for i in ind
            for t in (awal + 1, awal + 2)
        ]
    )
    audit.buat_massal(
        [m.PaguIndikatif(renstra=r, sub_kegiatan=s, tahun=awal + 3, jumlah=Decimal("1000000")) for s in subs]
    )
    return r


def _jumlah_query(klien, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        respon = klien.get(url)
    assert respon.status_code == 200
    return len(ctx.captured_queries)


def test_halaman_pohon_jumlah_query_tetap_untuk_10_dan_500_simpul(data, masuk) -> None:
    r10 = buat_renstra_besar(data.opd_b, program=1, kegiatan=1, sub=2)  # 2 + 4 + 1 + 1 + 2 = 10 nodes
    r500 = buat_renstra_besar(data.opd_b, program=5, kegiatan=10, sub=9)  # 2 + 4 + 5 + 50 + 450 = 511 nodes
    klien = masuk("operator_lain")
    q10 = _jumlah_query(klien, reverse("renstra_detail", args=[data.opd_b.pk, r10.pk]))
    q500 = _jumlah_query(klien, reverse("renstra_detail", args=[data.opd_b.pk, r500.pk]))
    assert (
        m.SubKegiatan.objects.filter(renstra=r500).count() + m.Kegiatan.objects.filter(renstra=r500).count()
        >= 500
    )
    assert q10 == q500
    assert q500 <= 20


def test_ekspor_lalu_impor_tidak_mengubah_apa_pun(data) -> None:
    r = data.rencana["renstra"]
    m.KomponenIndikator.objects.create(renstra=r, indikator=data.rencana["indikator"], nama="Anak terlantar")
    m.Indikator.objects.create(
        renstra=r,
        program=data.rencana["program"],
        nama="Rentang waktu layanan",
        satuan="hari",
        arah="negatif",
        target_akhir=Decimal(3),
        target_akhir_atas=Decimal(5),
    )
    _, _, isi = ekspor_renstra(r)
    audit_sebelum = CatatanAudit.objects.count()
    hasil = impor_renstra(renstra=r, data=isi, terapkan=True)
    assert hasil.masalah == []
    assert not hasil.ada_perubahan, hasil.perubahan
    assert hasil.jumlah["sama"] > 10
    assert CatatanAudit.objects.count() == audit_sebelum  # nothing written at all
    _, _, isi2 = ekspor_renstra(r)
    assert _sel(isi) == _sel(isi2)


def _sel(isi: bytes) -> list[list]:
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    return [[list(b) for b in wb[n].iter_rows(values_only=True)] for n in wb.sheetnames]


def _ubah_sel(isi: bytes, sheet: str, baris: int, kolom: str, nilai) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb[sheet]
    judul = [c.value for c in ws[1]]
    ws.cell(row=baris, column=judul.index(kolom) + 1).value = nilai
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baris_indikator(isi: bytes, nama: str) -> int:
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb["Matriks Renstra"]
    judul = [c.value for c in ws[1]]
    for i, b in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if b[judul.index("Indikator")] == nama:
            return i
    raise AssertionError(nama)


def test_impor_pratinjau_lalu_simpan_mengubah_target(data, masuk) -> None:
    r = data.rencana["renstra"]
    _, _, isi = ekspor_renstra(r)
    baris = _baris_indikator(isi, "Cakupan Penanganan PMKS")
    isi = _ubah_sel(isi, "Matriks Renstra", baris, "Target 2023", "92,75")
    klien = masuk("operator")
    url = reverse("renstra_impor", args=[data.opd_a.pk, r.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    respon = klien.post(url, {"berkas": SimpleUploadedFile("matriks.xlsx", isi)})
    assert "Pratinjau" in respon.content.decode()
    assert "1 data akan dibuat" in respon.content.decode()  # the 2023 target is new
    assert not m.TargetIndikator.objects.filter(indikator=data.rencana["indikator"], tahun=2023).exists()
    token = respon.context["unggahan"].token
    respon = klien.post(reverse("renstra_impor_terapkan", args=[data.opd_a.pk, r.pk, token]))
    assert respon.status_code == 302
    assert m.TargetIndikator.objects.get(indikator=data.rencana["indikator"], tahun=2023).nilai == Decimal(
        "92.75"
    )


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        (("Target 2023", "sembilan puluh"), "kolom “Target 2023”: “sembilan puluh” bukan angka"),
        (("Target 2022", "-3"), "tidak boleh negatif"),
        (("Kode", ""), "kode sasaran wajib diisi"),
        (("Tingkat", "Misi"), "bukan tingkat yang dikenal"),
        (("Arah", "Naik"), "bukan arah yang dikenal"),
        (("Satuan", None), "wajib diisi"),
        (("Target 2023", "=A1*2"), "berisi rumus Excel"),
    ],
)
def test_impor_berkas_salah_menyebut_sheet_baris_kolom_dan_tidak_menyimpan(data, ubah, pesan) -> None:
    r = data.rencana["renstra"]
    _, _, isi = ekspor_renstra(r)
    baris = _baris_indikator(isi, "Cakupan Penanganan PMKS")
    isi = _ubah_sel(isi, "Matriks Renstra", baris, *ubah)
    sebelum = CatatanAudit.objects.count()
    hasil = impor_renstra(renstra=r, data=isi, terapkan=True)
    teks = [str(x) for x in hasil.masalah]
    assert any(pesan in t and f"baris {baris}" in t and "Sheet “Matriks Renstra”" in t for t in teks), teks
    assert not hasil.diterapkan
    assert CatatanAudit.objects.count() == sebelum


def test_impor_kode_program_tingkat_salah_ditolak(data) -> None:
    r = data.rencana["renstra"]
    _, _, isi = ekspor_renstra(r)
    isi = _ubah_sel(isi, "Matriks Renstra", 4, "Kode", "1.06")  # row 4: the program
    hasil = impor_renstra(renstra=r, data=isi, terapkan=True)
    assert (
        "Sheet “Matriks Renstra”, baris 4, kolom “Kode”: Kode “1.06” adalah kode bidang, bukan kode program."
        in [str(x) for x in hasil.masalah]
    )
    assert not hasil.diterapkan


def test_impor_berkas_rusak_atau_bukan_excel(data) -> None:
    r = data.rencana["renstra"]
    assert "bukan workbook Excel" in str(
        impor_renstra(renstra=r, data=b"nama,target\nx,1", terapkan=True).masalah[0]
    )
    assert "rusak" in str(
        impor_renstra(renstra=r, data=b"PK\x03\x04" + b"\x00" * 100, terapkan=True).masalah[0]
    )


def test_impor_kode_di_bawah_induk_yang_salah_dibatalkan_seluruhnya(data) -> None:
    r = data.rencana["renstra"]
    _, _, isi = ekspor_renstra(r)
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb["Matriks Renstra"]
    judul = [c.value for c in ws[1]]
    baru = [None] * len(judul)
    baru[judul.index("Tingkat")] = "Kegiatan"
    baru[judul.index("Kode")] = "1.06.05.2.01"
    baru[judul.index("Uraian")] = "Kegiatan yang salah induk"
    baru[judul.index("Induk")] = "1.06.04"
    ws.append(["Kegiatan", "1.06.04.2.02", "Kegiatan benar", "1.06.04"] + [None] * (len(judul) - 4))
    ws.append(baru)
    buf = io.BytesIO()
    wb.save(buf)
    hasil = impor_renstra(renstra=r, data=buf.getvalue(), terapkan=True)
    assert any("tidak berada di bawah program" in str(x) for x in hasil.masalah)
    assert not m.Kegiatan.objects.filter(nama="Kegiatan benar").exists()  # all or nothing


def _impor_dengan_indikator_diubah(data, *, arah: str | None = None, target: str) -> tuple[object, int]:
    """Export the Renstra, rewrite the test indicator's arah and first-year target cells, import it."""
    r = data.rencana["renstra"]
    _, _, isi = ekspor_renstra(r)
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb["Matriks Renstra"]
    judul = [c.value for c in ws[1]]
    baris = next(
        b
        for b in ws.iter_rows(min_row=2)
        if b[judul.index("Indikator")].value == data.rencana["indikator"].nama
    )
    if arah is not None:
        baris[judul.index("Arah")].value = arah
    kolom_target = next(k for k in judul if k and str(k).startswith("Target 20"))
    baris[judul.index(kolom_target)].value = target
    keluar = io.BytesIO()
    wb.save(keluar)
    return impor_renstra(renstra=r, data=keluar.getvalue(), terapkan=True), int(kolom_target.split()[-1])


@pytest.mark.parametrize("tulisan", ["3–5", "3 - 5", "3-5", "3 — 5", "3 s.d. 5", "3 s/d 5", "3 sampai 5"])
def test_buku_kerja_lama_dengan_arah_rentang_dibaca_mendekati_dan_disebut(data, tulisan) -> None:
    """An older workbook (ours, or another system's) writes the arah "Rentang": it reads as
    mendekati with the range target, every way of writing a range is understood, and the
    import says what it did (DOMAIN §5: a range is a form of target)."""
    hasil, tahun = _impor_dengan_indikator_diubah(data, arah="Rentang", target=tulisan)
    assert hasil.masalah == []
    assert any("“Rentang” dibaca sebagai “Mendekati”" in p for p in hasil.perubahan)
    i = m.Indikator.objects.get(pk=data.rencana["indikator"].pk)
    assert i.arah == "mendekati"
    t = m.TargetIndikator.objects.get(indikator=i, tahun=tahun, jenis="renstra")
    assert (t.nilai, t.nilai_atas) == (Decimal(3), Decimal(5))


def test_rentang_terbalik_di_buku_kerja_ditolak_dengan_petunjuk(data) -> None:
    hasil, _ = _impor_dengan_indikator_diubah(data, target="90 – 80")
    assert any("lebih kecil dari batas bawah" in str(x) and "80–90" in str(x) for x in hasil.masalah)
