"""A real pemda's workbook (issue 10, item 1): parents absent from the sheet, X.XX without an urusan.

Workbooks are built here with openpyxl from seed 003 (Renja Perubahan 2024 of the Dinas
Sosial Kutai Kartanegara, BAB III table: codes as printed, pagu after the change), with
realisasi made up for the test. Every expected percentage and sisa is computed here
independently of the product: Σ realisasi ÷ Σ pagu × 100 rounded half-up to 2 decimals,
sisa = pagu − realisasi, at sub-kegiatan, kegiatan, program and total level.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from lkjip.models import CatatanAudit, Pemda, PerangkatDaerah
from lkjip.situs import alamat_situs_perintah
from pelaporan import models as p
from pelaporan.domain.kode import normalisasi_kode
from pelaporan.excel_pengukuran import SHEET_ANGGARAN, ekspor_pengukuran, impor_pengukuran
from renstra import models as m
from tests.pelaporan.test_excel_pengukuran import baris_dict, buku, jejak, teks_masalah

D = Decimal
TAHUN = 2024
PEMDA = "Pemerintah Kabupaten Kutai Kartanegara"

# (printed code, its canonical form written out by hand, uraian, pagu, realisasi TW1–TW3).
# Program Penunjang in the X.XX form, program 1.06.07 as "01.06.07", two- and four-digit
# sub-kegiatan parts, and 1.06.05.2.03.01 whose kegiatan is in no nomenclature. Only
# sub-kegiatan rows: every kegiatan and program is made from the codes.
HANYA_SUB = [
    ("X.XX.01.2.01.01", "1.06.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 165000000,
     (40000000, 35500000, None)),
    # 24.690.000 ÷ 200.000.000 = 12,345 %: half-up gives 12,35 (half-even would give 12,34).
    ("X.XX.01.2.01.07", "1.06.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", 200000000, (0, 24690000, None)),
    ("X.XX.01.2.02.01", "1.06.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "11.482.027.460",
     (2870506865, 2870506865, 2870506865)),
    ("x.xx.01.2.06.05", "1.06.01.2.06.0005", "Penyediaan Barang Cetak dan Penggandaan", 295000000,
     ("73.750.000,50", None, "12,345,678.25")),
    ("1.06.04.2.01.01", "1.06.04.2.01.0001", "Penyediaan Perumahan", 3368500590, (842125147, "842.125.147,50", None)),
    ("1.06.04.2.01.0003", "1.06.04.2.01.0003", "Penyediaan Alat Bantu", 465000000, (None, None, None)),
    ("1.06.04.2.02.14", "1.06.04.2.02.0014",
     "Kerjasama antar Lembaga dan Kemitraan dalam Pelaksanaan Rehabilitasi Sosial Kabupaten/Kota", 75000000,
     (18750000, 0, 31000000)),
    ("01.06.07.2.01.01", "1.06.07.2.01.0001",
     "Rehabilitasi Sarana dan Prasarana Taman Makam Pahlawan Nasional Kabupaten/Kota", 1700000000,
     (0, 425000000, 637500000)),
    ("01.06.07.2.01.02", "1.06.07.2.01.0002", "Pemeliharaan Taman Makam Pahlawan Nasional Kabupaten/Kota",
     162000000, (40500000, 40500000, 40500000)),
    ("1.06.05.2.03.01", "1.06.05.2.03.0001", "Pemberian Bantuan Sosial Tunai Daerah", 500000000,
     (125000000, 125000000, None)),
]  # fmt: skip

# Programs and sub-kegiatan, no kegiatan row (seed 003 programs 1.06.02, 1.06.03, 1.06.06).
# Program rows: blank, or equal to the sum of their sub-kegiatan (1.06.06 is written and checked).
# 1.06.03.2.01.01 carries seed 003's typo "Debarisasi"; 1.06.06.2.03 is in no nomenclature.
TANPA_KEGIATAN: list[tuple[str, str, str, Any, tuple]] = [
    ("1.06.02", "", "Program Pemberdayaan Sosial", None, ()),
    ("1.06.02.2.02.01", "1.06.02.2.02.0001",
     "Koordinasi dan Sinkronisasi Penerbitan Izin Undian Gratis Berhadiah dan Pengumpulan Uang atau Barang",
     75000000, (0, 15000000, 30000000)),
    ("1.06.02.2.03.01", "1.06.02.2.03.0001",
     "Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten/Kota", 200000000,
     (50000000, 50000000, 33333333)),
    ("1.06.02.2.03.04", "1.06.02.2.03.0004",
     "Peningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Keluarga Kewenangan Kabupaten/Kota",
     "6.739.000.000", ("1.684.750.000", 1684750000, None)),
    ("1.06.03", "", "Program Penanganan Warga Negara Migran Korban Tindak Kekerasan", None, ()),
    ("1.06.03.2.01.01", "1.06.03.2.01.0001",
     "Fasilitasi Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarisasi di Daerah "
     "Kabupaten/Kota untuk dipulangkan ke Desa/Kelurahan Asal", 50000000, (0, 0, 47500000)),
    ("1.06.06", "", "Program Penanganan Bencana", "1.310.000.000", ()),
    ("1.06.06.2.01.01", "1.06.06.2.01.0001", "Penyediaan Makanan", 420000000, (105000000, 210000000, 0)),
    ("1.06.06.2.01.02", "1.06.06.2.01.0002", "Penyediaan Sandang", 250000000, (None, 62500000, 62500000)),
    ("1.06.06.2.01.05", "1.06.06.2.01.0005", "Pelayanan Dukungan Psikososial", 150000000, (0, 0, 0)),
    ("1.06.06.2.02.02", "1.06.06.2.02.0002", "Koordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana",
     440000000, (110000000, 110000000, 110000000)),
    ("1.06.06.2.03.01", "1.06.06.2.03.0001", "Pendirian Lumbung Sosial Desa", 50000000, (12500000, None, None)),
]  # fmt: skip


def angka(nilai: Any) -> D:
    """The test's own reading of a cell as typed above (Indonesian, English or a plain number)."""
    if nilai is None:
        return D(0)
    if isinstance(nilai, int):
        return D(nilai)
    teks = str(nilai)
    if ("," in teks and teks.rfind(",") > teks.rfind(".")) or teks.count(".") > 1:
        return D(teks.replace(".", "").replace(",", "."))  # 1.234.567,89 or 11.482.027.460
    return D(teks.replace(",", ""))  # 12,345,678.25


