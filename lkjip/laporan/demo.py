"""The report app's part of the demo load (registered in :mod:`lkjip.demo`)."""

from __future__ import annotations

from collections.abc import Callable

from lkjip.laporan.sertifikat import buat_demo, pasang
from lkjip.models import Peran, PerangkatDaerah


def sertifikat_demo(*, tulis: Callable[[str], object]) -> None:
    """The demo kepala can sign the demo LKjIP: a throw-away CA and certificate, made here
    (a private key never lives in a fixture)."""
    for opd in (
        PerangkatDaerah.objects.filter(pengguna__peran=Peran.KEPALA).select_related("kepala").distinct()
    ):
        p12, sandi, ca = buat_demo(opd=opd, nama_kepala=opd.kepala.nama if opd.kepala else "")
        pasang(opd=opd, p12=p12, sandi=sandi, ca_pem=ca)
        tulis(f"Sertifikat tanda tangan DEMO dipasang untuk {opd}.")
