"""How many indicator-quarters per second the capaian engine rates on one core.

One indicator-quarter = ``hitung_capaian`` (capaian with the pemda cap) plus the band of
the rating scale, over synthetic data with mixed arah, a few missing realisasi and a few
zero targets. Run: ``.venv/bin/python bench/capaian.py [jumlah]``. Aim: ≥ 400.000/s (issue 11).
"""

from __future__ import annotations

import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pelaporan.domain import (  # noqa: E402  (path set above so the script runs from anywhere)
    SKALA_PERMENDAGRI_86_2017,
    Arah,
    RumusNegatif,
    hitung_capaian,
)

JUMLAH_BAKU = 200_000
ULANG = 5


def _data(jumlah: int) -> list[tuple[Arah, Decimal | None, Decimal | None, Decimal | None, RumusNegatif]]:
    acak = random.Random(86_2017)
    arah = [Arah.POSITIF] * 6 + [Arah.NEGATIF] * 2 + [Arah.MENDEKATI] * 2
    data = []
    for _ in range(jumlah):
        a = acak.choice(arah)
        target = Decimal(acak.randint(0, 10_000)).scaleb(-2) if acak.random() > 0.01 else Decimal(0)
        realisasi = Decimal(acak.randint(0, 15_000)).scaleb(-2) if acak.random() > 0.05 else None
        # One target in ten is a range (a form of target for every arah, DOMAIN §5).
        rentang = acak.random() < 0.1
        target_atas = target + Decimal(acak.randint(0, 2_000)).scaleb(-2) if rentang else None
        rumus = RumusNegatif.RASIO if acak.random() < 0.2 else RumusNegatif.SELISIH
        data.append((a, target, realisasi, target_atas, rumus))
    return data


def _jalankan(data: list[tuple[Arah, Decimal | None, Decimal | None, Decimal | None, RumusNegatif]]) -> int:
    kategori = SKALA_PERMENDAGRI_86_2017.kategori
    batas = Decimal(120)
    berlabel = 0
    for arah, target, realisasi, target_atas, rumus in data:
        hasil = hitung_capaian(
            arah=arah,
            target=target,
            realisasi=realisasi,
            target_atas=target_atas,
            rumus_negatif=rumus,
            batas_atas=batas,
        )
        if hasil.nilai_dibatasi is not None:
            kategori(hasil.nilai_dibatasi)
            berlabel += 1
    return berlabel


def main() -> None:
    jumlah = int(sys.argv[1]) if len(sys.argv) > 1 else JUMLAH_BAKU
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised
    data = _data(jumlah)
    terbaik = float("inf")  # timing only: wall-clock seconds are not a domain figure
    for _ in range(ULANG):
        mulai = time.perf_counter()
        berlabel = _jalankan(data)
        terbaik = min(terbaik, time.perf_counter() - mulai)
    laju = int(jumlah / terbaik)
    print(
        f"{jumlah:_} indikator-triwulan ({berlabel:_} berlabel), terbaik dari {ULANG} putaran".replace(
            "_", "."
        )
    )
    print(f"{laju:_} indikator-triwulan/detik (capaian + kategori, satu inti)".replace("_", "."))


if __name__ == "__main__":
    main()
