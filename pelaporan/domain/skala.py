"""Rating scales as data: ordered bands with an inclusive lower bound, a label and a colour.

DOMAIN §6: "A scale is data that belongs to the pemda: ordered bands with a lower bound
and a label ... whichever scale, the software assigns the label; no one types it."

How a scale is read:

- Bands are stored from the lowest to the highest. The lowest band has no lower bound
  (open below); every other band starts at its ``batas_bawah``, inclusive, and ends
  where the next one starts; the highest band is open above. So a valid scale has no
  gap and no overlap by construction and covers every value, above 100 % included.
- A value is rated as it is printed: rounded half-up to the scale's decimals (2, as
  DOMAIN §5 "show 2 decimals"). Otherwise 90,996 % would print as "91,00 %" next to the
  label "Tinggi", the very contradiction DOMAIN §9 lists among the seeds' mistakes.
- Because rated values have 2 decimals, a printed exclusive bound "> 100" is the
  inclusive bound 100,01: no 2-decimal value lies between 100 and 100,01. The four-band
  and SAKIP presets use that; :meth:`Skala.uraian` prints such a bound back as "> 100".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from pelaporan.domain.angka import bulatkan
from pelaporan.domain.capaian import HasilCapaian
from pelaporan.domain.teks import angka_ringkas

__all__ = [
    "KUNCI_SKALA_BAKU",
    "SKALA_BAWAAN",
    "SKALA_EMPAT_PITA",
    "SKALA_PERMENDAGRI_86_2017",
    "SKALA_SAKIP",
    "MasalahSkala",
    "Pita",
    "Skala",
    "SkalaTidakSah",
    "ambil_skala",
    "masalah_skala",
    "predikat",
    "skala_dari_data",
    "validasi_skala",
]

_WARNA_HEKSA = re.compile(r"^#[0-9a-fA-F]{6}$")


class SkalaTidakSah(ValueError):
    """A scale that breaks the rules; ``masalah`` holds the Indonesian messages."""

    def __init__(self, masalah: list[str]) -> None:
        super().__init__(" ".join(masalah))
        self.masalah = masalah


@dataclass(frozen=True, slots=True)
class Pita:
    """One band: ``batas_bawah`` inclusive (``None`` only for the lowest band), label, colour."""

    batas_bawah: Decimal | None
    label: str
    warna: str


@dataclass(frozen=True, slots=True)
class Skala:
    """An ordered, validated scale; see the module docstring for how it is read."""

    nama: str
    pita: tuple[Pita, ...]
    tempat: int = 2
    _batas: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)
    _ambang: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pita = tuple(self.pita)
        masalah = validasi_skala(pita=pita, tempat=self.tempat)
        if masalah:
            raise SkalaTidakSah(masalah)
        object.__setattr__(self, "pita", pita)
        batas = tuple(p.batas_bawah for p in pita[1:])
        setengah_langkah = Decimal(5).scaleb(-self.tempat - 1)
        object.__setattr__(self, "_batas", batas)
        object.__setattr__(self, "_ambang", tuple(b - setengah_langkah for b in batas))

    def kategori(self, nilai: Decimal) -> Pita:
        """The one band that holds ``nilai`` as printed (rounded half-up; DOMAIN §6)."""
        if type(nilai) is not Decimal:
            raise TypeError(f"Nilai yang dinilai harus Decimal (bukan {type(nilai).__name__}).")
        if nilai < 0:
            # Half-up rounds a negative tie away from zero, which the shortcut below does
            # not mirror; negative values are rare (capaian is floored at 0).
            return self.pita[bisect_right(self._batas, bulatkan(nilai, tempat=self.tempat))]
        # The same band as rating bulatkan(nilai): for x ≥ 0 and a bound b on the scale's
        # grid (validasi_skala guarantees it), bulatkan(x) ≥ b ⇔ x ≥ b − half a step
        # (0,005 at 2 decimals). Comparing against those shifted bounds skips a quantize
        # per indicator-quarter on the engine's hot path; a property test pins the
        # equivalence.
        return self.pita[bisect_right(self._ambang, nilai)]

    def uraian(self) -> tuple[tuple[str, Pita], ...]:
        """Each band with its interval in words, highest first, as BAB III prints the scale.

        Permendagri 86/2017 reads "≥ 91 (termasuk di atas 100)", "≥ 76 dan < 91", …,
        "< 51"; an inclusive bound one step above a rounder number prints as exclusive,
        so the four-band preset reads "> 100", "> 75 dan ≤ 100", "≥ 55 dan ≤ 75", "< 55".
        """
        langkah = Decimal(1).scaleb(-self.tempat)
        baris: list[tuple[str, Pita]] = []
        for i, pita in enumerate(self.pita):
            bawah = pita.batas_bawah
            atas = self.pita[i + 1].batas_bawah if i + 1 < len(self.pita) else None
            bagian: list[str] = []
            if bawah is not None:
                bagian.append(_teks_batas(bawah, langkah, bawah=True))
            if atas is not None:
                bagian.append(_teks_batas(atas, langkah, bawah=False))
            teks = " dan ".join(bagian)
            if atas is None and bawah is not None and bawah <= 100:
                teks += " (termasuk di atas 100)"
            baris.append((teks, pita))
        return tuple(reversed(baris))

    def ke_data(self) -> list[dict[str, str | None]]:
        """The bands as JSON-ready data (lowest first), the inverse of :func:`skala_dari_data`."""
        return [
            {
                "batas_bawah": None if p.batas_bawah is None else str(p.batas_bawah),
                "label": p.label,
                "warna": p.warna,
            }
            for p in self.pita
        ]


def _teks_batas(batas: Decimal, langkah: Decimal, *, bawah: bool) -> str:
    # 100,01 on a 2-decimal scale is "> 100"; 91 stays "≥ 91".
    sebelum = batas - langkah
    if sebelum == sebelum.to_integral_value() and batas != batas.to_integral_value():
        return f"> {angka_ringkas(sebelum)}" if bawah else f"≤ {angka_ringkas(sebelum)}"
    return f"≥ {angka_ringkas(batas)}" if bawah else f"< {angka_ringkas(batas)}"


@dataclass(frozen=True, slots=True)
class MasalahSkala:
    """One problem of a custom scale: the band (1 = the lowest) and the field it concerns, so a
    form can show the message next to that field; ``bidang`` is None for the scale as a whole."""

    nomor: int | None
    bidang: str | None  # "batas_bawah", "label", "warna" or None
    pesan: str


def validasi_skala(*, pita: Sequence[Pita], tempat: int = 2) -> list[str]:
    """Problems of a custom scale in Indonesian; an empty list means valid (DOMAIN §6).

    Checked: at least two bands; only the lowest band open below (else values under the
    lowest bound fall in a gap); lower bounds strictly rising from the lowest band
    (equal bounds overlap, falling ones are out of order); bounds no finer than the
    ``tempat`` decimals values are rated at; a label per band, each label once; colours
    as ``#rrggbb``. The highest band is open above, so values above 100 are covered.
    """
    return [m.pesan for m in masalah_skala(pita=pita, tempat=tempat)]


def masalah_skala(*, pita: Sequence[Pita], tempat: int = 2) -> list[MasalahSkala]:
    """:func:`validasi_skala` with the band and field of each problem."""
    masalah: list[MasalahSkala] = []
    if len(pita) < 2:
        return [MasalahSkala(None, None, "Skala harus memiliki paling sedikit dua pita.")]
    label_terlihat: set[str] = set()
    for nomor, p in enumerate(pita, start=1):

        def catat(bidang: str | None, pesan: str, nomor: int = nomor) -> None:
            masalah.append(MasalahSkala(nomor, bidang, pesan))

        nama = f"“{p.label}”" if p.label.strip() else f"ke-{nomor}"
        if not p.label.strip():
            catat("label", f"Pita ke-{nomor} belum diberi label.")
        elif p.label.strip().lower() in label_terlihat:
            catat("label", f"Label “{p.label}” dipakai lebih dari satu pita.")
        label_terlihat.add(p.label.strip().lower())
        if not _WARNA_HEKSA.match(p.warna):
            catat(
                "warna", f"Warna pita {nama} harus kode heksadesimal seperti #198754 (tertulis “{p.warna}”)."
            )
        if p.batas_bawah is not None and type(p.batas_bawah) is not Decimal:
            catat("batas_bawah", f"Batas bawah pita {nama} harus berupa Decimal.")
            return masalah
        if nomor == 1:
            if p.batas_bawah is not None:
                catat(
                    "batas_bawah",
                    f"Pita terendah {nama} harus tanpa batas bawah; kini nilai di bawah "
                    f"{angka_ringkas(p.batas_bawah)} tidak mendapat kategori.",
                )
            continue
        if p.batas_bawah is None:
            catat(
                "batas_bawah",
                f"Hanya pita terendah yang boleh tanpa batas bawah: pita {nama} tidak memilikinya.",
            )
            continue
        if bulatkan(p.batas_bawah, tempat=tempat) != p.batas_bawah:
            catat(
                "batas_bawah",
                f"Batas bawah pita {nama} ({angka_ringkas(p.batas_bawah)}) lebih rinci dari {tempat} "
                f"desimal yang dipakai untuk menilai.",
            )
        sebelumnya = pita[nomor - 2]
        if sebelumnya.batas_bawah is None or type(sebelumnya.batas_bawah) is not Decimal:
            continue
        if p.batas_bawah == sebelumnya.batas_bawah:
            catat(
                "batas_bawah",
                f"Pita “{sebelumnya.label}” dan {nama} memiliki batas bawah yang sama "
                f"({angka_ringkas(p.batas_bawah)}): keduanya tumpang tindih.",
            )
        elif p.batas_bawah < sebelumnya.batas_bawah:
            catat(
                "batas_bawah",
                f"Pita harus berurutan dari terendah ke tertinggi: batas bawah {nama} "
                f"({angka_ringkas(p.batas_bawah)}) lebih kecil dari batas bawah “{sebelumnya.label}” "
                f"({angka_ringkas(sebelumnya.batas_bawah)}).",
            )
    return masalah


def skala_dari_data(*, nama: str, pita: Sequence[Mapping[str, object]], tempat: int = 2) -> Skala:
    """Rebuild a pemda's own scale from stored data (``Skala.ke_data``); raises :class:`SkalaTidakSah`."""
    hasil: list[Pita] = []
    masalah: list[str] = []
    for nomor, baris in enumerate(pita, start=1):
        mentah = baris.get("batas_bawah")
        batas: Decimal | None = None
        if mentah is not None and mentah != "":
            try:
                batas = Decimal(str(mentah))
            except InvalidOperation:
                masalah.append(f"Batas bawah pita ke-{nomor} (“{mentah}”) bukan angka.")
                continue
        hasil.append(
            Pita(batas_bawah=batas, label=str(baris.get("label", "")), warna=str(baris.get("warna", "")))
        )
    if masalah:
        raise SkalaTidakSah(masalah)
    return Skala(nama=nama, pita=tuple(hasil), tempat=tempat)