def lembar(baris: list[tuple], *, jumlah: Any = None) -> list[dict[str, Any]]:
    hasil = []
    for tercetak, _, uraian, pagu, tw in baris:
        isi = {"Kode": tercetak, "Uraian": uraian, "Pagu": pagu}
        isi.update({f"Realisasi TW{i}": v for i, v in enumerate(tw, start=1)})
        hasil.append(isi)
    if jumlah is not None:
        hasil.append({"Uraian": "Jumlah", "Pagu": jumlah})
    return hasil


def referensi(baris: list[tuple]) -> dict[str, tuple[D, D, D, D]]:
    """Canonical code (and "Jumlah") → (pagu, realisasi, realisasi %, sisa) at every level."""
    jumlah: dict[str, list[D]] = defaultdict(lambda: [D(0), D(0)])
    for _, baku, _, pagu, tw in baris:
        if not baku:
            continue  # a program row: a parent, not a budget line
        bagian = baku.split(".")
        for kunci in (".".join(bagian[:3]), ".".join(bagian[:5]), baku, "Jumlah"):
            jumlah[kunci][0] += angka(pagu)
            jumlah[kunci][1] += sum((angka(v) for v in tw), D(0))
    return {
        k: (pagu, real, (real / pagu * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP), pagu - real)
        for k, (pagu, real) in jumlah.items()
    }


