"""Every tenant table reaches its pemda (docs/SCALING.md, "Satu layanan nasional").

Sharding by pemda (Citus) needs each row's pemda to be known from the row itself or from a chain
of required foreign keys. This pins that for every model of the project, so a new table that
forgets its pemda fails here, not on the day the database is split.
"""

from __future__ import annotations

from collections import deque

from django.apps import apps
from django.db import models

from lkjip.models import Pemda

APLIKASI = {"lkjip", "renstra", "pelaporan", "laporan"}

# Rows whose pemda may legitimately be empty, and why.
TANPA_PEMDA_WAJIB = {
    # The platform's own superuser belongs to no pemda; every other account has one (Pengguna.clean).
    "lkjip.Pengguna": "pemda",
    # An upload belongs to its user, and through them to the user's pemda.
    "lkjip.UnggahanSementara": "pengguna.pemda",
    # The audit log keeps pemda_id as a plain column (a user or an OPD may be deleted, its history may not).
    "lkjip.CatatanAudit": "pemda_id",
}


def jalur_ke_pemda(model: type[models.Model]) -> list[str] | None:
    """The shortest chain of required (non-null) foreign keys from ``model`` to Pemda."""
    antre: deque[tuple[type[models.Model], list[str]]] = deque([(model, [])])
    dilihat = {model}
    while antre:
        kini, jalur = antre.popleft()
        if kini is Pemda:
            return jalur
        for f in kini._meta.get_fields():
            if not ((f.many_to_one or f.one_to_one) and f.concrete and not f.null):
                continue
            if f.related_model in dilihat:
                continue
            dilihat.add(f.related_model)
            antre.append((f.related_model, [*jalur, f.name]))
    return None


def test_setiap_tabel_penyewa_mencapai_pemdanya() -> None:
    tanpa = []
    for model in apps.get_models():
        if model._meta.app_label not in APLIKASI or model is Pemda:
            continue
        label = model._meta.label
        if label in TANPA_PEMDA_WAJIB:
            kolom = TANPA_PEMDA_WAJIB[label].split(".")[0]
            assert kolom in {f.attname for f in model._meta.concrete_fields} | {
                f.name for f in model._meta.concrete_fields
            }, label
            continue
        if jalur_ke_pemda(model) is None:
            tanpa.append(label)
    assert tanpa == [], f"tabel tanpa jalur wajib ke Pemda: {tanpa}"


def test_jalur_dihitung_lewat_kunci_wajib() -> None:
    from pelaporan.models import Realisasi
    from renstra.models import KodeNomenklatur

    assert jalur_ke_pemda(Realisasi) == ["opd", "pemda"]
    assert jalur_ke_pemda(KodeNomenklatur) == ["daftar", "pemda"]
    # Pengguna's pemda is nullable, so no required chain exists: it must be listed above.
    from lkjip.models import Pengguna

    assert jalur_ke_pemda(Pengguna) is None
