"""A workflow state as people see it: its words and its badge colour, decided here once.

Every page shows a state through ``{% lencana x %}`` (lkjip.templatetags.format_id) from a
:class:`Lencana` built in Python (a model's or a status object's ``lencana``), so a badge and
the sentence beside it never disagree, and "diajukan" is the same yellow everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

# Approved/signed green, submitted yellow, returned red; anything else grey.
_KELAS_STATUS = {
    "disetujui": "text-bg-success",
    "ditandatangani": "text-bg-success",
    "diajukan": "text-bg-warning",
    "dikembalikan": "text-bg-danger",
}
KELAS_ABU = "text-bg-secondary"
KELAS_TERANG = "text-bg-light border"
KELAS_GELAP = "text-bg-dark"
KELAS_INFO = "text-bg-info"


@dataclass(frozen=True)
class Lencana:
    label: str
    kelas: str  # Bootstrap badge classes

    def __str__(self) -> str:
        return self.label


def kelas_status(status: str | None) -> str:
    """The badge colour of a workflow state value (``"diajukan"`` …)."""
    return _KELAS_STATUS.get(status or "", KELAS_ABU)


def lencana_status(status: str, label: str) -> Lencana:
    """A stored state with its display label (``get_status_display()``)."""
    return Lencana(label, kelas_status(status))
