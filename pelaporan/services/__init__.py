"""Writes of the execution data: each checks the period and the role, validates, saves, and
leaves its audit entries (lkjip.audit), in one transaction."""

from pelaporan.services._umum import (
    HasilSimpan,
    PKTerkunci,
    TriwulanTertutup,
    hari_ini_pemda,
    pastikan_boleh_isi,
)
from pelaporan.services.anggaran import (
    anggaran_simpan,
    periksa_tumpang_tindih,
    realisasi_anggaran_simpan_grid,
)
from pelaporan.services.grid import SelGrid, grid_simpan
from pelaporan.services.periode import (
    PerluKonfirmasi,
    laporan_ajukan,
    laporan_putuskan,
    pembukaan_kembali_buat,
    periode_simpan,
)
from pelaporan.services.pk import (
    BarisBanding,
    anggaran_pk_hapus,
    anggaran_pk_simpan,
    banding_pk,
    butir_pk_hapus,
    butir_pk_simpan,
    pk_perubahan_buat,
    pk_tandatangani,
)
from pelaporan.services.realisasi import (
    TEKS_REALISASI,
    bukti_hapus,
    bukti_unggah,
    periksa_bukti,
    periksa_nilai_realisasi,
    realisasi_detail_simpan,
    realisasi_simpan_grid,
    target_triwulan_simpan,
)

__all__ = [
    "TEKS_REALISASI",
    "BarisBanding",
    "HasilSimpan",
    "PKTerkunci",
    "PerluKonfirmasi",
    "SelGrid",
    "TriwulanTertutup",
    "anggaran_pk_hapus",
    "anggaran_pk_simpan",
    "anggaran_simpan",
    "banding_pk",
    "bukti_hapus",
    "bukti_unggah",
    "butir_pk_hapus",
    "butir_pk_simpan",
    "hari_ini_pemda",
    "laporan_ajukan",
    "laporan_putuskan",
    "pastikan_boleh_isi",
    "pembukaan_kembali_buat",
    "periksa_bukti",
    "periksa_nilai_realisasi",
    "grid_simpan",
    "periksa_tumpang_tindih",
    "periode_simpan",
    "pk_perubahan_buat",
    "pk_tandatangani",
    "realisasi_anggaran_simpan_grid",
    "realisasi_detail_simpan",
    "realisasi_simpan_grid",
    "target_triwulan_simpan",
]
