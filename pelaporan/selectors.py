"""Reads of the execution data. Each takes its scope (the OPD, the year) as an argument and
runs a fixed number of queries; every figure comes from pelaporan.domain."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from lkjip.lencana import KELAS_GELAP, KELAS_INFO, KELAS_TERANG, Lencana
from lkjip.models import Pemda, Pengguna, Peran, PerangkatDaerah
from pelaporan.domain import (
    Anggaran as AngkaAnggaran,
)
from pelaporan.domain import (
    CapaianTriwulan,
    Pita,
    Skala,
    ambil_skala,
    capaian_berjalan,
    jumlah_anggaran,
    predikat,
    progres_target_tahunan,
    realisasi_tahunan,
    skala_dari_data,
)
from pelaporan.domain.kode import kunci_urut_kode
from pelaporan.domain.teks import NAMA_TRIWULAN
from pelaporan.domain.triwulan import Akumulasi, ProgresTahunan
from pelaporan.models import (
    Anggaran,
    ButirPK,
    JenjangPK,
    LaporanTriwulan,
    PembukaanKembali,
    PeriodeTriwulan,
    PerjanjianKinerja,
    Realisasi,
    RealisasiAnggaran,
    RealisasiKomponen,
    StatusLaporan,
    StatusPK,
    TargetTriwulan,
    lencana_laporan_tw,
)
from renstra.models import Indikator, JenisTarget, KomponenIndikator, TargetIndikator

NAMA_TW = NAMA_TRIWULAN  # "I" … "IV"


def skala_pemda(pemda: Pemda) -> Skala:
    """The rating scale the pemda chose (DOMAIN §6): its own bands and labels when it set them
    (validated by the domain when saved, and again here), else the preset."""
    if pemda.skala_sendiri:
        return skala_dari_data(nama=pemda.nama_skala_sendiri or pemda.nama, pita=pemda.skala_sendiri)
    return ambil_skala(kunci=pemda.skala)


# ------------------------------------------------------------------ PK


def pk_opd(opd: PerangkatDaerah, tahun: int | None = None) -> QuerySet[PerjanjianKinerja]:
    qs = PerjanjianKinerja.objects.filter(opd=opd).select_related("unit_kerja", "pihak_pertama", "induk")
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "jenjang", "unit_kerja__urutan", "versi")


def pk_berlaku(opd: PerangkatDaerah, tahun: int) -> list[PerjanjianKinerja]:
    """Per jabatan, the PK in force: its latest signed version, or its latest draft before any signing."""
    per_jabatan: dict[tuple[str, int | None], list[PerjanjianKinerja]] = defaultdict(list)
    for pk in (
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).select_related("unit_kerja").order_by("versi")
    ):
        per_jabatan[(pk.jenjang, pk.unit_kerja_id)].append(pk)
    hasil = []
    for versi in per_jabatan.values():
        ditandatangani = [p for p in versi if p.status == StatusPK.DITANDATANGANI]
        hasil.append(ditandatangani[-1] if ditandatangani else versi[-1])
    return sorted(
        hasil, key=lambda p: (JenjangPK.tingkat(p.jenjang), p.unit_kerja.urutan if p.unit_kerja_id else 0)
    )


@dataclass
class IndikatorPK:
    """An indicator the OPD reports on in a year, with the PK target that measures it."""

    indikator: Indikator
    butir: ButirPK | None  # None for a Renstra program indicator measured beside the PK
    kinerja: str
    target: Decimal | None
    target_atas: Decimal | None

    @property
    def dari_pk(self) -> bool:
        return self.butir is not None


def indikator_pk(opd: PerangkatDaerah, tahun: int) -> list[IndikatorPK]:
    """Every indicator in the OPD's PKs in force, once, with the target of the highest PK that has it."""
    berlaku = pk_berlaku(opd, tahun)
    urut = {p.pk: i for i, p in enumerate(berlaku)}
    butir = (
        ButirPK.objects.filter(perjanjian__in=berlaku)
        .select_related(
            "indikator",
            "indikator__renstra",
            "indikator__sasaran",
            "indikator__program",
            "indikator__kegiatan",
            "indikator__sub_kegiatan",
            "indikator__tujuan",
        )
        .order_by("urutan", "id")
    )
    hasil: dict[int, IndikatorPK] = {}
    for b in sorted(butir, key=lambda b: (urut[b.perjanjian_id], b.urutan, b.pk)):
        if b.indikator_id in hasil:
            continue
        kinerja = b.kinerja or b.indikator.uraian_induk
        hasil[b.indikator_id] = IndikatorPK(b.indikator, b, kinerja, b.target, b.target_atas)
    return list(hasil.values())


