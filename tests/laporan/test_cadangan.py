"""Backup and restore (``cadangkan`` / ``pulihkan``, issue 12 item 9).

The commands are the core's (lkjip/cadangan.py); they are tested here because this is where a
signed LKjIP can be made. Restoring "into an empty database" is done inside the test's
transaction: ``flush`` empties every table (PostgreSQL's sequences restart too), content types
and permissions are made again with other ids, as ``migrate`` does on a new server, and
MEDIA_ROOT is removed.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from lkjip.laporan.models import DokumenTertandatangan
from lkjip.models import CatatanAudit, Pemda
from pelaporan.dasbor import ringkasan_opd
from pelaporan.models import BuktiDukung, Realisasi
from tests.laporan.test_lkjip import _tandatangani

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"logo"
BUKTI = b"%PDF-1.4\n% bukti dukung TW IV\n"


@pytest.fixture(autouse=True)
def _lupakan_jenis_data():
    """The tests give content types other ids, rolled back afterwards; Django's cache of them
    outlives the rollback and would hand the next test's audit entries ids that do not exist."""
    yield
    ContentType.objects.clear_cache()


def _jumlah() -> dict[str, int]:
    """Rows per model, but content types and permissions (migrate makes those on a new server)."""
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.managed
        and not m._meta.proxy
        and m._meta.label_lower not in {"sessions.session", "contenttypes.contenttype", "auth.permission"}
    }


def _audit() -> list[tuple]:
    return list(
        CatatanAudit.objects.order_by("pk").values_list(
            "pk", "waktu", "content_type__app_label", "content_type__model", "objek_id", "perubahan"
        )
    )


def _kosongkan() -> None:
    """What a new server is before the restore: migrated, no data, no files."""
    connection.check_constraints()  # PostgreSQL refuses TRUNCATE while deferred checks are pending
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.all().delete()  # made again below, with ids the archive does not know
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _logo(pemda: Pemda) -> None:
    pemda.logo = SimpleUploadedFile("logo.png", PNG)
    pemda.save()


def _tulis_ulang(asal: Path, tujuan: Path, ganti: dict[str, Callable[[bytes], bytes]]) -> None:
    """A copy of the archive with some members' bytes changed."""
    with tarfile.open(asal, "r:gz") as lama, tarfile.open(tujuan, "w:gz") as baru:
        for anggota in lama.getmembers():
            isi = lama.extractfile(anggota).read()
            if anggota.name in ganti:
                isi = ganti[anggota.name](isi)
                anggota.size = len(isi)
            baru.addfile(anggota, io.BytesIO(isi))


def _manifest(ubah: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    def _ubah(isi: bytes) -> bytes:
        m = json.loads(isi)
        ubah(m)
        return json.dumps(m).encode()

    return _ubah


def test_arsip_dipulihkan_ke_basis_data_kosong_tanpa_perubahan(data, siap, masuk, sinkron, tmp_path) -> None:
    dokumen = _tandatangani(data, siap, masuk)
    realisasi = Realisasi.objects.get(opd=data.opd_a, tahun=2022, triwulan=4)
    bukti = BuktiDukung.objects.create(
        realisasi=realisasi,
        berkas=SimpleUploadedFile("bukti.pdf", BUKTI),
        nama_asli="bukti.pdf",
        ukuran=len(BUKTI),
        tipe="application/pdf",
        diunggah_oleh=data.pengguna["operator"],
    )
    _logo(data.pemda)
    pdf = bytes(dokumen.pdf)  # the copy the kepala downloaded and sent out
    sha_pdf = hashlib.sha256(pdf).hexdigest()
    rata = ringkasan_opd(data.opd_a, 2022, sampai=4).rata.nilai
    jumlah, audit = _jumlah(), _audit()
    ct_pemda = ContentType.objects.get_for_model(Pemda).pk
    assert sha_pdf == dokumen.sha256 and rata is not None
    assert jumlah["laporan.dokumentertandatangan"] and jumlah["pelaporan.buktidukung"]
    assert any(w.microsecond % 1000 for _, w, *_ in audit)  # times finer than a millisecond
    arsip = tmp_path / "cadangan.tar.gz"

    keluaran = io.StringIO()
    call_command("cadangkan", keluaran=str(arsip), stdout=keluaran)
    assert f"{len(list(Path(settings.MEDIA_ROOT).rglob('*.*')))} berkas" in keluaran.getvalue()
    _kosongkan()
    assert ContentType.objects.get_for_model(Pemda).pk != ct_pemda
    assert not Pemda.objects.exists() and not Path(settings.MEDIA_ROOT).exists()
    call_command("pulihkan", str(arsip), stdout=io.StringIO())

    dokumen = DokumenTertandatangan.objects.get(pk=dokumen.pk)
    assert hashlib.sha256(bytes(dokumen.pdf)).hexdigest() == sha_pdf == dokumen.sha256
    opd = type(data.opd_a).objects.get(pk=data.opd_a.pk)
    assert ringkasan_opd(opd, 2022, sampai=4).rata.nilai == rata
    assert _jumlah() == jumlah
    assert _audit() == audit  # same ids, same microseconds, same content types by name
    assert BuktiDukung.objects.get(pk=bukti.pk).berkas.read() == BUKTI
    assert Pemda.objects.get(pk=data.pemda.pk).logo.read() == PNG
    # The URL in the PDF's QR code still verifies the copy sent out before the backup.
    halaman = Client().post(
        reverse("verifikasi", args=[dokumen.token]), {"berkas": SimpleUploadedFile("lkjip.pdf", pdf)}
    )
    assert "Dokumen ASLI" in halaman.content.decode()
    # The next new row gets a fresh id (PostgreSQL: the sequences were set past the restored ids).
    baru = Pemda.objects.create(nama="Pemda Baru", nama_singkat="Baru", ibu_kota="Baru")
    assert baru.pk > max(data.pemda.pk, data.pemda_lain.pk)


def test_basis_data_yang_berisi_ditolak_tanpa_mengubah_apa_pun(data, tmp_path) -> None:
    _logo(data.pemda)
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", keluaran=str(arsip), stdout=io.StringIO())
    sebelum = _jumlah()
    with pytest.raises(
        CommandError, match="Basis data tujuan tidak kosong: .*jalankan `python manage.py migrate`"
    ):
        call_command("pulihkan", str(arsip), stdout=io.StringIO())
    assert _jumlah() == sebelum


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda m: m["migrasi"]["lkjip"].append("9999_masa_depan"), "versi aplikasi yang lebih baru"),
        (lambda m: m["migrasi"]["lkjip"].pop(), "versi aplikasi yang lebih lama"),
    ],
    ids=["arsip-lebih-baru", "arsip-lebih-lama"],
)
def test_migrasi_arsip_yang_berbeda_ditolak(data, tmp_path, ubah, pesan) -> None:
    arsip, beda = tmp_path / "cadangan.tar.gz", tmp_path / "beda.tar.gz"
    call_command("cadangkan", keluaran=str(arsip), stdout=io.StringIO())
    _tulis_ulang(arsip, beda, {"manifest.json": _manifest(ubah)})
    _kosongkan()
    with pytest.raises(CommandError, match=pesan):
        call_command("pulihkan", str(beda), stdout=io.StringIO())
    assert not Pemda.objects.exists()


