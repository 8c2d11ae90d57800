from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lkjip import views
from lkjip.masuk import FormMasuk

handler400 = "lkjip.galat.galat_400"
handler403 = "lkjip.galat.galat_403"
handler404 = "lkjip.galat.galat_404"
handler500 = "lkjip.galat.galat_500"

urlpatterns = [
    path("", views.beranda_view, name="beranda"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=FormMasuk,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(template_name="registration/ganti_sandi.html"),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/ganti_sandi_selesai.html"),
        name="password_change_done",
    ),
    path("opd/", views.opd_daftar, name="opd_daftar"),
    path("opd/tambah/", views.opd_tambah, name="opd_tambah"),
    path("opd/<int:opd_id>/", views.opd_detail, name="opd_detail"),
    path("opd/<int:opd_id>/ubah/", views.opd_ubah, name="opd_ubah"),
    path("opd/<int:opd_id>/unit/tambah/", views.unit_simpan, name="unit_tambah"),
    path("opd/<int:opd_id>/unit/<int:pk>/ubah/", views.unit_simpan, name="unit_ubah"),
    path("opd/<int:opd_id>/unit/<int:pk>/hapus/", views.unit_hapus, name="unit_hapus"),
    path("opd/<int:opd_id>/pejabat/tambah/", views.pejabat_simpan, name="pejabat_tambah"),
    path("opd/<int:opd_id>/pejabat/<int:pk>/ubah/", views.pejabat_simpan, name="pejabat_ubah"),
    path("opd/<int:opd_id>/pejabat/<int:pk>/hapus/", views.pejabat_hapus, name="pejabat_hapus"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("pengaturan/logo/", views.pemda_logo, name="pemda_logo"),
    path("pengguna/", views.pengguna_daftar, name="pengguna_daftar"),
    path("pengguna/tambah/", views.pengguna_simpan, name="pengguna_tambah"),
    path("pengguna/<int:pk>/ubah/", views.pengguna_simpan, name="pengguna_ubah"),
    path("pengguna/<int:pk>/buka-kunci/", views.pengguna_buka_kunci, name="pengguna_buka_kunci"),
    path("riwayat/", views.riwayat, name="riwayat"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("renstra.urls")),
    path("", include("pelaporan.urls")),
    path("", include("pelaporan.urls_excel")),
    path("", include("lkjip.laporan.urls")),
    path("admin/", admin.site.urls),
]
# No /media/ route, not even with DEBUG: stored files hold every OPD's evidence, so each kind is
# served by a view that checks the reader (bukti_unduh, pemda_logo).