def ekspor_per_kode(opd: PerangkatDaerah) -> dict[str, tuple[D, D, D, D]]:
    _, _, isi = ekspor_pengukuran(opd=opd, tahun=TAHUN)
    hasil = {}
    for r in baris_dict(isi, SHEET_ANGGARAN):
        kunci = normalisasi_kode(r["Kode"]) if r["Kode"] else r["Uraian"]
        assert kunci not in hasil, kunci
        hasil[kunci] = tuple(D(str(r[k])) for k in ("Pagu", "Realisasi", "Realisasi (%)", "Sisa"))
    return hasil


def perintah(berkas: Any, *opsi: str) -> None:
    call_command("impor_pengukuran", str(berkas), "--pemda", PEMDA, "--opd", "Dinas Sosial", "--tahun",
                 str(TAHUN), *opsi)  # fmt: skip


# ------------------------------------------------------------------------- the command, --buat only


def test_penunjang_x_xx_dan_hanya_sub_kegiatan_diimpor_dengan_buat_saja(db, tmp_path, capsys) -> None:
    berkas = tmp_path / "renja-p-2024.xlsx"
    berkas.write_bytes(buku([], lembar(HANYA_SUB)))
    perintah(berkas, "--buat")
    keluar = capsys.readouterr().out
    opd = PerangkatDaerah.objects.get(nama="Dinas Sosial")
    renstra = m.Renstra.objects.get(opd=opd)

    # X.XX read as the bidang urusan all other codes share, said so, and stored in the empty profile.
    assert (opd.kode_urusan, opd.nama_urusan) == ("1.06", "Sosial")
    assert "Kode X.XX (Program Penunjang) dibaca sebagai bidang urusan 1.06" in keluar
    assert "1.06 disimpan di profil OPD" in keluar
    # What was created, and what must still be named, with the link where it is named.
    assert (
        f"{renstra}: 4 program, 7 kegiatan, 10 sub-kegiatan baru (10 dinamai menurut nomenklatur, 1 perlu diberi nama)"
        in keluar
    )
    assert (
        "program 1.06.01 Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota (nama dari nomenklatur)"
        in keluar
    )
    assert "program 01.06.07 Program Pengelolaan Taman Makam Pahlawan (nama dari nomenklatur)" in keluar
    assert "kegiatan 1.06.05.2.03: nama belum diisi (perlu diberi nama)" in keluar
    assert "Perlu diberi nama (1)" in keluar
    tautan = reverse("node_kode", args=[opd.pk, renstra.pk, "kegiatan", "1.06.05.2.03"])
    assert f"Kegiatan 1.06.05.2.03 (nama belum diisi) — {alamat_situs_perintah()}{tautan}" in keluar
    # A typing error is a note, and the name the workbook wrote is kept.
    assert "“Penyediaan Perumahan” mirip “Penyediaan Permakanan”, nama kode 1.06.04.2.01.0001" in keluar
    assert m.SubKegiatan.objects.get(renstra=renstra, kode="1.06.04.2.01.0001").nama == "Penyediaan Perumahan"
    assert "Cetak" not in keluar.split("Catatan")[-1]  # “Cetak”/“Cetakan”: not a clear difference

    kegiatan = {k.kode: k for k in m.Kegiatan.objects.filter(renstra=renstra).select_related("program")}
    assert kegiatan["1.06.05.2.03"].nama == "Kegiatan 1.06.05.2.03 (nama belum diisi)"
    assert kegiatan["1.06.05.2.03"].program.nama == "Program Perlindungan dan Jaminan Sosial"
    assert kegiatan["1.06.07.2.01"].kode_tampil == "01.06.07.2.01"  # the document's spelling, kept
    assert m.Program.objects.get(renstra=renstra, kode="1.06.07").kode_tampil == "01.06.07"
    assert p.Anggaran.objects.filter(opd=opd).exclude(sub_kegiatan=None).count() == len(HANYA_SUB)
    assert not p.Anggaran.objects.filter(opd=opd, sub_kegiatan=None).exists()  # parents carry no line

    harapan = referensi(HANYA_SUB)
    assert len(harapan) == 4 + 7 + 10 + 1
    assert harapan["1.06.01.2.01.0007"][2] == D("12.35")
    assert ekspor_per_kode(opd) == harapan


