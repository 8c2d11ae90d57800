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

from pelaporan.domain.capaian import (
    ALASAN_BELUM_ADA_DATA,
    Arah,
    HasilCapaian,
    RumusNegatif,
    hitung_capaian,
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

    @property
    def lengkap(self) -> bool:
        """Every quarter up to ``sampai`` is reported."""
        return not self.belum_dilaporkan


@dataclass(frozen=True, slots=True)
class CapaianTriwulan:
    """Capaian up to TW ``sampai`` with the quarters used, missing, or without a target."""

    hasil: HasilCapaian
    akumulasi: Akumulasi
    sampai: int
    target: Decimal | None
    realisasi: Decimal | None
    triwulan_dipakai: tuple[int, ...]
    belum_dilaporkan: tuple[int, ...]
    tanpa_target: tuple[int, ...]
    terhadap_tahunan: bool = False

    @property
    def keterangan(self) -> str:
        """The method and the gaps in one Indonesian sentence, for under the figure."""
        cara = {
            Akumulasi.KUMULATIF: "jumlah realisasi ÷ jumlah target triwulan yang sama",
            Akumulasi.NILAI_AKHIR: "nilai triwulan terakhir yang dilaporkan ÷ target triwulan itu",
            Akumulasi.RATA_RATA: "rata-rata realisasi ÷ rata-rata target triwulan yang sama",
        }[self.akumulasi]
        if self.terhadap_tahunan:
            cara = {
                Akumulasi.KUMULATIF: "jumlah realisasi ÷ target tahunan",
                Akumulasi.NILAI_AKHIR: "nilai triwulan terakhir yang dilaporkan ÷ target tahunan",
                Akumulasi.RATA_RATA: "rata-rata realisasi ÷ target tahunan",
            }[self.akumulasi]
        teks = f"Capaian s/d TW {NAMA_TRIWULAN[self.sampai - 1]}"
        if self.triwulan_dipakai:
            teks += f" dihitung dari {daftar_triwulan(self.triwulan_dipakai)} ({cara})."
            if self.terhadap_tahunan:
                teks += " Target triwulan (rencana aksi) tidak tersedia, maka target tahunan yang dipakai."
        else:
            teks += ": belum ada triwulan yang dapat dihitung."
        if self.belum_dilaporkan:
            teks += f" Belum dilaporkan: {daftar_triwulan(self.belum_dilaporkan)}."
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
        return RealisasiTahunan(nilai=None, sampai=sampai, dilaporkan=(), belum_dilaporkan=belum)
    angka = [v for v in nilai_tw if v is not None]
    return RealisasiTahunan(
        nilai=_gabung(cara, angka), sampai=sampai, dilaporkan=dilaporkan, belum_dilaporkan=belum
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
    """Capaian up to TW ``sampai`` from the quarters reported so far (DOMAIN §5).

    kumulatif: Σ R ÷ Σ T over the reported quarters 1..k, each with its own target (a
    missing quarter and its target both stay out); nilai akhir: the latest reported
    quarter against that quarter's target; rata-rata: the mean of the reported quarters
    against the mean of their targets. The formula of the indicator's ``arah`` applies
    to those figures. A reported quarter without a target cannot be compared and is
    listed in ``tanpa_target``; quarters not reported are listed in ``belum_dilaporkan``.
    ``target_atas_tw`` holds the upper bounds of a rentang target.
    """
    _periksa_sampai(sampai)
    cara = baca_akumulasi(akumulasi)
    target = _empat(target_tw, nama="Target triwulan")
    realisasi = _empat(realisasi_tw, nama="Realisasi triwulan")
    atas = _empat(target_atas_tw, nama="Batas atas target triwulan") if target_atas_tw is not None else None
    belum = tuple(i for i in range(1, sampai + 1) if realisasi[i - 1] is None)
    dilaporkan = [i for i in range(1, sampai + 1) if realisasi[i - 1] is not None]
    if cara is Akumulasi.NILAI_AKHIR:
        # Only the latest reported quarter counts; earlier targets are irrelevant.
        dilaporkan = dilaporkan[-1:]
    tanpa_target = tuple(i for i in dilaporkan if target[i - 1] is None)
    dipakai = tuple(i for i in dilaporkan if target[i - 1] is not None)

    if not dipakai:
        # Through hitung_capaian so the reason reads as everywhere else ("belum ada data",
        # or a realisasi with no target to compare it with) and an unknown arah still fails.
        r_tanpa_target = realisasi[tanpa_target[-1] - 1] if tanpa_target else None
        return CapaianTriwulan(
            hasil=hitung_capaian(arah=arah, target=None, realisasi=r_tanpa_target, batas_atas=batas_atas),
            akumulasi=cara,
            sampai=sampai,
            target=None,
            realisasi=None,
            triwulan_dipakai=(),
            belum_dilaporkan=belum,
            tanpa_target=tanpa_target,
        )
    t = _gabung(cara, [v for i in dipakai if (v := target[i - 1]) is not None])
    r = _gabung(cara, [v for i in dipakai if (v := realisasi[i - 1]) is not None])
    t_atas = None
    if atas is not None:
        batas = [v for i in dipakai if (v := atas[i - 1]) is not None]
        # A rentang needs every upper bound it sums; with one missing it has none.
        t_atas = _gabung(cara, batas) if len(batas) == len(dipakai) else None
    hasil = hitung_capaian(
        arah=arah,
        target=t,
        realisasi=r,
        target_atas=t_atas,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    return CapaianTriwulan(
        hasil=hasil,
        akumulasi=cara,
        sampai=sampai,
        target=t,
        realisasi=r,
        triwulan_dipakai=dipakai,
        belum_dilaporkan=belum,
        tanpa_target=tanpa_target,
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

    With quarterly targets (rencana aksi) for the reported quarters: :func:`capaian_sampai_tw`.
    Where those are missing, the annual target is the yardstick, but only when it is fair:
    at TW IV for every cara akumulasi (the year's realisasi against the year's target), and
    mid-year only for nilai akhir and rata-rata (a percentage reached so far speaks to the
    annual target). A kumulatif indicator mid-year without quarterly targets has no capaian:
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
    if tw.triwulan_dipakai and not tw.tanpa_target:
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
    return CapaianTriwulan(
        hasil=hasil,
        akumulasi=cara,
        sampai=sampai,
        target=t,
        realisasi=tahunan.nilai,
        triwulan_dipakai=tahunan.dilaporkan,
        belum_dilaporkan=tahunan.belum_dilaporkan,
        tanpa_target=(),
        terhadap_tahunan=True,
    )
