from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "lkjip.laporan"
    label = "laporan"
    verbose_name = "LKjIP"

    def ready(self) -> None:
        from lkjip import beranda as inti
        from lkjip import demo as demo_inti
        from lkjip.laporan import beranda, demo
        from lkjip.laporan.berubah import PenyediaLKjIP
        from pelaporan import dokumen

        inti.daftarkan(beranda.tugas)
        inti.daftarkan_menu(beranda.menu)
        inti.daftarkan_tautan_opd(beranda.tautan_opd)
        dokumen.daftarkan(PenyediaLKjIP())
        demo_inti.daftarkan(demo.sertifikat_demo)