def test_program_dan_sub_kegiatan_tanpa_baris_kegiatan_diimpor_dengan_buat_saja(db, tmp_path, capsys) -> None:
    berkas = tmp_path / "tanpa-kegiatan.xlsx"
    total = sum(angka(pagu) for _, baku, _, pagu, _ in TANPA_KEGIATAN if baku)
    berkas.write_bytes(buku([], lembar(TANPA_KEGIATAN, jumlah=f"{total:,}".replace(",", "."))))
    perintah(berkas, "--buat")
    keluar = capsys.readouterr().out
    opd = PerangkatDaerah.objects.get(nama="Dinas Sosial")
    renstra = m.Renstra.objects.get(opd=opd)

    assert "Anggaran: 13 baris — 9 baru, 0 diubah, 0 tetap, 4 baris induk/jumlah diperiksa" in keluar
    assert (
        f"{renstra}: 3 program, 6 kegiatan, 9 sub-kegiatan baru (5 dinamai menurut nomenklatur, 1 perlu diberi nama)"
        in keluar
    )
    assert (
        "kegiatan 1.06.02.2.03 Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota (nama dari nomenklatur)"
        in keluar
    )
    assert "program 1.06.06 Program Penanganan Bencana\n" in keluar  # its own row names it
    assert "Kegiatan 1.06.06.2.03 (nama belum diisi) — http" in keluar
    assert "Titik Debarisasi" in keluar and "Titik Debarkasi" in keluar and "salah ketik?" in keluar
    assert opd.kode_urusan == "" and "X.XX" not in keluar  # no placeholder: nothing to read, nothing stored

    harapan = referensi(TANPA_KEGIATAN)
    assert len(harapan) == 3 + 6 + 9 + 1
    assert ekspor_per_kode(opd) == harapan


def test_program_tertulis_tidak_sama_dengan_jumlah_sub_kegiatannya_ditolak(db, tmp_path, capsys) -> None:
    """Made parents change nothing about written ones: a program row is still its children's sum."""
    baris = [(k, b, u, "1.400.000.000" if k == "1.06.06" else pg, tw) for k, b, u, pg, tw in TANPA_KEGIATAN]
    berkas = tmp_path / "salah.xlsx"
    berkas.write_bytes(buku([], lembar(baris)))
    with pytest.raises(CommandError, match="1 masalah ditemukan"):
        perintah(berkas, "--buat")
    assert (
        "baris induk 1.06.06: tertulis 1.400.000.000,00, sedangkan jumlah baris di bawahnya 1.310.000.000,00"
        in (capsys.readouterr().err)
    )
    assert not Pemda.objects.exists() and not CatatanAudit.objects.exists()


# ------------------------------------------------------------------------- X.XX without an urusan


