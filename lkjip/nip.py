"""NIP (Nomor Induk Pegawai) of an ASN: 18 digits that carry data (DOMAIN §2).

``YYYYMMDD`` birth date, ``YYYYMM`` TMT CPNS, ``1``/``2`` sex, ``NNN`` sequence.
Pure Python: used by the model validator, the forms and the Excel import alike.
"""

from __future__ import annotations

import datetime as dt
import re


class NipTidakSah(ValueError):
    """The message is Indonesian and shown next to the field."""


def bersihkan_nip(teks: str) -> str:
    """``"19640409 198803 1 013"`` → ``"196404091988031013"`` (spaces and dots dropped)."""
    return re.sub(r"[\s.\-]", "", teks or "")


def periksa_nip(teks: str) -> str:
    """Return the 18 digits of a valid NIP or raise :class:`NipTidakSah` saying what is wrong."""
    nip = bersihkan_nip(teks)
    if not nip.isdigit() or len(nip) != 18:
        raise NipTidakSah(f"NIP harus 18 angka (tertulis {len(nip)} karakter).")
    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise NipTidakSah(f"Delapan angka pertama NIP ({nip[0:8]}) bukan tanggal lahir yang sah.") from exc
    tahun_tmt, bulan_tmt = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_tmt <= 12:
        raise NipTidakSah(f"Angka ke-13–14 NIP ({nip[12:14]}) harus bulan TMT 01–12.")
    # Nobody becomes a CPNS before 17 or before being born; nobody born in the future.
    if lahir.year < 1930 or lahir > dt.date.today():
        raise NipTidakSah(f"Tahun lahir pada NIP ({lahir.year}) tidak masuk akal.")
    if not lahir.year + 17 <= tahun_tmt <= dt.date.today().year:
        raise NipTidakSah(
            f"TMT pada NIP ({nip[12:14]}/{tahun_tmt}) harus setelah usia 17 tahun dan tidak di masa depan."
        )
    if nip[14] not in "12":
        raise NipTidakSah(f"Angka ke-15 NIP adalah jenis kelamin: 1 atau 2, bukan {nip[14]}.")
    if nip[15:] == "000":
        raise NipTidakSah("Tiga angka terakhir NIP (nomor urut) tidak boleh 000.")
    return nip


def format_nip(nip: str) -> str:
    """``"196404091988031013"`` → ``"19640409 198803 1 013"``, as printed in signature blocks."""
    d = bersihkan_nip(nip)
    if len(d) != 18:
        return nip
    return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"
