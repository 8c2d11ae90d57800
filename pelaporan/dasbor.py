"""The figures a dashboard shows: one OPD's year up to a quarter, and every OPD of a pemda side by side.

The LKjIP's BAB III takes its mean capaian and budget from :func:`ringkasan_opd` too, so the
dashboard a reviewer reads and the report the kepala signs can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from lkjip.models import Pemda, PerangkatDaerah
from pelaporan.domain.agregat import RataRataCapaian, rata_rata_capaian
from pelaporan.domain.skala import Pita
from pelaporan.models import LaporanTriwulan, PerjanjianKinerja, Realisasi
from pelaporan.selectors import (
    BarisRealisasi,
    RingkasanAnggaran,
    anggaran_opd,
    grid_realisasi,
    skala_pemda,
)


@dataclass
class SebaranKategori:
    label: str
    warna: str
    jumlah: int


@dataclass
class RingkasanOPD:
    opd: PerangkatDaerah
    tahun: int
    sampai: int
    baris: list[BarisRealisasi]
    rata: RataRataCapaian
    pita: Pita | None
    anggaran: RingkasanAnggaran
    sebaran: list[SebaranKategori] = field(default_factory=list)
    tanpa_data: int = 0
    status_tw: dict[int, str] = field(default_factory=dict)

    @property
    def serapan(self) -> Decimal | None:
        return self.anggaran.total.persen if self.anggaran.baris else None


def ringkasan_opd(
    opd: PerangkatDaerah, tahun: int, *, sampai: int, dengan_status: bool = False
) -> RingkasanOPD:
    """Mean capaian (with its band), budget absorption and the spread over the bands, up to TW ``sampai``."""
    pemda = opd.pemda
    skala = skala_pemda(pemda)
    baris = grid_realisasi(opd, tahun, sampai=sampai)
    rata = rata_rata_capaian(
        nilai=[(b.indikator.pk, b.capaian.hasil) for b in baris], batas_atas=pemda.batas_capaian
    )
    hitung: dict[str, int] = {p.label: 0 for p in skala.pita}
    for b in baris:
        if b.kategori is not None:
            hitung[b.kategori.label] += 1
    sebaran = [SebaranKategori(p.label, p.warna, hitung[p.label]) for p in reversed(skala.pita)]
    hasil = RingkasanOPD(
        opd=opd,
        tahun=tahun,
        sampai=sampai,
        baris=baris,
        rata=rata,
        pita=skala.kategori(rata.nilai) if rata.nilai is not None else None,
        anggaran=anggaran_opd(opd, tahun, sampai=sampai),
        sebaran=sebaran,
        tanpa_data=sum(1 for b in baris if b.kategori is None),
    )
    if dengan_status:
        hasil.status_tw = dict(
            LaporanTriwulan.objects.filter(opd=opd, tahun=tahun).values_list("triwulan", "status")
        )
    return hasil


def triwulan_terakhir(
    tahun: int, *, hari_ini: dt.date, opd: PerangkatDaerah | None = None, pemda: Pemda | None = None
) -> int:
    """The quarter a dashboard opens on: TW IV for a past year; this year, the last quarter with
    realisasi (of the OPD, or of any OPD of the pemda), else TW I."""
    if tahun < hari_ini.year:
        return 4
    qs = Realisasi.objects.filter(tahun=tahun)
    if opd is not None:
        qs = qs.filter(opd=opd)
    elif pemda is not None:
        qs = qs.filter(opd__pemda=pemda)
    return max(qs.values_list("triwulan", flat=True).distinct(), default=1)


def tahun_tersedia(*, pemda: Pemda, opd: PerangkatDaerah | None = None, hari_ini: dt.date) -> list[int]:
    """Years that have a PK (of the OPD, or of any OPD of the pemda), newest first, with this year."""
    qs = PerjanjianKinerja.objects.filter(opd__pemda=pemda)
    qs = qs.filter(opd=opd) if opd is not None else qs
    return sorted(set(qs.values_list("tahun", flat=True)) | {hari_ini.year}, reverse=True)


@dataclass
class TitikTren:
    tahun: int
    rata: Decimal | None
    pita: Pita | None
    serapan: Decimal | None
    jumlah_indikator: int


def tren_opd(
    opd: PerangkatDaerah, daftar_tahun: list[int], *, sudah: RingkasanOPD | None = None
) -> list[TitikTren]:
    """Mean capaian and budget absorption of each full year (TW IV), oldest first; ``sudah`` is a
    summary the caller already computed (reused when it is a full year in the list)."""
    hasil = []
    for t in sorted(daftar_tahun):
        if sudah is not None and sudah.tahun == t and sudah.sampai == 4:
            r = sudah
        else:
            r = ringkasan_opd(opd, t, sampai=4)
        if r.baris or r.anggaran.baris:
            hasil.append(TitikTren(t, r.rata.nilai, r.pita, r.serapan, len(r.baris)))
    return hasil


def ringkasan_pemda(
    pemda: Pemda, daftar_opd: list[PerangkatDaerah], tahun: int, *, sampai: int
) -> list[RingkasanOPD]:
    """Every OPD's summary for the pemda overview, in the order given."""
    for o in daftar_opd:
        o.pemda = pemda  # one Pemda object for all: the scale is read once per OPD from memory
    return [ringkasan_opd(o, tahun, sampai=sampai, dengan_status=True) for o in daftar_opd]
