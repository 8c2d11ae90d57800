"""Import: check everything, apply inside one transaction, roll back on a preview or a problem."""

from __future__ import annotations

import logging
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from lkjip import akses, audit
from lkjip.excel import (
    MAKS_BARIS,
    MAKS_BYTE,
    Baris,
    BerkasTidakSah,
    Masalah,
    baca_sheet,
    buka,
)
from lkjip.models import Pengguna, PerangkatDaerah
from pelaporan.domain.kode import (
    KodeTidakSah,
)
from pelaporan.domain.nomenklatur import nama_bidang_urusan
from pelaporan.excel_pengukuran.format import (
    HITUNG_ANGGARAN,
    HITUNG_INDIKATOR,
    KOLOM_ANGGARAN,
    KOLOM_INDIKATOR,
    SHEET_ANGGARAN,
    SHEET_INDIKATOR,
    SHEET_INFO,
    WAJIB_ANGGARAN,
    WAJIB_INDIKATOR,
    _baca_anggaran,
    _baca_indikator,
    _Batal,
    _kode_baku,
    _periksa_judul,
    urusan_workbook,
)
from pelaporan.excel_pengukuran.hasil import HasilImpor
from pelaporan.excel_pengukuran.impor_anggaran import _ImporAnggaran
from pelaporan.excel_pengukuran.impor_indikator import _ImporIndikator
from pelaporan.excel_pengukuran.impor_node import _ImporNode
from pelaporan.models import (
    Anggaran,
    ButirPK,
    PerjanjianKinerja,
    Realisasi,
    RealisasiAnggaran,
    StatusLaporan,
    TargetTriwulan,
)
from pelaporan.selectors import (
    StatusTriwulan,
    admin_pemda,
    status_triwulan,
)
from pelaporan.services import hari_ini_pemda
from renstra.models import (
    Renstra,
)
from renstra.selectors import nomenklatur_pemda

log = logging.getLogger(__name__)


class _Pengimpor(_ImporIndikator, _ImporAnggaran, _ImporNode):
    """Applies parsed rows to the database; every problem goes to ``hasil.masalah``."""

    def __init__(
        self,
        *,
        opd: PerangkatDaerah,
        tahun: int,
        hasil: HasilImpor,
        pengguna: Pengguna | None,
        periksa_triwulan: bool,
    ) -> None:
        self.opd, self.tahun, self.hasil = opd, tahun, hasil
        self.pengguna = pengguna
        self.periksa_triwulan = periksa_triwulan
        self.sekarang = timezone.now()
        # DOMAIN §3: a year may belong to two Renstra periods (Kukar 2021); new things go to
        # the one that starts latest, existing ones are found wherever they are.
        self.renstra = (
            Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )
        self._renstra_cache: dict[int, Renstra] = {}
        self._status: dict[int, StatusTriwulan] = {}
        self._pk_kepala: PerjanjianKinerja | None | bool = False  # False: not looked up yet
        self._buat: dict[type, list[models.Model]] = defaultdict(list)
        self._ubah: dict[type, tuple[list[str], list[models.Model]]] = {}

    # ---------------------------------------------------------------- shared helpers
    def masalah(self, b: Baris, kolom: str, pesan: str) -> None:
        self.hasil.masalah.append(Masalah(b.sheet, b.nomor, kolom, pesan))

    def catat(self, b: Baris, teks: str) -> None:
        self.hasil.perubahan.append(f"{b.sheet} baris {b.nomor}: {teks}")

    def _dari_validasi(self, b: Baris, exc: ValidationError, peta: dict[str, str], bawaan: str) -> None:
        if hasattr(exc, "error_dict"):
            for nama, daftar in exc.message_dict.items():
                for pesan in daftar:
                    self.masalah(b, peta.get(nama, bawaan), pesan)
        else:
            for pesan in exc.messages:
                self.masalah(b, bawaan, pesan)

    def valid(
        self, b: Baris, obj: models.Model, peta: dict[str, str], bawaan: str, *, kunci_terjamin: bool = False
    ) -> bool:
        """``full_clean()`` with problems reported on the row.

        ``kunci_terjamin``: the row's foreign keys are objects this import fetched or created
        itself and its unique key was looked up before building it, so the per-row existence
        and uniqueness queries are skipped (thousands of them on a 5.000-row workbook); field
        validation and the model's own ``clean()`` still run, and the database constraints
        still hold.
        """
        exclude = [f.name for f in obj._meta.concrete_fields if f.is_relation] if kunci_terjamin else None
        try:
            obj.full_clean(exclude=exclude, validate_constraints=not kunci_terjamin)
        except ValidationError as exc:
            self._dari_validasi(b, exc, peta, bawaan)
            return False
        return True

    def renstra_dari(self, renstra_id: int) -> Renstra:
        r = self._renstra_cache.get(renstra_id)
        if r is None:
            r = self._renstra_cache[renstra_id] = Renstra.objects.select_related("opd").get(pk=renstra_id)
        return r

    def tunda_buat(self, obj: models.Model) -> None:
        self._buat[type(obj)].append(obj)

    def tunda_ubah(self, obj: models.Model, bidang: list[str]) -> None:
        """Each stored row is met once (duplicate sheet rows are refused before)."""
        self._ubah.setdefault(type(obj), (bidang, []))[1].append(obj)

    def simpan_tertunda(self) -> None:
        """Many rows of the same kind in a fixed number of queries, each with its audit entry.

        Budget lines go before their quarterly realisasi, which point at them.
        """
        urutan = [ButirPK, TargetTriwulan, Realisasi, Anggaran, RealisasiAnggaran]
        for model in sorted(self._buat, key=urutan.index):
            audit.buat_massal(self._buat[model])
        for bidang, objs in self._ubah.values():
            audit.simpan_massal(objs, bidang)

    def tw_tertutup(self, triwulan: int) -> str | None:
        """Why an operator may not change this quarter now (browser imports only), or None."""
        if not self.periksa_triwulan:
            return None
        if triwulan not in self._status:
            self._status[triwulan] = status_triwulan(
                self.opd, self.tahun, triwulan, hari_ini=hari_ini_pemda()
            )
        s = self._status[triwulan]
        if s.boleh_diisi:
            return None
        pesan = s.alasan
        if s.terbuka and s.status_laporan == StatusLaporan.DIAJUKAN:
            pesan += " Minta kepala OPD mengembalikan laporan triwulan ini bila datanya perlu diubah."
        elif s.terbuka and s.status_laporan == StatusLaporan.DISETUJUI:
            admin = ", ".join(a.nama or a.username for a in admin_pemda(self.opd.pemda_id)) or "admin pemda"
            pesan += f" Hanya admin pemda ({admin}) yang dapat membukanya kembali."
        return pesan

    # ================================================================ sheet Indikator


