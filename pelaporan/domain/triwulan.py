"""From four quarters to a year: realisasi, capaian up to TW k, progress, target checks.

DOMAIN §5 "Quarter to year" is the rule book. The one rule that shapes everything here:
a quarter not yet reported is *not reported*, never 0. Quarterly values therefore come
as four slots where ``None`` means "not reported", and every result names the quarters
it used and the ones still missing, so the screen can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pelaporan.domain.capaian import (
    ALASAN_BELUM_ADA_DATA,
    ALASAN_RENTANG_TANPA_BATAS_ATAS,
    Arah,
    HasilCapaian,
    RumusNegatif,
    hitung_capaian,
    periksa_arah,
    sebagai_decimal,
)
from pelaporan.domain.teks import NAMA_TRIWULAN, angka_ringkas, daftar_triwulan, rentang_triwulan

__all__ = [
    "Akumulasi",
    "CapaianTriwulan",
    "ProgresTahunan",
    "RealisasiTahunan",
    "baca_akumulasi",
    "capaian_berjalan",
    "capaian_sampai_tw",
    "kurang_tanpa_target_triwulan",
    "periksa_target_triwulan",
    "progres_target_tahunan",
    "realisasi_tahunan",
]

JUMLAH_TRIWULAN = 4


class Akumulasi(StrEnum):
    """How four quarters make a year (DOMAIN §4 "cara akumulasi")."""

    KUMULATIF = "kumulatif"  # sum: people served
    NILAI_AKHIR = "nilai_akhir"  # last reported quarter: a percentage, a prevalence, a score
    RATA_RATA = "rata_rata"  # mean of the reported quarters


@dataclass(frozen=True, slots=True)
class RealisasiTahunan:
    """The year's (or up to TW ``sampai``) realisasi and which quarters it rests on."""

    nilai: Decimal | None
    sampai: int
    dilaporkan: tuple[int, ...]
    belum_dilaporkan: tuple[int, ...]
    akumulasi: Akumulasi = Akumulasi.KUMULATIF

    @property
    def lengkap(self) -> bool:
        """Every quarter up to ``sampai`` is reported."""
        return not self.belum_dilaporkan

    @property
    def kurang(self) -> tuple[int, ...]:
        """The quarters whose absence makes the figure incomplete when no quarter has a target
        of its own (the annual target is the yardstick): see :func:`kurang_tanpa_target_triwulan`."""
        return kurang_tanpa_target_triwulan(
            akumulasi=self.akumulasi, dilaporkan=self.dilaporkan, sampai=self.sampai
        )

    @property
    def dipakai(self) -> tuple[int, ...]:
        """The quarters the value rests on: the latest reported one for nilai akhir, else all reported."""
        if self.akumulasi is Akumulasi.NILAI_AKHIR:
            return self.dilaporkan[-1:]
        return self.dilaporkan


_CARA = {
    Akumulasi.KUMULATIF: "jumlah realisasi ÷ jumlah target triwulan yang sama",
    Akumulasi.NILAI_AKHIR: "nilai triwulan itu ÷ target triwulan itu",
    Akumulasi.RATA_RATA: "rata-rata realisasi ÷ rata-rata target triwulan yang sama",
}
_CARA_TAHUNAN = {
    Akumulasi.KUMULATIF: "jumlah realisasi ÷ target tahunan",
    Akumulasi.NILAI_AKHIR: "nilai triwulan itu ÷ target tahunan",
    Akumulasi.RATA_RATA: "rata-rata realisasi ÷ target tahunan",
}


def kurang_tanpa_target_triwulan(
    *, akumulasi: Akumulasi, dilaporkan: tuple[int, ...], sampai: int
) -> tuple[int, ...]:
    """Missing quarters of a period measured against the annual target (no quarterly targets).

    DOMAIN §5 asks every quarter *with a target* to be reported; here the annual target
    belongs to TW ``sampai``, so TW ``sampai`` must be reported (nilai akhir needs nothing
    else). For kumulatif and rata-rata a gap between reported quarters would silently drop
    a quarter from the sum or the mean, so every quarter 1..k must be reported, unless TW
    ``sampai`` is the only one: the period entered once, as a whole (a yearly survey, a
    past year typed in from an old report). Nothing reported: nothing missing, "belum ada data".
    """
    if not dilaporkan:
        return ()
    if akumulasi is Akumulasi.NILAI_AKHIR or dilaporkan == (sampai,):
        return () if sampai in dilaporkan else (sampai,)
    return tuple(i for i in range(1, sampai + 1) if i not in dilaporkan)


