"""Export: a year of one OPD written to the workbook, with the computed columns."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from openpyxl.styles import Alignment, Font

from lkjip.angka import bulatkan
from lkjip.excel import (
    FORMAT_ANGKA,
    FORMAT_RUPIAH,
    GAYA_JUDUL,
    ISI_JUDUL,
    TIPE_XLSX,
    ke_bytes,
    sel_angka,
    sel_target,
    sheet_baru,
    workbook_baru,
)
from lkjip.models import PerangkatDaerah
from pelaporan.domain.kode import (
    isi_placeholder,
    normalisasi_kode,
)
from pelaporan.excel_pengukuran import petunjuk
from pelaporan.excel_pengukuran.format import (
    FORMAT_PERSEN_2,
    HITUNG_ANGGARAN,
    HITUNG_INDIKATOR,
    KOLOM_ANGGARAN,
    KOLOM_INDIKATOR,
    REALISASI_TW,
    SHEET_ANGGARAN,
    SHEET_INDIKATOR,
    SHEET_INFO,
    TRIWULAN,
)
from pelaporan.selectors import (
    anggaran_opd,
    grid_realisasi,
)
from renstra.excel import AKUMULASI_LABEL, ARAH_LABEL


def _persen(nilai: Decimal | None) -> Decimal | int | None:
    return sel_angka(bulatkan(nilai)) if nilai is not None else None


def _sheet_info(wb: Any, opd: PerangkatDaerah, tahun: int) -> None:
    info = sheet_baru(wb, SHEET_INFO, ["Isian", "Nilai"], lebar={"Isian": 22, "Nilai": 90})
    for baris in (
        ["Pemerintah Daerah", opd.pemda.nama],
        ["Perangkat Daerah", opd.nama],
        ["Tahun", tahun],
        ["Petunjuk", "Baris 1 berisi judul kolom; jangan diubah. Kolom tambahan diabaikan."],
        [
            "Petunjuk",
            "Sel kosong: data yang tersimpan dibiarkan. “-” atau “N/A” pada realisasi: belum ada data.",
        ],
        [
            "Petunjuk",
            "Kolom Realisasi, Capaian (%), Kategori, Realisasi (%) dan Sisa dihitung aplikasi; "
            "perubahan di kolom itu diabaikan saat impor.",
        ],
        [
            "Petunjuk",
            "Baris induk anggaran (yang punya baris di bawahnya) dan baris Jumlah: kosongkan, atau "
            "isi sama dengan jumlah baris di bawahnya.",
        ],
        ["Petunjuk", f"Rumus Excel tidak diterima: tulis nilainya. Panduan lengkap: {url_petunjuk()}"],
    ):
        info.append(baris)


def url_petunjuk() -> str:
    """The help page's full address: a workbook is read away from the app, so no relative link."""
    return settings.SITE_URL + reverse("pengukuran_format")


def _sheet_petunjuk(wb: Any) -> None:
    """The template's first sheet: how to fill it, from the texts the help page prints too.

    The importer reads its sheets by name, so this one is skipped like any other extra sheet.
    """
    ws = wb.create_sheet(petunjuk.SHEET_PETUNJUK, 0)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 95
    ws.column_dimensions["C"].width = 20
    tebal, bungkus = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def judul(teks: str, ukuran: int = 12) -> None:
        ws.append([teks])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=ukuran)

    def baris(*isi: str, tebal_a: bool = False) -> None:
        ws.append(list(isi))
        for sel in ws[ws.max_row]:
            sel.alignment = bungkus
        if tebal_a:
            ws.cell(row=ws.max_row, column=1).font = tebal

    judul(petunjuk.JUDUL, 14)
    url = url_petunjuk()
    baris("Halaman bantuan", url)
    ws.cell(row=ws.max_row, column=2).hyperlink = url
    ws.append([])
    judul("Langkah")
    for n, teks in enumerate(petunjuk.LANGKAH, start=1):
        baris(f"{n}.", teks)
    ws.append([])
    judul("Aturan umum")
    for teks in petunjuk.ATURAN:
        baris("•", teks)
    for sheet, kolom in petunjuk.KOLOM_PETUNJUK.items():
        ws.append([])
        judul(f"Sheet “{sheet}”")
        baris("Kolom", "Isi", "Keterangan")
        for sel in ws[ws.max_row]:
            sel.font = GAYA_JUDUL
            sel.fill = ISI_JUDUL
        for k in kolom:
            baris(
                k.nama,
                k.isi,
                "wajib diisi" if k.wajib else "dihitung aplikasi" if k.dihitung else "",
                tebal_a=True,
            )
        if sheet == SHEET_ANGGARAN:
            for teks in petunjuk.CATATAN_ANGGARAN:
                baris("•", teks)