def impor_pengukuran(
    *,
    opd: PerangkatDaerah,
    tahun: int,
    data: bytes,
    terapkan: bool,
    pengguna: Pengguna | None = None,
    nama_berkas: str = "",
    keterangan: str | None = None,
    maks_byte: int = MAKS_BYTE,
    maks_baris: int = MAKS_BARIS,
) -> HasilImpor:
    """Check (``terapkan=False``) or apply a Pengukuran Kinerja workbook, all or nothing.

    With ``pengguna`` (the browser) the user must be the OPD's operator, and realisasi in a
    quarter that is closed, submitted or approved cannot change. Without (the admin's
    command) that quarter check does not apply. Every write is attributed in the audit trail
    to ``pengguna`` with ``keterangan``.
    """
    if pengguna is not None and not akses.can_isi_data(pengguna, opd):
        raise PermissionDenied("Hanya operator OPD ini yang dapat mengimpor data pengukuran kinerja.")
    hasil = HasilImpor()
    try:
        wb = buka(data, maks_byte=maks_byte)
    except BerkasTidakSah as exc:
        hasil.masalah.append(Masalah("", 0, "", str(exc)))
        return hasil
    try:
        for nama, masukan, dihitung in (
            (SHEET_INDIKATOR, KOLOM_INDIKATOR, HITUNG_INDIKATOR),
            (SHEET_ANGGARAN, KOLOM_ANGGARAN, HITUNG_ANGGARAN),
        ):
            _periksa_judul(wb, nama, masukan, dihitung, hasil.masalah)
        baris_ind = list(
            baca_sheet(
                wb,
                SHEET_INDIKATOR,
                wajib=WAJIB_INDIKATOR,
                masalah=hasil.masalah,
                maks_baris=maks_baris,
                kolom_diketahui=KOLOM_INDIKATOR,
            )
        )
        baris_ang = list(
            baca_sheet(
                wb,
                SHEET_ANGGARAN,
                wajib=WAJIB_ANGGARAN,
                masalah=hasil.masalah,
                maks_baris=maks_baris,
                kolom_diketahui=KOLOM_ANGGARAN,
            )
        )
        info = (
            {b.teks("Isian"): b for b in baca_sheet(wb, SHEET_INFO, wajib=["Isian", "Nilai"], masalah=[])}
            if SHEET_INFO in wb.sheetnames
            else {}
        )
    except Exception as exc:  # noqa: BLE001 - a hostile file may fail anywhere inside the parser
        hasil.masalah.append(Masalah("", 0, "", f"Berkas Excel tidak dapat dibaca ({type(exc).__name__})."))
        return hasil
    finally:
        wb.close()
    b = info.get("Tahun")
    if b is not None and b.teks("Nilai") and b.teks("Nilai") != str(tahun):
        hasil.masalah.append(
            Masalah(
                SHEET_INFO,
                b.nomor,
                "Nilai",
                f"berkas ini untuk tahun {b.teks('Nilai')}, sedangkan impor ini untuk tahun {tahun}.",
            )
        )
    indikator = _baca_indikator(baris_ind, hasil.masalah)
    # X.XX for an OPD without a bidang urusan: the one every other code of the workbook shares.
    urusan, dari_workbook, bidang = opd.kode_urusan, "", frozenset()
    if not urusan:
        ada_placeholder, bidang = urusan_workbook(baris_ang)
        if ada_placeholder and len(bidang) == 1:
            (dari_workbook,) = bidang
            urusan = dari_workbook
    anggaran = _baca_anggaran(baris_ang, hasil.masalah, urusan=urusan, bidang_workbook=bidang)
    if any(m.baris <= 1 or "terlalu banyak baris" in m.pesan for m in hasil.masalah):
        hasil.masalah.sort()  # the sheets themselves cannot be read: rows would mean nothing
        return hasil
    # Rows with a bad cell are left out, and the rest still goes through every check (then rolled
    # back), so one pass lists every problem. A parent whose subtree holds a bad row is not
    # summed: its total would be wrong for a reason already reported.
    rusak = {m.baris for m in hasil.masalah if m.sheet == SHEET_INDIKATOR}
    indikator = [r for r in indikator if r.b.nomor not in rusak]
    rusak = {m.baris for m in hasil.masalah if m.sheet == SHEET_ANGGARAN}
    anggaran = [r for r in anggaran if r.b.nomor not in rusak]
    kode_rusak: set[str] | None = set()
    for b in baris_ang:
        if b.nomor in rusak:
            try:
                kode_rusak.add(_kode_baku(b.teks("Kode"), urusan) if b.teks("Kode") else "")
            except KodeTidakSah:
                kode_rusak = None  # a row that cannot be placed: no parent total can be trusted
                break
    if keterangan is None:
        keterangan = f"Impor Pengukuran Kinerja {nama_berkas}".strip()
    try:
        with transaction.atomic(), audit.oleh(pengguna, keterangan=keterangan):
            opd_impor = _isi_urusan(opd, dari_workbook, hasil) if dari_workbook else opd
            p = _Pengimpor(
                opd=opd_impor,
                tahun=tahun,
                hasil=hasil,
                pengguna=pengguna,
                periksa_triwulan=pengguna is not None,
            )
            p.indikator(indikator)
            p.anggaran(anggaran, kode_rusak=kode_rusak)
            if not hasil.masalah:
                p.simpan_tertunda()
            if hasil.masalah or not terapkan:
                raise _Batal
            if hasil.ada_perubahan:
                # One entry for the import itself, beside each row's: the history names the file
                # and what it changed even where each row's entry is listed far apart.
                audit.catat_aksi(
                    opd,
                    aksi="pelaporan.pengukuran.impor",
                    perubahan=hasil.rincian_audit(nama_berkas=nama_berkas, tahun=tahun),
                )

    except _Batal:
        pass
    else:
        hasil.diterapkan = True
        log.info(
            "Impor Pengukuran Kinerja %s (%s %s) oleh %s: %s",
            nama_berkas or "-",
            opd,
            tahun,
            pengguna.get_username() if pengguna else "perintah",
            "; ".join(hasil.ringkasan()),
        )
        if dari_workbook:
            opd.refresh_from_db(fields=["kode_urusan", "nama_urusan"])
    hasil.masalah.sort()
    return hasil