# The target version that counts for a year, latest plan first (DOMAIN §4: versions are explicit).
_URUTAN_VERSI = [JenisTarget.RENJA_PERUBAHAN, JenisTarget.RENJA, JenisTarget.RENSTRA]


def indikator_program(
    opd: PerangkatDaerah, tahun: int, *, pk: list[IndikatorPK] | None = None
) -> list[IndikatorPK]:
    """The Renstra's program indicators with a target for the year, beside the PK (DOMAIN §7, BAB III's
    program analysis): from the Renstra the year's PK indicators come from, minus those a PK already
    holds. Their realisasi is entered on the same quarterly screens; they never enter the OPD's mean."""
    pk = indikator_pk(opd, tahun) if pk is None else pk
    renstra = {d.indikator.renstra_id for d in pk}
    if not renstra:
        return []
    sudah = {d.indikator.pk for d in pk}
    daftar = (
        Indikator.objects.filter(renstra_id__in=renstra, program__isnull=False)
        .exclude(pk__in=sudah)
        .select_related("renstra", "program", "sasaran", "kegiatan", "sub_kegiatan", "tujuan")
        .order_by("program__kode", "program__urutan", "urutan", "pk")
    )
    daftar = [i for i in daftar if i.berlaku_pada(tahun)]
    if not daftar:
        return []
    target: dict[int, dict[str, TargetIndikator]] = defaultdict(dict)
    for t in TargetIndikator.objects.filter(indikator__in=daftar, tahun=tahun):
        target[t.indikator_id][t.jenis] = t
    hasil = []
    for i in daftar:
        versi = next((target[i.pk][j] for j in _URUTAN_VERSI if j in target[i.pk]), None)
        if versi is None:
            continue  # no target this year: nothing to measure
        hasil.append(IndikatorPK(i, None, i.program.nama, versi.nilai, versi.nilai_atas))
    return hasil


def indikator_diukur(opd: PerangkatDaerah, tahun: int) -> list[IndikatorPK]:
    """What the quarterly screens take realisasi for: the PK indicators, then the program indicators."""
    pk = indikator_pk(opd, tahun)
    return [*pk, *indikator_program(opd, tahun, pk=pk)]


# ------------------------------------------------------------------ periods and status


@dataclass(frozen=True)
class CatatanTriwulan:
    """Why a quarter came back to the operator, labelled with whose words they are."""

    judul: str
    isi: str
    oleh: str
    pada: dt.datetime | None


