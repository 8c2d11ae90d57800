"""The quarter as users live it: PK signed, rencana aksi, realisasi entered, approved, capaian shown."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lkjip.models import CatatanAudit
from pelaporan.models import (
    LaporanTriwulan,
    PembukaanKembali,
    PeriodeTriwulan,
    PerjanjianKinerja,
    Realisasi,
    TargetTriwulan,
)
from tests.conftest import SANDI


def _grid(data, tw=1, tahun=2022):
    return reverse("realisasi_grid", args=[data.opd_a.pk, tahun, tw])


def _isian(data, **lain) -> dict[str, str]:
    i = data.rencana["indikator"].pk
    r = Realisasi.objects.filter(indikator_id=i, tahun=2022, triwulan=1).first()
    awal = "" if r is None else ("-" if r.nilai is None else format(r.nilai.normalize(), "f"))
    isian = {f"n-{i}": "", f"a-{i}": awal, f"v-{i}": str(r.versi if r else 0)}
    isian.update(lain)
    return isian


def test_operator_mengisi_kepala_menyetujui_capaian_dan_kategori_tampil(data, masuk) -> None:
    r = data.rencana
    i = r["indikator"].pk
    operator, kepala = masuk("operator"), masuk("kepala")
    # the kepala signs the PK with his password
    respon = kepala.post(
        reverse("pk_tandatangani", args=[data.opd_a.pk, r["pk"].pk]), {"sandi": SANDI}, follow=True
    )
    assert "ditandatangani" in respon.content.decode()
    assert PerjanjianKinerja.objects.get(pk=r["pk"].pk).status == "ditandatangani"
    # rencana aksi: nilai akhir indicator, TW IV = 90
    respon = operator.post(
        reverse("rencana_aksi", args=[data.opd_a.pk, 2022]),
        {f"t-{i}-1": "40", f"t-{i}-2": "60", f"t-{i}-3": "75", f"t-{i}-4": "90"},
    )
    assert respon.status_code == 302
    assert TargetTriwulan.objects.filter(indikator_id=i, tahun=2022).count() == 4
    # TW I: 20 → 38,5 against its target 40
    respon = operator.post(_grid(data), _isian(data, **{f"n-{i}": "38,5"}))
    html = respon.content.decode()
    assert "1 nilai disimpan" in html
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == Decimal("38.5")
    assert "96,25 %" in html  # 38,5 ÷ 40 × 100
    assert "Sangat Tinggi" in html
    assert "38,5 ÷ 40 × 100" in html  # the formula on hover
    # submit, then the kepala approves
    respon = operator.post(reverse("laporan_ajukan", args=[data.opd_a.pk, 2022, 1]), follow=True)
    assert "diajukan ke kepala OPD" in respon.content.decode()
    assert "Setujui realisasi TW I 2022" in kepala.get(reverse("beranda")).content.decode()
    respon = kepala.post(
        reverse("laporan_putuskan", args=[data.opd_a.pk, 2022, 1]), {"keputusan": "setuju"}, follow=True
    )
    assert "disetujui" in respon.content.decode()
    assert LaporanTriwulan.objects.get(opd=data.opd_a, tahun=2022, triwulan=1).status == "disetujui"
    # approved: locked for the operator
    respon = operator.post(_grid(data), _isian(data, **{f"n-{i}": "10"}))
    assert "sudah disetujui kepala OPD" in respon.content.decode()
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == Decimal("38.5")
    # the reviewer reads the same figures, without inputs
    html = masuk("reviewer").get(_grid(data)).content.decode()
    assert "96,25 %" in html and f'name="n-{i}"' not in html


def test_kepala_mengembalikan_dengan_catatan_dan_operator_melihatnya(data, masuk) -> None:
    operator, kepala = masuk("operator"), masuk("kepala")
    operator.post(reverse("laporan_ajukan", args=[data.opd_a.pk, 2022, 1]))
    respon = kepala.post(
        reverse("laporan_putuskan", args=[data.opd_a.pk, 2022, 1]), {"keputusan": "kembalikan"}, follow=True
    )
    assert "Tulis catatan" in respon.content.decode()
    kepala.post(
        reverse("laporan_putuskan", args=[data.opd_a.pk, 2022, 1]),
        {"keputusan": "kembalikan", "catatan": "Lampirkan SK penanganan PMKS."},
    )
    html = operator.get(_grid(data)).content.decode()
    assert "Lampirkan SK penanganan PMKS." in html
    assert "Perbaiki TW I 2022" in operator.get(reverse("beranda")).content.decode()


def test_belum_ada_data_berbeda_dari_nol(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    operator = masuk("operator")
    operator.post(_grid(data), _isian(data, **{f"k-{i}": "1"}))
    r = Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1)
    assert r.nilai is None
    html = operator.get(_grid(data)).content.decode()
    assert "belum ada data" in html
    assert "0,00 %" not in html


@pytest.mark.parametrize(
    "isian, pesan",
    [("sembilan", "bukan angka"), ("1,234.5,6", "bukan angka"), ("-3", "tidak boleh negatif")],
)
def test_isian_salah_ditolak_dan_tidak_ada_yang_tersimpan(data, masuk, isian, pesan) -> None:
    i = data.rencana["indikator"].pk
    sebelum = CatatanAudit.objects.count()
    respon = masuk("operator").post(_grid(data), _isian(data, **{f"n-{i}": isian}))
    html = respon.content.decode()
    assert "Tidak ada yang disimpan" in html
    assert pesan in html
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == Decimal(20)
    assert CatatanAudit.objects.count() == sebelum


def test_satuan_cacah_negatif_ditolak_tetapi_persen_poin_boleh(data, masuk) -> None:
    # the fixture's indicator is a percentage: a negative realisasi is refused
    i = data.rencana["indikator"].pk
    respon = masuk("operator").post(_grid(data), _isian(data, **{f"n-{i}": "-1"}))
    assert "tidak boleh negatif" in respon.content.decode()


@time_machine.travel(dt.datetime(2022, 5, 20, 3, tzinfo=dt.UTC), tick=False)
def test_triwulan_tertutup_ditolak_dengan_pesan_siapa_yang_dapat_membuka(data, masuk) -> None:
    PeriodeTriwulan.objects.create(
        pemda=data.pemda, tahun=2022, triwulan=1, dibuka=dt.date(2022, 4, 1), ditutup=dt.date(2022, 4, 15)
    )
    i = data.rencana["indikator"].pk
    respon = masuk("operator").post(_grid(data), _isian(data, **{f"n-{i}": "50"}))
    html = respon.content.decode()
    assert "sudah ditutup pada 15 April 2022" in html
    assert "Hanya admin pemda (Admin A) yang dapat membukanya kembali" in html
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == Decimal(20)


@time_machine.travel(dt.datetime(2022, 5, 20, 3, tzinfo=dt.UTC), tick=False)
def test_admin_membuka_kembali_tercatat_dan_operator_dapat_mengisi(data, masuk) -> None:
    PeriodeTriwulan.objects.create(
        pemda=data.pemda, tahun=2022, triwulan=1, dibuka=dt.date(2022, 4, 1), ditutup=dt.date(2022, 4, 15)
    )
    isian = {
        "aksi": "buka",
        "opd": data.opd_a.pk,
        "triwulan": "1",
        "sampai": "2022-05-31",
        "alasan": "Data BPS terlambat",
    }
    # the signed LKjIP 2022 is built on TW I: the admin is told so first, and nothing is opened yet
    respon = masuk("admin").post(reverse("periode", args=[2022]), isian)
    html = respon.content.decode()
    assert respon.status_code == 200 and "dipakai oleh LKjIP yang sudah ditandatangani" in html
    assert (
        "LKjIP 2022" in html
        and reverse("lkjip_detail", args=[data.opd_a.pk, data.rencana["lkjip"].pk]) in html
    )
    assert not PembukaanKembali.objects.exists()
    respon = masuk("admin").post(reverse("periode", args=[2022]), {**isian, "konfirmasi": "1"})
    assert respon.status_code == 302
    buka = PembukaanKembali.objects.get()
    assert (buka.opd, buka.dibuka_oleh, buka.alasan) == (
        data.opd_a,
        data.pengguna["admin"],
        "Data BPS terlambat",
    )
    assert CatatanAudit.objects.filter(
        aksi="pelaporan.pembukaankembali.buat", pengguna=data.pengguna["admin"]
    ).exists()
    i = data.rencana["indikator"].pk
    respon = masuk("operator").post(_grid(data), _isian(data, **{f"n-{i}": "50"}))
    assert "dibuka kembali sampai 31 Mei 2022" in respon.content.decode()
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == Decimal(50)


def test_simpan_bersamaan_yang_kedua_melihat_konflik_dan_memutuskan(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    operator_a = masuk("operator")
    from tests.conftest import buat_pengguna

    operator_b = Client()
    operator_b.force_login(buat_pengguna("operator.a2", "operator", pemda=data.pemda, opd=data.opd_a))
    halaman_a = _isian(data)  # both open the grid: value 20, versi 1
    halaman_b = _isian(data)
    operator_a.post(_grid(data), {**halaman_a, f"n-{i}": "30"})
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 30
    respon = operator_b.post(_grid(data), {**halaman_b, f"n-{i}": "35"})
    html = respon.content.decode()
    assert "sudah diubah orang lain" in html
    assert re.search(
        r"Diubah oleh <strong>Operator A</strong>.*menjadi <strong>30</strong>; nilai Anda <strong>35</strong>",
        html,
        re.S,
    )
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 30  # nothing overwritten
    # B decides to keep theirs, resubmitting with the versions the conflict screen carried
    versi = respon.context["konflik"][i].versi_terbaru
    respon = operator_b.post(
        _grid(data), {f"n-{i}": "35", f"a-{i}": "30", f"v-{i}": str(versi), f"p-{i}": "saya"}
    )
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 35
    # a row only A changed is never overwritten by B's stale page
    operator_a.post(_grid(data), {**_isian(data), f"n-{i}": "36"})
    respon = operator_b.post(_grid(data), {f"n-{i}": "35", f"a-{i}": "35", f"v-{i}": str(versi + 1)})
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 36
    assert "tetap seperti milik mereka" in respon.content.decode()


def test_pratinjau_menghitung_capaian_tanpa_menyimpan(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    respon = masuk("operator").post(
        reverse("realisasi_pratinjau", args=[data.opd_a.pk, 2022, 1, i]), {f"n-{i}": "45"}
    )
    html = respon.content.decode()
    assert html.strip().startswith("<td") and "50,00 %" in html and "belum disimpan" in html  # 45 ÷ 90
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 20


def test_simpan_ulang_dari_dialog_konflik_tidak_menimpa_sel_orang_lain(data, masuk) -> None:
    """Found by bench/beban.py: after a conflict, pressing Simpan again wrote every untouched
    cell back over what others had saved meanwhile ("2 nilai disimpan", B's value gone)."""
    from tests.conftest import buat_pengguna, indikator_pk_kedua

    r = data.rencana
    x = indikator_pk_kedua(data, nama="Sel milik B", target=40)
    s = r["indikator"].pk
    operator_a = masuk("operator")
    operator_b = Client()
    operator_b.force_login(buat_pengguna("operator.a2", "operator", pemda=data.pemda, opd=data.opd_a))
    # Both open the grid: S holds 20 (versi 1), X is empty.
    halaman = {**_isian(data), f"n-{x.pk}": "", f"a-{x.pk}": "", f"v-{x.pk}": "0"}
    operator_b.post(_grid(data), {**halaman, f"n-{s}": "11", f"n-{x.pk}": "22"})
    respon = operator_a.post(_grid(data), {**halaman, f"n-{s}": "33"})
    assert set(respon.context["konflik"]) == {s}  # X was untouched by A: no conflict there
    html = respon.content.decode()
    # The page shown again carries X as stored now, so a second Simpan cannot write A's stale blank.
    assert re.search(rf'name="n-{x.pk}"[^>]*value="22"', html, re.S)
    assert f'name="a-{x.pk}" value="22"' in html
    ulang = dict(re.findall(r'name="([nav]-\d+)"[^>]*?value="([^"]*)"', html))
    ulang[f"p-{s}"] = "saya"
    respon = operator_a.post(_grid(data), ulang)
    assert "1 nilai disimpan" in respon.content.decode()
    assert Realisasi.objects.get(indikator_id=s, tahun=2022, triwulan=1).nilai == 33
    assert Realisasi.objects.get(indikator_id=x.pk, tahun=2022, triwulan=1).nilai == 22


def test_pratinjau_menolak_apa_yang_ditolak_simpan(data, masuk) -> None:
    """The live preview applies the save's unit rule: no capaian for a negative count."""
    i = data.rencana["indikator"]
    i.satuan = "orang"
    i.save()
    respon = masuk("operator").post(
        reverse("realisasi_pratinjau", args=[data.opd_a.pk, 2022, 1, i.pk]), {f"n-{i.pk}": "-5"}
    )
    html = respon.content.decode()
    assert "tidak boleh negatif" in html and "%" not in html


def test_rencana_aksi_tidak_membalik_rentang_dari_excel(data) -> None:
    """The rencana aksi grid edits the lower bound only; a range's upper bound (from a workbook)
    still may not fall below it: the one target rule applies."""
    from django.core.exceptions import ValidationError

    from pelaporan import services
    from pelaporan.models import TargetTriwulan

    i = data.rencana["indikator"]
    TargetTriwulan.objects.create(
        opd=data.opd_a, indikator=i, tahun=2022, triwulan=1, nilai=Decimal(40), nilai_atas=Decimal(50)
    )
    with pytest.raises(ValidationError, match="tidak boleh lebih kecil"):
        services.target_triwulan_simpan(
            opd=data.opd_a,
            tahun=2022,
            target={i.pk: [Decimal(60), None, None, None]},
            pengguna=data.pengguna["operator"],
        )
    assert TargetTriwulan.objects.get(indikator=i, triwulan=1).nilai == 40
