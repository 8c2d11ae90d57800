"""``python manage.py impor_pengukuran FILE --pemda NAME --opd NAME --tahun YYYY [--buat] [--urusan 1.06]``.

The admin's bulk load of a year: the same import as the browser's (all or nothing, every
problem with its sheet, row and column), attributed in the audit trail to no user with
keterangan "perintah impor_pengukuran". Unlike the browser it does not refuse realisasi in
closed or approved quarters: loading past years is what it is for.

The summary says what was created in the Renstra, which of those nodes still need a name
(with the link where they are named), and the import's notes (an urusan read from the
workbook, a name unlike the nomenclature's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse

from lkjip import audit
from lkjip.angka import pesan_terlalu_besar
from lkjip.excel import MAKS_BARIS, MAKS_BYTE
from lkjip.models import Pemda, PerangkatDaerah
from lkjip.situs import alamat_situs_perintah
from pelaporan.domain.kode import KodeTidakSah, TingkatKode, normalisasi_kode, tingkat_kode
from pelaporan.domain.nomenklatur import nama_bidang_urusan
from pelaporan.excel_pengukuran import HasilImpor, impor_pengukuran
from pelaporan.excel_pengukuran.hasil import AsalNama
from renstra.models import Renstra
from renstra.selectors import nomenklatur_pemda

KETERANGAN = "perintah impor_pengukuran"


class _Batal(Exception):
    pass


def cari_pemda(nama: str) -> Pemda | None:
    """A pemda by its full name or its short name, case-insensitively."""
    daftar = list(Pemda.objects.filter(nama__iexact=nama.strip())) or list(
        Pemda.objects.filter(nama_singkat__iexact=nama.strip())
    )
    if len(daftar) > 1:
        raise CommandError(f"Nama pemda “{nama}” cocok dengan {len(daftar)} pemda; tulis nama lengkapnya.")
    return daftar[0] if daftar else None


def cari_opd(pemda: Pemda, nama: str) -> PerangkatDaerah | None:
    """An OPD of the pemda by its name or its abbreviation, case-insensitively."""
    qs = PerangkatDaerah.objects.select_related("pemda", "kepala")
    daftar = list(qs.filter(pemda=pemda, nama__iexact=nama.strip())) or list(
        qs.filter(pemda=pemda, singkatan__iexact=nama.strip())
    )
    if len(daftar) > 1:
        raise CommandError(
            f"Nama perangkat daerah “{nama}” cocok dengan {len(daftar)} OPD; tulis nama lengkapnya."
        )
    return daftar[0] if daftar else None


def _nama_wilayah(nama: str) -> str:
    kata = nama.split()
    while kata and kata[0].lower() in ("pemerintah", "kabupaten", "kota", "provinsi", "pemkab", "pemkot"):
        kata = kata[1:]
    return " ".join(kata) or nama


def _urusan(teks: str, *, diam: bool = False) -> str:
    """``--urusan``: a bidang urusan code (``1.06``), normalised, or "" when not given (or, ``diam``, not one)."""
    if not teks.strip():
        return ""
    try:
        kode = normalisasi_kode(teks)
        if tingkat_kode(kode) == TingkatKode.BIDANG and not kode.startswith("X"):
            return kode
    except KodeTidakSah:
        pass
    if diam:
        return ""
    raise CommandError(f"--urusan {teks} bukan kode bidang urusan; contoh: --urusan 1.06.")


def _nama_urusan(kode: str, pemda: Pemda) -> str:
    """``1.06`` → ``Sosial``, from the pemda's nomenclature ("" when unknown)."""
    return nama_bidang_urusan(daftar=nomenklatur_pemda(pemda.pk).entri, kode=kode)


