"""Units of measure (satuan): which may carry a negative value.

Counts (orang, KK, dokumen …) and percentages cannot be below zero; a change in points,
an index or a growth rate can. Unknown units are treated as counts: refusing a negative
target that was meant is a small annoyance, accepting one that was a typo corrupts a year.
"""

from __future__ import annotations

# Compared in lower case, without surrounding spaces.
SATUAN_BERTANDA = frozenset(
    {
        "poin",
        "persen poin",
        "pp",
        "laju",
        "pertumbuhan",
        "% pertumbuhan",
        "persen pertumbuhan",
    }
)

# Offered in forms (a datalist), most common first; any other text is accepted.
SATUAN_UMUM = (
    "%",
    "orang",
    "jiwa",
    "KK",
    "KPM",
    "dokumen",
    "laporan",
    "nilai",
    "indeks",
    "predikat",
    "unit",
    "paket",
    "kegiatan",
    "lembaga",
    "desa",
    "kali",
    "bulan",
    "hari",
    "rekomendasi",
)


def boleh_negatif(satuan: str) -> bool:
    return (satuan or "").strip().lower() in SATUAN_BERTANDA
