"""Project-level guarantees: migrations complete, production settings safe, layout as designed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

AKAR = Path(__file__).resolve().parent.parent


def test_tidak_ada_perubahan_model_tanpa_migrasi(db) -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _jalankan(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    lingkungan = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    lingkungan.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=AKAR,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_produksi_menolak_secret_key_bawaan() -> None:
    hasil = _jalankan("check", DEBUG="0", ALLOWED_HOSTS="sakip.example.go.id")
    assert hasil.returncode != 0
    assert "SECRET_KEY harus diisi" in hasil.stderr


def test_check_deploy_bersih_di_mode_produksi() -> None:
    hasil = _jalankan(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 20 + "-produksi-acak-" + "x9Zq" * 10,
        ALLOWED_HOSTS="sakip.example.go.id",
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "no issues" in hasil.stdout


@pytest.mark.parametrize(
    "jalur",
    [
        "manage.py",
        "lkjip",
        "renstra",
        "pelaporan",
        "templates",
        "static",
        "fixtures",
        "tests",
        "requirements.txt",
        "README.md",
        "Makefile",
        "pyproject.toml",
        ".ci/run",
        "docs",
    ],
)
def test_tata_letak_sesuai_kartu_desain(jalur: str) -> None:
    assert (AKAR / jalur).exists()


def test_setiap_constraint_unik_berpesan_indonesia_sendiri() -> None:
    """Django's id locale translates "already exists" as "tidak ada" (does not exist): every
    multi-field unique constraint must carry its own message."""
    from django.apps import apps
    from django.db.models import UniqueConstraint

    tanpa_pesan = [
        f"{m.__name__}.{c.name}"
        for m in apps.get_models()
        if m._meta.app_label in ("lkjip", "renstra", "pelaporan")
        for c in m._meta.constraints
        if isinstance(c, UniqueConstraint) and c.violation_error_message == c.default_violation_error_message
    ]
    assert tanpa_pesan == []