def alasan_belum_lengkap(kurang: tuple[int, ...]) -> str:
    """``(2,)`` → ``"belum lengkap: TW II belum ada data"`` (DOMAIN §5 "complete")."""
    return f"belum lengkap: {daftar_triwulan(kurang)} belum ada data"


@dataclass(frozen=True, slots=True)
class CapaianTriwulan:
    """Capaian up to TW ``sampai``: the figure (only when the period is complete) and its quarters.

    ``triwulan_dipakai`` are exactly the quarters the figure uses (nilai akhir: TW
    ``sampai`` alone). ``kurang`` are the quarters whose absence makes the period
    incomplete (DOMAIN §5: "every quarter 1..k that has a target is reported"; nilai akhir:
    TW k itself); then ``hasil`` has no value and its reason names them, and ``sementara``
    holds the partial figure over ``triwulan_sementara`` that a screen may show, labelled,
    never rated. ``belum_dilaporkan`` lists every quarter 1..k not reported (informative).
    """

    hasil: HasilCapaian
    akumulasi: Akumulasi
    sampai: int
    target: Decimal | None
    realisasi: Decimal | None
    triwulan_dipakai: tuple[int, ...]
    belum_dilaporkan: tuple[int, ...]
    tanpa_target: tuple[int, ...]
    terhadap_tahunan: bool = False
    target_atas: Decimal | None = None
    kurang: tuple[int, ...] = ()
    sementara: HasilCapaian | None = None
    triwulan_sementara: tuple[int, ...] = ()

    @property
    def lengkap(self) -> bool:
        """Whether the period is complete (a figure may still be missing for another reason)."""
        return not self.kurang

    @property
    def label_sementara(self) -> str:
        """``"sementara (TW I, TW III)"``; ``""`` when there is no partial figure."""
        if self.sementara is None or self.sementara.nilai is None:
            return ""
        return f"sementara ({daftar_triwulan(self.triwulan_sementara)})"

    @property
    def catatan_belum(self) -> str | None:
        """The quarters not reported that the figure did without ("Belum dilaporkan: TW I."), or None.
        For nilai akhir only TW k counts: earlier gaps do not touch the figure."""
        lain = tuple(t for t in self.belum_dilaporkan if t not in self.kurang)
        if lain and self.akumulasi is not Akumulasi.NILAI_AKHIR:
            return f"Belum dilaporkan: {daftar_triwulan(lain)}."
        return None

    @property
    def keterangan(self) -> str:
        """The method and the gaps in one Indonesian sentence, for under the figure."""
        cara = (_CARA_TAHUNAN if self.terhadap_tahunan else _CARA)[self.akumulasi]
        teks = f"Capaian s/d TW {NAMA_TRIWULAN[self.sampai - 1]}"
        if self.kurang:
            teks += f" {alasan_belum_lengkap(self.kurang)}."
            if self.label_sementara:
                teks += (
                    f" Angka sementara dihitung dari {daftar_triwulan(self.triwulan_sementara)} "
                    f"({cara}) dan tidak dinilai."
                )
        elif self.triwulan_dipakai:
            teks += f" dihitung dari {daftar_triwulan(self.triwulan_dipakai)} ({cara})."
            if self.terhadap_tahunan:
                teks += " Target triwulan (rencana aksi) tidak tersedia, maka target tahunan yang dipakai."
        else:
            teks += ": belum ada triwulan yang dapat dihitung."
        if self.catatan_belum:
            teks += f" {self.catatan_belum}"
        if self.tanpa_target:
            teks += f" Tanpa target: {daftar_triwulan(self.tanpa_target)}."
        return teks


