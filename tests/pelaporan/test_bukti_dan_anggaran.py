"""Evidence files (limits, types, scope) and budgets (roll-up, no double counting, quarterly grid)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pelaporan.models import Anggaran, BuktiDukung, RealisasiAnggaran
from pelaporan.selectors import anggaran_opd
from tests import contoh_berkas as contoh


def _unggah(data, masuk, berkas):
    r = data.rencana
    return masuk("operator").post(
        reverse("bukti_unggah", args=[data.opd_a.pk, 2022, 1, r["indikator"].pk]),
        {"berkas": berkas},
        follow=True,
    )


def test_bukti_pdf_diterima_dan_hanya_pembaca_opd_yang_dapat_mengunduh(data, masuk) -> None:
    respon = _unggah(data, masuk, SimpleUploadedFile("laporan.pdf", contoh.pdf()))
    assert "diunggah" in respon.content.decode()
    b = BuktiDukung.objects.get(nama_asli="laporan.pdf")
    url = reverse("bukti_unduh", args=[data.opd_a.pk, b.token])
    respon = masuk("reviewer").get(url)
    assert respon.status_code == 200 and b"".join(respon.streaming_content).startswith(b"%PDF")
    assert respon["X-Content-Type-Options"] == "nosniff"
    assert masuk("operator_lain").get(url).status_code == 404
    # the token of OPD A's file under OPD B's URL is a 404 too
    assert (
        masuk("operator_lain").get(reverse("bukti_unduh", args=[data.opd_b.pk, b.token])).status_code == 404
    )


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("skrip.exe", b"MZ\x90\x00", "tidak diterima"),
        ("foto.png", b"%PDF-1.4 bukan png", "bukan gambar PNG yang utuh"),
        ("besar.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "terlalu besar"),
        # issue 12: the two reported cases, and a truncated PDF
        ("foto.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "bukan gambar PNG yang utuh"),
        ("laporan.docx", contoh.docx_bom(200), "terlalu besar setelah diurai"),
        (
            "laporan.pdf",
            contoh.pdf(2)[:-200],
            "Berkas ini bukan PDF yang utuh; simpan ulang sebagai PDF lalu unggah lagi.",
        ),
        ("laporan.pdf", b"%PDF-1.7 isi laporan", "bukan PDF yang utuh"),
        ("tabel.xlsx", contoh.office("docx"), "berakhiran .xlsx tetapi isinya dokumen Word"),
    ],
)
def test_bukti_salah_jenis_atau_terlalu_besar_ditolak(data, masuk, nama, isi, pesan) -> None:
    sebelum = BuktiDukung.objects.count()
    respon = _unggah(data, masuk, SimpleUploadedFile(nama, isi))
    assert pesan in respon.content.decode()
    assert BuktiDukung.objects.count() == sebelum


@pytest.mark.parametrize(
    "nama, isi, tipe",
    [
        ("foto.jpg", contoh.gambar("JPEG"), "image/jpeg"),
        ("foto.png", contoh.gambar("PNG"), "image/png"),
        (
            "sk.docx",
            contoh.office("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_bukti_gambar_dan_dokumen_utuh_diterima(data, masuk, nama, isi, tipe) -> None:
    respon = _unggah(data, masuk, SimpleUploadedFile(nama, isi))
    assert "diunggah" in respon.content.decode()
    assert BuktiDukung.objects.get(nama_asli=nama).tipe == tipe


def test_form_bukti_menyatakan_batas_yang_sama_dengan_server(data, masuk) -> None:
    r = data.rencana
    html = masuk("operator").get(
        reverse("realisasi_detail", args=[data.opd_a.pk, 2022, 1, r["indikator"].pk])
    )
    html = html.content.decode()
    assert 'accept=".pdf,.jpg,.jpeg,.png,.xlsx,.docx,.pptx"' in html
    assert "PDF, JPG, PNG, XLSX, DOCX atau PPTX; paling besar 10 MB." in html


def test_anggaran_bertingkat_dijumlah_tertimbang(data, masuk) -> None:
    r = data.rencana
    from renstra.models import SubKegiatan

    sub2 = SubKegiatan.objects.create(
        renstra=r["renstra"],
        kegiatan=r["kegiatan"],
        kode="1.06.04.2.01.0002",
        kode_tampil="1.06.04.2.01.02",
        nama="Penyediaan Sandang",
    )
    a2 = Anggaran.objects.create(
        opd=data.opd_a, tahun=2022, sub_kegiatan=sub2, pagu_murni=Decimal(500_000_000)
    )
    RealisasiAnggaran.objects.create(anggaran=r["anggaran"], triwulan=1, jumlah=Decimal(1_500_000_000))
    RealisasiAnggaran.objects.create(anggaran=a2, triwulan=1, jumlah=Decimal(0))
    ringkasan = anggaran_opd(data.opd_a, 2022)
    # 1,5 M of 1,5 M (100 %) and 0 of 0,5 M (0 %): weighted 75 %, not the mean 50 %
    assert ringkasan.total.persen == Decimal(75)
    program, kegiatan = ringkasan.baris[0], ringkasan.baris[1]
    assert (program.tingkat, program.angka.pagu, program.angka.persen) == (
        "program",
        Decimal(2_000_000_000),
        Decimal(75),
    )
    assert (kegiatan.tingkat, kegiatan.angka.sisa) == ("kegiatan", Decimal(500_000_000))
    html = masuk("kepala").get(reverse("anggaran_daftar", args=[data.opd_a.pk, 2022])).content.decode()
    assert "75,00" in html and "2.000.000.000" in html


def test_anggaran_ganda_pada_induk_dan_anaknya_ditolak(data, masuk) -> None:
    r = data.rencana
    respon = masuk("operator").post(
        reverse("anggaran_tambah", args=[data.opd_a.pk, 2022]),
        {"node": f"program:{r['program'].pk}", "sumber_dana": "apbd", "pagu_murni": "1.000.000"},
    )
    assert "terhitung dua kali" in respon.content.decode()
    assert not Anggaran.objects.filter(program=r["program"]).exists()


def test_realisasi_anggaran_triwulan_disimpan_dan_negatif_ditolak(data, masuk) -> None:
    r = data.rencana
    a = r["anggaran"].pk
    url = reverse("anggaran_realisasi", args=[data.opd_a.pk, 2022, 2])
    respon = masuk("operator").post(url, {f"n-{a}": "-5", f"a-{a}": "", f"v-{a}": "0"})
    assert "tidak boleh negatif" in respon.content.decode()
    assert not RealisasiAnggaran.objects.exists()
    respon = masuk("operator").post(url, {f"n-{a}": "250.000.000", f"a-{a}": "", f"v-{a}": "0"})
    assert respon.status_code == 302
    assert RealisasiAnggaran.objects.get(anggaran_id=a, triwulan=2).jumlah == Decimal(250_000_000)


def test_isian_salah_tetap_tampil_dan_sel_dikosongkan_menghapus_bukan_nol(data, masuk) -> None:
    from lkjip.models import CatatanAudit
    from pelaporan.selectors import anggaran_opd

    a = data.rencana["anggaran"].pk
    url = reverse("anggaran_realisasi", args=[data.opd_a.pk, 2022, 2])
    html = masuk("operator").post(url, {f"n-{a}": "dua ratus", f"a-{a}": "", f"v-{a}": "0"}).content.decode()
    assert 'value="dua ratus"' in html  # what was typed comes back next to its message
    masuk("operator").post(url, {f"n-{a}": "250.000.000", f"a-{a}": "", f"v-{a}": "0"})
    r = RealisasiAnggaran.objects.get(anggaran_id=a, triwulan=2)
    respon = masuk("operator").post(url, {f"n-{a}": "", f"a-{a}": "250000000", f"v-{a}": str(r.versi)})
    assert respon.status_code == 302
    assert not RealisasiAnggaran.objects.filter(anggaran_id=a, triwulan=2).exists()  # not stored as Rp 0
    assert CatatanAudit.objects.filter(aksi="pelaporan.realisasianggaran.hapus").exists()
    ringkas = anggaran_opd(data.opd_a, 2022, sampai=2)
    assert (
        ringkas.tw_kosong == [1, 2] and ringkas.teks_tw_kosong == "Realisasi anggaran TW I, TW II belum diisi"
    )


def test_triwulan_yang_kosong_pada_sebagian_baris_disebut_jumlah_barisnya(data) -> None:
    from pelaporan.selectors import anggaran_opd

    a = data.rencana["anggaran"]
    kedua = Anggaran.objects.create(
        opd=data.opd_a, tahun=2022, uraian="Belanja lain", pagu_murni=Decimal(100)
    )
    for tw in (1, 2):
        RealisasiAnggaran.objects.create(anggaran=a, triwulan=tw, jumlah=Decimal(10))
    RealisasiAnggaran.objects.create(anggaran=kedua, triwulan=1, jumlah=Decimal(10))
    ringkas = anggaran_opd(data.opd_a, 2022, sampai=2)
    assert ringkas.teks_tw_kosong == "Realisasi anggaran TW II (1 dari 2 baris) belum diisi"


def test_anggaran_program_yang_sama_di_dua_renstra_tidak_dihitung_dua_kali(data, masuk) -> None:
    from renstra.models import Program, Renstra

    r2 = Renstra.objects.create(opd=data.opd_a, tahun_awal=2017, tahun_akhir=2022)
    p2 = Program.objects.create(
        renstra=r2, kode="1.06.04", kode_tampil="1.06.04", nama="Program Rehabilitasi Sosial"
    )
    respon = masuk("operator").post(
        reverse("anggaran_tambah", args=[data.opd_a.pk, 2022]),
        {"node": f"program:{p2.pk}", "sumber_dana": "apbd", "pagu_murni": "1.000.000"},
    )
    assert "terhitung dua kali" in respon.content.decode()
    assert not Anggaran.objects.filter(program=p2).exists()
