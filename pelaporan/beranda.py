"""What execution adds to menus, OPD pages and each role's home page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from lkjip.beranda import Tugas
from lkjip.models import Pengguna, Peran, PerangkatDaerah
from pelaporan.models import ButirPK, LaporanTriwulan, PerjanjianKinerja, StatusLaporan, StatusPK
from pelaporan.selectors import NAMA_TW, status_triwulan


def menu(pengguna: Pengguna) -> list[tuple[str, str, str]]:
    hasil = [("Dasbor", reverse("dasbor"), "speedometer2")]
    if pengguna.peran in (Peran.OPERATOR, Peran.KEPALA) and pengguna.opd_id:
        hasil.append(("PK", reverse("pk_daftar", args=[pengguna.opd_id]), "file-earmark-check"))
        hasil.append(("Realisasi", reverse("realisasi_index", args=[pengguna.opd_id]), "table"))
    if pengguna.peran == Peran.ADMIN:
        hasil.append(("Jadwal triwulan", reverse("periode", args=[timezone.localdate().year]), "calendar3"))
    return hasil


def tautan_opd(pengguna: Pengguna, opd: PerangkatDaerah) -> list[tuple[str, str, str]]:
    tahun = timezone.localdate().year
    return [
        ("Dasbor", reverse("dasbor_opd_terbaru", args=[opd.pk]), "speedometer2"),
        ("Perjanjian Kinerja", reverse("pk_daftar", args=[opd.pk]), "file-earmark-check"),
        ("Realisasi", reverse("realisasi_index", args=[opd.pk]), "table"),
        ("Anggaran", reverse("anggaran_daftar", args=[opd.pk, tahun]), "cash-coin"),
    ]


def _triwulan_berjalan(hari: object) -> tuple[int, int]:
    """The quarter whose report is due now: the one that just ended (TW IV in January)."""
    tw = (hari.month - 1) // 3  # 0 in Jan–Mar: the previous year's TW IV is due
    return (hari.year - 1, 4) if tw == 0 else (hari.year, tw)


def _ada_pk(opd: PerangkatDaerah, tahun: int) -> bool:
    """A PK of that year with indicators: without one there is no realisasi to fill."""
    return ButirPK.objects.filter(perjanjian__opd=opd, perjanjian__tahun=tahun).exists()


def tugas(pengguna: Pengguna, opd: PerangkatDaerah) -> list[Tugas]:
    """Only what can be done now: no quarter to fill without its year's PK, nothing submitted."""
    hari = timezone.localdate()
    hasil: list[Tugas] = []
    if pengguna.peran == Peran.OPERATOR:
        tahun, tw = _triwulan_berjalan(hari)
        dikembalikan = list(
            LaporanTriwulan.objects.filter(opd=opd, status=StatusLaporan.DIKEMBALIKAN).order_by(
                "tahun", "triwulan"
            )
        )
        s = status_triwulan(opd, tahun, tw, hari_ini=hari)
        if s.boleh_diisi and _ada_pk(opd, tahun) and s.status_laporan != StatusLaporan.DIKEMBALIKAN:
            hasil.append(
                Tugas(
                    f"Isi realisasi TW {NAMA_TW[tw - 1]} {tahun}",
                    s.alasan,
                    reverse("realisasi_grid", args=[opd.pk, tahun, tw]),
                    "warning",
                    5,
                )
            )
        for lap in dikembalikan:
            st = status_triwulan(opd, lap.tahun, lap.triwulan, hari_ini=hari)
            if not st.boleh_diisi:
                continue  # closed again: only the admin can act on it
            c = st.catatan
            oleh = "dibuka kembali oleh admin" if st.pembukaan_admin is not None else "dikembalikan kepala"
            hasil.append(
                Tugas(
                    f"Perbaiki TW {NAMA_TW[lap.triwulan - 1]} {lap.tahun}: {oleh}",
                    f"{c.judul} ({c.oleh}): {c.isi}" if c else st.alasan,
                    reverse("realisasi_grid", args=[opd.pk, lap.tahun, lap.triwulan]),
                    "danger",
                    4,
                )
            )
        for t in sorted({tahun, hari.year}):
            if not PerjanjianKinerja.objects.filter(opd=opd, tahun=t).exists():
                hasil.append(
                    Tugas(
                        f"Susun Perjanjian Kinerja {t}",
                        "Indikator dan target PK menjadi dasar realisasi triwulan.",
                        reverse("pk_daftar", args=[opd.pk]),
                        "warning",
                        25,
                    )
                )
    if pengguna.peran == Peran.KEPALA:
        for lap in LaporanTriwulan.objects.filter(opd=opd, status=StatusLaporan.DIAJUKAN).order_by(
            "tahun", "triwulan"
        ):
            hasil.append(
                Tugas(
                    f"Setujui realisasi TW {NAMA_TW[lap.triwulan - 1]} {lap.tahun}",
                    f"Diajukan oleh {lap.diajukan_oleh} — periksa, lalu setujui atau kembalikan dengan catatan.",
                    reverse("realisasi_grid", args=[opd.pk, lap.tahun, lap.triwulan]),
                    "warning",
                    5,
                )
            )
        for pk in (
            PerjanjianKinerja.objects.filter(opd=opd, status=StatusPK.DRAFT).exclude(butir=None).distinct()
        ):
            hasil.append(
                Tugas(
                    f"Tandatangani {pk}",
                    "Draf PK sudah berisi indikator.",
                    reverse("pk_detail", args=[opd.pk, pk.pk]),
                    "info",
                    10,
                )
            )
    return hasil
