"""URLs of the LKjIP: assembly, check, preview, PDF, approval, signature, verification."""

from django.urls import path

from lkjip.laporan import views, views_kerangka

L = "opd/<int:opd_id>/lkjip/"
D = L + "<int:pk>/"

urlpatterns = [
    path(L, views.lkjip_daftar, name="lkjip_daftar"),
    path(L + "pratinjau/<int:tahun>/", views.lkjip_pratinjau_draf, name="lkjip_pratinjau_draf"),
    path(D, views.lkjip_detail, name="lkjip_detail"),
    path(D + "teks/<str:kunci>/", views.lkjip_teks, name="lkjip_teks"),
    path(D + "pembanding/", views.lkjip_pembanding, name="lkjip_pembanding"),
    path(D + "pratinjau/", views.lkjip_pratinjau, name="lkjip_pratinjau"),
    path(D + "pdf/", views.lkjip_pdf_buat, name="lkjip_pdf_buat"),
    path(D + "proses/<uuid:token>/", views.lkjip_render, name="lkjip_render"),
    path(D + "proses/<uuid:token>/pdf/", views.lkjip_render_unduh, name="lkjip_render_unduh"),
    path(D + "excel/", views.lkjip_excel, name="lkjip_excel"),
    path(D + "ajukan/", views.lkjip_ajukan, name="lkjip_ajukan"),
    path(D + "kembalikan/", views.lkjip_kembalikan, name="lkjip_kembalikan"),
    path(D + "tandatangani/", views.lkjip_tandatangani, name="lkjip_tandatangani"),
    path(D + "unduh/", views.lkjip_unduh, name="lkjip_unduh"),
    path(D + "versi-baru/", views.lkjip_versi_baru, name="lkjip_versi_baru"),
    path(D + "catatan/", views.lkjip_catatan, name="lkjip_catatan"),
    path(D + "pernyataan-reviu/", views.lkjip_pernyataan, name="lkjip_pernyataan"),
    path("verifikasi/<uuid:token>/", views.verifikasi, name="verifikasi"),
    path("pengaturan/sertifikat/", views.sertifikat, name="sertifikat"),
    path("pengaturan/kerangka-laporan/", views_kerangka.kerangka_laporan, name="kerangka_laporan"),
]