@dataclass(frozen=True)
class StatusTriwulan:
    tahun: int
    triwulan: int
    terbuka: bool
    alasan: str
    periode: PeriodeTriwulan | None
    pembukaan: PembukaanKembali | None
    laporan: LaporanTriwulan | None
    # Past its deadline and not reopened (not open *yet* is ``not terbuka and not ditutup``).
    ditutup: bool = False
    # The admin's reopening that returned a submitted or approved report to the operator.
    pembukaan_admin: PembukaanKembali | None = None

    @property
    def status_laporan(self) -> str:
        return self.laporan.status if self.laporan else StatusLaporan.DRAFT

    @property
    def lencana(self) -> Lencana:
        """The quarter's badge, agreeing with ``alasan``: a closed quarter never reads "Sedang diisi"."""
        status = self.status_laporan
        if status in (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI):
            return lencana_laporan_tw(status)
        if not self.terbuka:
            return Lencana("Ditutup", KELAS_GELAP) if self.ditutup else Lencana("Belum dibuka", KELAS_TERANG)
        if status == StatusLaporan.DIKEMBALIKAN:
            return lencana_laporan_tw(status)
        if self.pembukaan is not None:
            return Lencana("Dibuka kembali", KELAS_INFO)
        return lencana_laporan_tw(StatusLaporan.DRAFT)

    @property
    def label_laporan(self) -> str:
        return self.lencana.label

    @property
    def catatan(self) -> CatatanTriwulan | None:
        """The note a returned quarter carries: the admin's reason for reopening it, or the kepala's."""
        lap = self.laporan
        if lap is None or lap.status != StatusLaporan.DIKEMBALIKAN:
            return None
        if (b := self.pembukaan_admin) is not None:
            return CatatanTriwulan(
                "Alasan pembukaan kembali oleh admin", b.alasan, _nama(b.dibuka_oleh), b.dibuka_pada
            )
        if lap.catatan:
            return CatatanTriwulan(
                "Catatan kepala", lap.catatan, _nama(lap.diputuskan_oleh), lap.diputuskan_pada
            )
        return None

    @property
    def boleh_diisi(self) -> bool:
        return self.terbuka and self.status_laporan in (StatusLaporan.DRAFT, StatusLaporan.DIKEMBALIKAN)


def _nama(pengguna: Pengguna | None) -> str:
    return (pengguna.nama or pengguna.username) if pengguna is not None else ""


def admin_pemda(pemda_id: int) -> list[Pengguna]:
    return list(
        Pengguna.objects.filter(pemda_id=pemda_id, peran=Peran.ADMIN, is_active=True).order_by("nama")
    )


def status_triwulan(opd: PerangkatDaerah, tahun: int, triwulan: int, *, hari_ini: dt.date) -> StatusTriwulan:
    """Whether the operator may still write this quarter, and why not (with who can reopen)."""
    periode = PeriodeTriwulan.objects.filter(pemda_id=opd.pemda_id, tahun=tahun, triwulan=triwulan).first()
    laporan = (
        LaporanTriwulan.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan)
        .select_related("diputuskan_oleh")
        .first()
    )
    pembukaan = pembukaan_admin = None
    ditutup = False
    nama = f"TW {NAMA_TW[triwulan - 1]} {tahun}"
    if periode is None:
        terbuka, alasan = True, f"Admin pemda belum menetapkan jadwal {nama}: pengisian terbuka."
    elif hari_ini < periode.dibuka:
        terbuka, alasan = False, f"Pengisian {nama} baru dibuka {_tgl(periode.dibuka)}."
    elif hari_ini <= periode.ditutup:
        terbuka, alasan = True, f"Pengisian {nama} terbuka sampai {_tgl(periode.ditutup)}."
    else:
        pembukaan = (
            PembukaanKembali.objects.filter(periode=periode, opd=opd, sampai__gte=hari_ini)
            .select_related("dibuka_oleh")
            .order_by("-sampai")
            .first()
        )
        if pembukaan is not None:
            terbuka, alasan = (
                True,
                f"{nama} dibuka kembali sampai {_tgl(pembukaan.sampai)} oleh "
                f"{_nama(pembukaan.dibuka_oleh)} (admin pemda). Alasan pembukaan kembali: {pembukaan.alasan}",
            )
        else:
            admin = ", ".join(a.nama or a.username for a in admin_pemda(opd.pemda_id)) or "admin pemda"
            terbuka, ditutup = False, True
            alasan = (
                f"Pengisian {nama} sudah ditutup pada {_tgl(periode.ditutup)}. "
                f"Hanya admin pemda ({admin}) yang dapat membukanya kembali."
            )
    if laporan is not None and terbuka:
        if laporan.status == StatusLaporan.DIAJUKAN:
            alasan = f"{nama} sudah diajukan ke kepala OPD dan menunggu persetujuan; data tidak dapat diubah."
        elif laporan.status == StatusLaporan.DISETUJUI:
            alasan = f"{nama} sudah disetujui kepala OPD; data terkunci."
    if laporan is not None and laporan.status == StatusLaporan.DIKEMBALIKAN and periode is not None:
        pembukaan_admin = _pembukaan_yang_mengembalikan(periode, laporan)
    return StatusTriwulan(
        tahun,
        triwulan,
        terbuka,
        alasan,
        periode,
        pembukaan,
        laporan,
        ditutup=ditutup,
        pembukaan_admin=pembukaan_admin,
    )


