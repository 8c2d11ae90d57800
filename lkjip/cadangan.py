"""Backup and restore: the whole database and MEDIA_ROOT in one ``.tar.gz`` (``cadangkan`` / ``pulihkan``).

Why Django's serializers (JSON Lines) and not ``pg_dump`` or SQLite's backup API: one format
for both engines, so a SQLite backup restores into PostgreSQL (the usual move from a trial
server to production), and one line per row, so neither side holds a table in memory.

What the archive keeps, and why:

- **Primary keys.** A signed report's verification URL, the audit trail (``objek_id``) and every
  foreign key name rows by id, so rows come back with the ids they had.
- **Content types and permissions by natural key** (``["lkjip", "pemda"]``): ``migrate`` on the
  new server creates them, with ids of its own; the audit trail's ``content_type`` follows them.
- **Every microsecond** of a time: Django's JSON encoder keeps only milliseconds.
- A **manifest** read before anything is written: format, the app's commit, the applied
  migrations, rows per model with a digest of their content, and the SHA-256 of every file.
  A restore refuses an archive whose migrations differ from the code's, a database that is not
  empty, and a file that does not match its hash; after loading it reads every row back and
  compares counts and digests, so a signed PDF comes back byte for byte or nothing is kept.

Sessions are left out: a restored server starts with everyone logged out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DatabaseError, IntegrityError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "lkjip-cadangan/1"
MANIFEST = "manifest.json"
# Rows whose ids differ from one database to the next: written and referred to by natural key.
ALAMI = ("contenttypes.contenttype", "auth.permission")
DILEWATI = frozenset({"sessions.session"})
_BLOK = 1024 * 1024


class CadanganDitolak(Exception):
    """A backup or restore refused, with what to do about it (Indonesian, shown as is)."""


@dataclass
class HasilCadangan:
    berkas: Path
    ukuran: int
    baris: int
    berkas_media: int
    detik: float
    berkas_hilang: list[str] = field(default_factory=list)


@dataclass
class HasilPemulihan:
    baris: int
    berkas_media: int
    detik: float
    commit: str | None


class _Enkoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()  # every microsecond: DjangoJSONEncoder cuts to milliseconds
        return super().default(o)


def _kanonik(data: dict[str, Any]) -> bytes:
    """One row as bytes that do not depend on the engine (PostgreSQL's jsonb reorders keys)."""
    return json.dumps(data, cls=_Enkoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


class _Penulis(PythonSerializer):
    """Django's serializer, with natural keys only for :data:`ALAMI`; counts rows, digests them
    and notes the stored files the rows refer to. With ``stream=None`` it only digests."""

    def __init__(self, stream: Any | None) -> None:
        super().__init__()
        self.keluaran = stream
        self.jumlah = 0
        self.sidik = hashlib.sha256()
        self.berkas: set[str] = set()

    def get_dump_object(self, obj: models.Model) -> dict[str, Any]:
        self.use_natural_primary_keys = obj._meta.label_lower in ALAMI
        return super().get_dump_object(obj)

    def handle_fk_field(self, obj: models.Model, field: models.Field) -> None:
        self.use_natural_foreign_keys = field.remote_field.model._meta.label_lower in ALAMI
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: models.Field) -> None:
        self.use_natural_foreign_keys = field.remote_field.model._meta.label_lower in ALAMI
        super().handle_m2m_field(obj, field)
        if field.name in self._current:
            # A many-to-many list comes back in whatever order the engine gives.
            self._current[field.name] = sorted(self._current[field.name], key=json.dumps)

    def end_object(self, obj: models.Model) -> None:
        data = self.get_dump_object(obj)
        if self.keluaran is not None:
            self.keluaran.write(json.dumps(data, cls=_Enkoder, ensure_ascii=False))
            self.keluaran.write("\n")
        self.sidik.update(_kanonik(data))
        self.sidik.update(b"\n")
        self.jumlah += 1
        for f in obj._meta.concrete_fields:
            if isinstance(f, models.FileField) and getattr(obj, f.attname):
                self.berkas.add(str(getattr(obj, f.attname)))
        self._current = None


def _model_dicadangkan() -> list[type[models.Model]]:
    """Every stored model, in load order: the natural-key targets first, the rest by label."""
    semua = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in DILEWATI
    ]
    return sorted(
        semua,
        key=lambda m: (
            ALAMI.index(m._meta.label_lower) if m._meta.label_lower in ALAMI else len(ALAMI),
            m._meta.label_lower,
        ),
    )


