"""Django admin: for the system administrator (superuser). Admin pemda work in the app's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from lkjip.models import CatatanAudit, Pejabat, Pemda, Pengguna, PerangkatDaerah, UnitKerja

admin.site.site_header = "e-SAKIP: administrasi sistem"
admin.site.site_title = "e-SAKIP"


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "ibu_kota", "zona_waktu", "skala", "rumus_negatif", "batas_capaian"]
    search_fields = ["nama"]


class UnitKerjaInline(admin.TabularInline):
    model = UnitKerja
    fk_name = "opd"
    extra = 0
    fields = ["nama", "jenis", "eselon", "induk", "urutan"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "pemda", "kode_urusan", "kepala", "aktif"]
    list_filter = ["pemda", "aktif"]
    search_fields = ["nama", "singkatan"]
    inlines = [UnitKerjaInline]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "opd", "jenis", "eselon", "induk"]
    list_filter = ["opd__pemda", "jenis", "eselon"]
    search_fields = ["nama"]


@admin.register(Pejabat)
class PejabatAdmin(admin.ModelAdmin):
    list_display = ["nama", "nip", "pangkat", "golongan", "jabatan", "opd", "aktif"]
    list_filter = ["opd__pemda", "opd", "aktif"]
    search_fields = ["nama", "nip", "jabatan"]


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "nama", "peran", "pemda", "opd", "is_active"]
    list_filter = ["peran", "pemda", "is_active", "is_superuser"]
    search_fields = ["username", "nama", "email"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Peran dan cakupan", {"fields": ("nama", "peran", "pemda", "opd", "pejabat")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Peran dan cakupan", {"fields": ("nama", "peran", "pemda", "opd", "pejabat")}),
    )


@admin.register(CatatanAudit)
class CatatanAuditAdmin(admin.ModelAdmin):
    """Read-only: the trail is evidence, nobody edits or deletes it."""

    list_display = ["waktu", "nama_pengguna", "jenis", "content_type", "objek_label", "opd_id"]
    list_filter = ["jenis", "content_type", "pemda_id", "opd_id"]
    search_fields = ["objek_label", "nama_pengguna", "keterangan"]
    date_hierarchy = "waktu"
    readonly_fields = [f.name for f in CatatanAudit._meta.fields]

    def has_add_permission(self, request):  # noqa: ANN001, ANN201
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False
