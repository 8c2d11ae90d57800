"""The UI shell through the test client: login, home per role, edits that land in the history."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lkjip.models import CatatanAudit, Pejabat, Pemda, Pengguna, PerangkatDaerah, UnitKerja
from tests import contoh_berkas as contoh
from tests.conftest import SANDI

AKUN_DEMO = {
    "admin.kukar": "Pengaturan penilaian",
    "operator.dinsos": "Yang perlu dikerjakan untuk OPD Anda",
    "kepala.dinsos": "Menunggu persetujuan Anda",
    "reviewer.inspektorat": "Semua perangkat daerah",
    "operator.inspektorat": "Yang perlu dikerjakan untuk OPD Anda",
    "operator.sidoarjo": "Yang perlu dikerjakan untuk OPD Anda",
}


@pytest.fixture
def demo(db) -> None:
    call_command("muat_demo", verbosity=0)


@pytest.mark.parametrize("username, penanda", sorted(AKUN_DEMO.items()))
def test_akun_demo_masuk_dan_tiba_di_beranda_perannya(demo, username: str, penanda: str) -> None:
    klien = Client()
    respon = klien.post(reverse("login"), {"username": username, "password": "sakip-demo"}, follow=True)
    assert respon.redirect_chain[-1][0] == reverse("beranda")
    assert penanda in respon.content.decode()


def test_demo_memuat_kepala_dinas_sosial_kukar_seperti_tercetak(demo) -> None:
    # The seed prints the pangkat as "Perencana Tk. 1", a garbled "Pembina Tk. I" (IV/b; notes 000-001).
    opd = PerangkatDaerah.objects.get(nama="Dinas Sosial Kabupaten Kutai Kartanegara")
    assert opd.pemda.zona_waktu == "Asia/Makassar"  # WITA
    assert (opd.kepala.nama, opd.kepala.nip_tampil, opd.kepala.pangkat) == (
        "H. Hamly, SE",
        "19640409 198803 1 013",
        "Pembina Tingkat I",
    )
    assert opd.kepala.golongan == "IV/b"
    assert UnitKerja.objects.filter(opd=opd).count() == 23


def test_login_salah_diberi_pesan_indonesia(data) -> None:
    respon = Client().post(reverse("login"), {"username": "operator.a", "password": "salah"})
    assert respon.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in respon.content.decode()


def test_halaman_login_tanpa_cdn(db) -> None:
    html = Client().get(reverse("login")).content.decode()
    eksternal = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert eksternal == []
    assert "vendor/bootstrap-5.3.8/bootstrap.min.css" in html
    assert "htmx" in html


def test_ubahan_di_ui_muncul_di_panel_riwayat_dengan_nilai_lama_dan_baru(data, masuk) -> None:
    klien = masuk("operator")
    url = reverse("opd_ubah", args=[data.opd_a.pk])
    form = klien.get(url).context["form"]
    isian = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    isian.update(
        {"alamat": "Jalan Cut Nyak Dhien No. 01", "telepon": "(0541) 661049", "kepala": data.pejabat_a.pk}
    )
    isian["aktif"] = "on"
    respon = klien.post(url, isian)
    assert respon.status_code == 302, respon.context["form"].errors if respon.context else ""
    html = klien.get(reverse("opd_detail", args=[data.opd_a.pk])).content.decode()
    panel = html[html.index('id="riwayat"') :]
    assert "Jalan Cut Nyak Dhien No. 01" in panel
    assert "operator.a" in panel
    c = CatatanAudit.objects.filter(aksi="lkjip.perangkatdaerah.ubah").latest("id")
    assert c.perubahan["telepon"] == {"label": "telepon", "lama": "–", "baru": "(0541) 661049"}
    assert c.pengguna_id == data.pengguna["operator"].pk


def test_pejabat_dengan_nip_salah_ditolak_di_samping_isian_dan_tidak_tersimpan(data, masuk) -> None:
    klien = masuk("operator")
    jumlah = Pejabat.objects.count()
    respon = klien.post(
        reverse("pejabat_tambah", args=[data.opd_a.pk]),
        {"nama": "Drs. Contoh", "nip": "19640230 198803 1 013", "jabatan": "Sekretaris", "aktif": "on"},
    )
    assert respon.status_code == 200
    assert "bukan tanggal lahir yang sah" in str(respon.context["form"].errors["nip"])
    assert "Data belum disimpan" in respon.content.decode()
    assert Pejabat.objects.count() == jumlah


def test_pejabat_nip_dengan_spasi_disimpan_18_angka(data, masuk) -> None:
    respon = masuk("operator").post(
        reverse("pejabat_tambah", args=[data.opd_a.pk]),
        {
            "nama": "Drs. Ec. ASROFI, MM., MH",
            "nip": "19620524 199003 1 003",
            "jabatan": "Sekretaris",
            "aktif": "on",
        },
    )
    assert respon.status_code == 302
    assert Pejabat.objects.filter(nip="196205241990031003").exists()


def test_unit_yang_masih_punya_anak_tidak_dapat_dihapus(data, masuk) -> None:
    UnitKerja.objects.create(
        opd=data.opd_a, induk=data.unit_a, nama="Sekretariat", jenis="sekretariat", eselon="III.a"
    )
    respon = masuk("operator").post(reverse("unit_hapus", args=[data.opd_a.pk, data.unit_a.pk]), follow=True)
    assert "tidak dapat dihapus karena masih dipakai oleh" in respon.content.decode()
    assert UnitKerja.objects.filter(pk=data.unit_a.pk).exists()


def test_unit_nama_ganda_ditolak(data, masuk) -> None:
    respon = masuk("operator").post(
        reverse("unit_tambah", args=[data.opd_a.pk]),
        {"nama": "Kepala Dinas", "jenis": "pimpinan", "eselon": "II.b"},
    )
    assert respon.status_code == 200
    assert respon.context["form"].errors


def test_admin_membuat_operator_yang_bisa_masuk(data, masuk) -> None:
    respon = masuk("admin").post(
        reverse("pengguna_tambah"),
        {
            "username": "operator.baru",
            "nama": "Operator Baru",
            "peran": "operator",
            "opd": data.opd_b.pk,
            "is_active": "on",
            "password1": "kata-sandi-kuat-2026",
            "password2": "kata-sandi-kuat-2026",
        },
    )
    assert respon.status_code == 302
    baru = Pengguna.objects.get(username="operator.baru")
    assert (baru.pemda_id, baru.opd_id) == (data.pemda.pk, data.opd_b.pk)
    # Through the login page: Client.login() passes no request, which the lockout backend needs.
    respon = Client().post(
        reverse("login"), {"username": "operator.baru", "password": "kata-sandi-kuat-2026"}
    )
    assert respon.status_code == 302


def test_operator_tanpa_opd_ditolak(data, masuk) -> None:
    respon = masuk("admin").post(
        reverse("pengguna_tambah"),
        {
            "username": "x",
            "nama": "X",
            "peran": "operator",
            "is_active": "on",
            "password1": "kata-sandi-kuat-2026",
            "password2": "kata-sandi-kuat-2026",
        },
    )
    assert "harus terhubung ke satu perangkat daerah" in str(respon.context["form"].errors)
    assert not Pengguna.objects.filter(username="x").exists()


def test_pengaturan_batas_capaian_di_bawah_100_ditolak(data, masuk) -> None:
    klien = masuk("admin")
    respon = klien.post(
        reverse("pengaturan"),
        {
            "nama": data.pemda.nama,
            "nama_singkat": "Uji",
            "ibu_kota": "Kota Uji",
            "zona_waktu": "Asia/Makassar",
            "skala": "permendagri_86_2017",
            "rumus_negatif": "selisih",
            "batas_capaian": "90",
        },
    )
    assert respon.status_code == 200
    assert "batas_capaian" in respon.context["form"].errors
    assert Pemda.objects.get(pk=data.pemda.pk).batas_capaian is None


def _pengaturan_dengan_logo(klien: Client, data, logo) -> object:
    return klien.post(
        reverse("pengaturan"),
        {
            "nama": data.pemda.nama,
            "nama_singkat": "Uji",
            "ibu_kota": "Kota Uji",
            "zona_waktu": "Asia/Makassar",
            "skala": "permendagri_86_2017",
            "rumus_negatif": "selisih",
            "logo": logo,
        },
    )


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "bukan gambar PNG yang utuh"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "memuat skrip"),
        ("logo.png", contoh.gambar("PNG", (5000, 4000)), "paling banyak 16 juta piksel"),
        ("logo.gif", b"GIF89a", "Ekstensi berkas “gif” tidak diizinkan"),
    ],
)
def test_logo_rusak_berskrip_atau_raksasa_ditolak(data, masuk, nama, isi, pesan) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    respon = _pengaturan_dengan_logo(masuk("admin"), data, SimpleUploadedFile(nama, isi))
    assert respon.status_code == 200
    assert pesan in str(respon.context["form"].errors["logo"])
    assert not Pemda.objects.get(pk=data.pemda.pk).logo


def test_logo_utuh_diterima_dan_form_menyatakan_batasnya(data, masuk) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    klien = masuk("admin")
    html = klien.get(reverse("pengaturan")).content.decode()
    assert 'accept=".png,.jpg,.jpeg,.svg"' in html and "PNG, JPG atau SVG; paling besar 1 MB." in html
    respon = _pengaturan_dengan_logo(klien, data, SimpleUploadedFile("logo.png", contoh.gambar("PNG")))
    assert respon.status_code == 302
    assert Pemda.objects.get(pk=data.pemda.pk).logo.name.startswith("logo/")
    # Saving the settings again without a new file does not re-read (or refuse) the stored logo.
    assert _pengaturan_dengan_logo(klien, data, "").status_code == 302


def test_riwayat_admin_tersaring_per_opd_dan_tidak_menampilkan_pemda_lain(data, masuk) -> None:
    UnitKerja.objects.create(opd=data.opd_c, nama="Rahasia Pemda Lain", jenis="bidang", eselon="III.a")
    UnitKerja.objects.create(opd=data.opd_b, nama="Bidang Kesehatan", jenis="bidang", eselon="III.a")
    klien = masuk("admin")
    html = klien.get(reverse("riwayat")).content.decode()
    assert "Bidang Kesehatan" in html
    assert "Rahasia Pemda Lain" not in html
    html = klien.get(reverse("riwayat"), {"opd": data.opd_a.pk}).content.decode()
    assert "Bidang Kesehatan" not in html


def test_waktu_ditampilkan_dalam_zona_pemda(data, masuk) -> None:
    html = masuk("admin").get(reverse("beranda")).content.decode()
    assert "WITA" in html  # the test pemda is in Kalimantan Timur's zone


def test_ganti_kata_sandi(data, masuk) -> None:
    klien = masuk("operator")
    respon = klien.post(
        reverse("password_change"),
        {
            "old_password": SANDI,
            "new_password1": "sandi-baru-2026-xyz",
            "new_password2": "sandi-baru-2026-xyz",
        },
    )
    assert respon.status_code == 302
    respon = Client().post(reverse("login"), {"username": "operator.a", "password": "sandi-baru-2026-xyz"})
    assert respon.status_code == 302


def test_beranda_operator_menyebut_yang_belum_lengkap(data, masuk) -> None:
    html = masuk("operator_lain").get(reverse("beranda")).content.decode()
    assert "Tetapkan kepala perangkat daerah" in html
    assert "Isi struktur unit kerja" in html
    html = masuk("operator").get(reverse("beranda")).content.decode()
    assert "Tetapkan kepala perangkat daerah" not in html  # OPD A has its kepala


def test_menu_admin_mengelompokkan_pengaturan_dan_operator_tidak_melihatnya(data, masuk) -> None:
    konteks = masuk("admin").get(reverse("beranda")).context
    utama = [label for label, _, _ in konteks["menu"]]
    pengaturan = [label for label, _, _ in konteks["menu_pengaturan"]]
    assert {"Pengguna", "Pengaturan pemda", "Jadwal triwulan", "Sertifikat tanda tangan"} <= set(pengaturan)
    assert not set(pengaturan) & set(utama) and "Dasbor" in utama
    konteks = masuk("operator").get(reverse("beranda")).context
    assert konteks["menu_pengaturan"] == [] and "Dasbor" in [label for label, _, _ in konteks["menu"]]


def test_galat_layanan_tampil_di_samping_isiannya() -> None:
    """A service's field error lands next to its field (renamed when the form calls it otherwise)."""
    from django import forms
    from django.core.exceptions import ValidationError

    from lkjip.forms import galat_ke_form

    class Isian(forms.Form):
        node = forms.CharField(required=False)
        pagu = forms.CharField(required=False)

    form = Isian({})
    assert form.is_valid()
    galat_ke_form(
        form,
        ValidationError(
            {"program": "Program ini bukan milik OPD.", "pagu": "Pagu negatif.", "lain": "Lainnya."}
        ),
        peta={"program": "node"},
    )
    assert form.errors["node"] == ["Program ini bukan milik OPD."] and form.errors["pagu"] == [
        "Pagu negatif."
    ]
    assert form.non_field_errors() == ["Lainnya."]
    form = Isian({})
    form.is_valid()
    galat_ke_form(form, ValidationError("Sudah ditandatangani."))
    assert form.non_field_errors() == ["Sudah ditandatangani."]


def test_demo_memasang_sertifikat_kepala_lewat_langkah_aplikasi_laporan(demo) -> None:
    """The core's muat_demo runs the step the report app registered (lkjip.demo), without importing it."""
    from lkjip.laporan.models import SertifikatOPD

    opd = PerangkatDaerah.objects.get(nama="Dinas Sosial Kabupaten Kutai Kartanegara")
    assert SertifikatOPD.objects.filter(opd=opd).exists()