@pytest.mark.parametrize(
    ("kode_lain", "alasan"),
    [
        (
            ["1.06.04.2.01.01", "2.08.02.2.01.01"],
            "kode lain di workbook memakai lebih dari satu bidang urusan (1.06, 2.08)",
        ),
        ([], "tidak ada kode lain di workbook yang menunjukkan bidang urusannya"),
    ],
)
def test_x_xx_tanpa_urusan_yang_dapat_dibaca_ditolak_menyebut_urusan_dan_profil(
    db, tmp_path, capsys, kode_lain: list[str], alasan: str
) -> None:
    baris = [
        {"Kode": "X.XX.01.2.01.01", "Uraian": "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Pagu": 1},
        {"Kode": "X.XX.01.2.02.01", "Uraian": "Penyediaan Gaji dan Tunjangan ASN", "Pagu": 2},
        *({"Kode": k, "Uraian": f"Sub {k}", "Pagu": 3} for k in kode_lain),
    ]
    berkas = tmp_path / "dua-urusan.xlsx"
    berkas.write_bytes(buku([], baris))
    with pytest.raises(CommandError, match="2 masalah ditemukan"):
        perintah(berkas, "--buat")
    galat = capsys.readouterr().err
    contoh = "1.06"
    assert (
        "Sheet “Anggaran”, baris 2, kolom “Kode”: kode X.XX.01.2.01.01 memakai placeholder X.XX, tetapi perangkat "
        f"daerah ini belum mempunyai kode bidang urusan dan {alasan}; isi “Kode bidang urusan” di profil OPD, "
        f"atau pakai --urusan (mis. --urusan {contoh}) pada perintah impor_pengukuran."
    ) in galat
    assert (
        "baris 3, kolom “Kode”: kode X.XX.01.2.02.01 memakai placeholder X.XX yang bidang urusannya belum diketahui (lihat baris 2)."
        in galat
    )
    assert not Pemda.objects.exists()
    perintah(berkas, "--buat", "--urusan", "1.06")  # the way the refusal names
    opd = PerangkatDaerah.objects.get(nama="Dinas Sosial")
    assert opd.kode_urusan == "1.06"
    assert m.Program.objects.filter(renstra__opd=opd, kode="1.06.01").exists()


def test_urusan_mengisi_profil_opd_yang_kosong_dan_tidak_menimpa_yang_berisi(data, tmp_path, capsys) -> None:
    opd = data.opd_a
    opd.kode_urusan = opd.nama_urusan = ""
    opd.save()
    berkas = tmp_path / "penunjang.xlsx"
    berkas.write_bytes(buku([], [{"Kode": "X.XX.01.2.01.01", "Uraian": "Penyusunan Dokumen", "Pagu": 5}]))
    argumen = [str(berkas), "--pemda", "Uji", "--opd", "Dinas Sosial Uji", "--tahun", "2022"]
    call_command("impor_pengukuran", *argumen, "--urusan", "01.06", "--pratinjau")
    opd.refresh_from_db()
    assert opd.kode_urusan == ""  # a preview stores nothing, the profile neither
    call_command("impor_pengukuran", *argumen, "--urusan", "01.06")
    assert "Kode bidang urusan 1.06 disimpan di profil Dinas Sosial Uji." in capsys.readouterr().out
    opd.refresh_from_db()
    assert (opd.kode_urusan, opd.nama_urusan) == ("1.06", "Sosial")
    with pytest.raises(
        CommandError, match="sudah berkode bidang urusan 1.06 di profil OPD; --urusan 2.08 tidak dipakai"
    ):
        call_command("impor_pengukuran", *argumen, "--urusan", "2.08")
    with pytest.raises(CommandError, match="--urusan 1.06.01 bukan kode bidang urusan"):
        call_command("impor_pengukuran", *argumen, "--urusan", "1.06.01")


