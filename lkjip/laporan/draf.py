"""Draft texts the product writes from the data; the operator edits them (issue 7).

Each draft only states what the data says — target, realisasi, capaian, kategori, change
from last year, the operator's own explanation — so nothing invented reaches a signed report.
"""

from __future__ import annotations

from html import escape
from typing import Any

from lkjip.angka import format_persen, format_rupiah


def _p(*kalimat: str) -> str:
    return "<p>" + " ".join(k for k in kalimat if k) + "</p>"


def _daftar(butir: list[str], *, bernomor: bool = False) -> str:
    if not butir:
        return ""
    tag = "ol" if bernomor else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(b)}</li>" for b in butir) + f"</{tag}>"


DASAR_HUKUM = [
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja "
    "Instansi Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 tentang "
    "Evaluasi Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan "
    "Evaluasi Pembangunan Daerah;",
    "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur "
    "Perencanaan Pembangunan dan Keuangan Daerah.",
]


def draf(kunci: str, k: dict[str, Any]) -> str:
    """The draft of one text from the assembled figures ``k`` (see rakit.Perakit.konteks_draf)."""
    opd, tahun = k["opd"], k["tahun"]
    if kunci == "kata_pengantar":
        return _p(
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {escape(opd)} Tahun {tahun} disusun sebagai bentuk "
            "pertanggungjawaban atas pelaksanaan tugas dan fungsi yang dipercayakan, sesuai Peraturan Menteri "
            "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014.",
        ) + _p(
            f"Laporan ini mengukur capaian {k['jumlah_indikator']} indikator Perjanjian Kinerja Tahun {tahun} "
            f"terhadap targetnya, berdasarkan {escape(k['renstra'])}. Semoga laporan ini menjadi bahan perbaikan "
            "kinerja pada tahun-tahun berikutnya.",
        )
    if kunci == "ikhtisar":
        teks = _p(
            f"Pada Tahun {tahun}, {escape(opd)} mengukur {k['jumlah_indikator']} indikator kinerja. "
            f"Rata-rata capaiannya {format_persen(k['rata_rata'])} dengan kategori {escape(k['kategori_rata'])}"
            if k["rata_rata"] is not None
            else f"Pada Tahun {tahun} belum ada indikator dengan nilai capaian",
            f"({k['jumlah_dipakai']} indikator memiliki nilai)." if k["rata_rata"] is not None else ".",
            f"Realisasi anggaran mencapai {format_persen(k['serapan'])} "
            f"({format_rupiah(k['realisasi_anggaran'], tempat=2)} dari pagu {format_rupiah(k['pagu'], tempat=2)})."
            if k["serapan"] is not None
            else "",
        )
        if k["penghambat"]:
            teks += "<p>Permasalahan utama yang dihadapi:</p>" + _daftar(k["penghambat"])
        if k["rtl"]:
            teks += "<p>Langkah yang akan ditempuh:</p>" + _daftar(k["rtl"])
        return teks
    if kunci == "latar_belakang":
        return _p(
            "Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap perangkat daerah "
            "merencanakan, mengukur dan melaporkan kinerjanya. LKjIP menyajikan capaian kinerja atas Perjanjian "
            f"Kinerja Tahun {tahun} sebagai bahan evaluasi dan perbaikan kinerja {escape(opd)}."
        )
    if kunci == "dasar_hukum":
        return _daftar(DASAR_HUKUM, bernomor=True)
    if kunci == "tupoksi":
        return _p(f"Susunan organisasi {escape(opd)} terdiri atas:") + _daftar(k["unit"], bernomor=True)
    if kunci == "sumber_daya":
        return _p(
            f"Pada Tahun {tahun}, {escape(opd)} mengelola pagu anggaran {format_rupiah(k['pagu'], tempat=2)}"
            f" untuk {k['jumlah_program']} program."
            if k["pagu"] is not None
            else "",
            "Rincian jabatan struktural disajikan pada tabel berikut.",
        )
    if kunci == "permasalahan":
        if not k["penghambat"]:
            return ""  # nothing in the data to draft from: the report marks it for the operator
        return _p("Permasalahan yang dihadapi dalam pencapaian kinerja:") + _daftar(
            k["penghambat"], bernomor=True
        )
    if kunci == "kesimpulan":
        return _p(
            f"Dari {k['jumlah_indikator']} indikator Perjanjian Kinerja Tahun {tahun}, "
            f"{k['jumlah_dipakai']} memiliki nilai capaian dengan rata-rata {format_persen(k['rata_rata'])} "
            f"({escape(k['kategori_rata'])})."
            if k["rata_rata"] is not None
            else "",
            f"Realisasi anggaran {format_persen(k['serapan'])}." if k["serapan"] is not None else "",
        )
    if kunci == "saran":
        if not k["rtl"]:
            return ""  # as above
        return _p("Langkah perbaikan ke depan:") + _daftar(k["rtl"], bernomor=True)
    if kunci.startswith("analisis:"):
        return draf_indikator(k["indikator"][int(kunci.split(":")[1])], tahun)
    return ""


def draf_indikator(i: dict[str, Any], tahun: int) -> str:
    """One indicator's paragraph: the figures, the change from last year, then the operator's texts."""
    kalimat = [
        f"Indikator “{escape(i['nama'])}” pada Tahun {tahun} ditargetkan {escape(i['target'])} {escape(i['satuan'])}"
    ]
    if i["realisasi_angka"] is not None:
        kalimat.append(f"dengan realisasi {escape(i['realisasi'])} {escape(i['satuan'])},")
        if i["capaian_angka"] is not None:
            kalimat.append(
                f"sehingga capaiannya {escape(i['capaian'])} dengan kategori {escape(i['kategori'])}."
            )
        else:
            kalimat.append(f"namun capaiannya tidak dapat dihitung ({escape(i['alasan'])}).")
    else:
        kalimat.append(f"dan belum ada data realisasi ({escape(i['alasan'])}).")
    if i.get("perubahan"):
        kalimat.append(f"Dibandingkan tahun lalu, capaian {escape(i['perubahan'])}.")
    teks = _p(*kalimat)
    for judul, isi in (
        ("Penjelasan", i["penjelasan"]),
        ("Faktor pendukung", i["faktor_pendukung"]),
        ("Faktor penghambat", i["faktor_penghambat"]),
        ("Upaya yang telah dilakukan", i["upaya"]),
        ("Rencana tindak lanjut", i["rencana_tindak_lanjut"]),
    ):
        if isi:
            teks += f"<p><strong>{judul}:</strong> {escape(isi)}</p>"
    return teks


__all__ = ["DASAR_HUKUM", "draf", "draf_indikator"]