def _baris(model: type[models.Model], using: str) -> Iterator[models.Model]:
    qs = model._base_manager.using(using)
    label = model._meta.label_lower
    if label == "contenttypes.contenttype":
        qs = qs.order_by("app_label", "model")
    elif label == "auth.permission":
        qs = qs.select_related("content_type").order_by(
            "content_type__app_label", "content_type__model", "codename"
        )
    else:
        qs = qs.order_by(model._meta.pk.name)
    return qs.iterator(chunk_size=500)


def _sha256_berkas(jalur: Path) -> str:
    h = hashlib.sha256()
    with open(jalur, "rb") as f:
        while blok := f.read(_BLOK):
            h.update(blok)
    return h.hexdigest()


def _commit() -> str | None:
    """The app's git commit, when the code is a checkout (a tarball deploy has none)."""
    try:
        hasil = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, as an operator runs it
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if hasil.returncode != 0:
        return None
    return hasil.stdout.strip() or None


def keadaan_migrasi(using: str = "default") -> dict[str, list[str]]:
    """The applied migrations per app, sorted: what the archive's rows fit."""
    hasil: dict[str, list[str]] = {}
    for app, nama in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        hasil.setdefault(app, []).append(nama)
    return hasil


@contextmanager
def _potret(using: str) -> Iterator[None]:
    """One consistent view of the database for the whole dump, without holding up writers.

    Inside a caller's transaction (tests) that transaction is the view. PostgreSQL: a
    REPEATABLE READ, read-only transaction. SQLite (WAL): a deferred transaction is a read
    snapshot; Django's own ``atomic`` would begin IMMEDIATE and make every save wait.
    """
    koneksi = connections[using]
    if koneksi.in_atomic_block:
        yield
        return
    with koneksi.cursor():
        pass  # connect (and run the health check) before the transaction's first statement
    if koneksi.vendor == "sqlite":
        with koneksi.cursor() as c:
            c.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with koneksi.cursor() as c:
                c.execute("ROLLBACK")
    else:
        with transaction.atomic(using=using):
            if koneksi.vendor == "postgresql":
                with koneksi.cursor() as c:
                    c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def _berkas_media(akar: Path) -> list[tuple[str, Path]]:
    if not akar.is_dir():
        return []
    hasil = []
    for folder, _, nama_nama in os.walk(akar):
        for nama in nama_nama:
            jalur = Path(folder) / nama
            if jalur.is_file() and not jalur.is_symlink():
                hasil.append((jalur.relative_to(akar).as_posix(), jalur))
    return sorted(hasil)