def _pembukaan_yang_mengembalikan(
    periode: PeriodeTriwulan, laporan: LaporanTriwulan
) -> PembukaanKembali | None:
    """The reopening that returned this report, if its last decision was one: an admin reopening a
    submitted quarter returns it (pelaporan.services.periode), recorded as decided by that admin."""
    if laporan.diputuskan_oleh_id is None or laporan.diputuskan_pada is None:
        return None
    return (
        PembukaanKembali.objects.filter(
            periode=periode,
            opd_id=laporan.opd_id,
            dibuka_oleh_id=laporan.diputuskan_oleh_id,
            dibuka_pada__lte=laporan.diputuskan_pada,
        )
        .select_related("dibuka_oleh")
        .order_by("-dibuka_pada")
        .first()
    )


def _tgl(d: dt.date) -> str:
    from lkjip.angka import format_tanggal

    return format_tanggal(d)


# ------------------------------------------------------------------ realisasi grid


@dataclass
class BarisRealisasi:
    """One indicator's row in the quarterly grid, with every computed figure."""

    indikator: Indikator
    kinerja: str
    target_tahunan: Decimal | None
    target_atas_tahunan: Decimal | None
    target_tw: list[Decimal | None]
    target_atas_tw: list[Decimal | None]
    realisasi: list[Realisasi | None]
    komponen: list[KomponenIndikator]
    realisasi_komponen: dict[int, RealisasiKomponen] = field(default_factory=dict)
    capaian: CapaianTriwulan | None = None
    kategori: Pita | None = None
    progres: ProgresTahunan | None = None
    realisasi_sd: Decimal | None = None
    peringatan_target: list[str] = field(default_factory=list)
    dari_pk: bool = True  # False: a Renstra program indicator measured beside the PK

    @property
    def nilai_tw(self) -> list[Decimal | None]:
        return [r.nilai if r is not None else None for r in self.realisasi]

    def baris_tw(self, triwulan: int) -> Realisasi | None:
        return self.realisasi[triwulan - 1]


def hitung_baris(baris: BarisRealisasi, *, sampai: int, skala: Skala, pemda: Pemda) -> None:
    """Fill the computed figures of a grid row (the one place the grid, Excel and PDF ask)."""
    i = baris.indikator
    baris.capaian = capaian_berjalan(
        akumulasi=i.akumulasi,
        arah=i.arah,
        target_tahunan=baris.target_tahunan,
        target_atas_tahunan=baris.target_atas_tahunan,
        target_tw=baris.target_tw,
        target_atas_tw=baris.target_atas_tw,
        realisasi_tw=baris.nilai_tw,
        sampai=sampai,
        rumus_negatif=pemda.rumus_negatif,
        batas_atas=pemda.batas_capaian,
    )
    baris.kategori = predikat(hasil=baris.capaian.hasil, skala=skala)
    baris.realisasi_sd = realisasi_tahunan(
        akumulasi=i.akumulasi, realisasi=baris.nilai_tw, sampai=sampai
    ).nilai
    if i.akumulasi == Akumulasi.KUMULATIF and sampai < 4:
        baris.progres = progres_target_tahunan(
            akumulasi=i.akumulasi,
            target_tahunan=baris.target_tahunan,
            realisasi_tw=baris.nilai_tw,
            sampai=sampai,
        )
    from pelaporan.domain import periksa_target_triwulan

    if any(t is not None for t in baris.target_tw):
        baris.peringatan_target = periksa_target_triwulan(
            akumulasi=i.akumulasi, target_tahunan=baris.target_tahunan, target_tw=baris.target_tw
        )