def test_arsip_rusak_ditolak_sebelum_apa_pun_ditulis(data, tmp_path) -> None:
    _logo(data.pemda)
    nama = f"media/{data.pemda.logo.name}"
    arsip, rusak = tmp_path / "cadangan.tar.gz", tmp_path / "rusak.tar.gz"
    call_command("cadangkan", keluaran=str(arsip), stdout=io.StringIO())
    _tulis_ulang(arsip, rusak, {nama: lambda isi: isi[:-1] + b"X"})
    _kosongkan()
    with pytest.raises(CommandError, match=f"Arsip rusak: {nama}"):
        call_command("pulihkan", str(rusak), stdout=io.StringIO())
    assert not Pemda.objects.exists() and not Path(settings.MEDIA_ROOT).exists()


def test_baris_yang_berbeda_setelah_dimuat_membatalkan_semuanya(data, tmp_path) -> None:
    """The manifest's digest is checked against the rows read back: a value that does not come
    back as it was (here: changed in the archive, its file hash made to match) undoes the restore."""
    _logo(data.pemda)
    arsip, beda = tmp_path / "cadangan.tar.gz", tmp_path / "beda.tar.gz"
    call_command("cadangkan", keluaran=str(arsip), stdout=io.StringIO())
    with tarfile.open(arsip, "r:gz") as tar:
        baris = tar.extractfile("data/lkjip.pemda.jsonl").read().replace(b"Kota Uji", b"Kota Lain")

    def _hash_baru(m: dict) -> None:
        for b in m["data"]:
            if b["model"] == "lkjip.pemda":
                b["sha256"] = hashlib.sha256(baris).hexdigest()

    _tulis_ulang(
        arsip,
        beda,
        {"data/lkjip.pemda.jsonl": lambda _: baris, "manifest.json": _manifest(_hash_baru)},
    )
    _kosongkan()
    with pytest.raises(CommandError, match="tidak sama dengan arsip: lkjip.pemda"):
        call_command("pulihkan", str(beda), stdout=io.StringIO())
    assert not Pemda.objects.exists() and not any(Path(settings.MEDIA_ROOT).rglob("*.png"))


def test_berkas_lain_dengan_nama_sama_di_media_ditolak(data, tmp_path) -> None:
    _logo(data.pemda)
    jalur = Path(settings.MEDIA_ROOT) / data.pemda.logo.name
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", keluaran=str(arsip), stdout=io.StringIO())
    _kosongkan()
    jalur.parent.mkdir(parents=True)
    jalur.write_bytes(b"berkas lain")
    with pytest.raises(CommandError, match="sudah memuat berkas lain dengan nama yang sama"):
        call_command("pulihkan", str(arsip), stdout=io.StringIO())
    assert not Pemda.objects.exists() and jalur.read_bytes() == b"berkas lain"
