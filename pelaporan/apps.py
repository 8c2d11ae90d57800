from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "pelaporan"
    verbose_name = "Pelaporan kinerja"

    def ready(self) -> None:
        from lkjip import beranda as inti
        from pelaporan import beranda

        inti.daftarkan(beranda.tugas)
        inti.daftarkan_menu(beranda.menu)
        inti.daftarkan_tautan_opd(beranda.tautan_opd)