def grid_realisasi(
    opd: PerangkatDaerah, tahun: int, *, sampai: int, dengan_program: bool = False
) -> list[BarisRealisasi]:
    """The OPD's PK indicators (and, on the entry screens, the program indicators measured beside
    them) with targets, realisasi TW I–IV and capaian up to TW ``sampai``."""
    daftar = indikator_diukur(opd, tahun) if dengan_program else indikator_pk(opd, tahun)
    return baris_realisasi(opd, tahun, daftar, sampai=sampai)


def baris_realisasi(
    opd: PerangkatDaerah, tahun: int, daftar: list[IndikatorPK], *, sampai: int
) -> list[BarisRealisasi]:
    ids = [d.indikator.pk for d in daftar]
    target_tw: dict[int, dict[int, TargetTriwulan]] = defaultdict(dict)
    for t in TargetTriwulan.objects.filter(indikator_id__in=ids, tahun=tahun):
        target_tw[t.indikator_id][t.triwulan] = t
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    rows = Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun)
    for r in rows:
        realisasi[r.indikator_id][r.triwulan] = r
    komponen: dict[int, list[KomponenIndikator]] = defaultdict(list)
    for k in KomponenIndikator.objects.filter(indikator_id__in=ids).order_by("urutan", "pk"):
        komponen[k.indikator_id].append(k)
    rk: dict[int, dict[int, RealisasiKomponen]] = defaultdict(dict)
    for x in RealisasiKomponen.objects.filter(
        realisasi__in=[r for d in realisasi.values() for r in d.values()]
    ):
        rk[x.realisasi_id][x.komponen_id] = x
    skala = skala_pemda(opd.pemda)
    hasil = []
    for d in daftar:
        tw = target_tw.get(d.indikator.pk, {})
        rz = realisasi.get(d.indikator.pk, {})
        b = BarisRealisasi(
            indikator=d.indikator,
            kinerja=d.kinerja,
            target_tahunan=d.target,
            target_atas_tahunan=d.target_atas,
            target_tw=[tw[t].nilai if t in tw else None for t in range(1, 5)],
            target_atas_tw=[tw[t].nilai_atas if t in tw else None for t in range(1, 5)],
            realisasi=[rz.get(t) for t in range(1, 5)],
            komponen=komponen.get(d.indikator.pk, []),
            dari_pk=d.dari_pk,
        )
        r_sekarang = rz.get(sampai)
        if r_sekarang is not None:
            b.realisasi_komponen = rk.get(r_sekarang.pk, {})
        hitung_baris(b, sampai=sampai, skala=skala, pemda=opd.pemda)
        hasil.append(b)
    return hasil


def target_tahunan_indikator(indikator: Indikator, tahun: int) -> Decimal | None:
    """Fallback annual target when no PK states one: the Renstra's for that year."""
    t = TargetIndikator.objects.filter(indikator=indikator, tahun=tahun, jenis=JenisTarget.RENSTRA).first()
    return t.nilai if t else None


# ------------------------------------------------------------------ budgets


@dataclass
class BarisAnggaran:
    """A row of the budget table: a leaf budget line or a computed parent."""

    tingkat: str  # program, kegiatan, sub_kegiatan, lain
    kode: str
    uraian: str
    angka: AngkaAnggaran
    realisasi_tw: list[Decimal]
    anggaran: Anggaran | None = None  # set on leaves (editable rows)
    kedalaman: int = 0
    pagu_murni: Decimal | None = None


