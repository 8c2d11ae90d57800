"""URLs of the "Pengukuran Kinerja" workbook exchange (issue 6)."""

from django.urls import path

from pelaporan.views import excel

P = "opd/<int:opd_id>/pengukuran/<int:tahun>/"

urlpatterns = [
    path("bantuan/format-excel-pengukuran/", excel.pengukuran_format, name="pengukuran_format"),
    path(P, excel.pengukuran, name="pengukuran"),
    path(P + "templat/", excel.pengukuran_templat, name="pengukuran_templat"),
    path(P + "unduh/", excel.pengukuran_ekspor, name="pengukuran_ekspor"),
    path(P + "impor/<uuid:token>/", excel.pengukuran_terapkan, name="pengukuran_terapkan"),
]
