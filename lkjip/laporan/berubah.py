"""Data changed after the LKjIP was signed (issue 10 item 8): visible, never silently.

A signed LKjIP never changes (STYLE habit 8), but the data under it can: an admin may reopen a
quarter and the operator correct a realisasi. Signing stores, beside the assembled report, the
figures it was signed on (:data:`KUNCI_ANGKA` in the snapshot: the OPD's mean capaian and its
category, the budget realisation, each indicator's capaian and category). This module compares
them with the same summary the dashboards use now (:func:`pelaporan.dasbor.ringkasan_opd`), for
the report page and — through :mod:`pelaporan.dokumen`, which this app feeds — for the reopening
form and the dashboards. A report signed before these figures were stored is compared on the
mean and the budget realisation its snapshot's ``ringkasan`` holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.urls import reverse

from lkjip.angka import bulatkan
from lkjip.laporan.models import DokumenTertandatangan, LaporanKinerja, StatusLKjIP
from lkjip.laporan.rakit import Perakit
from lkjip.models import PerangkatDaerah
from pelaporan.dasbor import (
    IkhtisarOPD,
    RingkasanOPD,
    desimal_dari_teks,
    ikhtisar_pemda,
    muat_angka_indikator,
    ringkasan_opd,
    teks_desimal,
)
from pelaporan.dokumen import AngkaBerubah, DataBerubah, DokumenTerdampak, LaporanTahunan

KUNCI_ANGKA = "angka_tertandatangan"


def angka_tertandatangan(perakit: Perakit) -> dict[str, Any]:
    """The figures a report is signed on, as JSON for its snapshot (full precision, as text)."""
    p = perakit
    return {
        "sampai": p.sampai,
        "rata_rata": teks_desimal(p.rata.nilai),
        "kategori": p.pita_rata.label if p.pita_rata else "",
        "serapan": teks_desimal(p.anggaran.total.persen if p.anggaran.baris else None),
        "indikator": [
            {
                "pk": b.indikator.pk,
                "nama": b.indikator.nama,
                "capaian": teks_desimal(b.capaian.hasil.nilai),
                "kategori": b.kategori.label if b.kategori else "",
            }
            for b in p.baris
        ],
    }


@dataclass(frozen=True)
class _Tertandatangan:
    sampai: int
    rata: Decimal | None
    kategori: str
    serapan: Decimal | None
    indikator: list[dict[str, Any]] | None  # None: signed before per-indicator figures were stored
    ada_rata: bool = True  # False: the snapshot does not say (not: there was none)
    ada_serapan: bool = True


def _baca(
    angka: dict[str, Any] | None, ringkasan: dict[str, Any] | None, *, sampai: int
) -> _Tertandatangan | None:
    if angka:
        return _Tertandatangan(
            sampai=int(angka.get("sampai") or sampai),
            rata=desimal_dari_teks(angka.get("rata_rata")),
            kategori=angka.get("kategori") or "",
            serapan=desimal_dari_teks(angka.get("serapan")),
            indikator=list(angka.get("indikator") or []),
        )
    if ringkasan and ("rata_rata_angka" in ringkasan or "serapan_angka" in ringkasan):
        return _Tertandatangan(
            sampai=sampai,
            rata=desimal_dari_teks(ringkasan.get("rata_rata_angka")),
            kategori=ringkasan.get("kategori") or "",
            serapan=desimal_dari_teks(ringkasan.get("serapan_angka")),
            indikator=None,
            ada_rata="rata_rata_angka" in ringkasan,
            ada_serapan="serapan_angka" in ringkasan,
        )
    return None  # nothing to compare with


def _beda(a: Decimal | None, b: Decimal | None) -> bool:
    """Changed as printed: 2 decimals, half-up (a difference hidden by rounding is no change)."""
    return (None if a is None else bulatkan(a)) != (None if b is None else bulatkan(b))


def _bandingkan(
    t: _Tertandatangan, r: RingkasanOPD | IkhtisarOPD
) -> tuple[AngkaBerubah | None, AngkaBerubah | None, tuple]:
    kategori = r.pita.label if r.pita else ""
    rata_sekarang = r.angka.rata
    rata = (
        AngkaBerubah("Rata-rata capaian", t.rata, rata_sekarang, t.kategori, kategori)
        # The figure decides; a category that differs only because the pemda changed its scale's
        # labels or bands since signing is not "data berubah" (the row still shows both labels).
        if t.ada_rata and _beda(t.rata, rata_sekarang)
        else None
    )
    serapan = (
        AngkaBerubah("Realisasi anggaran", t.serapan, r.serapan)
        if t.ada_serapan and _beda(t.serapan, r.serapan)
        else None
    )
    if t.indikator is None:
        return rata, serapan, ()
    sekarang = {a.pk: a for a in r.angka_indikator}
    indikator = []
    for lama in t.indikator:
        a = sekarang.pop(lama["pk"], None)
        nilai = a.capaian if a else None
        label = a.kategori if a else ""
        if _beda(desimal_dari_teks(lama["capaian"]), nilai):
            indikator.append(
                AngkaBerubah(lama["nama"], desimal_dari_teks(lama["capaian"]), nilai, lama["kategori"], label)
            )
    for a in sekarang.values():  # indicators measured now that the signed report did not hold
        indikator.append(AngkaBerubah(a.nama, None, a.capaian, "", a.kategori))
    return rata, serapan, tuple(indikator)


def _data_berubah(
    laporan: LaporanKinerja,
    t: _Tertandatangan,
    r: RingkasanOPD | IkhtisarOPD,
    *,
    ditandatangani_pada: Any,
    versi_baru: LaporanKinerja | None,
) -> DataBerubah | None:
    rata, serapan, indikator = _bandingkan(t, r)
    if rata is None and serapan is None and not indikator:
        return None
    return DataBerubah(
        judul=str(laporan),
        url=reverse("lkjip_detail", args=[laporan.opd_id, laporan.pk]),
        ditandatangani_pada=ditandatangani_pada,
        rata_rata=rata,
        serapan=serapan,
        indikator=indikator,
        versi_baru_url=reverse("lkjip_detail", args=[laporan.opd_id, versi_baru.pk]) if versi_baru else "",
    )


def data_berubah(laporan: LaporanKinerja, dokumen: DokumenTertandatangan) -> DataBerubah | None:
    """The signed report's figures that differ from today's data (``None``: none differ)."""
    t = _baca(
        dokumen.snapshot.get(KUNCI_ANGKA), dokumen.snapshot.get("ringkasan"), sampai=laporan.triwulan or 4
    )
    if t is None:
        return None
    r = ringkasan_opd(laporan.opd, laporan.tahun, sampai=t.sampai)
    versi_baru = LaporanKinerja.objects.filter(menggantikan=laporan).first()
    return _data_berubah(
        laporan, t, r, ditandatangani_pada=dokumen.ditandatangani_pada, versi_baru=versi_baru
    )


def _terbaru_per_periode(daftar: Sequence[LaporanKinerja]) -> list[LaporanKinerja]:
    """The newest of each (OPD, year, quarter): the version in force."""
    terbaru: dict[tuple, LaporanKinerja] = {}
    for lap in sorted(daftar, key=lambda x: x.versi):
        terbaru[(lap.opd_id, lap.tahun, lap.triwulan)] = lap
    return list(terbaru.values())


class PenyediaLKjIP:
    """What the LKjIP tells pelaporan's screens (registered in LaporanConfig.ready)."""

    def memakai_triwulan(self, *, opd: PerangkatDaerah, tahun: int, triwulan: int) -> list[DokumenTerdampak]:
        # An annual report and every quarterly one from this quarter on are built on it.
        ditandatangani = (
            LaporanKinerja.objects.filter(opd=opd, tahun=tahun, status=StatusLKjIP.DITANDATANGANI)
            .filter(Q(triwulan__isnull=True) | Q(triwulan__gte=triwulan))
            .select_related("dokumen")
            .defer("dokumen__pdf", "dokumen__snapshot")
        )
        return [
            DokumenTerdampak(
                judul=str(lap),
                url=reverse("lkjip_detail", args=[opd.pk, lap.pk]),
                ditandatangani_pada=lap.dokumen.ditandatangani_pada,
            )
            for lap in sorted(_terbaru_per_periode(list(ditandatangani)), key=lambda x: x.triwulan or 5)
        ]

    def laporan_tahunan(
        self, *, ringkasan: Sequence[RingkasanOPD | IkhtisarOPD]
    ) -> dict[int, LaporanTahunan]:
        if not ringkasan:
            return {}
        tahun = ringkasan[0].tahun
        per_opd = {r.opd.pk: r for r in ringkasan}
        semua = list(
            LaporanKinerja.objects.filter(opd_id__in=per_opd, tahun=tahun).only(
                "pk", "opd_id", "tahun", "triwulan", "versi", "status", "menggantikan_id"
            )
        )
        penerus = {lap.menggantikan_id: lap for lap in semua if lap.menggantikan_id}
        ditandatangani = _terbaru_per_periode([x for x in semua if x.status == StatusLKjIP.DITANDATANGANI])
        dokumen = {
            d["laporan_id"]: d
            for d in DokumenTertandatangan.objects.filter(laporan__in=ditandatangani)
            .annotate(
                angka=KeyTransform(KUNCI_ANGKA, "snapshot"), ringkasan=KeyTransform("ringkasan", "snapshot")
            )
            .values("laporan_id", "ditandatangani_pada", "angka", "ringkasan")
        }
        dibaca = []
        for lap in sorted(ditandatangani, key=lambda x: x.triwulan or 5):
            d = dokumen.get(lap.pk)
            t = _baca(d["angka"], d["ringkasan"], sampai=lap.triwulan or 4) if d else None
            if t is not None:
                dibaca.append((lap, d, t))
        # A report of other quarters than the dashboard shows is compared with its own quarters'
        # figures: the stored summaries, read per quarter for every such OPD at once.
        lain: dict[int, dict[int, list[PerangkatDaerah]]] = {}
        for lap, _d, t in dibaca:
            r = per_opd[lap.opd_id]
            if r.sampai != t.sampai:
                lain.setdefault(t.sampai, {}).setdefault(r.opd.pemda_id, []).append(r.opd)
        ringkasan_lain: dict[tuple[int, int], IkhtisarOPD] = {}
        for sampai, per_pemda in lain.items():
            for daftar_opd in per_pemda.values():
                unik = list({o.pk: o for o in daftar_opd}.values())
                for i in ikhtisar_pemda(unik[0].pemda, unik, tahun, sampai=sampai, dengan_status=False):
                    ringkasan_lain[(i.opd.pk, sampai)] = i
        pilihan = [
            per_opd[lap.opd_id]
            if per_opd[lap.opd_id].sampai == t.sampai
            else ringkasan_lain[(lap.opd_id, t.sampai)]
            for lap, _d, t in dibaca
        ]
        muat_angka_indikator(
            [
                r
                for r, (_lap, _d, t) in zip(pilihan, dibaca, strict=True)
                if isinstance(r, IkhtisarOPD) and t.indikator is not None
            ]
        )
        berubah: dict[int, list[DataBerubah]] = {}
        for r, (lap, d, t) in zip(pilihan, dibaca, strict=True):
            x = _data_berubah(
                lap, t, r, ditandatangani_pada=d["ditandatangani_pada"], versi_baru=penerus.get(lap.pk)
            )
            if x is not None:
                berubah.setdefault(lap.opd_id, []).append(x)
        tahunan = {lap.opd_id: lap for lap in _terbaru_per_periode([x for x in semua if x.triwulan is None])}
        hasil = {}
        for opd_id in per_opd:
            lap = tahunan.get(opd_id)
            if lap is None and opd_id not in berubah:
                continue
            hasil[opd_id] = LaporanTahunan(
                judul=str(lap) if lap else "",
                status=lap.get_status_display() if lap else "",
                url=reverse("lkjip_detail", args=[opd_id, lap.pk]) if lap else "",
                berubah=tuple(berubah.get(opd_id, ())),
            )
        return hasil
