"""Load: 50 users on gunicorn, dashboards read and grids saved at once; nothing confirmed may be lost.

Run: ``make beban`` (or ``.venv/bin/python bench/beban.py --durasi 60``). It
1. prepares a throw-away database: SQLite in a temporary folder, or the EMPTY PostgreSQL
   database named by DATABASE_URL (it refuses one that holds data): the demo data
   (``muat_demo``) plus synthetic OPDs of the demo pemda, 20 indicators each, and their
   operators; five operators per OPD, each with cells of their own and two cells shared by
   all five (so saves collide on purpose), and pemda-level readers (admin, reviewer);
2. starts gunicorn on 127.0.0.1 the production way (DEBUG=0, a random SECRET_KEY,
   ALLOWED_HOSTS; plain HTTP, so secure cookies and the HTTPS redirect are off) with
   2 × cores + 1 workers;
3. drives it with Locust (``bench/beban_locust.py``, from the tool venv ``.venv-beban``,
   never a dependency of the app) for ``--durasi`` seconds: each user logs in once, then
   reads (grid, OPD dashboard, pemda overview) and saves the realisasi grid as a browser
   does (htmx POST with the CSRF token and the page's hidden state/version fields);
4. prints requests per second, p50/p95/p99 per endpoint, errors by type and conflicts, then
   compares every value a response CONFIRMED ("N nilai disimpan" with the value and its new
   version) with the database and the audit log: a value is lost when the cell holds a
   different value or version than its last confirmation, when two saves were confirmed
   with the same version, or when a confirmed version left no audit entry.
Goal (issue 12, 2 cores): 0 errors, 0 lost values, p95 < 500 ms. Exit status 1 when values
were lost or requests failed.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
FOLDER = Path(tempfile.mkdtemp(prefix="beban-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{FOLDER}/beban.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

LOCUST = AKAR / ".venv-beban" / "bin" / "locust"
SANDI = "beban-" + secrets.token_hex(8)
OPERATOR_PER_OPD = 5
INDIKATOR_PER_OPD = 20
BERSAMA = 2  # cells every operator of the OPD may write: the conflicts
MILIK = 3  # cells each operator writes alone


def siapkan(jumlah_pengguna: int, tahun: int, triwulan: int) -> dict:
    """Migrate, load the demo, add the synthetic OPDs and users; the accounts for the locustfile."""
    import io

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from lkjip import audit
    from lkjip.models import Pemda, Pengguna, Peran, PerangkatDaerah
    from pelaporan.models import ButirPK, PerjanjianKinerja, Realisasi, TargetTriwulan
    from renstra.models import Indikator, Renstra, Sasaran, Tujuan

    call_command("migrate", verbosity=0)
    if Pemda.objects.exists():
        sys.exit(
            "Basis data ini sudah berisi data: beban hanya berjalan pada basis data kosong (sekali pakai)."
        )
    call_command("muat_demo", verbosity=0, stdout=io.StringIO())
    pemda = Pemda.objects.get(nama_singkat="Kutai Kartanegara")
    jumlah_pembaca = max(1, jumlah_pengguna // 5)
    jumlah_operator = jumlah_pengguna - jumlah_pembaca
    jumlah_opd = -(-jumlah_operator // OPERATOR_PER_OPD)
    sandi = make_password(SANDI)  # one hash for all: hashing 50 times would take a minute
    akun: dict = {"sandi": SANDI, "tahun": tahun, "triwulan": triwulan, "operator": [], "pembaca": []}
    opd_baru = []
    with audit.oleh(None, keterangan="Data sintetis uji beban"):
        for n in range(jumlah_opd):
            opd = PerangkatDaerah.objects.create(
                pemda=pemda, nama=f"Badan Uji Beban {n + 1:02}", singkatan=f"UB{n + 1:02}", kode_urusan="5.01"
            )
            opd_baru.append(opd.pk)
            renstra = Renstra.objects.create(opd=opd, tahun_awal=tahun - 1, tahun_akhir=tahun + 3)
            tujuan = Tujuan.objects.create(renstra=renstra, kode="T1", uraian="Meningkatnya kinerja layanan")
            sasaran = [
                Sasaran.objects.create(
                    renstra=renstra, tujuan=tujuan, kode=f"S{s}", uraian=f"Sasaran uji {s}"
                )
                for s in (1, 2)
            ]
            indikator = audit.buat_massal(
                [
                    Indikator(
                        renstra=renstra,
                        sasaran=sasaran[i % 2],
                        nama=f"Jumlah layanan uji {i + 1}",
                        satuan="layanan",
                        akumulasi="kumulatif",
                        urutan=i,
                    )
                    for i in range(INDIKATOR_PER_OPD)
                ]
            )
            pk = PerjanjianKinerja.objects.create(
                opd=opd, tahun=tahun, jenjang="kepala", pihak_kedua_nama="Bupati Kutai Kartanegara"
            )
            audit.buat_massal(
                [
                    ButirPK(perjanjian=pk, indikator=i, target=Decimal(4000), urutan=u)
                    for u, i in enumerate(indikator)
                ]
            )
            audit.buat_massal(
                [
                    TargetTriwulan(opd=opd, indikator=i, tahun=tahun, triwulan=tw, nilai=Decimal(1000))
                    for i in indikator
                    for tw in range(1, 5)
                ]
            )
            # Earlier quarters filled (the dashboards have figures); this quarter: every other
            # own cell already holds a value (updates), the rest and the shared cells are empty
            # (concurrent first saves: inserts).
            isi = [
                Realisasi(opd=opd, indikator=i, tahun=tahun, triwulan=tw, nilai=Decimal(900 + u))
                for u, i in enumerate(indikator)
                for tw in range(1, triwulan)
            ]
            isi += [
                Realisasi(opd=opd, indikator=i, tahun=tahun, triwulan=triwulan, nilai=Decimal(500 + u))
                for u, i in enumerate(indikator)
                if u >= BERSAMA and u % 2 == 0
            ]
            audit.buat_massal(isi)
            kunci = [i.pk for i in indikator]
            for j in range(OPERATOR_PER_OPD):
                if len(akun["operator"]) == jumlah_operator:
                    break
                nama = f"operator.ub{n + 1:02}.{j + 1}"
                Pengguna.objects.create(
                    username=nama, nama=nama, password=sandi, peran=Peran.OPERATOR, pemda=pemda, opd=opd
                )
                awal = BERSAMA + j * MILIK
                akun["operator"].append(
                    {
                        "username": nama,
                        "opd": opd.pk,
                        "milik": kunci[awal : awal + MILIK],
                        "bersama": kunci[:BERSAMA],
                    }
                )
        for j in range(jumlah_pembaca):
            peran = Peran.ADMIN if j % 2 == 0 else Peran.REVIEWER
            nama = f"{peran}.ub{j + 1:02}"
            Pengguna.objects.create(username=nama, nama=nama, password=sandi, peran=peran, pemda=pemda)
            akun["pembaca"].append({"username": nama, "opd": opd_baru})
    akun["opd"] = opd_baru
    connection.close()
    return akun


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env_produksi(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        # plain HTTP on loopback (no TLS proxy in front): cookies must travel without it
        "COOKIE_SECURE": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def jalankan_server(port: int, pekerja: int, log: Path) -> subprocess.Popen:
    env = _env_produksi(port)
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=AKAR, env=env, check=True)
    gunicorn = Path(python).with_name("gunicorn")
    proses = subprocess.Popen(
        [str(gunicorn), "lkjip.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(pekerja), "--timeout", "120"],
        cwd=AKAR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk/", timeout=5) as r:
                if r.status == 200:
                    return proses
        except OSError:
            time.sleep(0.5)
        if proses.poll() is not None:
            sys.exit(f"gunicorn berhenti saat mulai; lihat {log}")
    proses.terminate()
    sys.exit(f"gunicorn tidak menjawab dalam 60 detik; lihat {log}")


def cpu_server(induk: int) -> float:
    """CPU seconds used so far by gunicorn (master and workers): the server's own cost, whatever
    else runs on the machine."""
    detik = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            bagian = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(induk) or bagian[1] == str(induk):
            detik += (int(bagian[11]) + int(bagian[12])) / os.sysconf("SC_CLK_TCK")
    return detik


def jalankan_locust(
    port: int, akun: Path, hasil: Path, pengguna: int, durasi: int, jeda: str, *, ulang: bool
) -> None:
    if not LOCUST.exists():
        sys.exit("Locust belum terpasang: jalankan `make beban` (membuat .venv-beban).")
    env = {
        **os.environ,
        "BEBAN_AKUN": str(akun),
        "BEBAN_HASIL": str(hasil),
        "BEBAN_JEDA": jeda,
        "BEBAN_ULANG": "1" if ulang else "0",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with (FOLDER / "locust.log").open("wb") as log:
        subprocess.run(
            [
                str(LOCUST),
                "-f",
                str(AKAR / "bench" / "beban_locust.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "-u",
                str(pengguna),
                "-r",
                "2",  # people log in over half a minute, not all in the same second
                "-t",
                f"{durasi}s",
                "--stop-timeout",
                "30",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=AKAR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if not hasil.exists():
        sys.exit(f"Locust tidak menulis hasil; lihat {FOLDER / 'locust.log'}")


def periksa_nilai(konfirmasi: list[dict], akun: dict) -> dict:
    """Every confirmed value against the stored cell and the audit log."""
    from django.contrib.contenttypes.models import ContentType

    from lkjip.models import CatatanAudit
    from pelaporan.models import Realisasi

    per_sel: dict[int, list[dict]] = defaultdict(list)
    for k in konfirmasi:
        per_sel[k["indikator"]].append(k)
    tersimpan = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(opd__in=akun["opd"], tahun=akun["tahun"], triwulan=akun["triwulan"])
    }
    ct = ContentType.objects.get_for_model(Realisasi)
    # (row id, value) for every value the audit log says was written; values are unique per save
    jejak: set[tuple[str, str]] = set()
    for objek_id, perubahan in CatatanAudit.objects.filter(
        content_type=ct, objek_id__in=[str(r.pk) for r in tersimpan.values()]
    ).values_list("objek_id", "perubahan"):
        baru = (perubahan.get("nilai") or {}).get("baru")
        if baru and baru != "\u2013":
            jejak.add((objek_id, _teks(baru.replace(".", "").replace(",", "."))))
    hilang, contoh = 0, []
    for indikator, daftar in per_sel.items():
        daftar.sort(key=lambda k: k["versi"])
        versi = [k["versi"] for k in daftar]
        ganda = len(versi) - len(set(versi))
        if ganda:
            hilang += ganda
            contoh.append(f"indikator {indikator}: {ganda} simpanan dikonfirmasi dengan versi yang sama")
        r = tersimpan.get(indikator)
        akhir = daftar[-1]
        if r is None or r.versi != akhir["versi"] or _teks(r.nilai) != _teks(akhir["nilai"]):
            hilang += 1
            ada = "tidak ada" if r is None else f"{_teks(r.nilai)} v{r.versi}"
            contoh.append(
                f"indikator {indikator}: terakhir dikonfirmasi {akhir['nilai']} v{akhir['versi']}, tersimpan {ada}"
            )
        for k in daftar:
            if r is not None and (str(r.pk), _teks(k["nilai"])) not in jejak:
                hilang += 1
                contoh.append(
                    f"indikator {indikator}: {k['nilai']} v{k['versi']} dikonfirmasi tanpa jejak audit"
                )
    connection.close()
    return {"sel": len(per_sel), "konfirmasi": len(konfirmasi), "hilang": hilang, "contoh": contoh[:10]}


def _teks(nilai: object) -> str:
    return "" if nilai is None else format(Decimal(str(nilai)).normalize(), "f")


def cetak(h: dict, periksa: dict, args: argparse.Namespace, log_server: Path) -> bool:
    t, tetap = h["total"], h["tanpa_masuk"]
    print(
        f"Basis data: {connection.vendor}; gunicorn {args.pekerja} pekerja; {args.pengguna} pengguna "
        f"({h['jumlah_operator']} operator, {h['jumlah_pembaca']} pembaca pemda), {args.durasi} detik, "
        f"jeda {args.jeda} detik antar-aksi"
    )
    print(
        f"Masuk: {h['masuk_berhasil']} berhasil, {h['masuk_gagal']} gagal (sekali per pengguna, sesi dipakai ulang)"
    )
    print(
        f"{'permintaan':<38}{'jumlah':>7}{'gagal':>6}{'rps':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'maks':>7}  ms"
    )
    for e in [*h["titik"], tetap, t]:
        print(
            f"{e['nama']:<38}{e['jumlah']:>7}{e['gagal']:>6}{e['rps']:>7.1f}{e['p50']:>7.0f}{e['p95']:>7.0f}"
            f"{e['p99']:>7.0f}{e['maks']:>7.0f}"
        )
    print(f"Galat: {t['gagal']}")
    for g in sorted(h["galat"], key=lambda g: -g["jumlah"]):
        print(f"  {g['jumlah']:>5} × {g['nama']}: {g['galat']}")
    s = h["simpan"]
    print(
        f"Simpan grid: {s['disimpan']} dikonfirmasi ({s['nilai']} nilai); {s['konflik']} dijawab 'diubah orang lain' "
        f"(bukan galat); diulang dengan 'Pakai nilai saya': {s['ulang_berhasil']} tersimpan, "
        f"{s['konflik_kedua']} konflik lagi; sel orang lain ikut tertulis saat diulang: {s['sel_lain_ditulis']}"
    )
    print(
        f"Pemeriksaan: {periksa['konfirmasi']} nilai dikonfirmasi server di {periksa['sel']} sel; "
        f"nilai hilang: {periksa['hilang']}"
    )
    for c in periksa["contoh"]:
        print(f"  {c}")
    log = log_server.read_text(errors="replace")
    jejak = log.count("Traceback (most recent call last)")
    print(f"Traceback di log gunicorn: {jejak}")
    for baris in sorted({b for b in log.splitlines() if b.startswith("django.") and "Error" in b}):
        print(f"  {baris}")
    p95 = tetap["p95"]
    print(
        f"Sasaran: galat 0 → {'YA' if t['gagal'] == 0 else 'TIDAK'}; nilai hilang 0 → "
        f"{'YA' if periksa['hilang'] == 0 else 'TIDAK'}; p95 (tanpa masuk) < 500 ms → "
        f"{'YA' if p95 < 500 else 'TIDAK'} ({p95:.0f} ms)"
    )
    return t["gagal"] == 0 and periksa["hilang"] == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--durasi", type=int, default=180, help="detik beban (bawaan 180)")
    parser.add_argument("--pengguna", type=int, default=50, help="pengguna serentak (bawaan 50)")
    parser.add_argument("--pekerja", type=int, default=2 * (os.cpu_count() or 1) + 1, help="pekerja gunicorn")
    parser.add_argument("--jeda", default="3,10", help="jeda antar-aksi tiap pengguna, detik 'min,maks'")
    parser.add_argument(
        "--tanpa-ulang", action="store_true", help="setelah konflik jangan simpan ulang ('Pakai nilai saya')"
    )
    parser.add_argument("--simpan-log", action="store_true", help="jangan hapus folder sementara (log)")
    args = parser.parse_args()
    from django.utils import timezone

    hari_ini = timezone.localdate()
    # the quarter that just ended, in the current year (its grid is open: no schedule set)
    tahun, triwulan = hari_ini.year, max(1, (hari_ini.month - 1) // 3)
    akun = siapkan(args.pengguna, tahun, triwulan)
    berkas_akun, berkas_hasil = FOLDER / "akun.json", FOLDER / "hasil.json"
    berkas_akun.write_text(json.dumps(akun))
    port = _port_bebas()
    log_server = FOLDER / "gunicorn.log"
    server = jalankan_server(port, args.pekerja, log_server)
    cpu_awal = cpu_server(server.pid)
    try:
        jalankan_locust(
            port, berkas_akun, berkas_hasil, args.pengguna, args.durasi, args.jeda, ulang=not args.tanpa_ulang
        )
        hasil_cpu = cpu_server(server.pid) - cpu_awal
        beban_mesin = os.getloadavg()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    hasil = json.loads(berkas_hasil.read_text())
    periksa = periksa_nilai(hasil["konfirmasi"], akun)
    baik = cetak(hasil, periksa, args, log_server)
    n = hasil["total"]["jumlah"]
    print(
        f"CPU gunicorn selama beban: {hasil_cpu:.0f} detik ({hasil_cpu * 1000 / max(n, 1):.0f} ms per permintaan; "
        f"masuk memakai PBKDF2); load average mesin 1/5 menit di akhir: {beban_mesin[0]:.1f} / {beban_mesin[1]:.1f} "
        f"pada {os.cpu_count()} inti (proses lain di mesin ini ikut memperlambat)"
    )
    if args.simpan_log or not baik:
        print(f"Log: {FOLDER}")
    else:
        shutil.rmtree(FOLDER, ignore_errors=True)
    sys.exit(0 if baik else 1)


if __name__ == "__main__":
    main()
