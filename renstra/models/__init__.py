"""The plan (DOMAIN §3 and §4): RPJMD of the pemda, Renstra of each OPD, and its tree.

RPJMD (visi, misi, tujuan and sasaran daerah)
 └─ Renstra OPD (periode)
     └─ Tujuan ── indikator
         └─ Sasaran strategis ── indikator (IKU)      ◄── Program (via PemetaanProgram)
     Program ── indikator ── Kegiatan ── indikator ── Sub-kegiatan ── indikator, pagu indikatif

Every node carries its Renstra, so a tree of any size loads with one query per level and
every read can be scoped to the OPD through ``renstra__opd``.
"""

from renstra.models._umum import ANGKA, PILIHAN_AKUMULASI, PILIHAN_ARAH, RUPIAH
from renstra.models.indikator import (
    TINGKAT_INDIKATOR,
    Indikator,
    JenisTarget,
    KomponenIndikator,
    SkalaPredikatIndikator,
    TargetIndikator,
    periksa_nilai_satuan,
    periksa_target,
)
from renstra.models.kode import Kegiatan, NodeBerkode, PaguIndikatif, PemetaanProgram, Program, SubKegiatan
from renstra.models.nomenklatur import DaftarNomenklatur, KodeNomenklatur
from renstra.models.renstra import ArahKebijakan, NodeRenstra, Renstra, Sasaran, Strategi, Tujuan
from renstra.models.rpjmd import RPJMD, MisiRPJMD, SasaranRPJMD, TujuanRPJMD

__all__ = [
    "ANGKA",
    "PILIHAN_AKUMULASI",
    "PILIHAN_ARAH",
    "RPJMD",
    "RUPIAH",
    "TINGKAT_INDIKATOR",
    "ArahKebijakan",
    "DaftarNomenklatur",
    "Indikator",
    "JenisTarget",
    "Kegiatan",
    "KodeNomenklatur",
    "KomponenIndikator",
    "MisiRPJMD",
    "NodeBerkode",
    "NodeRenstra",
    "PaguIndikatif",
    "PemetaanProgram",
    "Program",
    "Renstra",
    "Sasaran",
    "SasaranRPJMD",
    "SkalaPredikatIndikator",
    "Strategi",
    "SubKegiatan",
    "TargetIndikator",
    "Tujuan",
    "TujuanRPJMD",
    "periksa_nilai_satuan",
    "periksa_target",
]
