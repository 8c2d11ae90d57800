"""After signing, the data can still change, visibly (issue 10 item 8).

The kepala signs the LKjIP TW IV 2022 at a capaian of 98,00 % (88,2 of 90, Sangat Tinggi). The admin
reopens TW IV, is warned first that a signed report uses it, confirms; the operator corrects the
realisasi to 79,33 (88,14 %, Tinggi). The dashboards and the report page then show the signed and
the current figure side by side, the signed document stays byte for byte, and a new version is
offered and made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lkjip.laporan.berubah import KUNCI_ANGKA, PenyediaLKjIP
from lkjip.laporan.models import DokumenTertandatangan, LaporanKinerja, StatusLKjIP
from pelaporan.dasbor import ringkasan_opd
from pelaporan.models import PembukaanKembali, PeriodeTriwulan, Realisasi
from tests.conftest import SANDI


@pytest.fixture
def ditandatangani(data, siap, masuk, sinkron) -> DokumenTertandatangan:
    masuk("operator").post(reverse("lkjip_ajukan", args=[data.opd_a.pk, siap.pk]))
    respon = masuk("kepala").post(
        reverse("lkjip_tandatangani", args=[data.opd_a.pk, siap.pk]), {"sandi": SANDI}
    )
    assert respon.status_code == 302
    # TW IV 2022 closed long ago
    PeriodeTriwulan.objects.create(
        pemda=data.pemda, tahun=2022, triwulan=4, dibuka=dt.date(2022, 10, 1), ditutup=dt.date(2023, 1, 15)
    )
    return DokumenTertandatangan.objects.get(laporan=siap)


def _buka_tw_iv(data, masuk, **lain: str):  # noqa: ANN202
    isian = {
        "aksi": "buka",
        "opd": data.opd_a.pk,
        "triwulan": "4",
        "sampai": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "alasan": "Koreksi data DTKS",
        **lain,
    }
    return masuk("admin").post(reverse("periode", args=[2022]), isian)


def _ubah_realisasi(data, masuk, nilai: str):  # noqa: ANN202
    i = data.rencana["indikator"].pk
    r = Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=4)
    return masuk("operator").post(
        reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 4]),
        {f"n-{i}": nilai, f"a-{i}": format(r.nilai.normalize(), "f"), f"v-{i}": str(r.versi)},
    )


def test_snapshot_menyimpan_angka_saat_ditandatangani(ditandatangani) -> None:
    angka = ditandatangani.snapshot[KUNCI_ANGKA]
    assert angka["sampai"] == 4 and angka["kategori"] == "Sangat Tinggi"
    assert Decimal(angka["rata_rata"]) == Decimal(98)
    assert [(x["nama"], Decimal(x["capaian"]), x["kategori"]) for x in angka["indikator"]] == [
        ("Cakupan Penanganan PMKS", Decimal(98), "Sangat Tinggi")
    ]


def test_admin_diperingatkan_sebelum_membuka_triwulan_yang_dipakai_lkjip_bertanda_tangan(
    data, siap, masuk, ditandatangani
) -> None:
    respon = _buka_tw_iv(data, masuk)
    html = respon.content.decode()
    assert respon.status_code == 200 and not PembukaanKembali.objects.exists()
    assert "TW IV 2022 Dinas Sosial Uji dipakai oleh LKjIP yang sudah ditandatangani" in html
    # both signed reports built on TW IV are named, with their links: this quarterly one and the annual one
    assert "LKjIP Triwulan IV 2022" in html and reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk]) in html
    assert reverse("lkjip_detail", args=[data.opd_a.pk, data.rencana["lkjip"].pk]) in html
    assert "Tetap buka kembali" in html and 'name="konfirmasi" value="1"' in html
    # the confirmation carries the form back, and then the quarter opens
    assert _buka_tw_iv(data, masuk, konfirmasi="1").status_code == 302
    assert PembukaanKembali.objects.get().periode.triwulan == 4


def test_dasbor_dan_halaman_laporan_menunjukkan_angka_lama_dan_baru(
    data, siap, masuk, ditandatangani
) -> None:
    sebelum = (dict(ditandatangani.snapshot), ditandatangani.sha256, bytes(ditandatangani.pdf))
    detail = reverse("lkjip_detail", args=[data.opd_a.pk, siap.pk])
    # nothing changed yet: nothing to say
    assert "Data berubah setelah" not in masuk("operator").get(detail).content.decode()
    _buka_tw_iv(data, masuk, konfirmasi="1")
    assert "1 nilai disimpan" in _ubah_realisasi(data, masuk, "79,33").content.decode()
    r = ringkasan_opd(data.opd_a, 2022, sampai=4)
    assert f"{r.rata.nilai:.2f}" == "88.14" and r.pita.label == "Tinggi"

    html = masuk("reviewer").get(reverse("dasbor_opd", args=[data.opd_a.pk, 2022])).content.decode()
    assert "Data berubah setelah LKjIP Triwulan IV 2022 ditandatangani" in html
    assert "98,00 % → 88,14 %" in html and "Sangat Tinggi → Tinggi" in html
    assert html.count("98,00 % → 88,14 %") == 2  # the OPD mean and the indicator
    assert "Rata-rata capaian" in html and "Cakupan Penanganan PMKS" in html

    html = masuk("reviewer").get(reverse("dasbor_pemda", args=[2022])).content.decode()
    assert "data berubah setelah LKjIP Triwulan IV 2022 ditandatangani" in html
    assert "rata-rata 98,00 % → 88,14 %" in html and "1 indikator berubah" in html

    # the report page: the same figures, and the operator is offered a new version
    html = masuk("operator").get(detail).content.decode()
    assert "Data berubah setelah LKjIP Triwulan IV 2022 ditandatangani" in html
    assert "98,00 % → 88,14 %" in html
    assert reverse("lkjip_versi_baru", args=[data.opd_a.pk, siap.pk]) in html
    assert "Buat versi baru dengan data terbaru" in html
    # the kepala reads it too, and is told who makes the new version
    html = masuk("kepala").get(detail).content.decode()
    assert "98,00 % → 88,14 %" in html and "operator OPD membuat versi baru" in html

    # the signed document never changes
    dokumen = DokumenTertandatangan.objects.get(pk=ditandatangani.pk)
    assert (dokumen.snapshot, dokumen.sha256, bytes(dokumen.pdf)) == sebelum

    # a new version is made; the signed one points to it
    respon = masuk("operator").post(reverse("lkjip_versi_baru", args=[data.opd_a.pk, siap.pk]))
    baru = LaporanKinerja.objects.get(menggantikan=siap)
    assert respon.status_code == 302 and baru.versi == 2 and baru.status == StatusLKjIP.DRAFT
    html = masuk("operator").get(detail).content.decode()
    assert reverse("lkjip_detail", args=[data.opd_a.pk, baru.pk]) in html and "buka versi baru" in html
    assert "Buat versi baru dengan data terbaru" not in html


def test_lkjip_lama_tanpa_angka_per_indikator_dibandingkan_pada_rata_rata(data) -> None:
    """A report signed before per-indicator figures were stored: its ``ringkasan`` mean is compared."""
    dokumen = data.rencana["dokumen"]  # the fixture's signed annual LKjIP 2022
    DokumenTertandatangan.objects.filter(pk=dokumen.pk).update(
        snapshot={**dokumen.snapshot, "ringkasan": {"rata_rata_angka": "25.5", "kategori": "Sangat Rendah"}}
    )
    r = ringkasan_opd(data.opd_a, 2022, sampai=4)  # TW I only: 20 of 90
    (x,) = PenyediaLKjIP().laporan_tahunan(ringkasan=[r])[data.opd_a.pk].berubah
    assert x.rata_rata.ditandatangani == Decimal("25.5") and x.rata_rata.sekarang == r.rata.nilai
    assert x.indikator == () and x.serapan is None


def test_label_skala_yang_diganti_setelah_ditandatangani_bukan_data_berubah(
    data, siap, ditandatangani
) -> None:
    """Renaming the scale's bands changes the category words, not the data: no "data berubah"."""
    from lkjip.laporan.berubah import data_berubah
    from pelaporan.domain.skala import SKALA_PERMENDAGRI_86_2017

    pemda = data.opd_a.pemda
    pemda.skala_sendiri = [
        {**p, "label": f"{p['label']} (baru)"} for p in SKALA_PERMENDAGRI_86_2017.ke_data()
    ]
    pemda.nama_skala_sendiri = "Skala berlabel baru"
    pemda.save()
    siap.refresh_from_db()
    assert data_berubah(siap, ditandatangani) is None