def cadangkan(
    *, keluaran: Path, using: str = "default", tulis: Callable[[str], object] | None = None
) -> HasilCadangan:
    """Write the database and MEDIA_ROOT to ``keluaran`` (.tar.gz, readable by its owner only)."""
    lapor = tulis or (lambda _: None)
    mulai = time.monotonic()
    keluaran = Path(keluaran)
    keluaran.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cadangan-") as tmp:
        tmp_data = Path(tmp) / "data"
        tmp_data.mkdir()
        data: list[dict[str, Any]] = []
        dirujuk: set[str] = set()
        with _potret(using):
            migrasi = keadaan_migrasi(using)
            for model in _model_dicadangkan():
                label = model._meta.label_lower
                nama = f"data/{label}.jsonl"
                with open(Path(tmp) / nama, "w", encoding="utf-8") as f:
                    penulis = _Penulis(f)
                    penulis.serialize(_baris(model, using))
                dirujuk |= penulis.berkas
                data.append(
                    {
                        "model": label,
                        "berkas": nama,
                        "jumlah": penulis.jumlah,
                        "sidik": penulis.sidik.hexdigest(),
                        "sha256": _sha256_berkas(Path(tmp) / nama),
                    }
                )
            lapor(f"Basis data: {sum(d['jumlah'] for d in data)} baris dari {len(data)} tabel.")
        akar = Path(settings.MEDIA_ROOT)
        media = [
            {"jalur": rel, "ukuran": jalur.stat().st_size, "sha256": _sha256_berkas(jalur)}
            for rel, jalur in _berkas_media(akar)
        ]
        hilang = sorted(dirujuk - {m["jalur"] for m in media})
        manifest = {
            "format": FORMAT,
            "dibuat": timezone.now().isoformat(),
            "aplikasi": {"commit": _commit(), "django": django.get_version()},
            "basis_data": connections[using].vendor,
            "migrasi": migrasi,
            "data": data,
            "media": media,
            "berkas_hilang": hilang,
        }
        sementara = keluaran.with_name(keluaran.name + ".sebagian")
        # Password hashes and the OPDs' signing certificates are inside: owner only.
        fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as mentah, tarfile.open(fileobj=mentah, mode="w:gz") as tar:
            isi = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(isi), int(time.time()), 0o600
            tar.addfile(info, io.BytesIO(isi))
            for d in data:
                tar.add(Path(tmp) / d["berkas"], arcname=d["berkas"])
            for m in media:
                tar.add(akar / m["jalur"], arcname=f"media/{m['jalur']}")
        os.replace(sementara, keluaran)
    return HasilCadangan(
        berkas=keluaran,
        ukuran=keluaran.stat().st_size,
        baris=sum(d["jumlah"] for d in data),
        berkas_media=len(media),
        detik=time.monotonic() - mulai,
        berkas_hilang=hilang,
    )


def baca_manifest(arsip: Path) -> dict[str, Any]:
    """The manifest, read from the head of the archive without unpacking the rest."""
    try:
        with tarfile.open(arsip, "r:gz") as tar:
            pertama = tar.next()
            if pertama is None or pertama.name != MANIFEST:
                raise CadanganDitolak(f"{arsip} bukan arsip cadangan e-SAKIP (tidak diawali {MANIFEST}).")
            manifest = json.load(tar.extractfile(pertama))
    except FileNotFoundError as e:
        raise CadanganDitolak(f"Berkas {arsip} tidak ditemukan.") from e
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError) as e:
        raise CadanganDitolak(f"{arsip} tidak dapat dibaca sebagai arsip cadangan ({e}).") from e
    if manifest.get("format") != FORMAT:
        raise CadanganDitolak(
            f"Format arsip {manifest.get('format')!r} tidak dikenal versi aplikasi ini (yang dikenal: {FORMAT})."
        )
    return manifest


def _daftar(butir: list[str], batas: int = 5) -> str:
    teks = ", ".join(butir[:batas])
    return teks + (f" dan {len(butir) - batas} lainnya" if len(butir) > batas else "")


def _periksa_migrasi(manifest: dict[str, Any], using: str) -> None:
    koneksi = connections[using]
    executor = MigrationExecutor(koneksi)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CadanganDitolak(
            "Basis data tujuan belum dimigrasikan penuh. Jalankan dulu `python manage.py migrate`, "
            "lalu ulangi pemulihan."
        )
    arsip = {(a, n) for a, nama in manifest["migrasi"].items() for n in nama}
    tujuan = {(a, n) for a, nama in keadaan_migrasi(using).items() for n in nama}
    commit = manifest["aplikasi"].get("commit") or "(tidak tercatat)"
    lebih = sorted(f"{a}.{n}" for a, n in arsip - tujuan)
    kurang = sorted(f"{a}.{n}" for a, n in tujuan - arsip)
    if lebih:
        raise CadanganDitolak(
            "Arsip dibuat oleh versi aplikasi yang lebih baru: migrasi "
            f"{_daftar(lebih)} tidak dikenal kode ini. Pasang versi aplikasi yang membuat arsip "
            f"(commit {commit}) atau yang lebih baru, jalankan `python manage.py migrate`, lalu ulangi."
        )
    if kurang:
        raise CadanganDitolak(
            "Arsip dibuat oleh versi aplikasi yang lebih lama: migrasi "
            f"{_daftar(kurang)} belum ada di arsip. Pulihkan dengan versi aplikasi yang membuat arsip "
            f"(commit {commit}) ke basis data kosong, lalu pasang versi baru dan jalankan "
            "`python manage.py migrate`."
        )


