"""Permission-matrix rows of the LKjIP (issue 7)."""

from __future__ import annotations

from tests.matriks import Baris

MATRIKS_LAPORAN: dict[str, Baris] = {}