@dataclass
class RingkasanAnggaran:
    baris: list[BarisAnggaran]
    total: AngkaAnggaran
    sampai: int
    # Per quarter up to ``sampai``, how many lines have no realisasi recorded: the percentage
    # leaves them out (nothing typed is not "nothing spent"), and every screen says so.
    baris_kosong: dict[int, int] = field(default_factory=dict)
    jumlah_baris: int = 0

    @property
    def tw_kosong(self) -> list[int]:
        return sorted(self.baris_kosong)

    @property
    def teks_tw_kosong(self) -> str:
        """ "" or e.g. "Realisasi anggaran TW III (2 dari 12 baris), TW IV belum diisi"."""
        return self._teks_tw("belum diisi")

    @property
    def teks_tw_tidak_tercatat(self) -> str:
        """The same fact as a printed report states it (the screens ask for the entry instead)."""
        return self._teks_tw("tidak tercatat")

    def _teks_tw(self, keadaan: str) -> str:
        if not self.baris_kosong:
            return ""
        bagian = [
            f"TW {NAMA_TW[t - 1]}"
            + (f" ({n} dari {self.jumlah_baris} baris)" if n < self.jumlah_baris else "")
            for t, n in sorted(self.baris_kosong.items())
        ]
        return f"Realisasi anggaran {', '.join(bagian)} {keadaan}"


def anggaran_opd(opd: PerangkatDaerah, tahun: int, *, sampai: int = 4) -> RingkasanAnggaran:
    """Budget lines rolled up sub-kegiatan → kegiatan → program → OPD (DOMAIN §5), realisasi up to TW ``sampai``.

    Parents are sums of their children computed through the domain's Anggaran (weighted
    percentage, sisa); nobody types a parent's figure. A node whose only line is its own
    shows that line (no duplicate parent row). Three queries whatever the size.
    """
    daftar = list(
        Anggaran.objects.filter(opd=opd, tahun=tahun)
        .select_related(
            "program",
            "kegiatan__program",
            "sub_kegiatan__kegiatan__program",
        )
        .prefetch_related(Prefetch("realisasi", queryset=RealisasiAnggaran.objects.order_by("triwulan")))
    )
    # program pk -> {"node", "baris" (own lines), "kegiatan": {pk -> {"node", "baris", "sub": [lines]}}}
    pohon: dict[int, dict] = {}
    lain: list[BarisAnggaran] = []
    semua: list[BarisAnggaran] = []
    for a in daftar:
        tw = [Decimal(0)] * 4
        for r in a.realisasi.all():
            tw[r.triwulan - 1] = r.jumlah
        node = a.node
        sumber = f" ({a.get_sumber_dana_display()})" if a.sumber_dana != "apbd" else ""
        b = BarisAnggaran(
            tingkat=(tingkat := _tingkat(a)),
            kedalaman=_KEDALAMAN[tingkat],
            kode=(node.kode_tampil or node.kode) if node is not None else "",
            uraian=(node.nama if node is not None else a.uraian) + sumber,
            angka=AngkaAnggaran(pagu=a.pagu, realisasi=sum(tw[:sampai], Decimal(0))),
            realisasi_tw=tw,
            anggaran=a,
            pagu_murni=a.pagu_murni,
        )
        semua.append(b)
        if node is None:
            lain.append(b)
            continue
        program = a.program_induk
        p = pohon.setdefault(program.pk, {"node": program, "baris": [], "kegiatan": {}})
        if a.program_id:
            p["baris"].append(b)
            continue
        kegiatan = a.kegiatan or a.sub_kegiatan.kegiatan
        k = p["kegiatan"].setdefault(kegiatan.pk, {"node": kegiatan, "baris": [], "sub": []})
        (k["baris"] if a.kegiatan_id else k["sub"]).append(b)

    baris: list[BarisAnggaran] = []
    for p in sorted(pohon.values(), key=lambda x: _kunci_node(x["node"])):
        daun_program = list(p["baris"])
        blok_kegiatan: list[BarisAnggaran] = []
        for k in sorted(p["kegiatan"].values(), key=lambda x: _kunci_node(x["node"])):
            sub = sorted(k["sub"], key=lambda x: (kunci_urut_kode(x.kode) if x.kode else (999,), x.uraian))
            daun = k["baris"] + sub
            daun_program.extend(daun)
            if len(daun) == 1 and k["baris"]:
                blok_kegiatan.extend(k["baris"])  # the kegiatan's single own line
            else:
                blok_kegiatan.append(_total("kegiatan", k["node"], daun))
                blok_kegiatan.extend(daun)
        if len(daun_program) == 1 and p["baris"]:
            baris.extend(p["baris"])  # the program's single own line
        else:
            baris.append(_total("program", p["node"], daun_program))
            baris.extend(p["baris"])
            baris.extend(blok_kegiatan)
    baris.extend(lain)
    kosong = {
        t: n
        for t in range(1, sampai + 1)
        if (n := sum(1 for a in daftar if t not in {r.triwulan for r in a.realisasi.all()}))
    }
    return RingkasanAnggaran(
        baris=baris,
        total=jumlah_anggaran(baris=(b.angka for b in semua)),
        sampai=sampai,
        baris_kosong=kosong,
        jumlah_baris=len(daftar),
    )


