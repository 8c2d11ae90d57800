"""The consistency check run before an LKjIP can be submitted or signed (DOMAIN §9).

Errors block (a PK indicator without realisasi or without explanation, a target that differs
between the PK and BAB III, PK budgets that do not add up to the budget lines); warnings
inform (quarterly targets that do not fit the year, texts that name another year, units
that look wrong). Each problem says where it is fixed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from lkjip.angka import format_ringkas, format_rupiah
from lkjip.laporan.models import LaporanKinerja, TeksLaporan, judul_teks
from pelaporan.domain import Anggaran as AngkaAnggaran
from pelaporan.domain import jumlah_anggaran
from pelaporan.domain.narasi import satuan_persen
from pelaporan.domain.teks import NAMA_TRIWULAN
from pelaporan.models import AnggaranPK, StatusPK
from pelaporan.selectors import anggaran_opd, grid_realisasi, pk_berlaku

GALAT, PERINGATAN = "galat", "peringatan"


@dataclass(frozen=True)
class Masalah:
    tingkat: str  # galat (blocks) or peringatan (informs)
    pesan: str
    url: str
    label_url: str


def periksa_lkjip(laporan: LaporanKinerja) -> list[Masalah]:
    opd, tahun = laporan.opd, laporan.tahun
    sampai = laporan.triwulan or 4
    hasil: list[Masalah] = []
    url_grid = reverse("realisasi_grid", args=[opd.pk, tahun, sampai])
    pk = pk_berlaku(opd, tahun)
    kepala = next((p for p in pk if p.jenjang == "kepala"), None)
    if kepala is None:
        hasil.append(
            Masalah(
                GALAT,
                f"Belum ada Perjanjian Kinerja kepala OPD tahun {tahun}.",
                reverse("pk_daftar", args=[opd.pk]) + f"?tahun={tahun}",
                "Susun PK",
            )
        )
        return hasil
    if kepala.status != StatusPK.DITANDATANGANI:
        hasil.append(
            Masalah(
                GALAT,
                f"{kepala} belum ditandatangani.",
                reverse("pk_detail", args=[opd.pk, kepala.pk]),
                "Buka PK",
            )
        )
    baris = grid_realisasi(opd, tahun, sampai=sampai)
    for b in baris:
        i = b.indikator
        r = b.baris_tw(sampai)
        url = reverse("realisasi_detail", args=[opd.pk, tahun, sampai, i.pk])
        if r is None:
            hasil.append(
                Masalah(
                    GALAT,
                    f"“{i.nama}”: realisasi TW {NAMA_TRIWULAN[sampai - 1]} belum diisi (isi nilainya atau tandai "
                    "“belum ada data”).",
                    url_grid,
                    "Isi realisasi",
                )
            )
        elif not (r.penjelasan or "").strip():
            hasil.append(
                Masalah(GALAT, f"“{i.nama}”: penjelasan capaian belum ditulis.", url, "Tulis penjelasan")
            )
        if r is not None and r.nilai is None:
            hasil.append(
                Masalah(
                    PERINGATAN,
                    f"“{i.nama}”: belum ada data realisasi; indikator ini tidak ikut "
                    "rata-rata dan disebut dalam catatan tabel.",
                    url_grid,
                    "Periksa",
                )
            )
        if b.target_tahunan is None:
            hasil.append(
                Masalah(
                    GALAT,
                    f"“{i.nama}”: target dalam PK kosong.",
                    reverse("pk_detail", args=[opd.pk, kepala.pk]),
                    "Buka PK",
                )
            )
        for p in b.peringatan_target:
            hasil.append(
                Masalah(
                    PERINGATAN,
                    f"“{i.nama}”: {p}",
                    reverse("rencana_aksi", args=[opd.pk, tahun]),
                    "Buka rencana aksi",
                )
            )
        if satuan_persen(i.satuan) and b.capaian.realisasi is not None and b.capaian.realisasi > 100:
            hasil.append(
                Masalah(
                    PERINGATAN,
                    f"“{i.nama}”: realisasi {format_ringkas(b.capaian.realisasi)} melebihi 100 padahal satuannya persen.",
                    url_grid,
                    "Periksa",
                )
            )
    # PK target vs the target BAB III uses (the signed PK in force): a draft perubahan differing is a warning.
    perubahan = getattr(kepala, "perubahan", None)
    if perubahan is not None and perubahan.status == StatusPK.DRAFT:
        hasil.append(
            Masalah(
                PERINGATAN,
                f"{perubahan} masih draf: BAB III memakai target {kepala}.",
                reverse("pk_detail", args=[opd.pk, perubahan.pk]),
                "Buka PK Perubahan",
            )
        )
    # PK budgets against the budget lines of the year (program by program, then the total)
    ringkas = anggaran_opd(opd, tahun, sampai=laporan.triwulan or 4)
    url_anggaran = reverse("anggaran_daftar", args=[opd.pk, tahun])
    # the year's lines by program, from the roll-up already loaded (no query per program)
    per_program: dict[int, list[AngkaAnggaran]] = defaultdict(list)
    for b in ringkas.baris:
        if b.anggaran is not None and (p := b.anggaran.program_induk) is not None:
            per_program[p.pk].append(b.angka)
    for a in AnggaranPK.objects.filter(perjanjian=kepala, program__isnull=False).select_related("program"):
        baris_program = per_program.get(a.program_id, [])
        pagu = jumlah_anggaran(baris=baris_program).pagu
        if baris_program and pagu != a.jumlah:
            hasil.append(
                Masalah(
                    PERINGATAN,
                    f"Anggaran {a.program} dalam PK ({format_rupiah(a.jumlah, tempat=2)}) berbeda dengan pagu "
                    f"tahun ini ({format_rupiah(pagu, tempat=2)}).",
                    url_anggaran,
                    "Buka anggaran",
                )
            )
    if not ringkas.baris:
        hasil.append(
            Masalah(
                PERINGATAN,
                f"Anggaran {tahun} belum diisi: BAB III tidak memuat realisasi anggaran.",
                url_anggaran,
                "Isi anggaran",
            )
        )
    elif ringkas.tw_kosong:
        hasil.append(
            Masalah(
                PERINGATAN,
                f"{ringkas.teks_tw_kosong} untuk tahun {tahun}: persentase realisasi anggaran di BAB III "
                "belum mencakup triwulan itu.",
                url_anggaran,
                "Isi realisasi anggaran",
            )
        )
    # Texts that name another year (seed 001 kept "Tahun 2020" in its 2021 report).
    judul = dict(judul_teks(laporan))
    for t in TeksLaporan.objects.filter(laporan=laporan):
        polos = re.sub(r"<[^>]+>", " ", t.isi)
        # "Nomor 53 Tahun 2014" cites a regulation, not the reporting year.
        polos = re.sub(r"Nomor\s+\S+\s+[Tt]ahun\s+\d{4}", " ", polos)
        # "Renstra Tahun 2016–2021" names a plan period, not another reporting year.
        polos = re.sub(r"20\d\d\s*(?:–|—|-|s\.\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*20\d\d", " ", polos)
        lain = {int(x) for x in re.findall(r"[Tt]ahun\s+(20\d\d)", polos)} - {tahun, tahun - 1, tahun + 1}
        if lain:
            hasil.append(
                Masalah(
                    PERINGATAN,
                    f"Teks “{judul.get(t.kunci, t.kunci)}” menyebut tahun {', '.join(map(str, sorted(lain)))}; "
                    f"laporan ini untuk tahun {tahun}.",
                    reverse("lkjip_teks", args=[opd.pk, laporan.pk, t.kunci]),
                    "Ubah teks",
                )
            )
    from lkjip.laporan.narasi import narasi_bertentangan  # it builds on this module's Masalah

    hasil += narasi_bertentangan(laporan)
    hasil += masalah_isi(laporan)
    return hasil


def masalah_isi(laporan: LaporanKinerja) -> list[Masalah]:
    """What the report itself lacks: every piece the draft marks "[belum diisi: …]" is an error with the
    place where it is filled (a signed LKjIP never prints one), and a missing logo is a warning."""
    from lkjip.laporan.kerangka import kerangka_pemda, terapkan_kerangka
    from lkjip.laporan.rakit import Perakit  # the assembler imports the models this module's callers use

    p = Perakit(laporan)
    data = terapkan_kerangka(p.rakit(), kerangka_pemda(laporan.opd.pemda))  # what the pemda prints
    hasil = [Masalah(GALAT, k["pesan"], k["url"], k["label"]) for k in data["kurang"]]
    hasil += [Masalah(PERINGATAN, k["pesan"], k["url"], k["label"]) for k in p.peringatan]
    pemda = laporan.opd.pemda
    if not pemda.logo:
        hasil.append(
            Masalah(
                PERINGATAN,
                f"Logo {pemda} belum diunggah: sampul LKjIP dicetak tanpa logo.",
                reverse("pengaturan"),
                "Unggah logo",
            )
        )
    return hasil