def _periksa_kosong(using: str) -> None:
    isi = []
    for model in _model_dicadangkan():
        if model._meta.label_lower in ALAMI:
            continue  # migrate creates these; restored rows are matched to them by natural key
        jumlah = model._base_manager.using(using).count()
        if jumlah:
            isi.append(f"{model._meta.label_lower} ({jumlah} baris)")
    if isi:
        raise CadanganDitolak(
            f"Basis data tujuan tidak kosong: {_daftar(isi)}. Pemulihan hanya ke basis data baru: buat "
            "basis data kosong, jalankan `python manage.py migrate` (jangan membuat pengguna dulu), "
            "lalu ulangi. Tidak ada yang diubah."
        )


def _jalur_media(rel: str) -> PurePosixPath:
    jalur = PurePosixPath(rel)
    if jalur.is_absolute() or ".." in jalur.parts or not jalur.parts:
        raise CadanganDitolak(f"Arsip memuat jalur berkas yang tidak sah: {rel!r}.")
    return jalur


def _periksa_media_tujuan(manifest: dict[str, Any]) -> None:
    akar = Path(settings.MEDIA_ROOT)
    bentrok = []
    for m in manifest["media"]:
        tujuan = akar / _jalur_media(m["jalur"])
        if tujuan.exists() and _sha256_berkas(tujuan) != m["sha256"]:
            bentrok.append(m["jalur"])
    if bentrok:
        raise CadanganDitolak(
            f"Folder berkas ({akar}) sudah memuat berkas lain dengan nama yang sama: {_daftar(bentrok)}. "
            "Pulihkan ke folder MEDIA_ROOT yang kosong. Tidak ada yang diubah."
        )


def _periksa_utuh(manifest: dict[str, Any], folder: Path) -> None:
    rusak = [
        b["berkas"]
        for b in manifest["data"]
        if not (folder / b["berkas"]).is_file() or _sha256_berkas(folder / b["berkas"]) != b["sha256"]
    ]
    rusak += [
        f"media/{m['jalur']}"
        for m in manifest["media"]
        if not (folder / "media" / _jalur_media(m["jalur"])).is_file()
        or _sha256_berkas(folder / "media" / m["jalur"]) != m["sha256"]
    ]
    if rusak:
        raise CadanganDitolak(
            f"Arsip rusak: {_daftar(rusak)} hilang atau tidak cocok dengan SHA-256 di manifest. "
            "Pakai salinan arsip yang lain. Tidak ada yang diubah."
        )


def _sisipkan(model: type[models.Model], kelompok: list[Any], using: str) -> None:
    """Insert rows as they are, many per statement, into a table known to be empty.

    ``raw=True`` is what ``loaddata`` passes to ``save_base``: stored values (``auto_now_add``
    times included) are written unchanged and no audit signal fires. ``bulk_create`` cannot do
    this (it stamps ``auto_now_add`` again); row-by-row saves take an UPDATE and an INSERT each.
    """
    bidang = model._meta.local_concrete_fields
    objek = [d.object for d in kelompok]
    ukuran = max(1, connections[using].ops.bulk_batch_size(bidang, objek))
    for i in range(0, len(objek), ukuran):
        model._base_manager.using(using)._insert(objek[i : i + ukuran], fields=bidang, raw=True, using=using)
    for d in kelompok:
        for nama, nilai in (d.m2m_data or {}).items():
            getattr(d.object, nama).set(nilai)


