"""The nomenclature as data (DOMAIN §3): read, looked up, compared; it suggests and warns, never refuses."""

from pathlib import Path

import pytest

from pelaporan.domain import (
    BedaNama,
    EntriNomenklatur,
    NomenklaturTidakSah,
    TingkatKode,
    beda_nama,
    belum_bernama,
    bidang_dipakai,
    kode_tercetak_induk,
    nama_nomenklatur,
    nama_sementara,
    rincian_nomenklatur,
    urai_nomenklatur,
)

AKAR = Path(__file__).resolve().parents[2]
BAWAAN = AKAR / "renstra" / "data" / "nomenklatur-90-2019.csv"


def test_daftar_bawaan_memuat_isi_readme_shared_data():
    """2.607 codes: 8 urusan, 43 bidang, 163 program, 410 kegiatan, 1.983 sub-kegiatan."""
    entri = urai_nomenklatur(teks=BAWAAN.read_text(encoding="utf-8"))
    assert rincian_nomenklatur(entri=entri) == {
        TingkatKode.URUSAN: 8,
        TingkatKode.BIDANG: 43,
        TingkatKode.PROGRAM: 163,
        TingkatKode.KEGIATAN: 410,
        TingkatKode.SUB_KEGIATAN: 1983,
    }
    assert entri["1.06.04.2.01.0001"] == EntriNomenklatur(TingkatKode.SUB_KEGIATAN, "Penyediaan Permakanan")


DAFTAR = {
    "1.06": EntriNomenklatur(TingkatKode.BIDANG, "Urusan Pemerintahan Bidang Sosial"),
    "1.06.07": EntriNomenklatur(TingkatKode.PROGRAM, "Program Pengelolaan Taman Makam Pahlawan"),
    "X.XX.01": EntriNomenklatur(
        TingkatKode.PROGRAM, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    ),
    "X.XX.01.2.02.0001": EntriNomenklatur(TingkatKode.SUB_KEGIATAN, "Penyediaan Gaji dan Tunjangan ASN"),
}


@pytest.mark.parametrize(
    ("kode", "nama"),
    [
        ("01.06.07", "Program Pengelolaan Taman Makam Pahlawan"),  # printed with a leading zero (seed 003)
        ("1.06.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"),  # found as X.XX.01
        ("1.06.01.2.02.01", "Penyediaan Gaji dan Tunjangan ASN"),  # two-digit sub-kegiatan, placeholder row
        ("X.XX.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN"),
        ("1.06.05.2.03", None),  # not in the list: no name, no refusal
        ("bukan kode", None),
    ],
)
def test_nama_dicari_dengan_kode_baku_dan_placeholder(kode, nama):
    assert nama_nomenklatur(daftar=DAFTAR, kode=kode) == nama


def test_nama_sementara_dikenali_sebagai_belum_bernama():
    nama = nama_sementara(tingkat=TingkatKode.KEGIATAN, kode="1.06.04.2.01")
    assert nama == "Kegiatan 1.06.04.2.01 (nama belum diisi)"
    assert belum_bernama(nama=nama) and not belum_bernama(nama="Rehabilitasi Sosial Dasar")


@pytest.mark.parametrize(
    ("tertulis", "baku", "beda"),
    [
        # Seed 003 BAB III prints these; each is what a source may write for the same item.
        (
            "Program Penunjang Urusan Pemerintah Daerah Kabupaten Kota",
            "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
            None,
        ),
        (
            "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            None,
        ),
        ("Penyediaan Barang Cetak dan Penggandaan", "Penyediaan Barang Cetakan dan Penggandaan", None),
        (
            "peningkatan kemampuan SDM dan penguatan  lembaga konsultasi kesejahteraan keluarga (LK-3)",
            "Peningkatan Kemampuan SDM dan Penguatan Lembaga Konsultasi Kesejahteraan Keluarga (LK3)",
            None,
        ),
        # …and these are errors the nomenclature catches.
        ("Penyediaan Perumahan", "Penyediaan Permakanan", BedaNama.SALAH_KETIK),
        (
            "Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarisasi",
            "Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi",
            BedaNama.SALAH_KETIK,
        ),
        ("Penyediaan Alat Bantu", "Penyediaan Sandang", BedaNama.LAIN),
        ("Belanja Pegawai", "Penyediaan Gaji dan Tunjangan ASN", BedaNama.LAIN),
    ],
)
def test_beda_nama_hanya_yang_jelas_berbeda(tertulis, baku, beda):
    assert beda_nama(tertulis=tertulis, baku=baku) == beda


