"""The Pengukuran Kinerja workbook import (also behind ``manage.py impor_pengukuran``), fuzzed:
the OPD's own export with a few cells replaced by hostile values (text, huge and tiny floats,
integers past 64 bits, formulas, NaN). Never an exception, and all or nothing: a workbook with
a problem changes nothing."""

from __future__ import annotations

import io
import math

import openpyxl
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip.models import CatatanAudit
from pelaporan.excel_pengukuran import ekspor_pengukuran, impor_pengukuran
from pelaporan.models import Anggaran, ButirPK, Realisasi, RealisasiAnggaran, TargetTriwulan
from tests.fuzz.conftest import catat_masukan
from tests.fuzz.strategi import PENGATURAN, nilai_jahat

isi_sel = st.one_of(
    nilai_jahat,
    st.floats(allow_nan=False, allow_infinity=False),  # openpyxl cannot write NaN/inf: Excel has none
    st.sampled_from([1e20, 1e-20, 1e308, -1e308, 0.1 + 0.2, 33.333333333, 10**20, -(10**25), 2**70]),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.sampled_from(["=1+1", "=A1*100", '=HYPERLINK("x")', None]),
)


def _keadaan() -> list:
    return [
        sorted(m.objects.values_list(*kolom))
        for m, kolom in (
            (TargetTriwulan, ("pk", "nilai", "nilai_atas")),
            (Realisasi, ("pk", "nilai", "versi")),
            (RealisasiAnggaran, ("pk", "jumlah")),
            (Anggaran, ("pk", "pagu_murni", "pagu_perubahan")),
            (ButirPK, ("pk", "target", "target_atas")),
        )
    ] + [CatatanAudit.objects.count()]


@settings(PENGATURAN, max_examples=80)
@given(isi=st.data())
def test_impor_pengukuran_semua_atau_tidak_sama_sekali(data, isi) -> None:
    _, _, asli = ekspor_pengukuran(opd=data.opd_a, tahun=2022)
    wb = openpyxl.load_workbook(io.BytesIO(asli))
    for _ in range(isi.draw(st.integers(1, 4), label="jumlah sel")):
        ws = wb[isi.draw(st.sampled_from(wb.sheetnames), label="sheet")]
        baris = isi.draw(st.integers(1, max(2, ws.max_row + 1)), label="baris")
        kolom = isi.draw(st.integers(1, ws.max_column + 1), label="kolom")
        nilai = isi.draw(isi_sel, label="nilai")
        if isinstance(nilai, float) and not math.isfinite(nilai):
            continue
        ws.cell(row=baris, column=kolom, value=nilai)
    buf = io.BytesIO()
    wb.save(buf)
    with transaction.atomic():
        sebelum = _keadaan()
        hasil = impor_pengukuran(
            opd=data.opd_a, tahun=2022, data=buf.getvalue(), terapkan=True, pengguna=data.pengguna["operator"]
        )
        catat_masukan()
        if hasil.masalah:
            assert not hasil.diterapkan and _keadaan() == sebelum, [str(m) for m in hasil.masalah]
        transaction.set_rollback(True)