def ekspor_pengukuran(*, opd: PerangkatDaerah, tahun: int, kosong: bool = False) -> tuple[str, str, bytes]:
    """(filename, content type, bytes): the year's Pengukuran Kinerja workbook, or its empty template."""
    wb = workbook_baru()
    ws = sheet_baru(
        wb,
        SHEET_INDIKATOR,
        KOLOM_INDIKATOR + HITUNG_INDIKATOR,
        lebar={"Sasaran": 40, "Indikator": 45, "Satuan": 10, "Kategori": 16},
    )
    if not kosong:
        for b in grid_realisasi(opd, tahun, sampai=4):
            i = b.indikator
            realisasi_tw = []
            for r in b.realisasi:
                if r is None:
                    realisasi_tw.append(None)  # not filled in
                else:
                    realisasi_tw.append(sel_angka(r.nilai) if r.nilai is not None else "-")
            hasil = b.capaian.hasil if b.capaian else None
            ws.append(
                [
                    b.kinerja,
                    i.nama,
                    i.satuan,
                    ARAH_LABEL.get(i.arah, i.arah),
                    AKUMULASI_LABEL.get(i.akumulasi, i.akumulasi),
                    sel_target(b.target_tahunan, b.target_atas_tahunan),
                    *[sel_target(t, a) for t, a in zip(b.target_tw, b.target_atas_tw, strict=True)],
                    *realisasi_tw,
                    sel_angka(bulatkan(b.realisasi_sd, tempat=4)) if b.realisasi_sd is not None else None,
                    _persen(hasil.nilai) if hasil else None,
                    # No rating: say why in its place ("belum lengkap: TW III belum ada data").
                    b.kategori.label
                    if b.kategori
                    else (f"({hasil.alasan})" if hasil and hasil.alasan else None),
                ]
            )
    _format_kolom(ws, KOLOM_INDIKATOR + HITUNG_INDIKATOR, rupiah=False)

    wa = sheet_baru(
        wb,
        SHEET_ANGGARAN,
        KOLOM_ANGGARAN + HITUNG_ANGGARAN,
        lebar={"Kode": 20, "Uraian": 55, "Pagu": 20, "Realisasi": 20, "Sisa": 20, "Sumber Dana": 14},
    )
    if not kosong:
        _tulis_anggaran(wa, opd, tahun)
    _format_kolom(wa, KOLOM_ANGGARAN + HITUNG_ANGGARAN, rupiah=True)
    _sheet_info(wb, opd, tahun)
    if kosong:
        _sheet_petunjuk(wb)
        wb.active = 0

    awal = "Templat-Pengukuran-Kinerja" if kosong else "Pengukuran-Kinerja"
    nama = f"{awal}-{opd.singkatan or opd.pk}-{tahun}.xlsx".replace(" ", "-")
    return nama, TIPE_XLSX, ke_bytes(wb)


def _tulis_anggaran(ws: Any, opd: PerangkatDaerah, tahun: int) -> None:
    """Every row of the budget table (computed parents included) and a final Jumlah row.

    Figures come from ``anggaran_opd`` (the domain's roll-up); a quarter cell stays blank when
    no line below it has a realisasi row for that quarter, so blank never turns into 0.
    """
    ringkasan = anggaran_opd(opd, tahun, sampai=4)
    urusan = opd.kode_urusan or None

    def baku(kode: str) -> str:
        return isi_placeholder(kode, urusan=urusan) if urusan else normalisasi_kode(kode)

    daun = [
        (baku(b.anggaran.node.kode) if b.anggaran.node and b.anggaran.node.kode else "", b)
        for b in ringkasan.baris
        if b.anggaran
    ]
    ada_tw: list[set[int]] = []  # per row, the quarters with a stored realisasi row (itself or below it)
    for n, b in enumerate(ringkasan.baris):
        if b.anggaran is not None:
            ada_tw.append({r.triwulan for r in b.anggaran.realisasi.all()})
        elif b.kode:
            induk = baku(b.kode)
            ada_tw.append(
                {
                    r.triwulan
                    for k, x in daun
                    if k == induk or k.startswith(induk + ".")
                    for r in x.anggaran.realisasi.all()
                }
            )
        else:  # a parent without a code: the lines that follow it, down to the next row at its depth
            tw: set[int] = set()
            for lain in ringkasan.baris[n + 1 :]:
                if lain.anggaran is None and lain.kedalaman <= b.kedalaman:
                    break
                if lain.anggaran is not None:
                    tw |= {r.triwulan for r in lain.anggaran.realisasi.all()}
            ada_tw.append(tw)
    semua_tw: set[int] = set().union(*ada_tw) if ada_tw else set()
    for b, tw_ada in zip(ringkasan.baris, ada_tw, strict=True):
        a = b.anggaran
        if a is not None:
            node = a.node
            uraian = node.nama if node is not None else a.uraian
            sumber = a.get_sumber_dana_display()
        else:
            uraian, sumber = b.uraian, None
        ws.append(
            [
                b.kode or None,
                uraian,
                sel_angka(b.angka.pagu),
                *[sel_angka(b.realisasi_tw[t - 1]) if t in tw_ada else None for t in TRIWULAN],
                sumber,
                sel_angka(b.angka.realisasi),
                _persen(b.angka.persen),
                sel_angka(b.angka.sisa),
            ]
        )
    if ringkasan.baris:
        total = ringkasan.total
        tw_total = [
            sum((b.realisasi_tw[t - 1] for b in ringkasan.baris if b.anggaran), Decimal(0)) for t in TRIWULAN
        ]
        ws.append(
            [
                None,
                "Jumlah",
                sel_angka(total.pagu),
                *[sel_angka(tw_total[t - 1]) if t in semua_tw else None for t in TRIWULAN],
                None,
                sel_angka(total.realisasi),
                _persen(total.persen),
                sel_angka(total.sisa),
            ]
        )


def _format_kolom(ws: Any, kolom: list[str], *, rupiah: bool) -> None:
    for baris in ws.iter_rows(min_row=2):
        for sel in baris:
            judul = kolom[sel.column - 1]
            if judul in ("Capaian (%)", "Realisasi (%)"):
                sel.number_format = FORMAT_PERSEN_2
            elif rupiah and judul in ("Pagu", "Realisasi", "Sisa", *REALISASI_TW):
                sel.number_format = FORMAT_RUPIAH
            elif not rupiah and (judul.startswith(("Target", "Realisasi"))):
                sel.number_format = FORMAT_ANGKA


# =========================================================================== import