_KEDALAMAN = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2, "lain": 0}


def _tingkat(a: Anggaran) -> str:
    if a.sub_kegiatan_id:
        return "sub_kegiatan"
    if a.kegiatan_id:
        return "kegiatan"
    if a.program_id:
        return "program"
    return "lain"


def _kunci_node(node: object) -> tuple:
    return (kunci_urut_kode(node.kode) if node.kode else (999,), node.nama)


def _total(tingkat: str, node: object, daun: list[BarisAnggaran]) -> BarisAnggaran:
    """A parent row: the sum of its lines, through the domain (weighted percentage, sisa)."""
    return BarisAnggaran(
        tingkat=tingkat,
        kode=node.kode_tampil or node.kode,
        uraian=node.nama,
        angka=jumlah_anggaran(baris=(x.angka for x in daun)),
        realisasi_tw=[sum((x.realisasi_tw[i] for x in daun), Decimal(0)) for i in range(4)],
        kedalaman=_KEDALAMAN[tingkat],
    )


def laporan_menunggu(opd: PerangkatDaerah) -> QuerySet[LaporanTriwulan]:
    return LaporanTriwulan.objects.filter(opd=opd, status=StatusLaporan.DIAJUKAN).order_by(
        "tahun", "triwulan"
    )


def q_pk_draft(opd: PerangkatDaerah) -> Q:
    return Q(opd=opd, status=StatusPK.DRAFT)


# ------------------------------------------------------------------ years and comparisons


def realisasi_per_tahun(
    indikator: list[Indikator], *, dari: int, sampai: int
) -> dict[int, dict[int, Decimal | None]]:
    """The year's realisasi (by cara akumulasi) of each indicator for each year in [dari, sampai]; one query.

    A year that is not complete (TW IV missing, or a gap between reported quarters of a
    kumulatif or rata-rata indicator) has none: a partial sum is not the year's figure."""
    tw: dict[tuple[int, int], list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for r in Realisasi.objects.filter(indikator__in=indikator, tahun__gte=dari, tahun__lte=sampai):
        tw[(r.indikator_id, r.tahun)][r.triwulan - 1] = r.nilai
    hasil: dict[int, dict[int, Decimal | None]] = {}
    for i in indikator:
        hasil[i.pk] = {}
        for t in range(dari, sampai + 1):
            tahunan = realisasi_tahunan(akumulasi=i.akumulasi, realisasi=tw[(i.pk, t)], sampai=4)
            # An incomplete year (DOMAIN §5) has no year's realisasi to compare with.
            hasil[i.pk][t] = None if tahunan.kurang else tahunan.nilai
    return hasil


def target_per_tahun(
    opd: PerangkatDaerah, indikator: list[Indikator], tahun: int
) -> dict[int, Decimal | None]:
    """Each indicator's target for a year: the PK in force that year, else the Renstra's."""
    pk = {d.indikator.pk: d.target for d in indikator_pk(opd, tahun)}
    renstra = {
        t.indikator_id: t.nilai
        for t in TargetIndikator.objects.filter(
            indikator__in=indikator, tahun=tahun, jenis=JenisTarget.RENSTRA
        )
    }
    return {i.pk: pk.get(i.pk, renstra.get(i.pk)) for i in indikator}
