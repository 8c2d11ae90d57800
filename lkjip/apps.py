from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class LkjipConfig(AppConfig):
    name = "lkjip"
    verbose_name = "Organisasi dan pengguna"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from lkjip import audit, beranda, masuk, tugas

        user_locked_out.connect(masuk.catat_terkunci, dispatch_uid="lkjip_masuk_terkunci")

        # Connected for every model: the receivers ignore what is not a ModelTeraudit.
        pre_save.connect(audit.siapkan_simpan, dispatch_uid="audit_pre_save")
        post_save.connect(audit.catat_simpan, dispatch_uid="audit_post_save")
        post_delete.connect(audit.catat_hapus, dispatch_uid="audit_post_delete")
        from lkjip.models import Pemda, PerangkatDaerah

        for model in (Pemda, PerangkatDaerah):
            post_save.connect(audit.lupakan_zona, sender=model, dispatch_uid=f"audit_zona_{model.__name__}")
            post_delete.connect(
                audit.lupakan_zona, sender=model, dispatch_uid=f"audit_zona_hapus_{model.__name__}"
            )
        beranda.daftarkan(tugas.tugas_profil)
