"""Every create, change and delete of audited data records who, when, old → new."""

from decimal import Decimal

import pytest

from lkjip import audit
from lkjip.models import CatatanAudit, Pejabat, PerangkatDaerah, UnitKerja


def _entri(obj) -> list[CatatanAudit]:
    return list(
        CatatanAudit.objects.filter(objek_id=str(obj.pk), aksi__contains=obj._meta.model_name).order_by("id")
    )


def test_buat_ubah_hapus_tercatat_dengan_nilai_lama_dan_baru(data) -> None:
    operator = data.pengguna["operator"]
    with audit.oleh(operator):
        unit = UnitKerja.objects.create(
            opd=data.opd_a, nama="Sekretariat", jenis="sekretariat", eselon="III.a"
        )
        unit = UnitKerja.objects.get(pk=unit.pk)
        unit.nama = "Sekretariat Dinas"
        unit.save()
        pk = unit.pk
        unit.delete()
    buat, ubah, hapus = CatatanAudit.objects.filter(
        objek_id=str(pk), aksi__startswith="lkjip.unitkerja"
    ).order_by("id")
    assert (buat.jenis, ubah.jenis, hapus.jenis) == ("buat", "ubah", "hapus")
    assert all(c.pengguna_id == operator.pk and c.opd_id == data.opd_a.pk for c in (buat, ubah, hapus))
    assert buat.perubahan["jenis"]["baru"] == "Sekretariat"  # the label, not the code
    assert ubah.perubahan == {
        "nama": {"label": "nama unit", "lama": "Sekretariat", "baru": "Sekretariat Dinas"}
    }
    assert hapus.perubahan["nama"]["lama"] == "Sekretariat Dinas"


def test_simpan_tanpa_perubahan_tidak_menambah_catatan(data) -> None:
    sebelum = CatatanAudit.objects.count()
    pejabat = Pejabat.objects.get(pk=data.pejabat_a.pk)
    pejabat.save()
    assert CatatanAudit.objects.count() == sebelum


def test_nilai_desimal_dan_fk_ditampilkan_seperti_dibaca_orang(data) -> None:
    pemda = type(data.pemda).objects.get(pk=data.pemda.pk)
    pemda.batas_capaian = Decimal("120.50")
    pemda.save()
    opd = PerangkatDaerah.objects.get(pk=data.opd_b.pk)
    opd.kepala = None
    opd.save()  # no change: kepala was already empty
    c = CatatanAudit.objects.filter(aksi="lkjip.pemda.ubah").latest("id")
    assert c.perubahan["batas_capaian"] == {"label": "batas atas capaian (%)", "lama": "–", "baru": "120,50"}


def test_waktu_dicatat_dalam_zona_pemda_bukan_utc(data) -> None:
    import datetime as dt
    import zoneinfo

    from django.utils import timezone

    from lkjip.laporan.models import LaporanKinerja

    lap = LaporanKinerja.objects.get(pk=data.rencana["lkjip"].pk)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Makassar")):
        lap.diajukan_pada = dt.datetime(2026, 11, 24, 0, 26, tzinfo=dt.UTC)
        lap.save()
    c = CatatanAudit.objects.filter(aksi="laporan.laporankinerja.ubah").latest("id")
    assert c.perubahan["diajukan_pada"]["baru"] == "24 November 2026 08.26 WITA"


def test_waktu_dicatat_dalam_zona_pemda_pemilik_data_walau_diubah_dari_perintah(data) -> None:
    """A command (or a superuser) runs in the server's zone; the trail still shows the pemda's."""
    import datetime as dt

    from lkjip.laporan.models import LaporanKinerja

    lap = LaporanKinerja.objects.get(pk=data.rencana["lkjip"].pk)
    lap.diajukan_pada = dt.datetime(2026, 11, 24, 16, 30, tzinfo=dt.UTC)  # 25 Nov 00.30 WITA
    lap.save()
    c = CatatanAudit.objects.filter(aksi="laporan.laporankinerja.ubah").latest("id")
    assert c.perubahan["diajukan_pada"]["baru"] == "25 November 2026 00.30 WITA"


def test_hapus_berantai_juga_tercatat(data) -> None:
    unit = UnitKerja.objects.create(opd=data.opd_b, nama="Bidang Sementara", jenis="bidang", eselon="III.a")
    pejabat = Pejabat.objects.create(
        opd=data.opd_b, nama="Drs. Contoh", nip="196205241990031003", jabatan="Kabid", unit_kerja=unit
    )
    UnitKerja.objects.filter(pk=unit.pk).delete()  # queryset delete goes through signals too
    assert CatatanAudit.objects.filter(aksi="lkjip.unitkerja.hapus", objek_id=str(unit.pk)).exists()
    pejabat.refresh_from_db()
    assert pejabat.unit_kerja is None  # SET_NULL on the pejabat, itself recorded as a change
    assert CatatanAudit.objects.filter(aksi="lkjip.pejabat.buat", objek_id=str(pejabat.pk)).exists()


@pytest.mark.parametrize(
    "panggil",
    [
        lambda: UnitKerja.objects.update(nama="x"),
        lambda: UnitKerja.objects.filter(nama="x").update(urutan=1),
        lambda: UnitKerja.objects.bulk_update(list(UnitKerja.objects.all()), ["nama"]),
        lambda: UnitKerja.objects.bulk_create([]),
    ],
)
def test_jalan_pintas_tanpa_audit_ditolak(data, panggil) -> None:
    with pytest.raises(audit.AuditDilewati):
        panggil()


def test_simpan_massal_mencatat_tiap_baris_yang_berubah(data, django_assert_num_queries) -> None:
    for i in range(5):
        UnitKerja.objects.create(opd=data.opd_a, nama=f"Seksi {i}", jenis="seksi", eselon="IV.a")
    unit = list(UnitKerja.objects.filter(jenis="seksi").order_by("pk"))
    for u in unit[:3]:
        u.urutan = 9
    sebelum = CatatanAudit.objects.count()
    # one bulk UPDATE and one bulk INSERT of audit rows (plus savepoint), whatever the row count; no
    # DELETE of stored summaries: the creates above cleared this OPD's in this same transaction
    with audit.oleh(data.pengguna["operator"]), django_assert_num_queries(4):
        berubah = audit.simpan_massal(unit, ["urutan"])
    assert berubah == 3
    assert CatatanAudit.objects.count() == sebelum + 3
    assert set(UnitKerja.objects.filter(urutan=9).values_list("pk", flat=True)) == {u.pk for u in unit[:3]}


def test_buat_massal_mencatat_tiap_baris(data) -> None:
    baru = [UnitKerja(opd=data.opd_a, nama=f"Bidang {i}", jenis="bidang", eselon="III.a") for i in range(3)]
    audit.buat_massal(baru)
    assert CatatanAudit.objects.filter(aksi="lkjip.unitkerja.buat").count() >= 3


def test_kata_sandi_tidak_pernah_tercatat(data) -> None:
    p = data.pengguna["operator"]
    p.set_password("sandi-baru-yang-panjang")
    p.save()
    c = CatatanAudit.objects.filter(aksi="lkjip.pengguna.ubah", objek_id=str(p.pk)).latest("id")
    assert c.perubahan["password"]["baru"] == "(disembunyikan)"
    assert "pbkdf2" not in str(c.perubahan)
