"""Export of a Renstra to the Matriks Rencana Strategis workbook."""

from __future__ import annotations

from typing import Any

from lkjip.excel import (
    FORMAT_ANGKA,
    FORMAT_RUPIAH,
    ke_bytes,
    sel_angka,
    sel_target,
    sheet_baru,
    workbook_baru,
)
from renstra.excel.format import (
    AKUMULASI_LABEL,
    ARAH_LABEL,
    KOLOM_STRATEGI,
    SHEET_INFO,
    SHEET_MATRIKS,
    SHEET_STRATEGI,
    TINGKAT_KE_LABEL,
    kolom_matriks,
)
from renstra.models import PemetaanProgram, Renstra
from renstra.selectors import Simpul, pohon_renstra

# =========================================================================== export


def _kunci_induk(obj: Any) -> str:
    return (obj.kode_tampil or obj.kode) if getattr(obj, "kode", "") else obj.nama


def ekspor_renstra(renstra: Renstra) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of the Renstra's Matriks Rencana Strategis."""
    pohon = pohon_renstra(renstra)
    tahun = renstra.tahun
    wb = workbook_baru()
    info = sheet_baru(wb, SHEET_INFO, ["Isian", "Nilai"], lebar={"Isian": 22, "Nilai": 60})
    info.append(["Perangkat Daerah", renstra.opd.nama])
    info.append(["Tahun Awal", renstra.tahun_awal])
    info.append(["Tahun Akhir", renstra.tahun_akhir])
    info.append(["Dasar Hukum", renstra.dasar_hukum])
    info.append(
        ["Petunjuk", "Satu baris per indikator; simpul tanpa indikator tetap satu baris. Lihat panduan."]
    )

    kolom = kolom_matriks(renstra)
    ws = sheet_baru(
        wb,
        SHEET_MATRIKS,
        kolom,
        lebar={"Uraian": 45, "Indikator": 45, "Definisi": 30, "Induk": 16, "Unit Penanggung Jawab": 24},
    )
    mapping: dict[int, list[str]] = {}
    for s_kode, p_id in PemetaanProgram.objects.filter(renstra=renstra).values_list(
        "sasaran__kode", "program_id"
    ):
        mapping.setdefault(p_id, []).append(s_kode)
    sudah: set[tuple[str, int]] = set()

    def tulis(simpul: Simpul, induk: Any | None) -> None:
        o = simpul.objek
        kunci = (simpul.tingkat, o.pk)
        if kunci in sudah:  # a program under two sasaran is written once
            return
        sudah.add(kunci)
        if simpul.tingkat == "tujuan":
            dasar = {
                "Kode": o.kode,
                "Uraian": o.uraian,
                "Induk": "",
                "Acuan RPJMD": o.misi.nomor if o.misi_id else None,
            }
        elif simpul.tingkat == "sasaran":
            dasar = {
                "Kode": o.kode,
                "Uraian": o.uraian,
                "Induk": induk.kode if induk is not None else "",
                "Acuan RPJMD": o.sasaran_daerah.kode if o.sasaran_daerah_id else None,
            }
        else:
            if simpul.tingkat == "program":
                induk_teks = "; ".join(sorted(mapping.get(o.pk, [])))
            else:
                induk_teks = _kunci_induk(induk)
            dasar = {"Kode": o.kode_tampil or o.kode, "Uraian": o.nama, "Induk": induk_teks}
        dasar["Tingkat"] = TINGKAT_KE_LABEL[simpul.tingkat]
        unit = getattr(o, "unit_penanggung_jawab", None)
        dasar["Unit Penanggung Jawab"] = unit.nama if unit else None
        pagu = (
            {f"Pagu {t}": sel_angka(simpul.pagu.get(t)) for t in tahun}
            if simpul.tingkat == "sub_kegiatan"
            else {}
        )
        baris_ind = simpul.indikator or [None]
        for nomor, b in enumerate(baris_ind):
            isi = dict(dasar)
            if nomor == 0:
                isi.update(pagu)
            if b is not None:
                i = b.indikator
                isi.update(
                    {
                        "Indikator": i.nama,
                        "Satuan": i.satuan,
                        "Arah": ARAH_LABEL[i.arah],
                        "Akumulasi": AKUMULASI_LABEL[i.akumulasi],
                        "IKU": "Ya" if i.iku else None,
                        "Definisi": i.definisi or None,
                        "Pembilang": i.pembilang or None,
                        "Penyebut": i.penyebut or None,
                        "Komponen": "; ".join(k.nama for k in b.komponen) or None,
                        "Kondisi Awal": sel_angka(i.baseline_nilai),
                        "Tahun Kondisi Awal": i.baseline_tahun,
                        "Target Akhir": sel_target(i.target_akhir, i.target_akhir_atas),
                        "Sumber Data": i.sumber_data or None,
                        "PJ Indikator": i.unit_penanggung_jawab.nama if i.unit_penanggung_jawab_id else None,
                        "Berlaku Mulai": i.berlaku_mulai,
                        "Berlaku Sampai": i.berlaku_sampai,
                    }
                )
                for t in tahun:
                    tg = b.target.get(t)
                    isi[f"Target {t}"] = sel_target(tg.nilai, tg.nilai_atas) if tg else None
            ws.append([isi.get(k) for k in kolom])
        for anak in simpul.anak:
            tulis(anak, o)

    for simpul in pohon.tujuan:
        tulis(simpul, None)
    for simpul in pohon.sasaran_tanpa_tujuan:
        tulis(simpul, None)
    for simpul in pohon.program_tanpa_sasaran:
        tulis(simpul, None)
    for baris in ws.iter_rows(min_row=2):
        for sel in baris:
            judul = kolom[sel.column - 1]
            if judul.startswith("Pagu "):
                sel.number_format = FORMAT_RUPIAH
            elif judul.startswith("Target") or judul == "Kondisi Awal":
                sel.number_format = FORMAT_ANGKA

    st = sheet_baru(wb, SHEET_STRATEGI, KOLOM_STRATEGI, lebar={"Strategi": 60, "Arah Kebijakan": 70})
    for s, arah in pohon.strategi:
        sasaran = s.sasaran.kode if s.sasaran_id else None
        for a in arah or [None]:
            st.append([s.nomor, sasaran, s.uraian, a.nomor if a else None, a.uraian if a else None])

    nama = f"Matriks-Renstra-{renstra.opd.singkatan or renstra.opd.pk}-{renstra.tahun_awal}-{renstra.tahun_akhir}.xlsx"
    return (
        nama.replace(" ", "-"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ke_bytes(wb),
    )
