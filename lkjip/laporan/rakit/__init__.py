"""Assemble the LKjIP from the data: :func:`rakit_lkjip` and :func:`draf_semua` (see ``perakit``)."""

from lkjip.laporan.rakit.perakit import Perakit, draf_semua, rakit_lkjip
from lkjip.laporan.rakit.sel import sel, sel_angka, sel_persen, sel_rupiah

__all__ = ["Perakit", "draf_semua", "rakit_lkjip", "sel", "sel_angka", "sel_persen", "sel_rupiah"]
