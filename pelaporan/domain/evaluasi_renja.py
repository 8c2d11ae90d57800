"""The Renja evaluation form (Permendagri 86/2017): columns 4–14, kinerja and anggaran.

DOMAIN §5 "Renja evaluation": per program/kegiatan/sub-kegiatan row, with K (kinerja)
and Rp (anggaran) side by side: target Renstra end of period (4); realisasi up to last
year (5); target Renja this year (6); realisasi TW I–IV (7–10); realisasi this year
(11 = sum, or the last value for nilai akhir); tingkat capaian this year (12 = 11 ÷ 6);
realisasi up to this year (13 = 5 + 11); tingkat capaian Renstra (14 = 13 ÷ 4).

Seed 003 Tabel 1 prints a reduced form at the TW II state whose numbering differs:
its 4, 5, 6 are ours; its 7 (realisasi s/d TW II, cumulative) is our 11 at TW II; its
8 = 7/6 is our 12; its 10 = 5 + 7 our 13; its 11 = 10/4 our 14.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from pelaporan.domain.agregat import RataRataCapaian, rata_rata_capaian
from pelaporan.domain.anggaran import Anggaran, jumlah_anggaran, persentase_anggaran
from pelaporan.domain.capaian import Arah, HasilCapaian, RumusNegatif, hitung_capaian, sebagai_decimal
from pelaporan.domain.skala import Pita, Skala
from pelaporan.domain.teks import NAMA_TRIWULAN
from pelaporan.domain.triwulan import Akumulasi, baca_akumulasi, realisasi_tahunan

__all__ = [
    "BarisEvaluasiRenja",
    "KolomCapaianRenja",
    "RingkasanEvaluasiRenja",
    "SisiAnggaran",
    "SisiKinerja",
    "baris_evaluasi_renja",
    "kolom_capaian_renja",
    "realisasi_sampai_tahun_ini",
    "ringkasan_evaluasi_renja",
]

K = TypeVar("K", bound=Hashable)


def realisasi_sampai_tahun_ini(
    *, akumulasi: Akumulasi | str, sampai_tahun_lalu: Decimal | None, tahun_ini: Decimal | None
) -> Decimal | None:
    """Column 13: realisasi over the Renstra period up to this year (DOMAIN §5).

    kumulatif: 5 + 11, as the form prints it. For nilai akhir and rata-rata indicators
    (a percentage, a score) adding years would be meaningless, so the level reached is
    this year's value (11). Either input missing: no value (missing is not 0; in the
    first Renstra year pass 0 for "up to last year" explicitly).
    """
    tahun_ini = sebagai_decimal(tahun_ini, nama="Realisasi tahun ini")
    sampai_tahun_lalu = sebagai_decimal(sampai_tahun_lalu, nama="Realisasi s/d tahun lalu")
    if tahun_ini is None:
        return None
    if baca_akumulasi(akumulasi) is not Akumulasi.KUMULATIF:
        return tahun_ini
    if sampai_tahun_lalu is None:
        return None
    return sampai_tahun_lalu + tahun_ini


@dataclass(frozen=True, slots=True)
class KolomCapaianRenja:
    """The computed kinerja columns 12, 13 and 14 of one row."""

    capaian_tahun_ini: HasilCapaian
    realisasi_sampai_tahun_ini: Decimal | None
    capaian_renstra: HasilCapaian


def kolom_capaian_renja(
    *,
    akumulasi: Akumulasi | str,
    target_renstra: Decimal | None,
    realisasi_sampai_tahun_lalu: Decimal | None,
    target_tahun_ini: Decimal | None,
    realisasi_tahun_ini: Decimal | None,
    arah: Arah | str = Arah.POSITIF,
    target_tahun_ini_atas: Decimal | None = None,
    target_renstra_atas: Decimal | None = None,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas_atas: Decimal | None = None,
) -> KolomCapaianRenja:
    """Columns 12 (= 11 ÷ 6), 13 (= 5 + 11) and 14 (= 13 ÷ 4) from columns 4, 5, 6, 11.

    Both ratios use the indicator's own capaian formula (for positif exactly ``÷ × 100``
    as printed; a negatif indicator keeps its negatif formula). Use this directly when a
    source gives column 11 already summed, as seed 003 gives "realisasi s/d TW II".
    """
    capaian_tahun_ini = hitung_capaian(
        arah=arah,
        target=target_tahun_ini,
        realisasi=realisasi_tahun_ini,
        target_atas=target_tahun_ini_atas,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    sampai_tahun_ini = realisasi_sampai_tahun_ini(
        akumulasi=akumulasi, sampai_tahun_lalu=realisasi_sampai_tahun_lalu, tahun_ini=realisasi_tahun_ini
    )
    capaian_renstra = hitung_capaian(
        arah=arah,
        target=target_renstra,
        realisasi=sampai_tahun_ini,
        target_atas=target_renstra_atas,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    return KolomCapaianRenja(
        capaian_tahun_ini=capaian_tahun_ini,
        realisasi_sampai_tahun_ini=sampai_tahun_ini,
        capaian_renstra=capaian_renstra,
    )


@dataclass(frozen=True, slots=True)
class SisiKinerja:
    """The K side of a row: columns 4–14 and the quarters not reported yet."""

    target_renstra: Decimal | None  # 4
    realisasi_sampai_tahun_lalu: Decimal | None  # 5
    target_tahun_ini: Decimal | None  # 6
    realisasi_tw: tuple[Decimal | None, ...]  # 7–10
    realisasi_tahun_ini: Decimal | None  # 11
    capaian_tahun_ini: HasilCapaian  # 12
    realisasi_sampai_tahun_ini: Decimal | None  # 13
    capaian_renstra: HasilCapaian  # 14
    belum_dilaporkan: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SisiAnggaran:
    """The Rp side of a row: columns 4–14 (percentages weighted by construction)."""

    pagu_renstra: Decimal | None  # 4
    realisasi_sampai_tahun_lalu: Decimal | None  # 5
    pagu_tahun_ini: Decimal | None  # 6
    realisasi_tw: tuple[Decimal | None, ...]  # 7–10
    realisasi_tahun_ini: Decimal | None  # 11
    persen_tahun_ini: Decimal | None  # 12
    realisasi_sampai_tahun_ini: Decimal | None  # 13
    persen_renstra: Decimal | None  # 14
    belum_dilaporkan: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BarisEvaluasiRenja:
    """One row of the form, K and Rp side by side, at the state of TW ``sampai``."""

    akumulasi: Akumulasi
    sampai: int
    kinerja: SisiKinerja
    anggaran: SisiAnggaran

    def kolom(self, nomor: int) -> tuple[object, object]:
        """Column ``nomor`` (4–14) as the pair (K, Rp), for renderers that walk the form."""
        k, rp = self.kinerja, self.anggaran
        if 7 <= nomor <= 10:
            return k.realisasi_tw[nomor - 7], rp.realisasi_tw[nomor - 7]
        kolom: dict[int, tuple[object, object]] = {
            4: (k.target_renstra, rp.pagu_renstra),
            5: (k.realisasi_sampai_tahun_lalu, rp.realisasi_sampai_tahun_lalu),
            6: (k.target_tahun_ini, rp.pagu_tahun_ini),
            11: (k.realisasi_tahun_ini, rp.realisasi_tahun_ini),
            12: (k.capaian_tahun_ini, rp.persen_tahun_ini),
            13: (k.realisasi_sampai_tahun_ini, rp.realisasi_sampai_tahun_ini),
            14: (k.capaian_renstra, rp.persen_renstra),
        }
        if nomor not in kolom:
            raise ValueError(f"Formulir evaluasi Renja menghitung kolom 4 sampai 14, bukan {nomor}.")
        return kolom[nomor]

    @property
    def keterangan_kolom_12(self) -> str:
        """How to read column 12: before TW IV a kumulatif row shows progress (DOMAIN §5)."""
        tw = NAMA_TRIWULAN[self.sampai - 1]
        if self.sampai < 4 and self.akumulasi is Akumulasi.KUMULATIF:
            return f"Progres s/d TW {tw} terhadap target tahunan (bukan capaian tahunan)"
        return f"Tingkat capaian s/d TW {tw}"


def _triwulan(nilai: Sequence[Decimal | None], *, sampai: int, nama: str) -> tuple[Decimal | None, ...]:
    # Columns 7–10 as of TW ``sampai``: later quarters print empty, as seed 003 does at TW II.
    terisi = tuple(sebagai_decimal(v, nama=nama) for v in nilai[:sampai])
    return terisi + (None,) * (len(nilai) - sampai)


def _tambah(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def _persen(pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    if pagu is None or realisasi is None:
        return None
    return persentase_anggaran(pagu=pagu, realisasi=realisasi)


def baris_evaluasi_renja(
    *,
    akumulasi: Akumulasi | str,
    target_renstra: Decimal | None,
    realisasi_sampai_tahun_lalu: Decimal | None,
    target: Decimal | None,
    realisasi_tw: Sequence[Decimal | None],
    pagu_renstra: Decimal | None,
    realisasi_anggaran_sampai_tahun_lalu: Decimal | None,
    pagu: Decimal | None,
    realisasi_anggaran_tw: Sequence[Decimal | None],
    sampai: int = 4,
    arah: Arah | str = Arah.POSITIF,
    target_atas: Decimal | None = None,
    target_renstra_atas: Decimal | None = None,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas_atas: Decimal | None = None,
) -> BarisEvaluasiRenja:
    """One row of the Renja evaluation form at the state of TW ``sampai`` (DOMAIN §5).

    K column 11 follows the indicator's akumulasi over the quarters reported up to
    ``sampai`` (:func:`~pelaporan.domain.triwulan.realisasi_tahunan`); Rp column 11 is
    always their sum (money spent adds up). A quarter not reported stays out and is
    listed, never counted as 0; quarters after ``sampai`` are left empty, as seed 003
    prints the TW II state. Rp 12 and 14 are realisasi ÷ pagu, weighted by construction.
    """
    cara = baca_akumulasi(akumulasi)
    k_tahunan = realisasi_tahunan(akumulasi=cara, realisasi=realisasi_tw, sampai=sampai)
    rp_tahunan = realisasi_tahunan(
        akumulasi=Akumulasi.KUMULATIF, realisasi=realisasi_anggaran_tw, sampai=sampai
    )
    kolom = kolom_capaian_renja(
        akumulasi=cara,
        target_renstra=target_renstra,
        realisasi_sampai_tahun_lalu=realisasi_sampai_tahun_lalu,
        target_tahun_ini=target,
        realisasi_tahun_ini=k_tahunan.nilai,
        arah=arah,
        target_tahun_ini_atas=target_atas,
        target_renstra_atas=target_renstra_atas,
        rumus_negatif=rumus_negatif,
        batas_atas=batas_atas,
    )
    pagu_renstra = sebagai_decimal(pagu_renstra, nama="Pagu Renstra")
    rp_lalu = sebagai_decimal(realisasi_anggaran_sampai_tahun_lalu, nama="Realisasi anggaran s/d tahun lalu")
    pagu = sebagai_decimal(pagu, nama="Pagu")
    rp_sampai_ini = _tambah(rp_lalu, rp_tahunan.nilai)
    return BarisEvaluasiRenja(
        akumulasi=cara,
        sampai=sampai,
        kinerja=SisiKinerja(
            target_renstra=sebagai_decimal(target_renstra, nama="Target Renstra"),
            realisasi_sampai_tahun_lalu=sebagai_decimal(
                realisasi_sampai_tahun_lalu, nama="Realisasi s/d tahun lalu"
            ),
            target_tahun_ini=sebagai_decimal(target, nama="Target"),
            realisasi_tw=_triwulan(realisasi_tw, sampai=sampai, nama="Realisasi triwulan"),
            realisasi_tahun_ini=k_tahunan.nilai,
            capaian_tahun_ini=kolom.capaian_tahun_ini,
            realisasi_sampai_tahun_ini=kolom.realisasi_sampai_tahun_ini,
            capaian_renstra=kolom.capaian_renstra,
            belum_dilaporkan=k_tahunan.belum_dilaporkan,
        ),
        anggaran=SisiAnggaran(
            pagu_renstra=pagu_renstra,
            realisasi_sampai_tahun_lalu=rp_lalu,
            pagu_tahun_ini=pagu,
            realisasi_tw=_triwulan(realisasi_anggaran_tw, sampai=sampai, nama="Realisasi anggaran triwulan"),
            realisasi_tahun_ini=rp_tahunan.nilai,
            persen_tahun_ini=_persen(pagu, rp_tahunan.nilai),
            realisasi_sampai_tahun_ini=rp_sampai_ini,
            persen_renstra=_persen(pagu_renstra, rp_sampai_ini),
            belum_dilaporkan=rp_tahunan.belum_dilaporkan,
        ),
    )


@dataclass(frozen=True, slots=True)
class RingkasanEvaluasiRenja:
    """What the form prints under the table: the mean capaian, its rating, the budget."""

    rata_rata: RataRataCapaian[Hashable]
    predikat: Pita | None
    anggaran: Anggaran | None


def ringkasan_evaluasi_renja(
    *, baris: Iterable[tuple[K, BarisEvaluasiRenja]], skala: Skala, batas_atas: Decimal | None = None
) -> RingkasanEvaluasiRenja:
    """The footer of the form (DOMAIN §5): mean of column 12 K, its rating, Σ Rp 11 ÷ Σ Rp 6.

    Rows without a capaian are listed, not averaged as 0; the budget figure is weighted
    over the rows that have both a pagu and a realisasi.
    """
    daftar = list(baris)
    rata = rata_rata_capaian(
        nilai=[(kunci, b.kinerja.capaian_tahun_ini) for kunci, b in daftar], batas_atas=batas_atas
    )
    anggaran_baris = [
        Anggaran(pagu=b.anggaran.pagu_tahun_ini, realisasi=b.anggaran.realisasi_tahun_ini)
        for _, b in daftar
        if b.anggaran.pagu_tahun_ini is not None and b.anggaran.realisasi_tahun_ini is not None
    ]
    return RingkasanEvaluasiRenja(
        rata_rata=rata,
        predikat=None if rata.nilai is None else skala.kategori(rata.nilai),
        anggaran=jumlah_anggaran(baris=anggaran_baris) if anggaran_baris else None,
    )
