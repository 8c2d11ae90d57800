"""Shared fixtures: two OPDs in one pemda, a third OPD in another pemda, one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # imported lazily so tests/domain runs without Django (-p no:django)
    from django.test import Client

    from lkjip.models import Pejabat, Pemda, Pengguna, PerangkatDaerah, UnitKerja

SANDI = "sandi-uji-yang-panjang"


@dataclass
class DataDasar:
    pemda: Pemda
    pemda_lain: Pemda
    opd_a: PerangkatDaerah
    opd_b: PerangkatDaerah
    opd_c: PerangkatDaerah
    unit_a: UnitKerja
    pejabat_a: Pejabat
    pengguna: dict[str, Pengguna]
    rencana: dict[str, Any]


def buat_pengguna(username: str, peran: str, *, pemda: Pemda, opd: PerangkatDaerah | None = None) -> Pengguna:
    from lkjip.models import Pengguna

    p = Pengguna(
        username=username, nama=username.replace(".", " ").title(), peran=peran, pemda=pemda, opd=opd
    )
    p.set_password(SANDI)
    p.save()
    return p


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory) -> None:
    """SQLite's test database in a file, not in memory, so that another process can open it: the
    worker test runs ``manage.py db_worker`` beside the test (PostgreSQL's test database is
    reachable as it is)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("basis-data") / "uji.sqlite3")


@pytest.fixture(autouse=True)
def _sandi_cepat(request: pytest.FixtureRequest) -> None:
    """Tests hash many passwords; 1M PBKDF2 rounds each would make the suite take minutes."""
    if not request.config.pluginmanager.hasplugin("django"):
        return  # tests/domain may run with -p no:django
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # verifies the demo fixture's hashes
    ]


@pytest.fixture(autouse=True)
def _render_di_proses_ini(request: pytest.FixtureRequest) -> None:
    """PDFs are laid out in the test's own process: a layout child costs ~0,65 s to start, and the
    suite renders many small PDFs. tests/laporan/test_render_potong.py runs the children."""
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").LKJIP_RENDER_PROSES = 0


@pytest.fixture(autouse=True)
def _media_sementara(request: pytest.FixtureRequest, tmp_path) -> None:
    """Uploaded evidence goes to a temporary folder, never into the working tree."""
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data(db) -> DataDasar:
    from lkjip.models import Pejabat, Pemda, Peran, PerangkatDaerah, UnitKerja

    pemda = Pemda.objects.create(
        nama="Pemerintah Kabupaten Uji", nama_singkat="Uji", ibu_kota="Kota Uji", zona_waktu="Asia/Makassar"
    )
    pemda_lain = Pemda.objects.create(nama="Pemerintah Kabupaten Lain", nama_singkat="Lain", ibu_kota="Lain")
    opd_a = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Sosial Uji", kode_urusan="1.06")
    opd_b = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Kesehatan Uji", kode_urusan="1.02")
    opd_c = PerangkatDaerah.objects.create(pemda=pemda_lain, nama="Dinas Sosial Lain", kode_urusan="1.06")
    unit_a = UnitKerja.objects.create(opd=opd_a, nama="Kepala Dinas", jenis="pimpinan", eselon="II.b")
    pejabat_a = Pejabat.objects.create(
        opd=opd_a,
        nama="H. Hamly, SE",
        nip="196404091988031013",
        jabatan="Kepala Dinas Sosial",
        unit_kerja=unit_a,
    )
    opd_a.kepala = pejabat_a
    opd_a.save()
    pengguna = {
        "operator": buat_pengguna("operator.a", Peran.OPERATOR, pemda=pemda, opd=opd_a),
        "kepala": buat_pengguna("kepala.a", Peran.KEPALA, pemda=pemda, opd=opd_a),
        "reviewer": buat_pengguna("reviewer", Peran.REVIEWER, pemda=pemda),
        "admin": buat_pengguna("admin.a", Peran.ADMIN, pemda=pemda),
        "operator_lain": buat_pengguna("operator.b", Peran.OPERATOR, pemda=pemda, opd=opd_b),
        "admin_lain": buat_pengguna("admin.lain", Peran.ADMIN, pemda=pemda_lain),
    }
    return DataDasar(pemda, pemda_lain, opd_a, opd_b, opd_c, unit_a, pejabat_a, pengguna, buat_rencana(opd_a))


