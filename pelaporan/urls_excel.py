"""URLs of the "Pengukuran Kinerja" workbook exchange (issue 6)."""

urlpatterns: list = []