def test_pratinjau_dan_simpan_sama_dan_urusan_opd_tidak_berubah_saat_pratinjau(data) -> None:
    """The parents made from codes and the guessed urusan go through the same all-or-nothing preview."""
    opd = data.opd_b  # Dinas Kesehatan Uji, no Renstra: give it one and an empty bidang urusan
    opd.kode_urusan = ""
    opd.save()
    m.Renstra.objects.create(opd=opd, tahun_awal=2021, tahun_akhir=2026)
    isi = buku([], lembar(HANYA_SUB))
    sebelum = jejak()
    pratinjau = impor_pengukuran(opd=opd, tahun=TAHUN, data=isi, terapkan=False)
    assert teks_masalah(pratinjau) == [] and jejak() == sebelum and opd.kode_urusan == ""
    assert PerangkatDaerah.objects.get(pk=opd.pk).kode_urusan == ""
    simpan = impor_pengukuran(opd=opd, tahun=TAHUN, data=isi, terapkan=True)
    assert simpan.diterapkan and opd.kode_urusan == "1.06"
    assert pratinjau.perubahan == simpan.perubahan and pratinjau.catatan == simpan.catatan
    assert pratinjau.node_baru == simpan.node_baru and (pratinjau.jumlah, pratinjau.baris) == (
        simpan.jumlah,
        simpan.baris,
    )
    # one entry per data object written, and one for the import itself
    assert jejak()["audit"] - sebelum["audit"] == simpan.jumlah["buat"] + simpan.jumlah["ubah"] + 1
    assert (
        "Profil OPD Dinas Kesehatan Uji: kode bidang urusan kosong → 1.06 dan bidang urusan “Sosial”."
        in simpan.perubahan
    )


# ------------------------------------------------------------------------- the browser


def _unggah(klien: Any, url: str, isi: bytes) -> Any:
    return klien.post(
        url, {"berkas": SimpleUploadedFile("renja-p.xlsx", isi, content_type="application/octet-stream")}
    )


def test_pratinjau_peramban_menampilkan_yang_perlu_diberi_nama_dengan_tautannya(data, masuk) -> None:
    opd, renstra = data.opd_a, data.rencana["renstra"]
    klien = masuk("operator")
    url = reverse("pengukuran", args=[opd.pk, TAHUN])
    # Under the Renstra's own kegiatan 1.06.04.2.01, a sub-kegiatan whose name is not the nomenclature's.
    alat_bantu = (
        "1.06.04.2.01.02",
        "1.06.04.2.01.0002",
        "Penyediaan Alat Bantu",
        250000000,
        (None, None, None),
    )
    isi = buku([], lembar([alat_bantu, *(r for r in HANYA_SUB if r[1].startswith(("1.06.05", "1.06.07")))]))
    respon = _unggah(klien, url, isi)
    halaman = respon.content.decode()
    assert "Pratinjau — belum disimpan" in halaman and "Perlu diberi nama (1)." in halaman
    tautan = reverse("node_kode", args=[opd.pk, renstra.pk, "kegiatan", "1.06.05.2.03"])
    assert f'<a href="{tautan}">Kegiatan 1.06.05.2.03 (nama belum diisi)</a>' in halaman
    assert (
        "2 program, 2 kegiatan, 4 sub-kegiatan baru (3 dinamai menurut nomenklatur, 1 perlu diberi nama)"
        in halaman
    )
    assert (
        "Sheet “Anggaran”, baris 2, kolom “Uraian”: “Penyediaan Alat Bantu” berbeda dengan “Penyediaan Sandang”, "
        "nama kode 1.06.04.2.01.0002 menurut nomenklatur Permendagri 90/2019: periksa kode atau uraiannya. "
        "Uraian yang ditulis tetap dipakai."
    ) in halaman.replace("&#x27;", "'")
    # Before saving, the link says the node does not exist yet (the preview rolled it back).
    belum = klien.get(tautan, follow=True)
    assert belum.redirect_chain[-1][0] == reverse("renstra_detail", args=[opd.pk, renstra.pk])
    assert (
        "Kegiatan 1.06.05.2.03 belum ada di Renstra 2021–2026: simpan dulu impor yang membuatnya."
        in belum.content.decode()
    )

    akhir = klien.post(reverse("pengukuran_terapkan", args=[opd.pk, TAHUN, respon.context["unggahan"].token]))
    assert akhir.status_code == 302
    halaman = klien.get(url).content.decode()
    assert "1 program/kegiatan perlu diberi nama: lihat daftarnya di bawah." in halaman
    assert "Belum diberi nama di Renstra (1)." in halaman and f'href="{tautan}"' in halaman
    # After saving, the same link is the node's edit page, with the nomenclature's help.
    kegiatan = m.Kegiatan.objects.get(renstra=renstra, kode="1.06.05.2.03")
    ubah = reverse("node_ubah", args=[opd.pk, renstra.pk, "kegiatan", kegiatan.pk])
    assert klien.get(tautan)["Location"] == ubah
    assert "Dibuat oleh impor Excel dari kodenya saja" in klien.get(ubah).content.decode()
    assert (
        "Beri nama 1 program/kegiatan/sub-kegiatan hasil impor"
        in klien.get(reverse("beranda")).content.decode()
    )
    # The kepala reads the same list; the link shows the node in the tree.
    assert masuk("kepala").get(tautan)["Location"].endswith(f"#kegiatan-{kegiatan.pk}")

    # Naming it through its edit page empties the list.
    r = klien.post(
        ubah,
        {
            "program": kegiatan.program_id,
            "kode_tampil": "1.06.05.2.03",
            "nama": "Bantuan Sosial Daerah",
            "urutan": 0,
        },
    )
    assert r.status_code == 302
    assert "Belum diberi nama di Renstra" not in klien.get(url).content.decode()


