"""Migration 0005: the arah "rentang" becomes mendekati with a range target, and every stored
figure keeps its value (issue 11 item 2; DOMAIN §5 "rentang is a form of target")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pelaporan.domain import hitung_capaian

D = Decimal
SEBELUM = ("renstra", "0004_nomenklatur_pemda")
SESUDAH = ("renstra", "0005_rentang_bentuk_target")


def _capaian_lama(a: Decimal, b: Decimal, r: Decimal, rumus: str) -> Decimal | None:
    """The engine's rule for arah "rentang" before this migration, kept here as the yardstick:
    100 inside [a, b]; below a the positif formula against a; above b the pemda's negatif
    formula against b; below 0 recorded as 0."""
    if a <= r <= b:
        return D(100)
    if r < a:
        nilai = r / a * 100
    elif rumus == "rasio":
        nilai = b / r * 100
    else:
        nilai = (2 * b - r) / b * 100
    return max(nilai, D(0))


def _migrasi_ke(renstra: tuple[str, str] | None):
    """Every app at its latest migration, renstra at ``renstra`` (None: its latest too)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    target = [n for n in executor.loader.graph.leaf_nodes() if renstra is None or n[0] != "renstra"]
    if renstra is not None:
        target.append(renstra)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rumus", ["selisih", "rasio"])
def test_indikator_rentang_memberi_capaian_yang_sama_sebelum_dan_sesudah_migrasi(rumus) -> None:
    apps = _migrasi_ke(SEBELUM)
    try:
        Pemda = apps.get_model("lkjip", "Pemda")
        OPD = apps.get_model("lkjip", "PerangkatDaerah")
        Renstra = apps.get_model("renstra", "Renstra")
        Tujuan = apps.get_model("renstra", "Tujuan")
        Indikator = apps.get_model("renstra", "Indikator")
        TargetIndikator = apps.get_model("renstra", "TargetIndikator")
        pemda = Pemda.objects.create(nama="Kabupaten Uji Migrasi", rumus_negatif=rumus)
        opd = OPD.objects.create(pemda=pemda, nama="Dinas Uji")
        renstra = Renstra.objects.create(opd=opd, tahun_awal=2021, tahun_akhir=2026)
        tujuan = Tujuan.objects.create(renstra=renstra, kode="T1", uraian="Tujuan uji")
        rentang = Indikator.objects.create(
            renstra=renstra,
            tujuan=tujuan,
            nama="Laju inflasi",
            satuan="%",
            arah="rentang",
            target_akhir=D(2),
            target_akhir_atas=D(4),
        )
        positif = Indikator.objects.create(
            renstra=renstra, tujuan=tujuan, nama="Cakupan layanan", satuan="%", arah="positif"
        )
        TargetIndikator.objects.create(
            renstra=renstra, indikator=rentang, tahun=2022, jenis="renstra", nilai=D(60), nilai_atas=D(70)
        )
        realisasi = [D(0), D(45), D(60), D(65), D(70), D(77), D(80), D(150), D("-3")]
        sebelum = {r: _capaian_lama(D(60), D(70), r, rumus) for r in realisasi}

        _migrasi_ke(SESUDAH)
    finally:
        _migrasi_ke(None)

    from lkjip.models import CatatanAudit
    from lkjip.models import Pemda as PemdaKini
    from renstra.models import Indikator as IndikatorKini
    from renstra.models import TargetIndikator as TargetKini

    i = IndikatorKini.objects.get(pk=rentang.pk)
    assert i.arah == "mendekati"
    assert IndikatorKini.objects.get(pk=positif.pk).arah == "positif"  # others untouched
    t = TargetKini.objects.get(indikator=i, tahun=2022)
    assert (t.nilai, t.nilai_atas) == (D(60), D(70))
    p = PemdaKini.objects.get(pk=pemda.pk)
    for r, lama in sebelum.items():
        kini = hitung_capaian(
            arah=i.arah, target=t.nilai, target_atas=t.nilai_atas, realisasi=r, rumus_negatif=p.rumus_negatif
        )
        assert kini.nilai == lama, (r, kini, lama)
    # The end-of-period range keeps its value too.
    akhir = hitung_capaian(
        arah=i.arah, target=i.target_akhir, target_atas=i.target_akhir_atas, realisasi=D(5)
    )
    assert akhir.nilai == _capaian_lama(D(2), D(4), D(5), "selisih")
    # Who, when, old → new: the migration leaves an audit entry per indicator changed.
    jejak = CatatanAudit.objects.get(objek_id=str(i.pk), aksi="renstra.indikator.ubah")
    assert jejak.perubahan == {"arah": {"lama": "Rentang", "baru": "Mendekati"}}
    assert jejak.opd_id == opd.pk
    assert "bentuk target" in jejak.keterangan
    assert not CatatanAudit.objects.filter(objek_id=str(positif.pk), aksi="renstra.indikator.ubah").exists()
