"""The LKjIP's texts against its own figures: warnings of the consistency check (issue 10 item 5).

Every text the report prints is read with :mod:`pelaporan.domain.narasi`: the chapter texts and
each indicator's analysis (``TeksLaporan``), and the quarter's texts per indicator that BAB III
quotes (``Realisasi.penjelasan`` … of the report's last quarter). They are compared with the
figures the report prints, from :func:`pelaporan.dasbor.ringkasan_opd` as BAB III takes them.
The texts are the OPD's words: a difference is a warning with the place the text is edited,
never a rewrite, and a kepala may still sign.
"""

from __future__ import annotations

from collections.abc import Hashable

from django.urls import reverse

from lkjip.laporan.models import LaporanKinerja, TeksLaporan, judul_teks
from lkjip.laporan.periksa import PERINGATAN, Masalah
from pelaporan.dasbor import ringkasan_opd
from pelaporan.domain.narasi import (
    RATA_RATA,
    AngkaSubjek,
    Selisih,
    bandingkan_narasi,
    cari_pernyataan,
    label_kategori,
    pola_subjek,
    uraian_selisih,
)
from pelaporan.domain.teks import NAMA_TRIWULAN
from pelaporan.models import Realisasi
from pelaporan.selectors import skala_pemda

# The quarter's texts BAB III quotes under each indicator (rakit.Perakit.ringkasan_indikator).
TEKS_TRIWULAN = ("penjelasan", "faktor_pendukung", "faktor_penghambat", "upaya", "rencana_tindak_lanjut")


def _pendek(teks: str, *, maks: int = 90) -> str:
    if len(teks) <= maks:
        return teks
    return teks[:maks].rsplit(" ", 1)[0].rstrip(",;:(") + " …"


def narasi_bertentangan(laporan: LaporanKinerja) -> list[Masalah]:
    """A warning per text and subject whose stated figures or categories differ from the data."""
    opd, tahun = laporan.opd, laporan.tahun
    sampai = laporan.triwulan or 4
    ringkas = ringkasan_opd(opd, tahun, sampai=sampai)
    skala = skala_pemda(opd.pemda)
    data: dict[Hashable, AngkaSubjek] = {
        b.indikator.pk: AngkaSubjek(
            capaian=b.capaian.hasil.nilai,
            capaian_dibatasi=b.capaian.hasil.nilai_dibatasi,
            realisasi=b.capaian.realisasi,
            satuan=b.indikator.satuan,
            kategori=b.kategori.label if b.kategori else None,
        )
        for b in ringkas.baris
    }
    data[RATA_RATA] = AngkaSubjek(
        capaian=ringkas.rata.nilai, kategori=ringkas.pita.label if ringkas.pita else None
    )
    nama = {b.indikator.pk: b.indikator.nama for b in ringkas.baris}
    # A sasaran's name is no checkable subject; an indicator's name is its own.
    nama_subjek: dict[str, Hashable | None] = {b.kinerja: None for b in ringkas.baris if b.kinerja.strip()}
    nama_subjek.update({b.indikator.nama: b.indikator.pk for b in ringkas.baris})
    pola = pola_subjek(nama_subjek)  # once: every text is read against every name
    label = label_kategori(skala=skala)
    label_skala = [p.label for p in skala.pita]

    hasil: list[Masalah] = []

    def periksa(isi: str, *, bawaan: int | None, judul: str, url: str, label_url: str) -> None:
        pernyataan = cari_pernyataan(
            teks=isi, tahun=tahun, nama_subjek=nama_subjek, label=label, subjek_bawaan=bawaan, pola=pola
        )
        per_subjek: dict[Hashable, list[Selisih]] = {}
        for s in bandingkan_narasi(pernyataan=pernyataan, data=data, label_skala=label_skala):
            per_subjek.setdefault(s.pernyataan.subjek, []).append(s)
        for subjek, selisih in per_subjek.items():
            tentang = "" if subjek in (bawaan, RATA_RATA) else f" tentang “{_pendek(nama[subjek])}”"
            hasil.append(
                Masalah(
                    PERINGATAN,
                    f"Teks “{_pendek(judul)}”{tentang} {uraian_selisih(selisih=selisih, nama_skala=skala.nama)}.",
                    url,
                    label_url,
                )
            )

    teks = dict(TeksLaporan.objects.filter(laporan=laporan).values_list("kunci", "isi"))
    for kunci, judul in judul_teks(laporan):
        if not teks.get(kunci):
            continue
        bawaan = int(kunci.split(":")[1]) if kunci.startswith("analisis:") else None
        periksa(
            teks[kunci],
            bawaan=bawaan,
            judul=judul,
            url=reverse("lkjip_teks", args=[opd.pk, laporan.pk, kunci]),
            label_url="Ubah teks",
        )
    for b in ringkas.baris:
        r = b.baris_tw(sampai)
        if r is None:
            continue
        for kolom in TEKS_TRIWULAN:
            if isi := getattr(r, kolom):
                periksa(
                    isi,
                    bawaan=b.indikator.pk,
                    judul=f"{Realisasi._meta.get_field(kolom).verbose_name.capitalize()} "
                    f"TW {NAMA_TRIWULAN[sampai - 1]}: {b.indikator.nama}",
                    url=reverse("realisasi_detail", args=[opd.pk, tahun, sampai, b.indikator.pk]),
                    label_url="Ubah teks triwulan",
                )
    return hasil