def test_baris_workbook_berikutnya_memberi_nama_tanpa_menimpa_nama_yang_ditulis_opd(data) -> None:
    opd = data.opd_a
    impor_pengukuran(opd=opd, tahun=TAHUN, data=buku([], lembar(HANYA_SUB[-1:])), terapkan=True)
    kegiatan = m.Kegiatan.objects.get(renstra=data.rencana["renstra"], kode="1.06.05.2.03")
    baris = [
        {"Kode": "1.06.05", "Uraian": "Program Jaminan Sosial (nama lain)"},  # a written name: kept
        {"Kode": "1.06.05.2.03", "Uraian": "Bantuan Sosial Tunai Daerah"},
        {"Kode": "1.06.05.2.03.01", "Uraian": "Pemberian Bantuan Sosial Tunai Daerah", "Realisasi TW3": 1},
    ]
    hasil = impor_pengukuran(opd=opd, tahun=TAHUN, data=buku([], baris), terapkan=True)
    assert teks_masalah(hasil) == [] and hasil.diterapkan
    kegiatan.refresh_from_db()
    assert kegiatan.nama == "Bantuan Sosial Tunai Daerah"
    assert kegiatan.program.nama == "Program Perlindungan dan Jaminan Sosial"
    assert (
        "Anggaran baris 3: nama kegiatan 1.06.05.2.03: “Kegiatan 1.06.05.2.03 (nama belum diisi)” → "
        "“Bantuan Sosial Tunai Daerah”." in hasil.perubahan
    )
    assert CatatanAudit.objects.filter(aksi="renstra.kegiatan.ubah", objek_id=str(kegiatan.pk)).exists()


# ------------------------------------------------------------------------- the pemda's nomenclature


CSV_BARU = (
    "kode;tingkat;nama\n"
    "1.06;bidang;Urusan Pemerintahan Bidang Sosial\n"
    "1.06.05;program;Program Perlindungan dan Jaminan Sosial\n"
    "1.06.05.2.03;kegiatan;Pemberian Bantuan Sosial Daerah\n"
    "1.06.05.2.03.0001;sub_kegiatan;Pemberian Bantuan Sosial Tunai Daerah\n"
).encode("cp1252")  # as Excel saves it on an Indonesian PC