# A minimal but well-formed assembled LKjIP (assembling the real one for every test would be slow).
SNAPSHOT_UJI: dict[str, Any] = {
    "meta": {
        "judul": "LKjIP UJI",
        "opd": "Dinas Sosial Uji",
        "pemda": "Uji",
        "tahun": 2022,
        "versi": 1,
        "kota": "Kota Uji",
        "tempat": "Kota Uji",
        "tanggal": "1 Februari 2023",
        "alamat": "",
        "penandatangan": {"nama": "H. Hamly, SE", "jabatan": "Kepala", "pangkat": "", "nip": ""},
    },
    "kata_pengantar": {"jenis": "teks", "html": "<p>Pengantar</p>"},
    "bab": [],
    "lampiran": [],
    "daftar_tabel": [],
    "daftar_gambar": [],
    "ringkasan": {},
}


def buat_rencana(opd: PerangkatDaerah) -> dict[str, Any]:
    """A small RPJMD and Renstra 2021–2026 with one node of every kind."""
    from decimal import Decimal

    from renstra import models as m

    rpjmd = m.RPJMD.objects.create(
        pemda=opd.pemda, tahun_awal=2021, tahun_akhir=2026, visi="Masyarakat sejahtera"
    )
    misi = m.MisiRPJMD.objects.create(rpjmd=rpjmd, nomor=2, uraian="Meningkatkan kesejahteraan sosial")
    tujuan_daerah = m.TujuanRPJMD.objects.create(rpjmd=rpjmd, misi=misi, kode="T.2", uraian="Kesejahteraan")
    sasaran_daerah = m.SasaranRPJMD.objects.create(tujuan=tujuan_daerah, kode="S.4", uraian="PMKS tertangani")
    r = m.Renstra.objects.create(opd=opd, tahun_awal=2021, tahun_akhir=2026, rpjmd=rpjmd)
    tujuan = m.Tujuan.objects.create(renstra=r, kode="T1", uraian="Meningkatkan penanganan PMKS", misi=misi)
    sasaran = m.Sasaran.objects.create(
        renstra=r,
        tujuan=tujuan,
        kode="S1",
        uraian="Meningkatnya penanganan PMKS",
        sasaran_daerah=sasaran_daerah,
    )
    program = m.Program.objects.create(
        renstra=r, kode="1.06.04", kode_tampil="1.06.04", nama="Program Rehabilitasi Sosial"
    )
    m.PemetaanProgram.objects.create(renstra=r, sasaran=sasaran, program=program)
    kegiatan = m.Kegiatan.objects.create(
        renstra=r,
        program=program,
        kode="1.06.04.2.01",
        kode_tampil="1.06.04.2.01",
        nama="Rehabilitasi Sosial Dasar",
    )
    sub = m.SubKegiatan.objects.create(
        renstra=r,
        kegiatan=kegiatan,
        kode="1.06.04.2.01.0001",
        kode_tampil="1.06.04.2.01.01",
        nama="Penyediaan Permakanan",
    )
    m.PaguIndikatif.objects.create(renstra=r, sub_kegiatan=sub, tahun=2024, jumlah=Decimal("1500000000"))
    indikator = m.Indikator.objects.create(
        renstra=r,
        sasaran=sasaran,
        nama="Cakupan Penanganan PMKS",
        satuan="%",
        iku=True,
        target_akhir=Decimal(95),
    )
    m.TargetIndikator.objects.create(renstra=r, indikator=indikator, tahun=2022, nilai=Decimal("90.5"))
    strategi = m.Strategi.objects.create(renstra=r, sasaran=sasaran, nomor=1, uraian="Memperkuat data PMKS")
    arah = m.ArahKebijakan.objects.create(renstra=r, strategi=strategi, nomor=1, uraian="Pemutakhiran DTKS")
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from pelaporan import models as p

    pk = p.PerjanjianKinerja.objects.create(
        opd=opd,
        tahun=2022,
        jenjang="kepala",
        pihak_pertama=opd.kepala,
        pihak_kedua_jabatan="Bupati Uji",
        pihak_kedua_nama="Bupati Uji",
    )
    butir = p.ButirPK.objects.create(perjanjian=pk, indikator=indikator, target=Decimal(90))
    anggaran_pk = p.AnggaranPK.objects.create(perjanjian=pk, program=program, jumlah=Decimal("1500000000"))
    anggaran = p.Anggaran.objects.create(
        opd=opd, tahun=2022, sub_kegiatan=sub, pagu_murni=Decimal("1500000000")
    )
    realisasi = p.Realisasi.objects.create(
        opd=opd, indikator=indikator, tahun=2022, triwulan=1, nilai=Decimal(20)
    )
    bukti = p.BuktiDukung.objects.create(
        realisasi=realisasi,
        berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 uji"),
        nama_asli="sk.pdf",
        ukuran=12,
        tipe="application/pdf",
        diunggah_oleh=opd.pengguna.filter(peran="operator").first() or opd.pemda.pengguna.first(),
    )
    from lkjip.laporan import models as lm

    lkjip = lm.LaporanKinerja.objects.create(opd=opd, tahun=2022, status="ditandatangani")
    lm.TeksLaporan.objects.create(laporan=lkjip, kunci="kata_pengantar", isi="<p>Pengantar</p>")
    dokumen = lm.DokumenTertandatangan.objects.create(
        laporan=lkjip,
        snapshot=SNAPSHOT_UJI,
        pdf=b"%PDF-1.7 uji",
        sha256="0" * 64,
        halaman=1,
        ditandatangani_oleh=opd.pengguna.filter(peran="kepala").first(),
        ditandatangani_pada=timezone.now(),
        penandatangan={"nama": "H. Hamly, SE"},
        penyedia="uji",
        sertifikat_subjek="CN=uji",
    )
    render = lm.TugasRender.objects.create(
        laporan=lkjip, diminta_oleh=opd.pengguna.first(), status="selesai", pdf=b"%PDF-1.7 draf", halaman=1
    )
    return {
        "lkjip": lkjip,
        "dokumen": dokumen,
        "render": render,
        "pk": pk,
        "butir": butir,
        "anggaran_pk": anggaran_pk,
        "anggaran": anggaran,
        "realisasi": realisasi,
        "bukti": bukti,
        "rpjmd": rpjmd,
        "misi": misi,
        "tujuan_daerah": tujuan_daerah,
        "sasaran_daerah": sasaran_daerah,
        "renstra": r,
        "tujuan": tujuan,
        "sasaran": sasaran,
        "program": program,
        "kegiatan": kegiatan,
        "sub": sub,
        "indikator": indikator,
        "strategi": strategi,
        "arah": arah,
    }


