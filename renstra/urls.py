from django.urls import path, register_converter

from renstra import views, views_kode


class JenisNodeConverter:
    regex = "|".join(views.JENIS_NODE)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class JenisRpjmdConverter(JenisNodeConverter):
    regex = "|".join(views.JENIS_RPJMD)


class TingkatConverter(JenisNodeConverter):
    regex = "|".join(views.MODEL_INDUK_INDIKATOR)


register_converter(JenisNodeConverter, "jenis")
register_converter(JenisRpjmdConverter, "jenisrpjmd")
register_converter(TingkatConverter, "tingkat")

R = "opd/<int:opd_id>/renstra/"
N = R + "<int:renstra_id>/"

urlpatterns = [
    path(R, views.renstra_daftar, name="renstra_daftar"),
    path(R + "tambah/", views.renstra_simpan, name="renstra_tambah"),
    path(N, views.renstra_detail, name="renstra_detail"),
    path(N + "ubah/", views.renstra_simpan, name="renstra_ubah"),
    path(N + "hapus/", views.renstra_hapus, name="renstra_hapus"),
    path(N + "<jenis:jenis>/tambah/", views.node_simpan, name="node_tambah"),
    path(N + "<jenis:jenis>/<int:pk>/ubah/", views.node_simpan, name="node_ubah"),
    path(N + "<jenis:jenis>/<int:pk>/hapus/", views.node_hapus, name="node_hapus"),
    path(N + "<jenis:jenis>/kode/<str:kode>/", views_kode.node_kode, name="node_kode"),
    path(
        N + "indikator/tambah/<tingkat:tingkat>/<int:induk_id>/",
        views.indikator_tambah,
        name="indikator_tambah",
    ),
    path(N + "indikator/<int:pk>/ubah/", views.indikator_ubah, name="indikator_ubah"),
    path(N + "indikator/<int:pk>/hapus/", views.indikator_hapus, name="indikator_hapus"),
    path(N + "indikator/<int:pk>/ganti/", views.indikator_ganti, name="indikator_ganti"),
    path(N + "ekspor/", views.renstra_ekspor, name="renstra_ekspor"),
    path(N + "impor/", views.renstra_impor, name="renstra_impor"),
    path(N + "impor/<uuid:token>/", views.renstra_impor_terapkan, name="renstra_impor_terapkan"),
    path("pengaturan/nomenklatur/", views_kode.nomenklatur, name="nomenklatur"),
    path(
        "pengaturan/nomenklatur/kembalikan/", views_kode.nomenklatur_kembalikan, name="nomenklatur_kembalikan"
    ),
    path("pengaturan/nomenklatur/unduh/", views_kode.nomenklatur_unduh, name="nomenklatur_unduh"),
    path("rpjmd/", views.rpjmd_daftar, name="rpjmd_daftar"),
    path("rpjmd/tambah/", views.rpjmd_simpan, name="rpjmd_tambah"),
    path("rpjmd/<int:pk>/", views.rpjmd_detail, name="rpjmd_detail"),
    path("rpjmd/<int:pk>/ubah/", views.rpjmd_simpan, name="rpjmd_ubah"),
    path(
        "rpjmd/<int:rpjmd_id>/<jenisrpjmd:jenis>/tambah/", views.rpjmd_node_simpan, name="rpjmd_node_tambah"
    ),
    path(
        "rpjmd/<int:rpjmd_id>/<jenisrpjmd:jenis>/<int:pk>/ubah/",
        views.rpjmd_node_simpan,
        name="rpjmd_node_ubah",
    ),
    path(
        "rpjmd/<int:rpjmd_id>/<jenisrpjmd:jenis>/<int:pk>/hapus/",
        views.rpjmd_node_hapus,
        name="rpjmd_node_hapus",
    ),
]