def predikat(*, hasil: HasilCapaian, skala: Skala) -> Pita | None:
    """The band of a capaian, rated on the capped value (DOMAIN §5); ``None`` without a value."""
    if hasil.nilai_dibatasi is None:
        return None
    return skala.kategori(hasil.nilai_dibatasi)


# Bootstrap 5 palette, so badges match the rest of the UI: success, teal, primary, info,
# warning, orange, danger.
_HIJAU, _TOSCA, _BIRU, _BIRU_MUDA = "#198754", "#20c997", "#0d6efd", "#0dcaf0"
_KUNING, _JINGGA, _MERAH = "#ffc107", "#fd7e14", "#dc3545"

# DOMAIN §6 / seed 000 Tabel 3.1: each printed lower bound read as inclusive closes the
# printed gaps (90–91, 75–76 …), and the top band takes everything above 100.
SKALA_PERMENDAGRI_86_2017 = Skala(
    nama="Permendagri 86/2017",
    pita=(
        Pita(batas_bawah=None, label="Sangat Rendah", warna=_MERAH),
        Pita(batas_bawah=Decimal(51), label="Rendah", warna=_JINGGA),
        Pita(batas_bawah=Decimal(66), label="Sedang", warna=_KUNING),
        Pita(batas_bawah=Decimal(76), label="Tinggi", warna=_TOSCA),
        Pita(batas_bawah=Decimal(91), label="Sangat Tinggi", warna=_HIJAU),
    ),
)

