"""What an import found and did."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lkjip.excel import (
    Masalah,
)
from pelaporan.excel_pengukuran.format import SHEET_ANGGARAN, SHEET_INDIKATOR


@dataclass
class HasilImpor:
    """What an import found and did: problems (then nothing is saved), changes, counts."""

    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[str] = field(default_factory=list)
    jumlah: Counter = field(default_factory=Counter)  # data objects: buat, ubah, sama
    baris: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # per sheet: row status
    diterapkan: bool = False

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.jumlah["buat"] or self.jumlah["ubah"])

    def daftar_masalah(self) -> list[str]:
        """Each problem as the user reads it; one about the whole file has no sheet to name."""
        return [str(m) if m.sheet else m.pesan for m in self.masalah]

    def ringkasan(self) -> list[str]:
        """One line per sheet: rows new, changed, unchanged, parents checked."""
        teks = []
        for sheet in (SHEET_INDIKATOR, SHEET_ANGGARAN):
            c = self.baris.get(sheet, Counter())
            bagian = [f"{c['baru']} baru", f"{c['diubah']} diubah", f"{c['tetap']} tetap"]
            if c["induk"]:
                bagian.append(f"{c['induk']} baris induk/jumlah diperiksa")
            teks.append(f"{sheet}: {sum(c.values())} baris — " + ", ".join(bagian))
        teks.append(
            f"Data: {self.jumlah['buat']} dibuat, {self.jumlah['ubah']} diubah, {self.jumlah['sama']} tetap"
        )
        return teks
