"""The import structure follows the house plan (STYLE, "Dependency direction"; issue 11 item 5).

Every module of the apps (migrations and management commands included) is read with
``ast``; each import of a project package, at the top or inside a function (a lazy import
is still an arrow), must point to the module's own layer or a lower one:

    domain (pelaporan.domain) ← inti (lkjip core) ← renstra ← pelaporan ← laporan (lkjip.laporan)

A lower layer learns about a higher one only through a registry it owns, which the higher
layer fills in its AppConfig.ready(): ``lkjip.beranda`` (home page), ``lkjip.demo`` (demo
load), ``pelaporan.dokumen`` (signed documents). Settings and ``urls.py`` name the apps as
strings (the project package is where they are put together); strings are not arrows.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
APLIKASI = ("lkjip", "renstra", "pelaporan")

# The plan, lowest first, and the arrows it allows: a layer imports itself and what is below it.
URUTAN = ("domain", "inti", "renstra", "pelaporan", "laporan")
BOLEH: dict[str, frozenset[str]] = {
    "domain": frozenset({"domain"}),
    "inti": frozenset({"domain", "inti"}),
    "renstra": frozenset({"domain", "inti", "renstra"}),
    "pelaporan": frozenset({"domain", "inti", "renstra", "pelaporan"}),
    "laporan": frozenset({"domain", "inti", "renstra", "pelaporan", "laporan"}),
}

# Arrows against the plan that are tolerated for now, each with its reason:
# {("importing.module", "imported.module"): "why"}. Empty: there is none. An entry that no
# longer matches an import fails the test, so the list cannot go stale.
PENGECUALIAN: dict[tuple[str, str], str] = {}


def lapisan(modul: str) -> str | None:
    """The layer of a dotted module name; ``None`` outside the project."""
    bagian = modul.split(".")
    if bagian[0] == "pelaporan":
        return "domain" if bagian[1:2] == ["domain"] else "pelaporan"
    if bagian[0] == "lkjip":
        return "laporan" if bagian[1:2] == ["laporan"] else "inti"
    if bagian[0] == "renstra":
        return "renstra"
    return None


def _nama_modul(berkas: Path) -> tuple[str, str]:
    """(module, package) of a file: ``lkjip/laporan/apps.py`` → ``("lkjip.laporan.apps", "lkjip.laporan")``."""
    bagian = list(berkas.relative_to(AKAR).with_suffix("").parts)
    if bagian[-1] == "__init__":
        bagian.pop()
        return ".".join(bagian), ".".join(bagian)
    return ".".join(bagian), ".".join(bagian[:-1])


def _modul_ada(nama: str) -> bool:
    jalur = AKAR.joinpath(*nama.split("."))
    return jalur.with_suffix(".py").is_file() or (jalur / "__init__.py").is_file()


def _impor(pohon: ast.AST, paket: str) -> list[tuple[int, str]]:
    """Every module ``pohon`` imports, with its line: absolute and relative, top level and lazy,
    and ``importlib.import_module("…")`` with a literal name."""
    hasil: list[tuple[int, str]] = []
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Import):
            hasil += [(simpul.lineno, a.name) for a in simpul.names]
        elif isinstance(simpul, ast.ImportFrom):
            if simpul.level:
                dasar = paket.split(".")[: len(paket.split(".")) - (simpul.level - 1)]
                asal = ".".join([*dasar, *([simpul.module] if simpul.module else [])])
            else:
                asal = simpul.module or ""
            for a in simpul.names:
                # ``from lkjip import laporan`` imports the module lkjip.laporan, not just lkjip.
                sub = f"{asal}.{a.name}"
                hasil.append((simpul.lineno, sub if _modul_ada(sub) else asal))
        elif (
            isinstance(simpul, ast.Call)
            and getattr(simpul.func, "attr", getattr(simpul.func, "id", "")) == "import_module"
            and simpul.args
            and isinstance(simpul.args[0], ast.Constant)
            and isinstance(simpul.args[0].value, str)
        ):
            hasil.append((simpul.lineno, simpul.args[0].value))
    return list(dict.fromkeys(hasil))  # ``from x import a, b``: one arrow


def _semua_modul() -> list[Path]:
    return sorted(b for app in APLIKASI for b in (AKAR / app).rglob("*.py"))


def _panah() -> list[tuple[str, int, str]]:
    """(importing module, line, imported module) for every import of a project module."""
    panah = []
    for berkas in _semua_modul():
        modul, paket = _nama_modul(berkas)
        pohon = ast.parse(berkas.read_text(encoding="utf-8"), filename=str(berkas))
        panah += [(modul, baris, tujuan) for baris, tujuan in _impor(pohon, paket) if lapisan(tujuan)]
    return panah


def test_daftar_panah_yang_boleh_mengikuti_urutan_lapisan() -> None:
    assert set(BOLEH) == set(URUTAN)
    for i, nama in enumerate(URUTAN):
        assert frozenset(URUTAN[: i + 1]) == BOLEH[nama], nama


def test_setiap_impor_mengikuti_arah_lapisan() -> None:
    panah = _panah()
    # The walk really reads the apps: a known lazy arrow from the report app is among them.
    assert ("lkjip.laporan.apps", "pelaporan.dokumen") in {(m, t) for m, _, t in panah}
    salah = [
        f"{m}:{baris} ({lapisan(m)}) → {t} ({lapisan(t)})"
        for m, baris, t in panah
        if lapisan(t) not in BOLEH[lapisan(m)] and (m, t) not in PENGECUALIAN
    ]
    assert salah == [], "Impor melawan arah lapisan:\n" + "\n".join(salah)


def test_pengecualian_masih_diperlukan() -> None:
    terpakai = {(m, t) for m, _, t in _panah()}
    assert [p for p in PENGECUALIAN if p not in terpakai] == []


def test_domain_hanya_mengimpor_pustaka_baku_dan_dirinya() -> None:
    """The domain is pure Python: the standard library and pelaporan.domain, nothing installed."""
    salah = []
    for berkas in sorted((AKAR / "pelaporan" / "domain").rglob("*.py")):
        modul, paket = _nama_modul(berkas)
        for baris, tujuan in _impor(ast.parse(berkas.read_text(encoding="utf-8")), paket):
            akar = tujuan.split(".")[0]
            if lapisan(tujuan) != "domain" and akar not in sys.stdlib_module_names:
                salah.append(f"{modul}:{baris} → {tujuan}")
    assert salah == []


def test_impor_relatif_lazy_dan_dari_paket_dibaca_sebagai_modulnya() -> None:
    pohon = ast.parse(
        "from . import demo\n"
        "from lkjip import laporan\n"
        "from .. import angka\n"
        "from pelaporan.domain import Arah\n"
        "def f():\n"
        "    import renstra.models\n"
    )
    assert [t for _, t in _impor(pohon, "lkjip.laporan")] == [
        "lkjip.laporan.demo",
        "lkjip.laporan",
        "lkjip.angka",
        "pelaporan.domain",
        "renstra.models",
    ]
    assert [
        lapisan(m) for m in ("pelaporan.domain", "lkjip.laporan.demo", "lkjip.angka", "pelaporan", "django")
    ] == [
        "domain",
        "laporan",
        "inti",
        "pelaporan",
        None,
    ]
