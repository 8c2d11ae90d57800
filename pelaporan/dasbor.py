"""The figures a dashboard shows: one OPD's year up to a quarter, and every OPD of a pemda side by side.

The LKjIP's BAB III takes its mean capaian and budget from :func:`ringkasan_opd` too, so the
dashboard a reviewer reads and the report the kepala signs can never disagree. The pemda overview
prints the same figures from the stored summaries (:class:`pelaporan.models.RingkasanTersimpan`):
:func:`angka_ringkasan` takes them from :func:`ringkasan_opd`'s result, and
:func:`ikhtisar_pemda` reads every OPD's in a fixed number of queries, computing any missing one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q

from lkjip.models import Pemda, PerangkatDaerah
from pelaporan import ringkasan_tersimpan
from pelaporan.domain.agregat import RataRataCapaian, rata_rata_capaian
from pelaporan.domain.anggaran import Anggaran as AngkaAnggaran
from pelaporan.domain.skala import Pita
from pelaporan.models import LaporanTriwulan, PerjanjianKinerja, Realisasi, RingkasanTersimpan
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

    @property
    def angka(self) -> AngkaRingkasan:
        return angka_ringkasan(self)

    @property
    def angka_indikator(self) -> list[AngkaIndikator]:
        return angka_indikator(self)


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


def tahun_data_terakhir(*, pemda: Pemda | None, opd: PerangkatDaerah | None = None, hari_ini: dt.date) -> int:
    """The year a dashboard opens on: the latest, up to this one, with a PK or a realisasi (of
    the OPD, or of any OPD of the pemda); this year when there is none. In January, before any
    PK of the new year is drafted, this year would greet every reader with an empty page."""
    if pemda is None:
        return hari_ini.year
    tahun = []
    for model in (PerjanjianKinerja, Realisasi):
        qs = model.objects.filter(opd__pemda=pemda, tahun__lte=hari_ini.year)
        qs = qs.filter(opd=opd) if opd is not None else qs
        tahun.append(qs.aggregate(t=Max("tahun"))["t"])
    return max((t for t in tahun if t), default=hari_ini.year)


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


# ------------------------------------------------------------------ the stored figures

# Bumped when the stored shape changes: an older row reads as missing and is computed again.
VERSI_ANGKA = 1


def teks_desimal(nilai: Decimal | None) -> str | None:
    """A figure as JSON text at full precision (stored summaries, a signed LKjIP's snapshot)."""
    return None if nilai is None else str(nilai)


def desimal_dari_teks(teks: object) -> Decimal | None:
    """:func:`teks_desimal` read back (an empty text is no figure)."""
    return None if teks in (None, "") else Decimal(str(teks))


@dataclass(frozen=True)
class AngkaIndikator:
    """One indicator's capaian and band label, as a signed LKjIP is compared with."""

    pk: int
    nama: str
    capaian: Decimal | None
    kategori: str


@dataclass(frozen=True)
class AngkaRingkasan:
    """What the pemda overview prints of an OPD's year up to a quarter, from :func:`ringkasan_opd`."""

    rata: Decimal | None
    jumlah_dipakai: int
    tertimbang: bool
    jumlah_indikator: int
    tanpa_data: int
    sebaran: tuple[tuple[str, int], ...]  # (band label, indicators), highest band first
    pagu: Decimal
    realisasi: Decimal
    ada_anggaran: bool
    anggaran_kosong: tuple[tuple[int, int], ...]  # (quarter, lines without realisasi)
    jumlah_baris_anggaran: int

    @property
    def serapan(self) -> Decimal | None:
        return AngkaAnggaran(pagu=self.pagu, realisasi=self.realisasi).persen if self.ada_anggaran else None

    def ke_json(self) -> dict[str, Any]:
        return {
            "versi": VERSI_ANGKA,
            "rata": teks_desimal(self.rata),
            "jumlah_dipakai": self.jumlah_dipakai,
            "tertimbang": self.tertimbang,
            "jumlah_indikator": self.jumlah_indikator,
            "tanpa_data": self.tanpa_data,
            "sebaran": [list(x) for x in self.sebaran],
            "pagu": str(self.pagu),
            "realisasi": str(self.realisasi),
            "ada_anggaran": self.ada_anggaran,
            "anggaran_kosong": [list(x) for x in self.anggaran_kosong],
            "jumlah_baris_anggaran": self.jumlah_baris_anggaran,
        }

    @classmethod
    def dari_json(cls, d: dict[str, Any]) -> AngkaRingkasan | None:
        """``None`` for a row stored in another shape (it is computed again)."""
        if not isinstance(d, dict) or d.get("versi") != VERSI_ANGKA:
            return None
        return cls(
            rata=desimal_dari_teks(d["rata"]),
            jumlah_dipakai=d["jumlah_dipakai"],
            tertimbang=d["tertimbang"],
            jumlah_indikator=d["jumlah_indikator"],
            tanpa_data=d["tanpa_data"],
            sebaran=tuple((label, n) for label, n in d["sebaran"]),
            pagu=Decimal(d["pagu"]),
            realisasi=Decimal(d["realisasi"]),
            ada_anggaran=d["ada_anggaran"],
            anggaran_kosong=tuple((t, n) for t, n in d["anggaran_kosong"]),
            jumlah_baris_anggaran=d["jumlah_baris_anggaran"],
        )


def angka_ringkasan(r: RingkasanOPD) -> AngkaRingkasan:
    """The overview's figures of a summary: nothing computed here that :func:`ringkasan_opd` did not."""
    return AngkaRingkasan(
        rata=r.rata.nilai,
        jumlah_dipakai=r.rata.jumlah_dipakai,
        tertimbang=r.rata.tertimbang,
        jumlah_indikator=len(r.baris),
        tanpa_data=r.tanpa_data,
        sebaran=tuple((s.label, s.jumlah) for s in r.sebaran),
        pagu=r.anggaran.total.pagu,
        realisasi=r.anggaran.total.realisasi,
        ada_anggaran=bool(r.anggaran.baris),
        anggaran_kosong=tuple(sorted(r.anggaran.baris_kosong.items())),
        jumlah_baris_anggaran=r.anggaran.jumlah_baris,
    )


def angka_indikator(r: RingkasanOPD) -> list[AngkaIndikator]:
    return [
        AngkaIndikator(
            b.indikator.pk, b.indikator.nama, b.capaian.hasil.nilai, b.kategori.label if b.kategori else ""
        )
        for b in r.baris
    ]


def _indikator_ke_json(daftar: list[AngkaIndikator]) -> list[list[Any]]:
    return [[a.pk, a.nama, teks_desimal(a.capaian), a.kategori] for a in daftar]


def _indikator_dari_json(data: list[list[Any]]) -> list[AngkaIndikator]:
    return [
        AngkaIndikator(pk, nama, desimal_dari_teks(capaian), kategori) for pk, nama, capaian, kategori in data
    ]


@dataclass
class IkhtisarOPD:
    """An OPD's row of the pemda overview: its stored figures, with the band of the current scale."""

    opd: PerangkatDaerah
    tahun: int
    sampai: int
    angka: AngkaRingkasan
    pita: Pita | None
    status_tw: dict[int, str] = field(default_factory=dict)
    _indikator: list[AngkaIndikator] | None = field(default=None, repr=False)

    @property
    def serapan(self) -> Decimal | None:
        return self.angka.serapan

    @property
    def anggaran(self) -> RingkasanAnggaran:
        """The budget totals without their lines (enough for the "belum diisi" warning)."""
        return RingkasanAnggaran(
            baris=[],
            total=AngkaAnggaran(pagu=self.angka.pagu, realisasi=self.angka.realisasi),
            sampai=self.sampai,
            baris_kosong=dict(self.angka.anggaran_kosong),
            jumlah_baris=self.angka.jumlah_baris_anggaran,
        )

    @property
    def angka_indikator(self) -> list[AngkaIndikator]:
        """Read on demand (a signed LKjIP to compare with); :func:`muat_angka_indikator` reads many at once."""
        if self._indikator is None:
            muat_angka_indikator([self])
        return self._indikator or []


def _baris_tersimpan(r: RingkasanOPD, angka: AngkaRingkasan, generasi: int) -> RingkasanTersimpan:
    return RingkasanTersimpan(
        opd=r.opd,
        generasi=generasi,
        tahun=r.tahun,
        sampai=r.sampai,
        angka=angka.ke_json(),
        indikator=_indikator_ke_json(angka_indikator(r)),
    )


def ikhtisar_pemda(
    pemda: Pemda,
    daftar_opd: Sequence[PerangkatDaerah],
    tahun: int,
    *,
    sampai: int,
    dengan_status: bool = True,
) -> list[IkhtisarOPD]:
    """Every OPD's overview row, in the order given: the stored figures in one query, the quarter
    statuses in another, and :func:`ringkasan_opd` (then stored) only for an OPD with none stored."""
    skala = skala_pemda(pemda)
    for o in daftar_opd:
        o.pemda = pemda  # one Pemda object for all: the scale is read once
    ids = [o.pk for o in daftar_opd]
    generasi = ringkasan_tersimpan.generasi(ids)  # before any data is read
    tersimpan: dict[int, AngkaRingkasan] = {}
    usang: list[int] = []  # stored in an older shape, or from an older generation
    for opd_id, data, gen in RingkasanTersimpan.objects.filter(
        opd_id__in=ids, tahun=tahun, sampai=sampai
    ).values_list("opd_id", "angka", "generasi"):
        angka = AngkaRingkasan.dari_json(data) if gen == generasi[opd_id] else None
        if angka is not None:
            tersimpan[opd_id] = angka
        else:
            usang.append(opd_id)
    hilang = [o for o in daftar_opd if o.pk not in tersimpan]
    if hilang:
        baru = []
        for o in hilang:
            r = ringkasan_opd(o, tahun, sampai=sampai)
            tersimpan[o.pk] = angka = angka_ringkasan(r)
            baru.append(_baris_tersimpan(r, angka, generasi[o.pk]))
        # A stale row is replaced; a row a concurrent reader just stored is kept.
        if usang:
            ringkasan_tersimpan.hapus_baris(opd_id__in=usang, tahun=tahun, sampai=sampai)
        RingkasanTersimpan.objects.bulk_create(baru, ignore_conflicts=True)
        ringkasan_tersimpan.setelah_disimpan()
    status: dict[int, dict[int, str]] = {o.pk: {} for o in daftar_opd}
    if dengan_status and ids:
        for opd_id, tw, s in LaporanTriwulan.objects.filter(opd_id__in=ids, tahun=tahun).values_list(
            "opd_id", "triwulan", "status"
        ):
            status[opd_id][tw] = s
    return [
        IkhtisarOPD(
            opd=o,
            tahun=tahun,
            sampai=sampai,
            angka=(a := tersimpan[o.pk]),
            pita=skala.kategori(a.rata) if a.rata is not None else None,
            status_tw=status[o.pk],
        )
        for o in daftar_opd
    ]


def muat_angka_indikator(daftar: Sequence[IkhtisarOPD]) -> None:
    """Fill each row's per-indicator figures in one query (computed again where none is stored)."""
    perlu = [i for i in daftar if i._indikator is None]
    if not perlu:
        return
    kunci = {(i.opd.pk, i.tahun, i.sampai): i for i in perlu}
    generasi = ringkasan_tersimpan.generasi(sorted({i.opd.pk for i in perlu}))
    q = Q(pk__in=[])
    for i in perlu:
        q |= Q(opd_id=i.opd.pk, tahun=i.tahun, sampai=i.sampai)
    for opd_id, tahun, sampai, data, gen in RingkasanTersimpan.objects.filter(q).values_list(
        "opd_id", "tahun", "sampai", "indikator", "generasi"
    ):
        if gen == generasi[opd_id]:  # an older generation's row is stale: computed below
            kunci[(opd_id, tahun, sampai)]._indikator = _indikator_dari_json(data)
    for i in perlu:
        if i._indikator is None:  # deleted or outdated by a write since the overview read it: the row's mean
            # and band are recomputed with its indicators, so the two never show two states
            r = ringkasan_opd(i.opd, i.tahun, sampai=i.sampai)
            i._indikator = angka_indikator(r)
            i.angka = angka_ringkasan(r)
            i.pita = skala_pemda(i.opd.pemda).kategori(i.angka.rata) if i.angka.rata is not None else None