@dataclass(frozen=True, slots=True)
class ProgresTahunan:
    """Mid-year progress of a kumulatif indicator toward the annual target (not a capaian)."""

    nilai: Decimal | None
    label: str
    rumus: str
    alasan: str | None
    belum_dilaporkan: tuple[int, ...]


def _empat(nilai: Sequence[Decimal | None], *, nama: str) -> tuple[Decimal | None, ...]:
    if len(nilai) != JUMLAH_TRIWULAN:
        raise ValueError(f"{nama} harus berisi 4 triwulan (TW I–IV), bukan {len(nilai)}.")
    return tuple(sebagai_decimal(v, nama=nama) for v in nilai)


def _periksa_sampai(sampai: int) -> None:
    if not 1 <= sampai <= JUMLAH_TRIWULAN:
        raise ValueError(f"Triwulan harus 1 sampai 4, bukan {sampai}.")


def baca_akumulasi(akumulasi: Akumulasi | str) -> Akumulasi:
    """The enum from a stored value; an unknown value is an error in Indonesian."""
    try:
        return Akumulasi(akumulasi)
    except ValueError:
        raise ValueError(f"Cara akumulasi tidak dikenal: {akumulasi!r}.") from None


def _gabung(akumulasi: Akumulasi, nilai: Sequence[Decimal]) -> Decimal:
    if akumulasi is Akumulasi.KUMULATIF:
        return sum(nilai, Decimal(0))
    if akumulasi is Akumulasi.NILAI_AKHIR:
        return nilai[-1]
    return sum(nilai, Decimal(0)) / len(nilai)


def realisasi_tahunan(
    *, akumulasi: Akumulasi | str, realisasi: Sequence[Decimal | None], sampai: int = 4
) -> RealisasiTahunan:
    """The year's realisasi from its quarters (DOMAIN §5 "Quarter to year").

    kumulatif: the sum of the reported quarters; nilai akhir: the latest reported
    quarter's value; rata-rata: the mean of the reported quarters. Quarters after
    ``sampai`` are ignored (the state at TW ``sampai``); a missing quarter counts as
    missing, never as 0, and is listed. No quarter reported: no value.
    """
    _periksa_sampai(sampai)
    cara = baca_akumulasi(akumulasi)
    nilai_tw = _empat(realisasi, nama="Realisasi triwulan")[:sampai]
    dilaporkan = tuple(i for i, v in enumerate(nilai_tw, start=1) if v is not None)
    belum = tuple(i for i, v in enumerate(nilai_tw, start=1) if v is None)
    if not dilaporkan:
        return RealisasiTahunan(
            nilai=None, sampai=sampai, dilaporkan=(), belum_dilaporkan=belum, akumulasi=cara
        )
    angka = [v for v in nilai_tw if v is not None]
    return RealisasiTahunan(
        nilai=_gabung(cara, angka),
        sampai=sampai,
        dilaporkan=dilaporkan,
        belum_dilaporkan=belum,
        akumulasi=cara,
    )


def _target_rentang(
    cara: Akumulasi,
    dipakai: tuple[int, ...],
    target: tuple[Decimal | None, ...],
    atas: tuple[Decimal | None, ...] | None,
) -> tuple[Decimal | None, Decimal | None, bool]:
    """(T or a, b, ok) over the quarters used: a range combines bound by bound; a range
    needs an upper bound in every quarter it combines (ok is False when one lacks it)."""
    t = _gabung(cara, [v for i in dipakai if (v := target[i - 1]) is not None])
    if atas is None:
        return t, None, True
    batas = [v for i in dipakai if (v := atas[i - 1]) is not None]
    if not batas:
        return t, None, True
    if len(batas) != len(dipakai):
        return t, None, False
    return t, _gabung(cara, batas), True


