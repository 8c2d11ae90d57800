from django.urls import path

from pelaporan.views import anggaran, dasbor, periode, pk, realisasi

OPD = "opd/<int:opd_id>/"
P = OPD + "pk/<int:pk_id>/"
R = OPD + "realisasi/<int:tahun>/<int:triwulan>/"

urlpatterns = [
    path("dasbor/", dasbor.dasbor, name="dasbor"),
    path("dasbor/<int:tahun>/", dasbor.dasbor_pemda, name="dasbor_pemda"),
    path(OPD + "dasbor/", dasbor.dasbor_opd_terbaru, name="dasbor_opd_terbaru"),
    path(OPD + "dasbor/<int:tahun>/", dasbor.dasbor_opd, name="dasbor_opd"),
    path(OPD + "pk/", pk.pk_daftar, name="pk_daftar"),
    path(OPD + "pk/tambah/", pk.pk_simpan, name="pk_tambah"),
    path(P, pk.pk_detail, name="pk_detail"),
    path(P + "ubah/", pk.pk_simpan, name="pk_ubah"),
    path(P + "butir/tambah/", pk.butir_simpan, name="butir_tambah"),
    path(P + "butir/<int:butir_id>/ubah/", pk.butir_simpan, name="butir_ubah"),
    path(P + "butir/<int:butir_id>/hapus/", pk.butir_hapus, name="butir_hapus"),
    path(P + "anggaran/tambah/", pk.anggaran_pk_tambah, name="anggaran_pk_tambah"),
    path(P + "anggaran/<int:baris_id>/hapus/", pk.anggaran_pk_hapus, name="anggaran_pk_hapus"),
    path(P + "tandatangani/", pk.pk_tandatangani, name="pk_tandatangani"),
    path(P + "perubahan/", pk.pk_perubahan, name="pk_perubahan"),
    path(P + "banding/", pk.pk_banding, name="pk_banding"),
    path(OPD + "rencana-aksi/<int:tahun>/", realisasi.rencana_aksi, name="rencana_aksi"),
    path(OPD + "realisasi/", realisasi.realisasi_index, name="realisasi_index"),
    path(R, realisasi.realisasi_grid, name="realisasi_grid"),
    path(R + "pratinjau/<int:indikator_id>/", realisasi.realisasi_pratinjau, name="realisasi_pratinjau"),
    path(R + "indikator/<int:indikator_id>/", realisasi.realisasi_detail, name="realisasi_detail"),
    path(R + "indikator/<int:indikator_id>/bukti/", realisasi.bukti_unggah, name="bukti_unggah"),
    path(R + "ajukan/", realisasi.laporan_ajukan, name="laporan_ajukan"),
    path(R + "putuskan/", realisasi.laporan_putuskan, name="laporan_putuskan"),
    path(OPD + "bukti/<uuid:token>/", realisasi.bukti_unduh, name="bukti_unduh"),
    path(OPD + "bukti/<uuid:token>/hapus/", realisasi.bukti_hapus, name="bukti_hapus"),
    path(OPD + "anggaran/<int:tahun>/", anggaran.anggaran_daftar, name="anggaran_daftar"),
    path(OPD + "anggaran/<int:tahun>/tambah/", anggaran.anggaran_simpan, name="anggaran_tambah"),
    path(OPD + "anggaran/<int:tahun>/<int:pk>/ubah/", anggaran.anggaran_simpan, name="anggaran_ubah"),
    path(OPD + "anggaran/<int:tahun>/<int:pk>/hapus/", anggaran.anggaran_hapus, name="anggaran_hapus"),
    path(
        OPD + "anggaran/<int:tahun>/realisasi/<int:triwulan>/",
        anggaran.anggaran_realisasi,
        name="anggaran_realisasi",
    ),
    path("pengaturan/periode/<int:tahun>/", periode.periode, name="periode"),
]
