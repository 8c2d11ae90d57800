"""Import of the ``Anggaran`` sheet."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from pelaporan.domain.kode import (
    induk_kode,
    isi_placeholder,
    kunci_urut_kode,
    normalisasi_kode,
    tingkat_kode,
)
from pelaporan.excel_pengukuran.format import (
    _TINGKAT_ANGGARAN,
    KOSONG,
    NAMA_TW,
    REALISASI_TW,
    SHEET_ANGGARAN,
    TRIWULAN,
    _BarisAnggaran,
    _fmt,
    _kunci,
)
from pelaporan.models import (
    Anggaran,
    RealisasiAnggaran,
    SumberDana,
)
from pelaporan.services import periksa_tumpang_tindih
from renstra.models import (
    Kegiatan,
    Program,
    SubKegiatan,
)


class _ImporAnggaran:
    """Sheet ``Anggaran``: the code tree, parents = sum of children, budget lines (a mixin of the importer).

    The nodes a new line needs are found or made by ``pastikan_node`` (impor_node).
    """

    def anggaran(self, baris: list[_BarisAnggaran], *, kode_rusak: set[str] | None = frozenset()) -> None:
        urusan = self.opd.kode_urusan or None
        ada = list(
            Anggaran.objects.filter(opd=self.opd, tahun=self.tahun)
            .select_related(
                "program__renstra__opd",
                "kegiatan__renstra__opd",
                "kegiatan__program",
                "sub_kegiatan__renstra__opd",
                "sub_kegiatan__kegiatan__program",
            )
            .prefetch_related("realisasi")
        )
        self.urusan = urusan
        self.baris_ada: dict[tuple[str, str], Anggaran] = {}
        # Nodes by resolved code: the year's Renstra first, then (winning) the nodes that already
        # carry a line this year and their ancestors, wherever their Renstra is.
        self.node: dict[str, Any] = {}
        if self.renstra is not None:
            for model in (Program, Kegiatan, SubKegiatan):
                for n in model.objects.filter(renstra=self.renstra).select_related("renstra__opd"):
                    if n.kode:
                        self.node[self._kode(n.kode)] = n
        for a in ada:
            n = a.node
            if n is not None and n.kode:
                self.baris_ada[(self._kode(n.kode), a.sumber_dana)] = a
                rantai = [n]
                if isinstance(n, SubKegiatan):
                    rantai += [n.kegiatan, n.kegiatan.program]
                elif isinstance(n, Kegiatan):
                    rantai.append(n.program)
                for x in rantai:
                    if x.kode:
                        self.node[self._kode(x.kode)] = x
            else:
                nama = n.nama if n is not None else a.uraian
                self.baris_ada[("#" + _kunci(nama), a.sumber_dana)] = a
        self.rb_ada = {a.pk: {r.triwulan: r for r in a.realisasi.all()} for a in ada}
        # What periksa_tumpang_tindih could collide with: the stored lines' codes and their
        # ancestors. A stored line on a node without a code can only be related through the
        # tree, so then every new line is checked.
        self.kode_lama: set[str] = set()
        self.leluhur_lama: set[str] = set()
        self.ada_node_tanpa_kode = False
        for a in ada:
            n = a.node
            if n is None:
                continue
            if not n.kode:
                self.ada_node_tanpa_kode = True
                continue
            k = self._kode(n.kode)
            self.kode_lama.add(k)
            while k is not None:
                self.leluhur_lama.add(k)
                k = induk_kode(k)
        self._baris_kode: dict[str, _BarisAnggaran] = {}
        for r in baris:
            if r.kode and not r.jumlah:
                self._baris_kode.setdefault(r.kode, r)
        self._node_gagal: set[str] = set()

        daun, jumlah = self.susun_pohon(baris)
        for r in daun:
            r.anggaran = self.baris_ada.get(r.kunci)
        sebelum = len(self.hasil.masalah)
        self.periksa_induk(baris, jumlah, kode_rusak=kode_rusak)
        if len(self.hasil.masalah) > sebelum:
            return  # parents and totals must agree before anything is created
        self.beri_nama(baris)
        for r in sorted(daun, key=lambda x: (kunci_urut_kode(x.kode) if x.kode else (999,), x.b.nomor)):
            self.simpan_daun(r)
        for r in baris:
            if r.induk or r.jumlah:
                self.hasil.baris[SHEET_ANGGARAN]["induk"] += 1

    def _kode(self, kode: str) -> str:
        return isi_placeholder(kode, urusan=self.urusan) if self.urusan else normalisasi_kode(kode)

    def susun_pohon(self, baris: list[_BarisAnggaran]) -> tuple[list[_BarisAnggaran], _BarisAnggaran | None]:
        """Mark the parents and attach every row to its nearest parent in the sheet.

        A parent is a row whose code has descendants in the sheet, or a row with a blank
        ``Sumber Dana`` whose own code also appears on rows that name a sumber dana (the node's
        total over its APBD, DAK … lines, as the export writes it). The Jumlah row is the
        parent of every top-level row.
        """
        grup: dict[str, list[_BarisAnggaran]] = defaultdict(list)
        for r in baris:
            if r.kode and not r.jumlah:
                grup[r.kode].append(r)
        kepala: dict[str, _BarisAnggaran] = {}
        for kode, daftar in grup.items():
            wadah = next((r for r in daftar if r.sumber_kosong), None) if len(daftar) > 1 else None
            if wadah is not None:
                for r in daftar:
                    if r is not wadah:
                        wadah.anak.append(r)
                        wadah.induk = True
            kepala[kode] = wadah or daftar[0]
        atas: list[_BarisAnggaran] = []
        jumlah = None
        for r in baris:
            if r.jumlah:
                if jumlah is not None:
                    self.masalah(r.b, "Uraian", f"baris Jumlah sudah ada di baris {jumlah.b.nomor}.")
                jumlah = r
                continue
            if r.kode and kepala[r.kode] is not r and kepala[r.kode].induk and r in kepala[r.kode].anak:
                continue  # a sumber-dana line under its node's total row
            induk = None
            kode = induk_kode(r.kode) if r.kode else None
            while kode is not None and tingkat_kode(kode) in _TINGKAT_ANGGARAN:
                if kode in kepala:
                    induk = kepala[kode]
                    break
                kode = induk_kode(kode)
            if induk is None:
                atas.append(r)
            else:
                induk.anak.append(r)
                induk.induk = True
        if jumlah is not None:
            jumlah.anak = atas
        for kode, daftar in grup.items():
            if kepala[kode].induk:
                for r in daftar:
                    if r is not kepala[kode] and r not in kepala[kode].anak:
                        self.masalah(
                            r.b,
                            "Kode",
                            f"{r.tercetak} sudah menjadi baris induk di baris {kepala[kode].b.nomor}; "
                            "anggarannya dicatat pada baris di bawahnya.",
                        )
        return [r for r in baris if not r.induk and not r.jumlah], jumlah

    def efektif(self, r: _BarisAnggaran) -> tuple[Decimal, list[Decimal]]:
        """Pagu and quarterly realisasi a row will have after the import (stored when the cell is blank)."""
        if r.induk or r.jumlah:
            pagu, tw = Decimal(0), [Decimal(0)] * 4
            for a in r.anak:
                p, t = self.efektif(a)
                pagu += p
                tw = [x + y for x, y in zip(tw, t, strict=True)]
            return pagu, tw
        a = r.anggaran
        if r.pagu is not KOSONG:
            pagu = r.pagu
        else:
            pagu = a.pagu if a is not None else Decimal(0)
        tersimpan = self.rb_ada.get(a.pk, {}) if a is not None else {}
        tw = []
        for t, v in zip(TRIWULAN, r.realisasi_tw, strict=True):
            if v is not KOSONG:
                tw.append(v)
            else:
                tw.append(tersimpan[t].jumlah if t in tersimpan else Decimal(0))
        return pagu, tw

    def periksa_induk(
        self, baris: list[_BarisAnggaran], jumlah: _BarisAnggaran | None, *, kode_rusak: set[str] | None
    ) -> None:
        """Parents and the Jumlah row: blank, or the sum of the rows below them (after this import)."""
        for r in [*(x for x in baris if x.induk), *([jumlah] if jumlah else [])]:
            if kode_rusak is None or (kode_rusak and r.jumlah):
                continue
            if any(k == r.kode or k.startswith(r.kode + ".") for k in kode_rusak if k and r.kode):
                continue
            pagu, tw = self.efektif(r)
            label = "baris Jumlah" if r.jumlah else f"baris induk {r.tercetak}"
            for kolom, tertulis, hitung in (
                ("Pagu", r.pagu, pagu),
                *zip(REALISASI_TW, r.realisasi_tw, tw, strict=True),
            ):
                if tertulis is KOSONG or tertulis == hitung:
                    continue
                self.masalah(
                    r.b,
                    kolom,
                    f"{label}: tertulis {_fmt(tertulis, rupiah=True)}, sedangkan jumlah baris di bawahnya "
                    f"{_fmt(hitung, rupiah=True)}. Kosongkan sel ini atau perbaiki angkanya; tidak ada yang disimpan.",
                )

    def simpan_daun(self, r: _BarisAnggaran) -> None:
        jumlah_masalah = len(self.hasil.masalah)
        a = r.anggaran
        baru = a is None
        berubah = False
        if baru:
            node = None
            if r.kode:
                node = self.pastikan_node(r.kode, r)
                if node is None:
                    return
            if r.pagu is KOSONG:
                self.masalah(r.b, "Pagu", "wajib diisi untuk baris anggaran baru.")
                return
            a = Anggaran(opd=self.opd, tahun=self.tahun, sumber_dana=r.sumber, pagu_murni=r.pagu)
            if node is None:
                a.uraian = r.uraian
            else:
                setattr(
                    a,
                    {Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}[type(node)],
                    node,
                )
            peta = {"pagu_murni": "Pagu", "uraian": "Uraian", "sumber_dana": "Sumber Dana"}
            # Unique by construction: the row's (code or uraian, sumber dana) matched no stored line.
            if not self.valid(r.b, a, peta, "Kode", kunci_terjamin=True):
                return
            try:
                if self.mungkin_tumpang_tindih(r.kode):
                    periksa_tumpang_tindih(anggaran=a)
            except ValidationError as exc:
                self._dari_validasi(r.b, exc, {}, "Kode")
                return
            self.tunda_buat(a)
            r.anggaran = a
            self.hasil.jumlah["buat"] += 1
            self.catat(r.b, f"baris anggaran baru {self.label(r)}: pagu {_fmt(r.pagu, rupiah=True)}.")
        elif r.pagu is not KOSONG and r.pagu != a.pagu:
            nama = "pagu_perubahan" if a.pagu_perubahan is not None else "pagu_murni"
            lama = getattr(a, nama)
            setattr(a, nama, r.pagu)
            if not self.valid(r.b, a, {nama: "Pagu"}, "Pagu"):
                return
            a.save()
            self.hasil.jumlah["ubah"] += 1
            jenis = "pagu perubahan" if nama == "pagu_perubahan" else "pagu"
            self.catat(
                r.b, f"{jenis} {self.label(r)}: {_fmt(lama, rupiah=True)} → {_fmt(r.pagu, rupiah=True)}."
            )
            berubah = True
        elif r.pagu is not KOSONG:
            self.hasil.jumlah["sama"] += 1
        tersimpan = self.rb_ada.get(a.pk, {}) if a.pk else {}
        for tw, nilai in zip(TRIWULAN, r.realisasi_tw, strict=True):
            kolom = f"Realisasi TW{tw}"
            if nilai is KOSONG:
                continue
            lama = tersimpan.get(tw)
            if lama is not None and lama.jumlah == nilai:
                self.hasil.jumlah["sama"] += 1
                continue
            tertutup = self.tw_tertutup(tw)
            if tertutup:
                self.masalah(r.b, kolom, f"realisasi anggaran tidak dapat diubah: {tertutup}")
                continue
            teks_lama = _fmt(lama.jumlah, rupiah=True) if lama else "belum diisi"  # before it changes
            if lama is None:
                x = RealisasiAnggaran(anggaran=a, triwulan=tw, versi=1)
            else:
                x = lama
                x.versi += 1
            x.jumlah, x.diubah_oleh, x.diubah_pada = nilai, self.pengguna, self.sekarang
            if not self.valid(r.b, x, {"jumlah": kolom}, kolom, kunci_terjamin=True):
                continue
            if lama is None:
                self.tunda_buat(x)
                self.hasil.jumlah["buat"] += 1
            else:
                self.tunda_ubah(x, ["jumlah", "versi", "diubah_oleh", "diubah_pada"])
                self.hasil.jumlah["ubah"] += 1
            self.catat(
                r.b,
                f"realisasi TW {NAMA_TW[tw]} {self.label(r)}: {teks_lama} → {_fmt(nilai, rupiah=True)}.",
            )
            berubah = True
        if len(self.hasil.masalah) == jumlah_masalah:
            self.hasil.baris[SHEET_ANGGARAN]["baru" if baru else ("diubah" if berubah else "tetap")] += 1

    def mungkin_tumpang_tindih(self, kode: str) -> bool:
        """Whether a stored line of the year shares the code, an ancestor or a descendant (or
        may, through a node without code): only then can periksa_tumpang_tindih refuse it."""
        if not kode:
            return False  # a line outside any program overlaps nothing
        if self.ada_node_tanpa_kode or kode in self.leluhur_lama:
            return True
        k: str | None = kode
        while k is not None:
            if k in self.kode_lama:
                return True
            k = induk_kode(k)
        return False

    @staticmethod
    def label(r: _BarisAnggaran) -> str:
        sumber = "" if r.sumber == SumberDana.APBD else f" ({SumberDana(r.sumber).label})"
        return f"{r.tercetak} {r.uraian}{sumber}".strip()