class Command(BaseCommand):
    help = (
        "Mengimpor workbook Pengukuran Kinerja (sheet Indikator dan Anggaran) untuk satu perangkat daerah dan "
        "tahun, semua atau tidak sama sekali. Untuk admin: pemeriksaan triwulan yang sudah ditutup, diajukan "
        "atau disetujui TIDAK diterapkan (berbeda dengan impor di peramban). Keluar dengan kode bukan nol dan "
        "daftar semua masalah bila tidak ada yang disimpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "berkas", metavar="FILE", help="Berkas .xlsx (format docs/format-excel-pengukuran.md)."
        )
        parser.add_argument(
            "--pemda", required=True, help="Nama pemda, mis. “Pemerintah Kabupaten Kutai Kartanegara”."
        )
        parser.add_argument("--opd", required=True, help="Nama (atau singkatan) perangkat daerah.")
        parser.add_argument("--tahun", required=True, type=int, help="Tahun data, mis. 2021.")
        parser.add_argument(
            "--buat",
            action="store_true",
            help="Buat pemda, perangkat daerah, dan Renstra yang mencakup tahun itu bila belum ada.",
        )
        parser.add_argument(
            "--urusan",
            default="",
            help="Kode bidang urusan OPD, mis. 1.06: untuk OPD baru (dengan --buat) atau OPD yang profilnya "
            "belum berkode bidang urusan; dipakai untuk kode X.XX (Program Penunjang).",
        )
        parser.add_argument("--pratinjau", action="store_true", help="Periksa saja; tidak ada yang disimpan.")
        parser.add_argument(
            "--maks-mb",
            type=int,
            default=MAKS_BYTE // 1024 // 1024,
            help=f"Ukuran berkas terbesar (MB), bawaan {MAKS_BYTE // 1024 // 1024}.",
        )
        parser.add_argument(
            "--maks-baris",
            type=int,
            default=MAKS_BARIS,
            help=f"Baris terbanyak per sheet, bawaan {MAKS_BARIS}.",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        jalur = Path(o["berkas"])
        if not jalur.is_file():
            raise CommandError(f"Berkas {jalur} tidak ditemukan.")
        tahun = o["tahun"]
        if not 2000 <= tahun <= 2100:
            raise CommandError(f"Tahun {tahun} tidak masuk akal.")
        maks = o["maks_mb"] * 1024 * 1024
        if jalur.stat().st_size > maks:
            raise CommandError(
                pesan_terlalu_besar(jalur.stat().st_size, maks)[:-1]
                + " (naikkan dengan --maks-mb). Tidak ada yang disimpan."
            )
        data = jalur.read_bytes()
        o["urusan"] = _urusan(o["urusan"])
        catatan: list[str] = []
        try:
            with transaction.atomic(), audit.oleh(None, keterangan=KETERANGAN):
                opd = self._opd(o, tahun, catatan)
                hasil = impor_pengukuran(
                    opd=opd,
                    tahun=tahun,
                    data=data,
                    terapkan=not o["pratinjau"],
                    keterangan=KETERANGAN,
                    maks_byte=maks,
                    maks_baris=o["maks_baris"],
                )
                if not hasil.diterapkan:
                    raise _Batal
        except _Batal:
            pass
        if hasil.masalah:
            for m in hasil.daftar_masalah():
                self.stderr.write(f"  {m}")
            raise CommandError(f"{len(hasil.masalah)} masalah ditemukan: tidak ada yang disimpan.")
        for baris in catatan:
            self.stdout.write(baris)
        for baris in hasil.ringkasan():
            self.stdout.write(baris)
        self._node_baru(hasil)
        if hasil.catatan:
            self.stdout.write("Catatan (tidak menghalangi impor):")
            for baris in hasil.catatan:
                self.stdout.write(f"  {baris}")
        if o["verbosity"] >= 2:
            for p in hasil.perubahan:
                self.stdout.write(f"  {p}")
        if o["pratinjau"]:
            self.stdout.write("Pratinjau saja: tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Impor {jalur.name} untuk {opd} tahun {tahun} selesai."))

    def _node_baru(self, hasil: HasilImpor) -> None:
        """What the import created in the Renstra, and what must still be named (with where)."""
        if not hasil.node_baru:
            return
        self.stdout.write("Dibuat di Renstra:")
        for n in hasil.node_baru:
            if n.asal == AsalNama.BELUM:
                teks = f"{n.tercetak}: nama belum diisi (perlu diberi nama)"
            elif n.asal == AsalNama.NOMENKLATUR:
                teks = f"{n.tercetak} {n.nama} (nama dari nomenklatur)"
            else:
                teks = f"{n.tercetak} {n.nama}"
            self.stdout.write(f"  {n.label.lower()} {teks}")
        if not hasil.perlu_nama:
            return
        self.stdout.write(
            self.style.WARNING(
                f"Perlu diberi nama ({len(hasil.perlu_nama)}): tidak ditulis di sheet dan tidak dapat dinamai dari "
                "nomenklatur (kodenya tidak ada, atau namanya sudah dipakai saudaranya); "
                "beri nama di halaman ubah Renstra-nya:"
            )
        )
        for n in hasil.perlu_nama:
            if hasil.diterapkan:
                tautan = alamat_situs_perintah() + reverse(
                    "node_kode", args=[n.opd_id, n.renstra_id, n.jenis, n.kode]
                )
            else:
                tautan = "tautan tersedia setelah impor disimpan"
            self.stdout.write(f"  {n.nama} — {tautan}")

    def _opd(self, o: dict[str, Any], tahun: int, catatan: list[str]) -> PerangkatDaerah:
        """The OPD named, creating pemda, OPD and a Renstra covering the year with --buat."""
        buat = o["buat"]
        pemda = cari_pemda(o["pemda"])
        if pemda is None:
            if not buat:
                raise CommandError(f"Pemda “{o['pemda']}” tidak ditemukan (pakai --buat untuk membuatnya).")
            wilayah = _nama_wilayah(o["pemda"])
            pemda = Pemda(nama=o["pemda"].strip(), nama_singkat=wilayah, ibu_kota=wilayah)
            pemda.full_clean()
            pemda.save()
            catatan.append(f"Pemda baru: {pemda} (lengkapi ibu kota dan kepala daerah di Pengaturan).")
        opd = cari_opd(pemda, o["opd"])
        if opd is None:
            if not buat:
                raise CommandError(
                    f"Perangkat daerah “{o['opd']}” tidak ditemukan di {pemda} (pakai --buat untuk membuatnya)."
                )
            opd = PerangkatDaerah(
                pemda=pemda,
                nama=o["opd"].strip(),
                kode_urusan=o["urusan"],
                nama_urusan=_nama_urusan(o["urusan"], pemda),
            )
            opd.full_clean()
            opd.save()
            catatan.append(f"Perangkat daerah baru: {opd}.")
        elif o["urusan"] and not opd.kode_urusan:
            opd.kode_urusan = o["urusan"]
            opd.nama_urusan = opd.nama_urusan or _nama_urusan(o["urusan"], pemda)
            opd.full_clean()
            opd.save()
            catatan.append(f"Kode bidang urusan {o['urusan']} disimpan di profil {opd}.")
        elif o["urusan"] and _urusan(opd.kode_urusan, diam=True) != o["urusan"]:
            raise CommandError(
                f"{opd} sudah berkode bidang urusan {opd.kode_urusan} di profil OPD; --urusan {o['urusan']} "
                "tidak dipakai. Ubah profil OPD bila kodenya memang salah."
            )
        if (
            buat
            and not Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists()
        ):
            r = Renstra(
                opd=opd,
                tahun_awal=tahun,
                tahun_akhir=tahun + 4,
                keterangan="Dibuat oleh perintah impor_pengukuran; lengkapi tujuan, sasaran dan programnya.",
            )
            r.full_clean()
            r.save()
            catatan.append(f"{r} baru untuk {opd} (kerangka; lengkapi di aplikasi).")
        return opd
