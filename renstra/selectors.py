"""Reads of the plan. Each takes its scope (the OPD or the Renstra) as an argument.

:func:`pohon_renstra` loads a whole Renstra in a fixed number of queries (one per kind of
row) and assembles the tree in memory, so the page costs the same for 10 nodes or 5.000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from lkjip.models import CatatanAudit, PerangkatDaerah
from pelaporan.domain.kode import TingkatKode, kunci_urut_kode
from pelaporan.domain.nomenklatur import (
    PENANDA_BELUM_BERNAMA,
    EntriNomenklatur,
    rincian_nomenklatur,
    urai_nomenklatur,
)
from renstra.models import (
    RPJMD,
    ArahKebijakan,
    DaftarNomenklatur,
    Indikator,
    JenisTarget,
    Kegiatan,
    KomponenIndikator,
    PaguIndikatif,
    PemetaanProgram,
    Program,
    Renstra,
    Sasaran,
    Strategi,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)

TINGKAT_URUT = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
LABEL_TINGKAT = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub-kegiatan",
}


def renstra_opd(opd: PerangkatDaerah) -> QuerySet[Renstra]:
    return Renstra.objects.filter(opd=opd).select_related("rpjmd").order_by("-tahun_awal")


def renstra_dari_opd(opd: PerangkatDaerah, pk: int) -> QuerySet[Renstra]:
    return Renstra.objects.filter(opd=opd, pk=pk).select_related("opd", "opd__pemda", "rpjmd")


def rpjmd_pemda(pemda_id: int | None) -> QuerySet[RPJMD]:
    return RPJMD.objects.filter(pemda_id=pemda_id).select_related("pemda").order_by("-tahun_awal")


@dataclass
class BarisIndikator:
    indikator: Indikator
    target: dict[int, TargetIndikator]
    komponen: list[KomponenIndikator]

    def target_tahun(self, tahun: int) -> TargetIndikator | None:
        return self.target.get(tahun)


@dataclass
class Simpul:
    """One node of the tree with its indicators and children, ready for the template."""

    tingkat: str
    objek: object
    indikator: list[BarisIndikator] = field(default_factory=list)
    anak: list[Simpul] = field(default_factory=list)
    pagu: dict[int, Decimal] = field(default_factory=dict)

    @property
    def label_tingkat(self) -> str:
        return LABEL_TINGKAT[self.tingkat]

    @property
    def ada_iku(self) -> bool:
        return any(b.indikator.iku for b in self.indikator) or any(a.ada_iku for a in self.anak)

    def jumlah_simpul(self) -> int:
        return 1 + sum(a.jumlah_simpul() for a in self.anak)


@dataclass
class PohonRenstra:
    renstra: Renstra
    tujuan: list[Simpul]
    sasaran_tanpa_tujuan: list[Simpul]
    program_tanpa_sasaran: list[Simpul]
    strategi: list[tuple[Strategi, list[ArahKebijakan]]]
    tahun: list[int]
    jumlah: dict[str, int]

    @property
    def kosong(self) -> bool:
        return not self.tujuan and not self.sasaran_tanpa_tujuan and not self.program_tanpa_sasaran


def _urut_kode(obj: Program | Kegiatan | SubKegiatan) -> tuple:
    return (obj.urutan, kunci_urut_kode(obj.kode) if obj.kode else (999,), obj.nama)


def pohon_renstra(renstra: Renstra, *, sampai: str = "sub_kegiatan", hanya_iku: bool = False) -> PohonRenstra:
    """The Renstra as a tree: tujuan → sasaran → program → kegiatan → sub-kegiatan.

    A program serving two sasaran appears under both; a program serving none is listed
    apart. ``sampai`` cuts the tree at a level; ``hanya_iku`` keeps the IKU and the nodes
    that lead to them. Twelve queries whatever the size.
    """
    r = renstra
    tujuan = list(Tujuan.objects.filter(renstra=r).order_by("urutan", "kode"))
    sasaran = list(Sasaran.objects.filter(renstra=r).order_by("urutan", "kode"))
    program = sorted(
        Program.objects.filter(renstra=r).select_related("unit_penanggung_jawab"), key=_urut_kode
    )
    pemetaan = list(PemetaanProgram.objects.filter(renstra=r).values_list("sasaran_id", "program_id"))
    kegiatan = sorted(
        Kegiatan.objects.filter(renstra=r).select_related("unit_penanggung_jawab"), key=_urut_kode
    )
    sub = sorted(
        SubKegiatan.objects.filter(renstra=r).select_related("unit_penanggung_jawab"), key=_urut_kode
    )
    indikator = list(
        Indikator.objects.filter(renstra=r).select_related("unit_penanggung_jawab").order_by("urutan", "pk")
    )
    target = TargetIndikator.objects.filter(renstra=r, jenis=JenisTarget.RENSTRA)
    komponen = KomponenIndikator.objects.filter(renstra=r).order_by("urutan", "pk")
    pagu = PaguIndikatif.objects.filter(renstra=r)
    strategi = list(Strategi.objects.filter(renstra=r).order_by("nomor"))
    arah = list(ArahKebijakan.objects.filter(renstra=r).order_by("nomor"))

    target_per: dict[int, dict[int, TargetIndikator]] = defaultdict(dict)
    for t in target:
        target_per[t.indikator_id][t.tahun] = t
    komponen_per: dict[int, list[KomponenIndikator]] = defaultdict(list)
    for k in komponen:
        komponen_per[k.indikator_id].append(k)
    pagu_per: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for p in pagu:
        pagu_per[p.sub_kegiatan_id][p.tahun] = p.jumlah
    ind_per: dict[tuple[str, int], list[BarisIndikator]] = defaultdict(list)
    for i in indikator:
        if hanya_iku and not i.iku:
            continue
        ind_per[(i.tingkat, getattr(i, f"{i.tingkat}_id"))].append(
            BarisIndikator(i, target_per.get(i.pk, {}), komponen_per.get(i.pk, []))
        )

    batas = TINGKAT_URUT.index(sampai) if sampai in TINGKAT_URUT else len(TINGKAT_URUT) - 1

    def simpul(tingkat: str, obj: object) -> Simpul:
        return Simpul(tingkat, obj, ind_per.get((tingkat, obj.pk), []))

    sub_per: dict[int, list[Simpul]] = defaultdict(list)
    for s in sub:
        n = simpul("sub_kegiatan", s)
        n.pagu = dict(sorted(pagu_per.get(s.pk, {}).items()))
        sub_per[s.kegiatan_id].append(n)
    keg_per: dict[int, list[Simpul]] = defaultdict(list)
    for k in kegiatan:
        n = simpul("kegiatan", k)
        if batas >= 4:
            n.anak = sub_per.get(k.pk, [])
        n.pagu = _jumlah_pagu(sub_per.get(k.pk, []))
        keg_per[k.program_id].append(n)

    def simpul_program(p: Program) -> Simpul:
        n = simpul("program", p)
        anak = keg_per.get(p.pk, [])
        n.pagu = _jumlah_pagu(anak)
        if batas >= 3:
            n.anak = anak
        return n

    program_per_sasaran: dict[int, list[Program]] = defaultdict(list)
    dipetakan: set[int] = set()
    urutan_program = {p.pk: i for i, p in enumerate(program)}
    program_by_pk = {p.pk: p for p in program}
    for s_id, p_id in pemetaan:
        program_per_sasaran[s_id].append(program_by_pk[p_id])
        dipetakan.add(p_id)
    sasaran_per: dict[int | None, list[Simpul]] = defaultdict(list)
    for s in sasaran:
        n = simpul("sasaran", s)
        if batas >= 2:
            n.anak = [
                simpul_program(p)
                for p in sorted(program_per_sasaran.get(s.pk, []), key=lambda p: urutan_program[p.pk])
            ]
        sasaran_per[s.tujuan_id].append(n)
    akar: list[Simpul] = []
    for t in tujuan:
        n = simpul("tujuan", t)
        if batas >= 1:
            n.anak = sasaran_per.get(t.pk, [])
        akar.append(n)
    sasaran_lepas = sasaran_per.get(None, []) if batas >= 1 else []
    lepas = [simpul_program(p) for p in program if p.pk not in dipetakan] if batas >= 2 else []

    if hanya_iku:
        akar = _pangkas_iku(akar)
        sasaran_lepas = _pangkas_iku(sasaran_lepas)
        lepas = _pangkas_iku(lepas)

    arah_per: dict[int, list[ArahKebijakan]] = defaultdict(list)
    for a in arah:
        arah_per[a.strategi_id].append(a)
    return PohonRenstra(
        renstra=r,
        tujuan=akar,
        sasaran_tanpa_tujuan=sasaran_lepas,
        program_tanpa_sasaran=lepas,
        strategi=[(s, arah_per.get(s.pk, [])) for s in strategi],
        tahun=r.tahun,
        jumlah={
            "tujuan": len(tujuan),
            "sasaran": len(sasaran),
            "program": len(program),
            "kegiatan": len(kegiatan),
            "sub_kegiatan": len(sub),
            "indikator": len(indikator),
            "iku": sum(1 for i in indikator if i.iku),
        },
    )


def _jumlah_pagu(simpul: list[Simpul]) -> dict[int, Decimal]:
    total: dict[int, Decimal] = defaultdict(Decimal)
    for s in simpul:
        for tahun, jumlah in s.pagu.items():
            total[tahun] += jumlah
    return dict(sorted(total.items()))


def _pangkas_iku(simpul: list[Simpul]) -> list[Simpul]:
    hasil = []
    for s in simpul:
        s.anak = _pangkas_iku(s.anak)
        if s.indikator or s.anak:
            hasil.append(s)
    return hasil


# ------------------------------------------------------------------ nomenclature

BERKAS_NOMENKLATUR_BAWAAN = Path(__file__).resolve().parent / "data" / "nomenklatur-90-2019.csv"


@dataclass(frozen=True)
class Nomenklatur:
    """The list of codes a pemda works with: its own upload, or the shipped Permendagri 90/2019."""

    entri: Mapping[str, EntriNomenklatur]
    sumber: str  # as a sentence names it: "nomenklatur Permendagri 90/2019"
    daftar: DaftarNomenklatur | None = None  # None: the shipped list

    @property
    def rincian(self) -> dict[TingkatKode, int]:
        return rincian_nomenklatur(entri=self.entri)


@lru_cache(maxsize=1)
def nomenklatur_bawaan() -> Nomenklatur:
    """The shipped list, read from its file once per process (no rows: a fresh database has it)."""
    entri = urai_nomenklatur(teks=BERKAS_NOMENKLATUR_BAWAAN.read_text(encoding="utf-8"))
    return Nomenklatur(MappingProxyType(entri), "nomenklatur Permendagri 90/2019")


def nomenklatur_pemda(pemda_id: int | None) -> Nomenklatur:
    """The pemda's own list when its admin uploaded one, else the shipped one (two queries at most)."""
    daftar = DaftarNomenklatur.objects.filter(pemda_id=pemda_id).first() if pemda_id else None
    if daftar is None:
        return nomenklatur_bawaan()
    entri = {
        kode: EntriNomenklatur(TingkatKode(tingkat), nama)
        for kode, tingkat, nama in daftar.kode.order_by("pk").values_list("kode", "tingkat", "nama")
    }
    return Nomenklatur(MappingProxyType(entri), f"daftar nomenklatur pemda ({daftar.nama_berkas})", daftar)