def test_admin_mengganti_nomenklatur_lalu_impor_memakainya_dan_kembali_ke_bawaan(data, masuk) -> None:
    admin = masuk("admin")
    url = reverse("nomenklatur")
    halaman = admin.get(url).content.decode()
    assert "2.607 kode: 8 urusan, 43 bidang, 163 program, 410 kegiatan, 1.983 sub-kegiatan." in halaman
    assert "Nomenklatur program" in [label for label, _, _ in admin.get(url).context["menu_pengaturan"]]

    salah = admin.post(
        url, {"berkas": SimpleUploadedFile("baru.csv", b"kode,tingkat,nama\n1.06.5,program,X\n")}
    )
    assert "Daftar tidak diganti." in salah.content.decode()
    assert "Baris 2: Kode “1.06.5” tidak sah: program harus dua angka" in salah.content.decode()
    assert not m.DaftarNomenklatur.objects.exists()

    r = admin.post(url, {"berkas": SimpleUploadedFile("kepmendagri-2023.csv", CSV_BARU)}, follow=True)
    halaman = r.content.decode()
    assert "Daftar nomenklatur Pemerintah Kabupaten Uji diganti dengan kepmendagri-2023.csv" in halaman
    assert "4 kode: 0 urusan, 1 bidang, 1 program, 1 kegiatan, 1 sub-kegiatan." in halaman
    entri = CatatanAudit.objects.get(aksi="renstra.daftarnomenklatur.buat")
    assert entri.pengguna == data.pengguna["admin"] and entri.pemda_id == data.pemda.pk
    assert entri.perubahan["rincian"]["baru"] == "0 urusan, 1 bidang, 1 program, 1 kegiatan, 1 sub-kegiatan"
    assert admin.get(reverse("nomenklatur_unduh")).content.decode().splitlines()[3] == (
        "1.06.05.2.03,kegiatan,Pemberian Bantuan Sosial Daerah"
    )

    # The import of this pemda now names the kegiatan from the pemda's list; another pemda's does not.
    hasil = impor_pengukuran(
        opd=data.opd_a, tahun=TAHUN, data=buku([], lembar(HANYA_SUB[-1:])), terapkan=False
    )
    assert hasil.perlu_nama == [] and [n.nama for n in hasil.node_baru][:2] == [
        "Program Perlindungan dan Jaminan Sosial",
        "Pemberian Bantuan Sosial Daerah",
    ]
    assert "namanya dari daftar nomenklatur pemda (kepmendagri-2023.csv)." in hasil.perubahan[1]
    m.Renstra.objects.create(opd=data.opd_c, tahun_awal=2021, tahun_akhir=2026)
    lain = impor_pengukuran(
        opd=data.opd_c, tahun=TAHUN, data=buku([], lembar(HANYA_SUB[-1:])), terapkan=False
    )
    assert [n.nama for n in lain.perlu_nama] == ["Kegiatan 1.06.05.2.03 (nama belum diisi)"]

    assert admin.post(reverse("nomenklatur_kembalikan")).status_code == 302
    assert not m.DaftarNomenklatur.objects.exists() and not m.KodeNomenklatur.objects.exists()
    assert CatatanAudit.objects.filter(
        aksi="renstra.daftarnomenklatur.hapus", pemda_id=data.pemda.pk
    ).exists()
    halaman = admin.get(url).content.decode()
    assert (
        "Permendagri 90/2019</strong> (bawaan aplikasi" in halaman and "kepmendagri-2023.csv" in halaman
    )  # history


def test_nama_nomenklatur_yang_sudah_dipakai_saudaranya_tidak_dipakai_dua_kali(data) -> None:
    """The OPD already has a program under another code with the nomenclature's name: the temporary name, no refusal."""
    renstra = data.rencana["renstra"]
    m.Program.objects.create(
        renstra=renstra, kode_tampil="1.06.99", kode="1.06.99", nama="Program Penanganan Bencana"
    )
    baris = [{"Kode": "1.06.06.2.01.01", "Uraian": "Penyediaan Makanan", "Pagu": 10}]
    hasil = impor_pengukuran(opd=data.opd_a, tahun=TAHUN, data=buku([], baris), terapkan=True)
    assert teks_masalah(hasil) == [] and hasil.diterapkan
    assert [n.nama for n in hasil.perlu_nama] == ["Program 1.06.06 (nama belum diisi)"]
    assert m.Kegiatan.objects.get(renstra=renstra, kode="1.06.06.2.01").nama == (
        "Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota"
    )
