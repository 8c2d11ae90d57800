"""Permission-matrix rows of the Excel exchange (issue 6)."""

from __future__ import annotations

from tests.matriks import Baris

MATRIKS_EXCEL: dict[str, Baris] = {}
