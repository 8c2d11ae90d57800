"""Assemble the LKjIP from the data (DOMAIN §7): plain, JSON-ready data, rendered afterwards.

Every figure comes from the stored rows through pelaporan.domain (capaian, kategori, means,
weighted budget percentages, efisiensi, comparisons); texts come from the operator, or from
a draft the product writes from the same figures. The result is what signing freezes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from lkjip.angka import format_persen, format_ringkas, format_tanggal
from lkjip.laporan import draf as d
from lkjip.laporan.kerangka import TEKS_KE_BAGIAN, judul_bagian_bernomor, kerangka_pemda, terapkan_kerangka
from lkjip.laporan.models import (
    JUDUL_TEKS,
    LaporanKinerja,
    TeksLaporan,
)
from lkjip.laporan.rakit.bab_3 import Bab3
from lkjip.laporan.rakit.bab_awal import BabAwal
from lkjip.laporan.rakit.penutup import Penutup
from lkjip.laporan.rakit.sel import ROMAWI
from lkjip.laporan.sanitasi import bersihkan
from lkjip.models import Pejabat, UnitKerja
from lkjip.nip import format_nip
from pelaporan.dasbor import ringkasan_opd
from pelaporan.domain import (
    hitung_capaian,
    perubahan_tahunan,
)
from pelaporan.selectors import (
    anggaran_opd,
    pk_berlaku,
    realisasi_per_tahun,
    skala_pemda,
    target_per_tahun,
)
from renstra.models import (
    RPJMD,
    Indikator,
    Renstra,
)


class Perakit(BabAwal, Bab3, Penutup):
    """Collects the figures once, then lays out chapters, tables and figures with their numbers."""

    def __init__(self, laporan: LaporanKinerja) -> None:
        self.laporan = laporan
        self.opd = laporan.opd
        self.pemda = self.opd.pemda
        self.tahun = laporan.tahun
        self.sampai = laporan.triwulan or 4
        self.skala = skala_pemda(self.pemda)
        # A report not saved yet (cetak_lkjip's or the first Pratinjau's draft) has no texts of its own.
        self.teks = (
            {t.kunci: t.isi for t in TeksLaporan.objects.filter(laporan=laporan)} if laporan.pk else {}
        )
        kerangka = kerangka_pemda(self.pemda)
        self.judul_teks = {
            k: judul_bagian_bernomor(kerangka, b, tahun=self.tahun) or "" for k, b in TEKS_KE_BAGIAN.items()
        }
        self.nomor_tabel: dict[str, int] = defaultdict(int)
        self.nomor_gambar: dict[str, int] = defaultdict(int)
        self.daftar_tabel: list[dict[str, str]] = []
        self.daftar_gambar: list[dict[str, str]] = []
        # Pieces the data lacks: each is an error of the check (with where it is filled) and a red
        # "[belum diisi: …]" in the draft; signing refuses while one remains (never printed signed).
        self.kurang: list[dict[str, str]] = []
        self.peringatan: list[dict[str, str]] = []  # gaps the report states plainly; warnings of the check
        self._kumpulkan()

    # ------------------------------------------------------------------ figures
    def _kumpulkan(self) -> None:
        opd, tahun = self.opd, self.tahun
        ringkas = ringkasan_opd(opd, tahun, sampai=self.sampai)  # the dashboards' figures, exactly
        self.baris = ringkas.baris
        self.indikator: list[Indikator] = [b.indikator for b in self.baris]
        self.kategori = {b.indikator.pk: b.kategori for b in self.baris}
        self.rata = ringkas.rata
        self.pita_rata = ringkas.pita
        self.anggaran = ringkas.anggaran
        self.anggaran_lalu = anggaran_opd(opd, tahun - 1, sampai=4)
        self.pk = pk_berlaku(opd, tahun)
        self.pk_kepala = next((p for p in self.pk if p.jenjang == "kepala"), None)
        # The Renstra the PK's indicators come from: in a transition year (2021 ends one Renstra and
        # starts the next) the report describes the plan the year was measured against.
        asal = Counter(i.renstra_id for i in self.indikator)
        self.renstra = (
            Renstra.objects.filter(pk=asal.most_common(1)[0][0]).first()
            if asal
            else Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )
        # The plan BAB II describes: the newest Renstra in force this year (in 2021 Kukar's PK still
        # follows the Renstra 2016–2021 while BAB II sets out the Renstra 2021–2026, as seed 000 does).
        self.renstra_strategis = (
            Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .select_related("rpjmd")
            .order_by("-tahun_awal")
            .first()
            or self.renstra
        )
        self.rpjmd = (
            self.renstra_strategis.rpjmd
            if self.renstra_strategis and self.renstra_strategis.rpjmd_id
            else RPJMD.objects.filter(pemda=self.pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )
        awal = min((i.renstra.tahun_awal for i in self.indikator), default=tahun)
        self.per_tahun = realisasi_per_tahun(self.indikator, dari=awal, sampai=tahun)
        self.target_lalu = target_per_tahun(opd, self.indikator, tahun - 1)
        self.kepala: Pejabat | None = (
            self.pk_kepala.pihak_pertama if self.pk_kepala and self.pk_kepala.pihak_pertama_id else opd.kepala
        )
        teks_tw = {b.indikator.pk: b.baris_tw(self.sampai) for b in self.baris}
        self.teks_indikator = {i: r for i, r in teks_tw.items() if r is not None}

    def ringkasan_indikator(self) -> dict[int, dict[str, Any]]:
        """Per indicator, the figures the drafts and BAB III use (display strings)."""
        hasil = {}
        for b in self.baris:
            i, c = b.indikator, b.capaian
            lalu = self._capaian_lalu(i)
            perubahan = (
                perubahan_tahunan(sekarang=c.hasil.nilai, lalu=lalu.nilai) if lalu is not None else None
            )
            r = self.teks_indikator.get(i.pk)
            hasil[i.pk] = {
                "nama": i.nama,
                "satuan": i.satuan,
                "target": format_ringkas(b.target_tahunan) if b.target_tahunan is not None else "-",
                "realisasi": format_ringkas(c.realisasi) if c.realisasi is not None else "-",
                "realisasi_angka": c.realisasi,
                "capaian": format_persen(c.hasil.nilai) if c.hasil.nilai is not None else "-",
                "capaian_angka": c.hasil.nilai,
                "kategori": b.kategori.label if b.kategori else "-",
                "alasan": c.hasil.alasan or "",
                "perubahan": perubahan.teks if perubahan and perubahan.selisih is not None else "",
                "penjelasan": r.penjelasan if r else "",
                "faktor_pendukung": r.faktor_pendukung if r else "",
                "faktor_penghambat": r.faktor_penghambat if r else "",
                "upaya": r.upaya if r else "",
                "rencana_tindak_lanjut": r.rencana_tindak_lanjut if r else "",
            }
        return hasil

    def _capaian_lalu(self, i: Indikator):  # noqa: ANN202
        realisasi = self.per_tahun.get(i.pk, {}).get(self.tahun - 1)
        target = self.target_lalu.get(i.pk)
        if realisasi is None and target is None:
            return None
        return hitung_capaian(
            arah=i.arah,
            target=target,
            realisasi=realisasi,
            rumus_negatif=self.pemda.rumus_negatif,
            batas_atas=self.pemda.batas_capaian,
        )

    def konteks_draf(self) -> dict[str, Any]:
        ringkas = self.ringkasan_indikator()
        penghambat = [r.faktor_penghambat for r in self.teks_indikator.values() if r.faktor_penghambat]
        rtl = [r.rencana_tindak_lanjut for r in self.teks_indikator.values() if r.rencana_tindak_lanjut]
        return {
            "opd": self.opd.nama,
            "tahun": self.tahun,
            "renstra": f"Renstra {self.renstra.tahun_awal}–{self.renstra.tahun_akhir}"
            if self.renstra
            else "Renstra",
            "jumlah_indikator": len(self.baris),
            "jumlah_dipakai": self.rata.jumlah_dipakai,
            "rata_rata": self.rata.nilai,
            "kategori_rata": self.pita_rata.label if self.pita_rata else "-",
            "serapan": self.anggaran.total.persen,
            "pagu": self.anggaran.total.pagu if self.anggaran.baris else None,
            "realisasi_anggaran": self.anggaran.total.realisasi,
            "jumlah_program": sum(1 for b in self.anggaran.baris if b.tingkat == "program"),
            "penghambat": penghambat[:8],
            "rtl": rtl[:8],
            "unit": [u.nama for u in UnitKerja.objects.filter(opd=self.opd).order_by("urutan", "nama")],
            "indikator": ringkas,
        }

    # ------------------------------------------------------------------ building blocks
    def belum(self, apa: str, *, url: str, label: str) -> str:
        """Record a missing piece of the report and return the draft's marker for it."""
        if not any(k["apa"] == apa for k in self.kurang):
            self.kurang.append({"apa": apa, "pesan": f"Belum diisi: {apa}.", "url": url, "label": label})
        return f"[belum diisi: {apa}]"

    def sel_belum(self, apa: str, *, url: str, label: str) -> dict[str, str | None]:
        return {"t": self.belum(apa, url=url, label=label), "n": None, "k": "belum-diisi"}

    def html_belum(self, apa: str, *, url: str, label: str) -> str:
        return f'<span class="belum-diisi">{escape(self.belum(apa, url=url, label=label))}</span>'

    def teks_html(self, html: str) -> dict[str, str]:
        """A paragraph the product writes (no operator text behind it)."""
        return {"jenis": "teks", "kunci": "", "html": html}

    def teks_bagian(self, kunci: str, konteks: dict[str, Any]) -> dict[str, str]:
        isi = self.teks.get(kunci)
        if not isi:
            isi = d.draf(kunci, konteks)
        if not re.sub(r"<[^>]+>|&nbsp;", "", isi).strip():
            # Nothing in the data to draft this text from: the operator writes it.
            judul = self.judul_teks.get(kunci) or JUDUL_TEKS.get(kunci) or kunci
            url = (
                reverse("lkjip_teks", args=[self.opd.pk, self.laporan.pk, kunci])
                if self.laporan.pk
                else reverse("lkjip_daftar", args=[self.opd.pk])
            )
            isi = "<p>" + self.html_belum(f"teks “{judul}”", url=url, label="Tulis teks") + "</p>"
            return {"jenis": "teks", "kunci": kunci, "html": isi}
        return {"jenis": "teks", "kunci": kunci, "html": bersihkan(isi)}

    def tabel(
        self,
        bab: str,
        judul: str,
        kolom: list[str],
        baris: list[list[dict]],
        *,
        lanskap: bool = False,
        catatan: str = "",
        kaki: list[list[dict]] | None = None,
        lebar: list[str] | None = None,
        kosong: str = "",
    ) -> dict[str, Any]:
        """A numbered table; a table without rows is no table but the sentence ``kosong`` says why."""
        if not baris:
            return self.teks_html(f"<p>{escape(kosong or judul + ': tidak ada baris untuk tahun ini.')}</p>")
        self.nomor_tabel[bab] += 1
        nomor = f"{bab}.{self.nomor_tabel[bab]}" if bab else str(self.nomor_tabel[bab])
        jangkar = f"tabel-{nomor.replace('.', '-')}"
        # The ikhtisar's tables sit in the front matter, numbered i, ii … (the template's "depan" pages).
        self.daftar_tabel.append({"nomor": nomor, "judul": judul, "jangkar": jangkar, "depan": not bab})
        return {
            "jenis": "tabel",
            "nomor": nomor,
            "judul": judul,
            "jangkar": jangkar,
            "kolom": kolom,
            "baris": baris,
            "kaki": kaki or [],
            "lanskap": lanskap,
            "catatan": catatan,
            "lebar": lebar or [],
        }

    def gambar(self, bab: str, judul: str, svg: str, *, lanskap: bool = False) -> dict[str, Any]:
        self.nomor_gambar[bab] += 1
        nomor = f"{bab}.{self.nomor_gambar[bab]}"
        jangkar = f"gambar-{nomor.replace('.', '-')}"
        self.daftar_gambar.append({"nomor": nomor, "judul": judul, "jangkar": jangkar})
        return {
            "jenis": "gambar",
            "nomor": nomor,
            "judul": judul,
            "jangkar": jangkar,
            "svg": svg,
            "lanskap": lanskap,
        }

    # ------------------------------------------------------------------ the document
    def rakit(self) -> dict[str, Any]:
        k = self.konteks_draf()
        bab = [
            self.bab_ikhtisar(k),
            self.bab_1(k),
            self.bab_2(k),
            self.bab_3(k),
            self.bab_4(k),
        ]
        lampiran = self.lampiran()
        return {
            "meta": self.meta(),
            "kata_pengantar": self.teks_bagian("kata_pengantar", k),
            "bab": bab,
            "lampiran": lampiran,
            "daftar_tabel": self.daftar_tabel,
            "daftar_gambar": self.daftar_gambar,
            "kurang": self.kurang,
            "peringatan": self.peringatan,
            "ringkasan": {
                "rata_rata": format_persen(self.rata.nilai) if self.rata.nilai is not None else None,
                "rata_rata_angka": str(self.rata.nilai) if self.rata.nilai is not None else None,
                "kategori": self.pita_rata.label if self.pita_rata else None,
                "serapan": format_persen(self.anggaran.total.persen)
                if self.anggaran.total.persen is not None
                else None,
                "serapan_angka": str(self.anggaran.total.persen)
                if self.anggaran.total.persen is not None
                else None,
                "metode": self.rata.metode,
                "jumlah_indikator": len(self.baris),
            },
        }

    def meta(self) -> dict[str, Any]:
        lap, opd, pemda = self.laporan, self.opd, self.pemda
        kepala = self.kepala
        tanggal = lap.tanggal or timezone.localdate()
        return {
            "judul": (
                f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) PERANGKAT DAERAH "
                f"{'TRIWULAN ' + ROMAWI[lap.triwulan] + ' ' if lap.triwulan else ''}TAHUN {lap.tahun}"
            ),
            "opd": opd.nama,
            "pemda": pemda.nama,
            "alamat": opd.alamat,
            "telepon": opd.telepon,
            "faks": opd.faks,
            "tahun": lap.tahun,
            "triwulan": lap.triwulan,
            "versi": lap.versi,
            "logo": pemda.logo.path if pemda.logo else "",
            # One place for the cover and the signature block (and the PDF signature's location).
            "tempat": lap.tempat or pemda.ibu_kota,
            "tanggal": format_tanggal(tanggal),
            "tanggal_iso": tanggal.isoformat(),
            "penandatangan": {
                "nama": kepala.nama
                if kepala
                else self.belum(
                    f"kepala {opd.nama} (penandatangan)",
                    url=reverse("opd_detail", args=[opd.pk]),
                    label="Buka profil OPD",
                ),
                "jabatan": kepala.jabatan if kepala else "Kepala",
                "pangkat": kepala.pangkat_golongan if kepala else "",
                "nip": format_nip(kepala.nip) if kepala else "",
            },
            "skala": self.skala.nama,
            "rumus_negatif": pemda.get_rumus_negatif_display(),
            "batas_capaian": format_persen(pemda.batas_capaian) if pemda.batas_capaian else "",
            "dibuat": timezone.now().isoformat(),
        }


def rakit_lkjip(laporan: LaporanKinerja) -> dict[str, Any]:
    """The whole LKjIP as plain data (see module docstring), in the pemda's outline."""
    return terapkan_kerangka(Perakit(laporan).rakit(), kerangka_pemda(laporan.opd.pemda))


def draf_semua(laporan: LaporanKinerja) -> dict[str, str]:
    """Every text's draft from the data, keyed like TeksLaporan.kunci."""
    p = Perakit(laporan)
    k = p.konteks_draf()
    kunci = [*JUDUL_TEKS, *[f"analisis:{b.indikator.pk}" for b in p.baris]]
    return {x: d.draf(x, k) for x in kunci}
