"""The formulas in words: one explanation of how capaian is computed, from the rules themselves.

The grid's "Cara menghitung capaian", BAB III's method paragraph and the pemda settings
page all print these sentences, so a screen, a report and a setting never describe the
formulas differently (DOMAIN §5: "show the formula next to a figure where a user may
doubt it"; "ours follows these rules and says so on screen").
"""

from __future__ import annotations

from decimal import Decimal

from pelaporan.domain.capaian import MAKS_CAPAIAN, RumusNegatif
from pelaporan.domain.teks import angka_ringkas

__all__ = ["RUMUS_NEGATIF_TEKS", "uraian_rumus_capaian", "uraian_triwulan"]

RUMUS_NEGATIF_TEKS = {
    RumusNegatif.SELISIH: "(2 × target − realisasi) ÷ target × 100",
    RumusNegatif.RASIO: "target ÷ realisasi × 100",
}


def _rumus_negatif(rumus_negatif: RumusNegatif | str) -> str:
    try:
        return RUMUS_NEGATIF_TEKS[RumusNegatif(rumus_negatif)]
    except ValueError:
        raise ValueError(f"Rumus indikator negatif tidak dikenal: {rumus_negatif!r}.") from None


def uraian_rumus_capaian(
    *, rumus_negatif: RumusNegatif | str, batas_atas: Decimal | None = None
) -> list[str]:
    """The capaian formulas of :func:`~pelaporan.domain.capaian.hitung_capaian`, one sentence each."""
    negatif = _rumus_negatif(rumus_negatif)
    negatif_b = negatif.replace("target", "b")
    negatif_a = negatif.replace("target", "a")
    kalimat = [
        "Positif (makin tinggi makin baik): realisasi ÷ target × 100; target 0 tidak dapat dihitung.",
        f"Negatif (makin rendah makin baik): {negatif}; bila target 0, realisasi 0 (atau kurang) = 100 "
        "dan realisasi di atas 0 = 0.",
        "Mendekati: (1 − |realisasi − target| ÷ target) × 100.",
        "Target boleh berupa rentang a–b untuk arah apa pun: realisasi di dalam rentang = 100; di luar "
        "rentang dihitung terhadap batas terdekat. Positif: realisasi ÷ a di bawah rentang, realisasi ÷ b "
        f"di atas. Negatif: {negatif_a} di bawah rentang, {negatif_b} di atas. Mendekati: realisasi ÷ a "
        f"di bawah rentang, {negatif_b} di atas. Untuk batas bernilai negatif jaraknya dibaca terhadap "
        "|batas|: 1 ± (realisasi − batas) ÷ |batas|.",
        "Hasil di bawah 0 dicatat 0. Realisasi yang belum ada tidak dihitung sebagai 0 %: capaiannya "
        "“belum ada data”.",
        f"Capaian {angka_ringkas(MAKS_CAPAIAN)} % atau lebih tidak ditampilkan (hampir pasti salah ketik).",
    ]
    if batas_atas is not None:
        kalimat.append(
            f"Capaian di atas {angka_ringkas(batas_atas)} % dihitung {angka_ringkas(batas_atas)} % untuk "
            "kategori dan rata-rata; nilai aslinya tetap ditampilkan."
        )
    return kalimat


def uraian_triwulan() -> list[str]:
    """How quarters make the capaian "s.d. TW k" (DOMAIN §5 "Quarter to year"), one sentence each."""
    return [
        "Kumulatif: jumlah realisasi ÷ jumlah target triwulan TW I s.d. TW k. Nilai akhir: realisasi TW k ÷ "
        "target TW k. Rata-rata: rata-rata realisasi ÷ rata-rata target triwulan yang sama.",
        "Capaian s.d. TW k hanya ada bila periodenya lengkap: setiap triwulan 1..k yang bertarget sudah "
        "dilaporkan (nilai akhir: TW k sendiri). Bila belum, layar menampilkan angka “sementara” dari "
        "triwulan yang sudah dilaporkan, tanpa kategori, dan angka itu tidak masuk rata-rata, Excel, "
        "maupun LKjIP.",
        "Tanpa target triwulan (rencana aksi), target tahunan dipakai: pada TW IV untuk semua cara "
        "akumulasi, di tengah tahun hanya untuk nilai akhir dan rata-rata; indikator kumulatif di tengah "
        "tahun menampilkan progres terhadap target tahunan, bukan capaian. Terhadap target tahunan, "
        "periodenya lengkap bila TW k sudah dilaporkan dan, untuk kumulatif dan rata-rata, tidak ada "
        "triwulan yang terlewat di antaranya (kecuali bila seluruh periode diisi sekali di TW k).",
        "Triwulan yang belum dilaporkan tidak dihitung 0. Sistem lain ada yang menganggapnya 0 atau "
        "melewatinya; aplikasi ini tidak.",
    ]
