"""The Renstra nodes the ``Anggaran`` sheet needs and the plan lacks: made from their row, or from a code.

Real workbooks often list sub-kegiatan without their kegiatan (or even program) rows. A
missing parent is then made from its child's code: it carries no budget line of its own
(the roll-up sums its children, pelaporan.selectors.anggaran_opd), its name comes from the
nomenclature when the pemda's list knows the code, and otherwise it is named
``Kegiatan 1.06.04.2.01 (nama belum diisi)`` and listed as "perlu diberi nama". Nothing is
refused for that. The nomenclature only suggests and warns: a name the workbook writes is
kept, with a note when it differs clearly from the nomenclature's.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from lkjip.excel import Masalah
from pelaporan.domain.kode import (
    PLACEHOLDER_URUSAN,
    TingkatKode,
    induk_kode,
    kode_tercetak_induk,
    tingkat_kode,
)
from pelaporan.domain.nomenklatur import (
    BedaNama,
    beda_nama,
    belum_bernama,
    nama_nomenklatur,
    nama_sementara,
)
from pelaporan.excel_pengukuran.format import _BarisAnggaran
from pelaporan.excel_pengukuran.hasil import AsalNama, NodeBaru
from renstra.models import Kegiatan, NodeBerkode, Program, SubKegiatan
from renstra.selectors import Nomenklatur, nomenklatur_pemda

_MODEL = {TingkatKode.PROGRAM: Program, TingkatKode.KEGIATAN: Kegiatan, TingkatKode.SUB_KEGIATAN: SubKegiatan}
_PETA = {"kode_tampil": "Kode", "kode": "Kode", "nama": "Uraian"}
_MAKS_NAMA = NodeBerkode._meta.get_field("nama").max_length


class _ImporNode:
    """Finding and making program, kegiatan and sub-kegiatan (a mixin of the importer)."""

    @cached_property
    def nomenklatur(self) -> Nomenklatur:
        return nomenklatur_pemda(self.opd.pemda_id)

    def pastikan_node(self, kode: str, r: _BarisAnggaran) -> Any | None:
        """The node with this code, created when missing (its parents first), or None after a problem.

        A code that failed once is not tried again for the next row: its problem is reported once.
        """
        if kode in self.node:
            return self.node[kode]
        if kode in self._node_gagal:
            return None
        n = self._buat_node(kode, r)
        if n is None:
            self._node_gagal.add(kode)
        return n

    def _buat_node(self, kode: str, r: _BarisAnggaran) -> Any | None:
        tingkat = tingkat_kode(kode)
        if tingkat == TingkatKode.PROGRAM:
            if self.renstra is None:
                self.masalah(
                    r.b,
                    "Kode",
                    f"belum ada Renstra yang mencakup tahun {self.tahun}; program {kode} tidak dapat dibuat.",
                )
                return None
            induk, renstra = None, self.renstra
        else:
            induk = self.pastikan_node(induk_kode(kode), r)
            if induk is None:
                return None
            renstra = induk.renstra
        model = _MODEL[tingkat]
        sendiri = r if r.kode == kode else self._baris_kode.get(kode)
        if sendiri is not None:
            b, nama, asal = sendiri.b, sendiri.uraian, AsalNama.SHEET
            # A placeholder is stored as the urusan it stands for (DOMAIN §3).
            tercetak = kode if PLACEHOLDER_URUSAN in sendiri.tercetak.upper() else sendiri.tercetak
        else:
            b = r.b
            tercetak = (
                kode
                if PLACEHOLDER_URUSAN in r.tercetak.upper()
                else kode_tercetak_induk(tercetak=r.tercetak, kode_induk=kode)
            )
            nama, asal = self._nama_dari_kode(model, tingkat, kode, tercetak, induk, renstra)
        n = model(renstra=renstra, kode_tampil=tercetak, nama=nama, urutan=b.nomor)
        if tingkat == TingkatKode.KEGIATAN:
            n.program = induk
        elif tingkat == TingkatKode.SUB_KEGIATAN:
            n.kegiatan = induk
        if not self.valid(b, n, _PETA, "Kode"):
            return None
        n.save()
        self.node[kode] = n
        self.hasil.jumlah["buat"] += 1
        self.hasil.node_baru.append(
            NodeBaru(tingkat, kode, tercetak, nama, asal, self.opd.pk, renstra.pk, str(renstra))
        )
        nama_jenis = n._meta.verbose_name
        if asal == AsalNama.SHEET:
            self.catat(b, f"{nama_jenis} baru {n} di {renstra}.")
            self.periksa_nama(sendiri, kode)
        elif asal == AsalNama.NOMENKLATUR:
            self.catat(
                b,
                f"{nama_jenis} baru {n} di {renstra}: tidak ada barisnya di sheet; namanya dari "
                f"{self.nomenklatur.sumber}.",
            )
        else:
            self.catat(
                b,
                f"{nama_jenis} baru {n} di {renstra}: tidak ada barisnya di sheet dan {self.nomenklatur.sumber} "
                "tidak dapat menamainya (kodenya tidak ada, atau namanya sudah dipakai saudaranya); perlu diberi nama.",
            )
        return n

    def _nama_dari_kode(
        self, model: type, tingkat: TingkatKode, kode: str, tercetak: str, induk: Any, renstra: Any
    ) -> tuple[str, AsalNama]:
        """The nomenclature's name, unless a sibling already has it; else the temporary name."""
        nama = nama_nomenklatur(daftar=self.nomenklatur.entri, kode=kode)
        if nama:
            if len(nama) > _MAKS_NAMA:
                nama = nama[: _MAKS_NAMA - 1] + "…"
            saudara = {"renstra": renstra} if induk is None else {induk._meta.model_name: induk}
            if not model.objects.filter(nama=nama, **saudara).exists():
                return nama, AsalNama.NOMENKLATUR
        return nama_sementara(tingkat=tingkat, kode=tercetak), AsalNama.BELUM

    def periksa_nama(self, r: _BarisAnggaran, kode: str) -> None:
        """A note (never a refusal) when a name entering the Renstra differs clearly from the nomenclature's."""
        baku = nama_nomenklatur(daftar=self.nomenklatur.entri, kode=kode)
        beda = beda_nama(tertulis=r.uraian, baku=baku) if baku else None
        if beda is None:
            return
        sumber = self.nomenklatur.sumber
        if beda == BedaNama.SALAH_KETIK:
            pesan = f"“{r.uraian}” mirip “{baku}”, nama kode {kode} menurut {sumber}: salah ketik?"
        else:
            pesan = f"“{r.uraian}” berbeda dengan “{baku}”, nama kode {kode} menurut {sumber}: periksa kode atau uraiannya."
        self.hasil.catatan.append(
            str(Masalah(r.b.sheet, r.b.nomor, "Uraian", f"{pesan} Uraian yang ditulis tetap dipakai."))
        )

    def beri_nama(self, baris: list[_BarisAnggaran]) -> None:
        """A stored node still named "(nama belum diisi)" takes the name its row now writes."""
        for r in baris:
            n = self.node.get(r.kode) if r.kode else None
            if n is None or not belum_bernama(nama=n.nama) or belum_bernama(nama=r.uraian):
                continue
            lama, n.nama = n.nama, r.uraian
            if not self.valid(r.b, n, _PETA, "Uraian"):
                n.nama = lama
                continue
            n.save()
            self.hasil.jumlah["ubah"] += 1
            self.catat(r.b, f"nama {n._meta.verbose_name} {r.tercetak}: “{lama}” → “{r.uraian}”.")
            self.periksa_nama(r, r.kode)
