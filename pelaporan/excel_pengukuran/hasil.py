"""What an import found and did, and what it leaves for the user to finish."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from lkjip.excel import (
    Masalah,
)
from pelaporan.domain.kode import TingkatKode
from pelaporan.domain.nomenklatur import LABEL_TINGKAT
from pelaporan.excel_pengukuran.format import SHEET_ANGGARAN, SHEET_INDIKATOR


class AsalNama(StrEnum):
    SHEET = "sheet"  # the node's own row of the workbook
    NOMENKLATUR = "nomenklatur"  # no row: the nomenclature knows its code
    BELUM = "belum"  # no row, unknown code: "Kegiatan 1.06.04.2.01 (nama belum diisi)"


@dataclass(frozen=True)
class NodeBaru:
    """A program, kegiatan or sub-kegiatan the import creates in the Renstra.

    Named by code, not by primary key: the preview rolls its rows back, so the link to
    name it (renstra ``node_kode``) must work once the import is confirmed.
    """

    tingkat: TingkatKode
    kode: str  # normalised
    tercetak: str
    nama: str
    asal: AsalNama
    opd_id: int
    renstra_id: int
    renstra: str

    @property
    def jenis(self) -> str:
        """The node's kind as renstra's URLs write it."""
        return {TingkatKode.PROGRAM: "program", TingkatKode.KEGIATAN: "kegiatan"}.get(
            self.tingkat, "subkegiatan"
        )

    @property
    def label(self) -> str:
        return LABEL_TINGKAT[self.tingkat]


@dataclass
class HasilImpor:
    """What an import found and did: problems (then nothing is saved), changes, counts, notes."""

    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[str] = field(default_factory=list)
    jumlah: Counter = field(default_factory=Counter)  # data objects: buat, ubah, sama
    baris: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # per sheet: row status
    # What the user should know but that refuses nothing: a guessed urusan, a name unlike the nomenclature's.
    catatan: list[str] = field(default_factory=list)
    node_baru: list[NodeBaru] = field(default_factory=list)
    diterapkan: bool = False

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.jumlah["buat"] or self.jumlah["ubah"])

    @property
    def perlu_nama(self) -> list[NodeBaru]:
        """Nodes created from a code that neither the workbook nor the nomenclature names."""
        return [n for n in self.node_baru if n.asal == AsalNama.BELUM]

    def ringkasan_node(self) -> str:
        """``Renstra 2024–2028: 2 program, 5 kegiatan baru (3 dinamai menurut nomenklatur, 1 perlu diberi nama)``."""
        if not self.node_baru:
            return ""
        per_tingkat = Counter(n.tingkat for n in self.node_baru)
        bagian = [
            f"{per_tingkat[t]} {LABEL_TINGKAT[t].lower()}"
            for t in (TingkatKode.PROGRAM, TingkatKode.KEGIATAN, TingkatKode.SUB_KEGIATAN)
            if per_tingkat[t]
        ]
        asal = Counter(n.asal for n in self.node_baru)
        tambahan = []
        if asal[AsalNama.NOMENKLATUR]:
            tambahan.append(f"{asal[AsalNama.NOMENKLATUR]} dinamai menurut nomenklatur")
        if asal[AsalNama.BELUM]:
            tambahan.append(f"{asal[AsalNama.BELUM]} perlu diberi nama")
        renstra = ", ".join(dict.fromkeys(n.renstra for n in self.node_baru))
        teks = f"{renstra}: {', '.join(bagian)} baru"
        return teks + (f" ({', '.join(tambahan)})" if tambahan else "")

    def rincian_audit(self, *, nama_berkas: str, tahun: int) -> dict[str, dict[str, str]]:
        """The import's own audit entry: which file, which year, what it changed (per sheet and
        in data), in :func:`lkjip.audit.catat_aksi`'s shape; every row changed has its own entry."""
        fakta = {
            "berkas": ("berkas", nama_berkas or "–"),
            "tahun": ("tahun", str(tahun)),
        }
        for sheet in (SHEET_INDIKATOR, SHEET_ANGGARAN):
            c = self.baris.get(sheet, Counter())
            fakta[f"sheet_{sheet.lower()}"] = (
                f"sheet {sheet}",
                f"{sum(c.values())} baris: {c['baru']} baru, {c['diubah']} diubah, {c['tetap']} tetap",
            )
        fakta["data"] = (
            "data",
            f"{self.jumlah['buat']} dibuat, {self.jumlah['ubah']} diubah, {self.jumlah['sama']} tetap",
        )
        if self.node_baru:
            fakta["renstra"] = ("Renstra", self.ringkasan_node())
        return {k: {"label": label, "lama": "", "baru": baru} for k, (label, baru) in fakta.items()}

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
        if self.node_baru:
            teks.append(self.ringkasan_node())
        return teks