def test_csv_excel_indonesia_dengan_titik_koma_dan_kolom_tambahan():
    teks = "\ufeffno;kode;tingkat;nama\n1;1.06;bidang;Sosial\n2;01.06.07.2.01.01;sub-kegiatan;Rehabilitasi TMP\n\n"
    entri = urai_nomenklatur(teks=teks)
    assert entri == {
        "1.06": EntriNomenklatur(TingkatKode.BIDANG, "Sosial"),
        "1.06.07.2.01.0001": EntriNomenklatur(TingkatKode.SUB_KEGIATAN, "Rehabilitasi TMP"),
    }


@pytest.mark.parametrize(
    ("teks", "masalah"),
    [
        (
            "kode,nama\n1.06,Sosial\n",
            ["Baris 1 harus berisi judul kolom kode, tingkat, nama; tidak ada kolom tingkat."],
        ),
        ("kode,tingkat,nama\n", ["Berkas tidak berisi satu kode pun."]),
        (
            "kode,tingkat,nama\n1.06.02,kegiatan,Pemberdayaan\n1.06.2,program,X\n1.06,bidang,\n"
            "1.06,bidang,Sosial\n01.06,bidang,Sosial lagi\n1,wilayah,Satu\n",
            [
                "Baris 2: kode 1.06.02 adalah kode program, bukan kegiatan.",
                "Baris 3: Kode “1.06.2” tidak sah: program harus dua angka (contoh: 1.06.02 (program), "
                "1.06.02.2.01 (kegiatan), 1.06.02.2.01.0001 (sub-kegiatan)).",
                "Baris 4: nama kode 1.06 kosong.",
                "Baris 6: kode 01.06 sudah ditulis di baris 5.",
                "Baris 7: tingkat “wilayah” tidak dikenal (urusan, bidang, program, kegiatan, sub_kegiatan).",
            ],
        ),
    ],
)
def test_csv_yang_salah_ditolak_seluruhnya_dengan_barisnya(teks, masalah):
    with pytest.raises(NomenklaturTidakSah) as galat:
        urai_nomenklatur(teks=teks)
    assert galat.value.masalah == masalah


def test_masalah_yang_banyak_diringkas():
    teks = "kode,tingkat,nama\n" + "".join(f"1.{i:02d},program,X\n" for i in range(1, 31))
    with pytest.raises(NomenklaturTidakSah) as galat:
        urai_nomenklatur(teks=teks, maks_masalah=5)
    assert len(galat.value.masalah) == 6 and galat.value.masalah[-1] == "… dan 25 masalah lainnya."


@pytest.mark.parametrize(
    ("kode", "bidang"),
    [
        (["X.XX.01.2.02.01", "1.06.04.2.01.01", "01.06.07", "rusak"], {"1.06"}),
        (["X.XX.01", "X.XX.01.2.01.01"], set()),
        (["1.06.02", "2.08.02.2.01"], {"1.06", "2.08"}),
    ],
)
def test_bidang_urusan_yang_dipakai_kode_workbook(kode, bidang):
    assert bidang_dipakai(kode=kode) == bidang


@pytest.mark.parametrize(
    ("tercetak", "induk", "hasil"),
    [
        ("01.06.07.2.01.01", "1.06.07.2.01", "01.06.07.2.01"),
        ("01.06.07.2.01.01", "1.06.07", "01.06.07"),
        ("1.06.04.2.01.0012", "1.06.04.2.01", "1.06.04.2.01"),
        (" 1.06.04 .2.01.12 ", "1.06.04.2.01", "1.06.04.2.01"),
        ("X.XX.01.2.02.01", "1.06.01.2.02", "1.06.01.2.02"),  # a placeholder: the parent is stored resolved
    ],
)
def test_kode_induk_mengikuti_cara_tulis_anaknya(tercetak, induk, hasil):
    assert kode_tercetak_induk(tercetak=tercetak, kode_induk=induk) == hasil
