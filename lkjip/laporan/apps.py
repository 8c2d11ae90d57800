from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "lkjip.laporan"
    label = "laporan"
    verbose_name = "LKjIP"

    def ready(self) -> None:
        from lkjip import beranda as inti
        from lkjip.laporan import beranda
        from lkjip.laporan.berubah import PenyediaLKjIP
        from pelaporan import dokumen

        inti.daftarkan(beranda.tugas)
        inti.daftarkan_menu(beranda.menu)
        inti.daftarkan_tautan_opd(beranda.tautan_opd)
        dokumen.daftarkan(PenyediaLKjIP())
