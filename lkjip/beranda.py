"""What each role's home page lists. Apps add their own items without the core importing them.

An app registers a *penyedia* (provider) in its AppConfig.ready(); each returns ``Tugas`` for
an OPD and a role. The core never imports renstra or pelaporan (STYLE: dependency direction).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lkjip.models import Pengguna, PerangkatDaerah


@dataclass(frozen=True)
class Tugas:
    judul: str
    keterangan: str
    url: str
    tingkat: str = "info"  # bootstrap colour: info, warning, danger, success
    urutan: int = 50


Penyedia = Callable[[Pengguna, PerangkatDaerah], list[Tugas]]
_penyedia: list[Penyedia] = []


def daftarkan(penyedia: Penyedia) -> Penyedia:
    if penyedia not in _penyedia:
        _penyedia.append(penyedia)
    return penyedia


def tugas_untuk(pengguna: Pengguna, opd: PerangkatDaerah) -> list[Tugas]:
    hasil: list[Tugas] = []
    for penyedia in _penyedia:
        hasil.extend(penyedia(pengguna, opd))
    return sorted(hasil, key=lambda t: (t.urutan, t.judul))


# Menu entries an app adds after the core's own: (label, url, bootstrap icon).
PenyediaMenu = Callable[[Pengguna], list[tuple[str, str, str]]]
_menu: list[PenyediaMenu] = []


def daftarkan_menu(penyedia: PenyediaMenu) -> PenyediaMenu:
    if penyedia not in _menu:
        _menu.append(penyedia)
    return penyedia


def menu_untuk(pengguna: Pengguna) -> list[tuple[str, str, str]]:
    hasil: list[tuple[str, str, str]] = []
    for penyedia in _menu:
        hasil.extend(penyedia(pengguna))
    return hasil


# Links an app adds to an OPD's page (its Renstra, PK, realisasi …), for every role that reads it.
PenyediaTautan = Callable[[Pengguna, PerangkatDaerah], list[tuple[str, str, str]]]
_tautan_opd: list[PenyediaTautan] = []


def daftarkan_tautan_opd(penyedia: PenyediaTautan) -> PenyediaTautan:
    if penyedia not in _tautan_opd:
        _tautan_opd.append(penyedia)
    return penyedia


def tautan_opd(pengguna: Pengguna, opd: PerangkatDaerah) -> list[tuple[str, str, str]]:
    hasil: list[tuple[str, str, str]] = []
    for penyedia in _tautan_opd:
        hasil.extend(penyedia(pengguna, opd))
    return hasil
