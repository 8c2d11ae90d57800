"""What staff read about the workbook, in one place: the help page (``pengukuran_format``) and the
template's first sheet (``Petunjuk``) both print these texts, so they cannot tell two stories.

Plain sentences, no markup: a spreadsheet cell holds no bold. The long form for developers and
admins (the commands, how rows are matched in detail) stays in docs/format-excel-pengukuran.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from pelaporan.excel_pengukuran.format import SHEET_ANGGARAN, SHEET_INDIKATOR, SHEET_INFO

JUDUL = "Petunjuk pengisian workbook Pengukuran Kinerja"
SHEET_PETUNJUK = "Petunjuk"

LANGKAH: tuple[str, ...] = (
    "Buka Realisasi → Excel pengukuran (atau Anggaran → Excel pengukuran) dan pilih tahunnya.",
    "Unduh templat kosong, atau unduh berisi data untuk mengubah data yang sudah tersimpan.",
    f"Isi sheet “{SHEET_INDIKATOR}” dan “{SHEET_ANGGARAN}” di Excel; jangan mengubah baris 1 (judul kolom).",
    "Unggah berkasnya di halaman yang sama dan periksa pratinjaunya: belum ada yang disimpan.",
    "Bila pratinjau sudah benar, pilih “Simpan semua perubahan ini”.",
)

ATURAN: tuple[str, ...] = (
    f"Workbook harus berisi sheet “{SHEET_INDIKATOR}” dan “{SHEET_ANGGARAN}” (boleh hanya berisi judul "
    f"kolom). Sheet “{SHEET_INFO}” boleh ada: bila isian Tahun-nya berbeda dengan tahun impor, berkas "
    f"ditolak. Sheet lain, termasuk sheet “{SHEET_PETUNJUK}” ini, diabaikan saat impor.",
    "Baris 1 setiap sheet berisi judul kolom dan harus ditulis persis. Kolom tambahan diabaikan, tetapi "
    "judul yang mirip judul resmi (mis. “Realisasi TW 1” untuk “Realisasi TW1”) ditolak.",
    "Angka boleh ditulis cara Indonesia (1.234.567,89), cara Inggris (1,234,567.89) atau sebagai angka "
    "Excel. 1.500 dibaca seribu lima ratus.",
    "Sel kosong berarti “tidak diubah”: data yang tersimpan dibiarkan. Impor tidak pernah menghapus apa pun.",
    "Pada kolom realisasi indikator, “-”, “N/A”, “nihil” atau “belum ada data” berarti belum ada data "
    "(tidak pernah dihitung 0).",
    "Rumus Excel (=A1*2) tidak diterima pada kolom isian: tulis nilainya.",
    "Berkas paling besar 5 MB dan 20.000 baris per sheet, dalam format .xlsx.",
    "Semua atau tidak sama sekali: bila ada satu masalah, tidak ada yang disimpan, dan setiap masalah "
    "disebut dengan sheet, baris dan kolomnya.",
    "Kolom yang dihitung aplikasi hanya untuk dibaca: isinya diabaikan saat impor, juga bila diubah.",
    "Realisasi triwulan yang sudah ditutup, sudah diajukan ke kepala, atau sudah disetujui tidak dapat "
    "diubah lewat impor. Realisasi yang sama dengan yang tersimpan bukan perubahan, jadi berkas hasil "
    "unduhan selalu dapat diunggah ulang.",
)


@dataclass(frozen=True)
class Kolom:
    nama: str  # as row 1 writes it; "Target TW1 … TW4" stands for four columns
    isi: str
    wajib: bool = False
    dihitung: bool = False


def _tw(awal: str) -> str:
    return f"{awal} TW1 … TW4"


def judul_kolom(k: Kolom) -> list[str]:
    """The row-1 headers one entry describes: "Target TW1 … TW4" is four columns."""
    if k.nama.endswith(" TW1 … TW4"):
        awal = k.nama.removesuffix(" TW1 … TW4")
        return [f"{awal} TW{t}" for t in (1, 2, 3, 4)]
    return [k.nama]


KOLOM_PETUNJUK: dict[str, tuple[Kolom, ...]] = {
    SHEET_INDIKATOR: (
        Kolom(
            "Sasaran",
            "Uraian sasaran strategis seperti tertulis di PK. Sasaran yang belum ada di Renstra dibuat baru.",
            wajib=True,
        ),
        Kolom(
            "Indikator",
            "Nama indikator. Baris dikenali dari pasangan Sasaran dan Indikator, tanpa membedakan huruf "
            "besar/kecil dan spasi ganda; indikator yang belum ada dibuat baru.",
            wajib=True,
        ),
        Kolom("Satuan", "%, orang, KK, dokumen …; untuk indikator yang sudah ada harus sama dengan Renstra."),
        Kolom("Arah", "Positif, Negatif atau Mendekati."),
        Kolom("Akumulasi", "Kumulatif, Nilai Akhir atau Rata-rata."),
        Kolom(
            "Target",
            "Target tahunan, yaitu target butir PK tahun itu. Target rentang ditulis 80–90, 80 - 90 atau "
            "80 s.d. 90. PK yang sudah ditandatangani tidak berubah: target yang berbeda ditolak, buat PK "
            "Perubahan.",
        ),
        Kolom(_tw("Target"), "Target triwulan (rencana aksi); kolomnya boleh tidak ada."),
        Kolom(_tw("Realisasi"), "Realisasi triwulan; “-” berarti belum ada data."),
        Kolom("Realisasi", "Realisasi tahun itu menurut cara akumulasinya.", dihitung=True),
        Kolom(
            "Capaian (%)",
            "Capaian dengan rumus yang sama dengan layar realisasi; kosong bila periodenya belum lengkap.",
            dihitung=True,
        ),
        Kolom(
            "Kategori", "Kategori menurut skala penilaian pemda, atau alasan belum dinilai.", dihitung=True
        ),
    ),
    SHEET_ANGGARAN: (
        Kolom(
            "Kode",
            "Kode nomenklatur seperti di dokumen (1.06.02, 1.06.02.2.01, 1.06.02.2.01.0001). Program "
            "Penunjang boleh ditulis X.XX.01…: diisi dengan kode bidang urusan di profil OPD. Kosong = baris "
            "di luar program (mis. Belanja Tidak Langsung).",
        ),
        Kolom(
            "Uraian",
            "Nomenklatur program, kegiatan atau sub-kegiatan, atau uraian baris di luar program.",
            wajib=True,
        ),
        Kolom("Pagu", "Pagu (Rp)."),
        Kolom(_tw("Realisasi"), "Realisasi anggaran per triwulan (Rp, bukan kumulatif)."),
        Kolom("Sumber Dana", "APBD (bila kosong), DAK, DAU, APBN, Bantuan Keuangan Provinsi atau Lainnya."),
        Kolom("Realisasi", "Jumlah keempat triwulan.", dihitung=True),
        Kolom("Realisasi (%)", "Σ realisasi ÷ Σ pagu × 100.", dihitung=True),
        Kolom("Sisa", "Pagu − realisasi.", dihitung=True),
    ),
}

CATATAN_ANGGARAN: tuple[str, ...] = (
    "Baris induk (kode yang mempunyai baris turunan di bawahnya) dan baris Jumlah tidak disimpan: "
    "kosongkan, atau isi sama dengan jumlah baris di bawahnya.",
    "Isi anggaran pada tingkat yang paling rinci saja: kegiatan dan sub-kegiatannya yang sama-sama berisi "
    "anggaran ditolak karena terhitung dua kali.",
    "Bila satu kode mempunyai beberapa sumber dana, tulis satu baris per sumber dana.",
    "Program atau kegiatan induk yang tidak ditulis dibuat dari kode anaknya dan dinamai menurut "
    "nomenklatur; yang tidak ada di nomenklatur perlu diberi nama di Renstra setelah impor.",
)
