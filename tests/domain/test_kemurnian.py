"""The engine stays pure: no Django, no float, keyword-only public functions (STYLE)."""

import dataclasses
import inspect
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pelaporan.domain as domain
from pelaporan.domain import (
    Akumulasi,
    Anggaran,
    Arah,
    RumusNegatif,
    baris_evaluasi_renja,
    capaian_sampai_tw,
    efisiensi,
    hitung_capaian,
    perubahan_tahunan,
    progres_target_tahunan,
    rata_rata_capaian,
    rollup_anggaran,
)

D = Decimal
AKAR = Path(__file__).resolve().parents[2]


def test_domain_imports_without_django():
    perintah = "import sys, pelaporan.domain; assert 'django' not in sys.modules, sorted(sys.modules)"
    hasil = subprocess.run(
        [sys.executable, "-c", perintah], cwd=AKAR, capture_output=True, text=True, check=False
    )
    assert hasil.returncode == 0, hasil.stderr


def test_no_module_of_the_domain_imports_django_even_lazily():
    impor_django = re.compile(r"^\s*(from|import)\s+django\b", re.MULTILINE)
    for berkas in (AKAR / "pelaporan" / "domain").glob("*.py"):
        assert not impor_django.search(berkas.read_text(encoding="utf-8")), berkas.name


# Single-argument helpers whose one argument is obvious (the brief's API shape).
_POSISIONAL_BOLEH = {
    "normalisasi_kode",
    "tingkat_kode",
    "induk_kode",
    "isi_placeholder",
    "kode_setara",
    "kunci_urut_kode",
}


def test_public_functions_are_typed_and_keyword_only():
    for nama in domain.__all__:
        objek = getattr(domain, nama)
        if inspect.isclass(objek) or not callable(objek):
            continue
        tanda = inspect.signature(objek)
        assert tanda.return_annotation is not inspect.Signature.empty, nama
        assert objek.__doc__, nama
        for param in tanda.parameters.values():
            assert param.annotation is not inspect.Parameter.empty, (nama, param.name)
            if nama not in _POSISIONAL_BOLEH:
                assert param.kind is inspect.Parameter.KEYWORD_ONLY, (nama, param.name)


def _tanpa_float(objek, jejak="hasil"):
    assert not isinstance(objek, float), jejak
    if dataclasses.is_dataclass(objek):
        for f in dataclasses.fields(objek):
            _tanpa_float(getattr(objek, f.name), f"{jejak}.{f.name}")
        for nama in ("rumus", "persen", "sisa", "keterangan", "teks"):
            if hasattr(type(objek), nama):
                _tanpa_float(getattr(objek, nama), f"{jejak}.{nama}")
    elif isinstance(objek, (tuple, list)):
        for i, v in enumerate(objek):
            _tanpa_float(v, f"{jejak}[{i}]")
    elif isinstance(objek, dict) or hasattr(objek, "items"):
        for k, v in objek.items():
            _tanpa_float(v, f"{jejak}[{k}]")


def test_no_float_leaks_out_of_any_result():
    hasil = [
        hitung_capaian(arah=a, target=D(80), realisasi=D("74.76"), target_atas=atas, batas_atas=D(120))
        for a in Arah
        for atas in (None, D(90))
    ]
    hasil += [hitung_capaian(arah=Arah.NEGATIF, target=80, realisasi=120, rumus_negatif=RumusNegatif.RASIO)]
    hasil += [
        capaian_sampai_tw(
            akumulasi=k,
            arah=Arah.POSITIF,
            target_tw=(D(1), D(2), D(3), D(4)),
            realisasi_tw=(D(1), None, D(3), None),
            sampai=4,
        )
        for k in Akumulasi
    ]
    hasil += [
        progres_target_tahunan(
            akumulasi=Akumulasi.KUMULATIF, target_tahunan=3, realisasi_tw=(1, 1, None, None)
        ),
        rata_rata_capaian(nilai=[("a", D(1), D(2)), ("b", 3), ("c", None)], batas_atas=D(2)),
        rollup_anggaran(baris=[("1.06.02.2.01.01", Anggaran(pagu=300, realisasi=D("100.5")))]),
        efisiensi(capaian=D(101), serapan=D(3)),
        perubahan_tahunan(sekarang=D(3), lalu=1),
        baris_evaluasi_renja(
            akumulasi=Akumulasi.RATA_RATA,
            target_renstra=D(3),
            realisasi_sampai_tahun_lalu=1,
            target=D(7),
            realisasi_tw=(1, 2, None, None),
            pagu_renstra=D(9),
            realisasi_anggaran_sampai_tahun_lalu=D(1),
            pagu=D(7),
            realisasi_anggaran_tw=(D(1), D(1), None, None),
            sampai=3,
        ),
    ]
    for h in hasil:
        _tanpa_float(h)
    assert all(type(h.nilai) is Decimal for h in hasil[: len(Arah) * 2 + 1])
    baris = hasil[-1]  # whole numbers given as int come back as Decimal
    assert all(
        type(v) is Decimal for v in (*baris.kinerja.realisasi_tw[:2], baris.kinerja.realisasi_tahun_ini)
    )