def _isi_urusan(opd: PerangkatDaerah, urusan: str, hasil: HasilImpor) -> PerangkatDaerah:
    """Store the bidang urusan the workbook's codes share in the OPD's empty profile field.

    What a perencana expects: an OPD whose every code is 1.06 is the 1.06 OPD from now on
    (the next workbook, the export and the Renstra forms read X.XX the same way). A copy is
    saved, so the caller's object is unchanged when the import is only previewed.
    """
    salinan = PerangkatDaerah.objects.select_related("pemda").get(pk=opd.pk)
    salinan.kode_urusan = urusan
    if not salinan.nama_urusan:
        batas = PerangkatDaerah._meta.get_field("nama_urusan").max_length
        nama = nama_bidang_urusan(daftar=nomenklatur_pemda(opd.pemda_id).entri, kode=urusan)
        salinan.nama_urusan = nama[:batas]
    # Only the two fields this import writes are checked and saved: an old flaw elsewhere in the
    # profile is the profile page's to report, not a reason to fail the workbook.
    diisi = {"kode_urusan", "nama_urusan"}
    salinan.full_clean(exclude=[f.name for f in PerangkatDaerah._meta.fields if f.name not in diisi])
    salinan.save(update_fields=sorted(diisi))
    hasil.jumlah["ubah"] += 1
    tambahan = f" dan bidang urusan “{salinan.nama_urusan}”" if salinan.nama_urusan != opd.nama_urusan else ""
    hasil.perubahan.append(f"Profil OPD {opd}: kode bidang urusan kosong → {urusan}{tambahan}.")
    hasil.catatan.append(
        f"Kode X.XX (Program Penunjang) dibaca sebagai bidang urusan {urusan}, satu-satunya bidang urusan kode "
        f"lain di workbook, karena perangkat daerah ini belum mempunyai kode bidang urusan; {urusan} disimpan "
        "di profil OPD (ubah di profil OPD bila keliru)."
    )
    return salinan
