from django.apps import AppConfig


class RenstraConfig(AppConfig):
    name = "renstra"
    verbose_name = "Perencanaan (Renstra)"

    def ready(self) -> None:
        from lkjip import beranda as inti
        from renstra import beranda

        inti.daftarkan(beranda.tugas)
        inti.daftarkan_menu(beranda.menu)
        inti.daftarkan_tautan_opd(beranda.tautan_opd)