def _muat(manifest: dict[str, Any], folder: Path, using: str) -> list[type[models.Model]]:
    koneksi = connections[using]
    dimuat = []
    with koneksi.constraint_checks_disabled():
        for b in manifest["data"]:
            model = apps.get_model(b["model"])
            with open(folder / b["berkas"], encoding="utf-8") as f:
                baris = serializers.deserialize("jsonl", f, using=using)
                if b["model"] in ALAMI:
                    for obj in baris:
                        obj.save(using=using)  # matched to the row migrate made, or added
                else:
                    while kelompok := list(itertools.islice(baris, 500)):
                        _sisipkan(model, kelompok, using)
            dimuat.append(model)
    try:
        koneksi.check_constraints(table_names=[m._meta.db_table for m in dimuat])
    except IntegrityError as e:
        raise CadanganDitolak(f"Arsip tidak utuh: ada rujukan ke baris yang tidak ada ({e}).") from e
    # Rows came with their ids: the next new row must get an id after the highest restored one.
    with koneksi.cursor() as c:
        for sql in koneksi.ops.sequence_reset_sql(no_style(), dimuat):
            c.execute(sql)
    return dimuat


def _periksa_hasil(manifest: dict[str, Any], using: str) -> None:
    beda = []
    for b in manifest["data"]:
        if b["model"] in ALAMI:
            continue  # the new server may hold more of these (made by its migrate)
        penulis = _Penulis(None)
        penulis.serialize(_baris(apps.get_model(b["model"]), using))
        if penulis.jumlah != b["jumlah"] or penulis.sidik.hexdigest() != b["sidik"]:
            beda.append(f"{b['model']} ({penulis.jumlah} dari {b['jumlah']} baris)")
    if beda:
        raise CadanganDitolak(
            f"Isi basis data setelah dipulihkan tidak sama dengan arsip: {_daftar(beda)}. "
            "Pemulihan dibatalkan; tidak ada yang diubah."
        )


def pulihkan(
    *, arsip: Path, using: str = "default", tulis: Callable[[str], object] | None = None
) -> HasilPemulihan:
    """Restore ``arsip`` into an empty, migrated database and MEDIA_ROOT, all or nothing."""
    lapor = tulis or (lambda _: None)
    mulai = time.monotonic()
    arsip = Path(arsip)
    manifest = baca_manifest(arsip)
    _periksa_migrasi(manifest, using)
    _periksa_kosong(using)
    _periksa_media_tujuan(manifest)
    akar = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="pulihkan-") as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(arsip, "r:gz") as tar:
                tar.extractall(folder, filter="data")
        except (tarfile.TarError, OSError, EOFError) as e:
            raise CadanganDitolak(
                f"Arsip rusak, tidak dapat dibongkar ({e}). Pakai salinan arsip yang lain."
            ) from e
        _periksa_utuh(manifest, folder)
        lapor("Arsip utuh: setiap berkas cocok dengan SHA-256 di manifest.")
        ContentType.objects.clear_cache()  # ids differ on this server; the cache may hold old ones
        ditulis: list[Path] = []
        try:
            with transaction.atomic(using=using):
                _muat(manifest, folder, using)
                _periksa_hasil(manifest, using)
                lapor(f"Basis data: {sum(b['jumlah'] for b in manifest['data'])} baris dimuat dan diperiksa.")
                for m in manifest["media"]:
                    tujuan = akar / _jalur_media(m["jalur"])
                    if tujuan.exists():
                        continue  # the same bytes (checked above)
                    tujuan.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(folder / "media" / m["jalur"], tujuan)
                    ditulis.append(tujuan)
        except (DatabaseError, DeserializationError) as e:
            for jalur in ditulis:
                jalur.unlink(missing_ok=True)
            raise CadanganDitolak(f"Pemulihan gagal dan dibatalkan: {e}") from e
        except BaseException:
            for jalur in ditulis:
                jalur.unlink(missing_ok=True)
            raise
        finally:
            ContentType.objects.clear_cache()
    return HasilPemulihan(
        baris=sum(b["jumlah"] for b in manifest["data"]),
        berkas_media=len(manifest["media"]),
        detik=time.monotonic() - mulai,
        commit=manifest["aplikasi"].get("commit"),
    )