# "Baik Sekali > 100; Baik > 75 s.d. 100; Cukup 55 s.d. 75; Kurang < 55": "> x" on a
# 2-decimal value is "≥ x + 0,01" (module docstring).
SKALA_EMPAT_PITA = Skala(
    nama="Empat pita (Baik Sekali, Baik, Cukup, Kurang)",
    pita=(
        Pita(batas_bawah=None, label="Kurang", warna=_MERAH),
        Pita(batas_bawah=Decimal(55), label="Cukup", warna=_KUNING),
        Pita(batas_bawah=Decimal("75.01"), label="Baik", warna=_BIRU),
        Pita(batas_bawah=Decimal("100.01"), label="Baik Sekali", warna=_HIJAU),
    ),
)

# PermenPAN-RB 88/2021: AA > 90–100, A > 80–90, BB > 70–80, B > 60–70, CC > 50–60,
# C > 30–50, D 0–30. D is open below (no score is under 0) and AA open above, so a
# typo such as 100,5 still gets a grade rather than none.
SKALA_SAKIP = Skala(
    nama="Predikat SAKIP (PermenPAN-RB 88/2021)",
    pita=(
        Pita(batas_bawah=None, label="D", warna=_MERAH),
        Pita(batas_bawah=Decimal("30.01"), label="C", warna=_JINGGA),
        Pita(batas_bawah=Decimal("50.01"), label="CC", warna=_KUNING),
        Pita(batas_bawah=Decimal("60.01"), label="B", warna=_BIRU_MUDA),
        Pita(batas_bawah=Decimal("70.01"), label="BB", warna=_BIRU),
        Pita(batas_bawah=Decimal("80.01"), label="A", warna=_TOSCA),
        Pita(batas_bawah=Decimal("90.01"), label="AA", warna=_HIJAU),
    ),
)

KUNCI_SKALA_BAKU = "permendagri_86_2017"

# The pemda stores one of these keys, or its own bands (skala_dari_data).
SKALA_BAWAAN: Mapping[str, Skala] = MappingProxyType(
    {
        KUNCI_SKALA_BAKU: SKALA_PERMENDAGRI_86_2017,
        "empat_pita": SKALA_EMPAT_PITA,
        "sakip": SKALA_SAKIP,
    }
)


def ambil_skala(*, kunci: str) -> Skala:
    """A preset by its stored key; an unknown key is an error with the valid choices."""
    try:
        return SKALA_BAWAAN[kunci]
    except KeyError:
        pilihan = ", ".join(SKALA_BAWAAN)
        raise ValueError(f"Skala “{kunci}” tidak dikenal. Pilihan: {pilihan}.") from None
