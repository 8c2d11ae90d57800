"""Steps an app adds to the demo load (``muat_demo``) without the core importing it.

The fixtures hold data only; what cannot live in a fixture (the report app's throw-away
signing certificate: a private key never sits in a JSON file) is made by a *langkah* (step)
that the app registers here in its AppConfig.ready(), as ``lkjip.beranda`` does for
home-page tasks. The core never imports renstra, pelaporan or lkjip.laporan (STYLE:
dependency direction).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class LangkahDemo(Protocol):
    def __call__(self, *, tulis: Callable[[str], object]) -> None:
        """Run after the demo fixtures are loaded; ``tulis`` prints one progress line."""
        ...


_langkah: list[LangkahDemo] = []


def daftarkan(langkah: LangkahDemo) -> LangkahDemo:
    if langkah not in _langkah:
        _langkah.append(langkah)
    return langkah


def jalankan(*, tulis: Callable[[str], object]) -> None:
    """Every registered step, in the order the apps were installed."""
    for langkah in _langkah:
        langkah(tulis=tulis)