def klien_untuk(pengguna: Pengguna | None) -> Client:
    from django.test import Client

    klien = Client()
    if pengguna is not None:
        klien.force_login(pengguna)
    return klien


@pytest.fixture
def masuk(data: DataDasar):
    """``masuk("operator")`` → a test client logged in with that role."""

    def _masuk(peran: str) -> Client:
        return klien_untuk(data.pengguna[peran])

    return _masuk


def indikator_pk_kedua(data: DataDasar, *, nama: str = "Jumlah PMKS dilayani", target: int = 100) -> Any:
    """A second PK indicator of OPD A in 2022 (sasaran of the small Renstra), not reported yet."""
    from decimal import Decimal

    from lkjip import audit
    from pelaporan.models import ButirPK
    from renstra.models import Indikator

    r = data.rencana
    with audit.oleh(None):
        kedua = Indikator.objects.create(
            renstra=r["renstra"], sasaran=r["sasaran"], nama=nama, satuan="orang"
        )
        ButirPK.objects.create(perjanjian=r["pk"], indikator=kedua, target=Decimal(target), urutan=2)
    return kedua


def indikator_pk_massal(
    data: DataDasar, pk: Any, jumlah: int, *, awal: int = 0, arah_bergantian: bool = False
) -> list[Any]:
    """``jumlah`` new kumulatif indicators of OPD A's small Renstra, each a row of ``pk`` (target 100),
    in two bulk inserts; with ``arah_bergantian`` every second one is negatif."""
    from decimal import Decimal

    from lkjip import audit
    from pelaporan.models import ButirPK
    from renstra.models import Indikator

    r = data.rencana
    indikator = audit.buat_massal(
        [
            Indikator(
                renstra=r["renstra"],
                sasaran=r["sasaran"],
                nama=f"Indikator {pk.pk}-{n}",
                satuan="orang",
                akumulasi="kumulatif",
                arah="negatif" if arah_bergantian and n % 2 else "positif",
            )
            for n in range(awal, awal + jumlah)
        ]
    )
    audit.buat_massal(
        [
            ButirPK(perjanjian=pk, indikator=i, target=Decimal(100), urutan=awal + n)
            for n, i in enumerate(indikator)
        ]
    )
    return indikator


def jumlah_kueri(klien: Any, url: str) -> int:
    """The queries one GET of ``url`` costs (it must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        respon = klien.get(url)
    assert respon.status_code == 200, url
    return len(ctx.captured_queries)
