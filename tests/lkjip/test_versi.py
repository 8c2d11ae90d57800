"""lkjip.versi.versi_salin: the copy step the PK Perubahan and the LKjIP's next version share."""

from __future__ import annotations

from decimal import Decimal

from lkjip import audit
from lkjip.laporan.models import LaporanKinerja, TeksLaporan
from lkjip.models import CatatanAudit
from lkjip.versi import versi_salin
from pelaporan.models import AnggaranPK, ButirPK


def test_salinan_hanya_membawa_yang_disebut_dan_anaknya_tercatat_audit(data) -> None:
    asal = data.rencana["lkjip"]  # signed, with one text
    asal.tempat = "Tenggarong"
    with audit.oleh(data.pengguna["operator"]):
        baru = versi_salin(
            asal, bidang=("opd", "tahun", "triwulan", "tempat"), anak={"teks": ("kunci", "isi")}
        )
    baru = LaporanKinerja.objects.get(pk=baru.pk)
    assert (baru.versi, baru.menggantikan_id, baru.tempat) == (2, asal.pk, "Tenggarong")
    assert baru.status == "draft"  # never copied: the new version starts as a draft
    teks = TeksLaporan.objects.get(laporan=baru)
    assert (teks.kunci, teks.isi) == ("kata_pengantar", "<p>Pengantar</p>")
    assert TeksLaporan.objects.filter(laporan=asal).count() == 1  # the signed one keeps its own
    entri = CatatanAudit.objects.get(aksi="laporan.tekslaporan.buat", objek_id=str(teks.pk))
    assert entri.nama_pengguna == data.pengguna["operator"].username


def test_salinan_pk_membawa_butir_dan_anggaran_serta_isian_baru(data) -> None:
    pk = data.rencana["pk"]
    baru = versi_salin(
        pk,
        bidang=("opd", "tahun", "jenjang", "pihak_pertama", "pihak_kedua_nama", "pihak_kedua_jabatan"),
        anak={"butir": ("indikator", "target", "urutan"), "anggaran": ("program", "jumlah", "urutan")},
        alasan_perubahan="APBD Perubahan",
    )
    assert baru.versi == 2 and baru.alasan_perubahan == "APBD Perubahan"
    assert ButirPK.objects.get(perjanjian=baru).target == Decimal(90)
    assert AnggaranPK.objects.get(perjanjian=baru).jumlah == Decimal(1_500_000_000)
