"""Fuzz tests (issue 12 item 7): every form, both grids, the rencana aksi, the budget form and
the Excel import driven by hypothesis with hostile values. Never a 500, never a partial write.

The number of inputs tried and the time spent are printed at the end of the run (the
closing note of an issue quotes them): ``fuzz: 1.234 masukan dicoba dalam 41,2 s``.
"""

from __future__ import annotations

from typing import Any

import pytest

# Shared by the fuzz modules: every input sent to the server counts once.
HITUNGAN: dict[str, float] = {"masukan": 0, "detik": 0.0}


def catat_masukan(jumlah: int = 1) -> None:
    HITUNGAN["masukan"] += jumlah


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    import time

    mulai = time.perf_counter()
    yield
    HITUNGAN["detik"] += time.perf_counter() - mulai


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if HITUNGAN["masukan"]:
        terminalreporter.write_line(
            f"fuzz: {int(HITUNGAN['masukan']):,} masukan dicoba dalam {HITUNGAN['detik']:.1f} s".replace(
                ",", "."
            )
        )
