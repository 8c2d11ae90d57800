from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "pelaporan"
    verbose_name = "Pelaporan kinerja"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from lkjip import audit
        from lkjip import beranda as inti
        from lkjip import demo as demo_inti
        from pelaporan import beranda, ringkasan_tersimpan

        # Stored dashboard summaries follow every audited write; a data migration bypasses the
        # audit trail, and the demo load is a fixture, so both empty them (they are computed again).
        audit.daftarkan_pendengar(ringkasan_tersimpan.lupakan_tulisan)
        post_migrate.connect(ringkasan_tersimpan.hapus_semua, sender=self, dispatch_uid="ringkasan_migrate")
        demo_inti.daftarkan(ringkasan_tersimpan.kosongkan_demo)
        inti.daftarkan(beranda.tugas)
        inti.daftarkan_menu(beranda.menu)
        inti.daftarkan_tautan_opd(beranda.tautan_opd)