def _hitung(
    *,
    cara: Akumulasi,
    arah: Arah | str,
    dipakai: tuple[int, ...],
    target: tuple[Decimal | None, ...],
    atas: tuple[Decimal | None, ...] | None,
    realisasi: tuple[Decimal | None, ...],
    rumus_negatif: RumusNegatif | str,
    batas_atas: Decimal | None,
) -> tuple[HasilCapaian, Decimal, Decimal, Decimal | None]:
    t, t_atas, ok = _target_rentang(cara, dipakai, target, atas)
    r = _gabung(cara, [v for i in dipakai if (v := realisasi[i - 1]) is not None])
    if not ok:
        periksa_arah(arah)
        return HasilCapaian(None, None, ALASAN_RENTANG_TANPA_BATAS_ATAS, batas_atas=batas_atas), t, r, None
    hasil = hitung_capaian(
        arah=arah,
        target=t,
        realisasi=r,
        target_atas=t_atas,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    return hasil, t, r, t_atas


def _belum_lengkap(
    kurang: tuple[int, ...],
    sementara: HasilCapaian | None,
    dari: tuple[int, ...],
    batas_atas: Decimal | None,
    umum: dict[str, Any],
) -> CapaianTriwulan:
    """An incomplete period: no capaian, the reason naming ``kurang``, the partial figure kept."""
    return CapaianTriwulan(
        hasil=HasilCapaian(None, None, alasan_belum_lengkap(kurang), batas_atas=batas_atas),
        target=None,
        realisasi=None,
        triwulan_dipakai=(),
        kurang=kurang,
        sementara=sementara,
        triwulan_sementara=dari if sementara is not None else (),
        **umum,
    )


def capaian_sampai_tw(
    *,
    akumulasi: Akumulasi | str,
    arah: Arah | str,
    target_tw: Sequence[Decimal | None],
    realisasi_tw: Sequence[Decimal | None],
    sampai: int,
    target_atas_tw: Sequence[Decimal | None] | None = None,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas_atas: Decimal | None = None,
) -> CapaianTriwulan:
    """Capaian up to TW ``sampai`` against the quarterly targets (DOMAIN §5 "Quarter to year").

    kumulatif: Σ R ÷ Σ T over the quarters 1..k that have a target; rata-rata: the mean
    of their realisasi against the mean of their targets; nilai akhir: TW k against TW
    k's target. The figure exists only when the period is **complete**: every quarter
    1..k with a target is reported (nilai akhir: TW k itself). Otherwise there is no
    capaian, the reason names the missing quarters, and :attr:`CapaianTriwulan.sementara`
    holds the partial figure over the reported ones (nilai akhir: the latest reported
    quarter). A reported quarter without a target cannot be compared and is listed in
    ``tanpa_target``. ``target_atas_tw`` holds the upper bounds of range targets.
    """
    _periksa_sampai(sampai)
    cara = baca_akumulasi(akumulasi)
    target = _empat(target_tw, nama="Target triwulan")
    realisasi = _empat(realisasi_tw, nama="Realisasi triwulan")
    atas = _empat(target_atas_tw, nama="Batas atas target triwulan") if target_atas_tw is not None else None
    kuartal = range(1, sampai + 1)
    belum = tuple(i for i in kuartal if realisasi[i - 1] is None)
    dilaporkan = tuple(i for i in kuartal if realisasi[i - 1] is not None)
    if cara is Akumulasi.NILAI_AKHIR:
        perlu: tuple[int, ...] = (sampai,)
        terakhir = dilaporkan[-1:]
        tanpa_target = tuple(i for i in terakhir if target[i - 1] is None)
        sementara_dari = tuple(i for i in terakhir if target[i - 1] is not None)
    else:
        perlu = tuple(i for i in kuartal if target[i - 1] is not None)
        tanpa_target = tuple(i for i in dilaporkan if target[i - 1] is None)
        sementara_dari = tuple(i for i in perlu if realisasi[i - 1] is not None)
    kurang = tuple(i for i in perlu if realisasi[i - 1] is None) if dilaporkan else ()
    umum = {
        "akumulasi": cara,
        "sampai": sampai,
        "belum_dilaporkan": belum,
        "tanpa_target": tanpa_target,
    }
    hitung = {
        "cara": cara,
        "arah": arah,
        "target": target,
        "atas": atas,
        "realisasi": realisasi,
        "rumus_negatif": rumus_negatif,
        "batas_atas": batas_atas,
    }
    if kurang:
        sementara = None
        if sementara_dari:
            sementara = _hitung(dipakai=sementara_dari, **hitung)[0]
        periksa_arah(arah)
        return _belum_lengkap(kurang, sementara, sementara_dari, batas_atas, umum)
    dipakai = tuple(i for i in perlu if realisasi[i - 1] is not None and target[i - 1] is not None)
    if not dipakai:
        # Through hitung_capaian so the reason reads as everywhere else ("belum ada data",
        # or a realisasi with no target to compare it with) and an unknown arah still fails.
        r_tanpa_target = realisasi[tanpa_target[-1] - 1] if tanpa_target else None
        return CapaianTriwulan(
            hasil=hitung_capaian(arah=arah, target=None, realisasi=r_tanpa_target, batas_atas=batas_atas),
            target=None,
            realisasi=None,
            triwulan_dipakai=(),
            **umum,
        )
    hasil, t, r, t_atas = _hitung(dipakai=dipakai, **hitung)
    return CapaianTriwulan(
        hasil=hasil, target=t, realisasi=r, target_atas=t_atas, triwulan_dipakai=dipakai, **umum
    )


def progres_target_tahunan(
    *,
    akumulasi: Akumulasi | str,
    target_tahunan: Decimal | None,
    realisasi_tw: Sequence[Decimal | None],
    sampai: int = 4,
) -> ProgresTahunan:
    """Progress of a kumulatif indicator: Σ R reported up to TW k ÷ annual T × 100.

    DOMAIN §5: mid-year this "is shown as progress, labelled so, not as the year's
    capaian"; the label says it. Only kumulatif indicators have it (for nilai akhir and
    rata-rata the latest or mean value already speaks to the annual target).
    """
    if baca_akumulasi(akumulasi) is not Akumulasi.KUMULATIF:
        raise ValueError("Progres terhadap target tahunan hanya berlaku untuk indikator kumulatif.")
    tahunan = realisasi_tahunan(akumulasi=akumulasi, realisasi=realisasi_tw, sampai=sampai)
    t = sebagai_decimal(target_tahunan, nama="Target tahunan")
    label = f"Progres terhadap target tahunan s/d TW {NAMA_TRIWULAN[sampai - 1]} (bukan capaian tahunan)"
    r = tahunan.nilai
    if r is None or t is None or t <= 0:
        if r is None:
            alasan = ALASAN_BELUM_ADA_DATA
        elif t is None:
            alasan = "target tahunan belum ditetapkan"
        else:
            alasan = "target tahunan 0 atau negatif: progres tidak dapat dihitung"
        return ProgresTahunan(
            nilai=None, label=label, rumus="", alasan=alasan, belum_dilaporkan=tahunan.belum_dilaporkan
        )
    return ProgresTahunan(
        nilai=r / t * 100,
        label=label,
        rumus=f"{angka_ringkas(r)} ÷ {angka_ringkas(t)} × 100",
        alasan=None,
        belum_dilaporkan=tahunan.belum_dilaporkan,
    )


def periksa_target_triwulan(
    *,
    akumulasi: Akumulasi | str,
    target_tahunan: Decimal | None,
    target_tw: Sequence[Decimal | None],
) -> list[str]:
    """Warnings (Indonesian, naming the numbers) when quarterly targets do not fit the year.

    DOMAIN §5: kumulatif — the four quarterly targets must add up to the annual target;
    nilai akhir — the TW IV target must equal it. For rata-rata (DOMAIN is silent) the
    same idea applies: the mean of the four must equal it. An empty quarter is reported
    as empty; the totals are checked only when all four are filled.
    """
    cara = baca_akumulasi(akumulasi)
    target = _empat(target_tw, nama="Target triwulan")
    tahunan = sebagai_decimal(target_tahunan, nama="Target tahunan")
    peringatan = [f"Target TW {NAMA_TRIWULAN[i]} belum diisi." for i, v in enumerate(target) if v is None]
    if tahunan is None:
        return ["Target tahunan belum diisi.", *peringatan]
    if peringatan:
        return peringatan
    lengkap = [v for v in target if v is not None]
    semua = rentang_triwulan(awal=1, akhir=JUMLAH_TRIWULAN)
    if cara is Akumulasi.KUMULATIF:
        jumlah = sum(lengkap, Decimal(0))
        if jumlah != tahunan:
            peringatan.append(
                f"Jumlah target {semua} ({angka_ringkas(jumlah)}) tidak sama dengan "
                f"target tahunan ({angka_ringkas(tahunan)})."
            )
    elif cara is Akumulasi.NILAI_AKHIR:
        if lengkap[-1] != tahunan:
            peringatan.append(
                f"Target TW IV ({angka_ringkas(lengkap[-1])}) tidak sama dengan "
                f"target tahunan ({angka_ringkas(tahunan)})."
            )
    else:
        rata = sum(lengkap, Decimal(0)) / JUMLAH_TRIWULAN
        if rata != tahunan:
            peringatan.append(
                f"Rata-rata target {semua} ({angka_ringkas(rata)}) tidak sama dengan "
                f"target tahunan ({angka_ringkas(tahunan)})."
            )
    return peringatan


def capaian_berjalan(
    *,
    akumulasi: Akumulasi | str,
    arah: Arah | str,
    target_tahunan: Decimal | None,
    target_tw: Sequence[Decimal | None],
    realisasi_tw: Sequence[Decimal | None],
    sampai: int,
    target_atas_tahunan: Decimal | None = None,
    target_atas_tw: Sequence[Decimal | None] | None = None,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas_atas: Decimal | None = None,
) -> CapaianTriwulan:
    """The capaian a screen or report shows for an indicator at TW ``sampai`` (DOMAIN §5).

    With quarterly targets (rencana aksi): :func:`capaian_sampai_tw`, including its
    refusal of an incomplete period. Where the quarterly targets are missing, the annual
    target is the yardstick, but only when it is fair: at TW IV for every cara akumulasi
    (the year's realisasi against the year's target), and mid-year only for nilai akhir
    and rata-rata (a percentage reached so far speaks to the annual target). Against the
    annual target the period is complete when TW k is reported (nilai akhir) or every
    quarter 1..k is (kumulatif, rata-rata: no quarter has a target of its own, so each
    one counts). A kumulatif indicator mid-year without quarterly targets has no capaian:
    its figure is progress toward the annual target (:func:`progres_target_tahunan`).
    """
    tw = capaian_sampai_tw(
        akumulasi=akumulasi,
        arah=arah,
        target_tw=target_tw,
        realisasi_tw=realisasi_tw,
        sampai=sampai,
        target_atas_tw=target_atas_tw,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    if tw.kurang or (tw.triwulan_dipakai and not tw.tanpa_target):
        return tw
    cara = baca_akumulasi(akumulasi)
    t = sebagai_decimal(target_tahunan, nama="Target tahunan")
    if t is None or (cara is Akumulasi.KUMULATIF and sampai < JUMLAH_TRIWULAN):
        return tw
    tahunan = realisasi_tahunan(akumulasi=cara, realisasi=realisasi_tw, sampai=sampai)
    if tahunan.nilai is None:
        return tw
    hasil = hitung_capaian(
        arah=arah,
        target=t,
        realisasi=tahunan.nilai,
        target_atas=target_atas_tahunan,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    umum = {
        "akumulasi": cara,
        "sampai": sampai,
        "belum_dilaporkan": tahunan.belum_dilaporkan,
        "tanpa_target": (),
        "terhadap_tahunan": True,
    }
    kurang = tahunan.kurang
    if kurang:
        return _belum_lengkap(kurang, hasil, tahunan.dipakai, batas_atas, umum)
    return CapaianTriwulan(
        hasil=hasil,
        target=t,
        realisasi=tahunan.nilai,
        target_atas=target_atas_tahunan,
        triwulan_dipakai=tahunan.dipakai,
        **umum,
    )