def riwayat_nomenklatur(pemda_id: int, *, batas: int = 30) -> list[CatatanAudit]:
    """Every replacement of the pemda's list, and every return to the shipped one."""
    return list(
        CatatanAudit.objects.filter(
            content_type=ContentType.objects.get_for_model(DaftarNomenklatur), pemda_id=pemda_id
        ).order_by("-waktu", "-id")[:batas]
    )


@dataclass(frozen=True)
class NodeBelumBernama:
    jenis: str  # as renstra's URLs name it: program, kegiatan, subkegiatan
    node: Program | Kegiatan | SubKegiatan


def node_belum_bernama(opd: PerangkatDaerah) -> list[NodeBelumBernama]:
    """Programs, kegiatan and sub-kegiatan of the OPD still carrying the temporary name an
    import gave them from their code (``Kegiatan 1.06.04.2.01 (nama belum diisi)``), in code order."""
    hasil = []
    for jenis, model in (("program", Program), ("kegiatan", Kegiatan), ("subkegiatan", SubKegiatan)):
        for n in model.objects.filter(renstra__opd=opd, nama__endswith=PENANDA_BELUM_BERNAMA).select_related(
            "renstra"
        ):
            hasil.append(NodeBelumBernama(jenis, n))
    return sorted(
        hasil,
        key=lambda x: (-x.node.renstra.tahun_awal, kunci_urut_kode(x.node.kode) if x.node.kode else (999,)),
    )
