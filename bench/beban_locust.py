"""The users of bench/beban.py (Locust; runs in .venv-beban, started by that script).

Operators of the synthetic OPDs read their grid and dashboard and save the realisasi grid as
the browser does; pemda readers (admin, reviewer) open the pemda overview and the OPDs'
dashboards and grids. Every user logs in once and keeps its session (login throttling never
sees a burst). A save the server confirms ("N nilai disimpan", the value shown back with its
new version) is recorded for bench/beban.py to check against the database; a conflict
answer ("diubah orang lain") is counted, not a failure, and resolved once as a person would
("Pakai nilai saya", save again).
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
from decimal import Decimal
from html.parser import HTMLParser

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser
from locust.stats import StatsEntry

AKUN = json.loads(open(os.environ["BEBAN_AKUN"]).read())  # noqa: SIM115, PTH123
TAHUN, TW = AKUN["tahun"], AKUN["triwulan"]
_jeda = [float(x) for x in os.environ.get("BEBAN_JEDA", "3,10").split(",")]
_urut_operator = itertools.count()
_urut_pembaca = itertools.count()
_urut_nilai = itertools.count(1)

KONFIRMASI: list[dict] = []
SIMPAN = {
    "disimpan": 0,
    "nilai": 0,
    "konflik": 0,
    "ulang_berhasil": 0,
    "konflik_kedua": 0,
    "sel_lain_ditulis": 0,
}
ULANG = os.environ.get("BEBAN_ULANG", "1") == "1"  # answer a conflict as a person would, once
MASUK = {"berhasil": 0, "gagal": 0}

DISIMPAN = re.compile(r"(\d+) nilai disimpan\.")
KONFLIK = "sudah diubah orang lain"


class _Isian(HTMLParser):
    """The fields a browser would send from the grid form: text and hidden inputs, ticked boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.dalam, self.isian = False, {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.dalam = a.get("id") == "form-grid"
        elif tag == "input" and self.dalam and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.isian[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.dalam = False


def isian_grid(teks: str) -> dict[str, str]:
    p = _Isian()
    p.feed(teks)
    return p.isian


def _desimal(teks: str) -> Decimal:
    """An Indonesian number as the grid shows it (1.500 / 94,33)."""
    return Decimal(html.unescape(teks).replace(".", "").replace(",", "."))


class _Pengguna(HttpUser):
    abstract = True
    wait_time = between(*_jeda)
    akun: dict

    def on_start(self) -> None:
        with self.client.get("/masuk/", name="GET /masuk/", catch_response=True) as r:
            token = self.client.cookies.get("csrftoken")
            if r.status_code != 200 or not token:
                r.failure(f"HTTP {r.status_code} tanpa token CSRF")
                MASUK["gagal"] += 1
                raise StopUser
        with self.client.post(
            "/masuk/",
            data={"username": self.akun["username"], "password": AKUN["sandi"], "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/masuk/"},
            name="POST /masuk/",
            catch_response=True,
        ) as r:
            if r.status_code != 200 or "/masuk/" in r.url or "sessionid" not in self.client.cookies:
                r.failure(f"masuk gagal (HTTP {r.status_code}, berakhir di {r.url})")
                MASUK["gagal"] += 1
                raise StopUser
        MASUK["berhasil"] += 1

    def buka(self, url: str, nama: str, *, harus: str = "") -> str | None:
        """GET a page; a login page, an error or a missing marker is a failure."""
        with self.client.get(url, name=nama, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
                return None
            if "/masuk/" in r.url:
                r.failure("sesi hilang: dialihkan ke halaman masuk")
                return None
            if harus and harus not in r.text:
                r.failure(f"halaman tanpa {harus!r}")
                return None
            return r.text


class Operator(_Pengguna):
    fixed_count = len(AKUN["operator"])

    def on_start(self) -> None:
        self.akun = AKUN["operator"][next(_urut_operator) % len(AKUN["operator"])]
        self.opd = self.akun["opd"]
        self.url_grid = f"/opd/{self.opd}/realisasi/{TAHUN}/{TW}/"
        super().on_start()

    @task(3)
    def lihat_grid(self) -> None:
        self.buka(self.url_grid, "GET grid realisasi", harus='id="form-grid"')

    @task(2)
    def dasbor_opd(self) -> None:
        self.buka(f"/opd/{self.opd}/dasbor/{TAHUN}/", "GET dasbor OPD")

    @task(4)
    def simpan_grid(self) -> None:
        teks = self.buka(self.url_grid, "GET grid realisasi", harus='id="form-grid"')
        if teks is None:
            return
        isian = isian_grid(teks)
        pilihan = random.sample(self.akun["milik"], random.randint(1, len(self.akun["milik"])))
        if random.random() < 0.4:
            pilihan.append(random.choice(self.akun["bersama"]))
        nilai = {}
        for k in pilihan:
            # unique across the run: a confirmed value names its save
            v = Decimal(next(_urut_nilai)) + Decimal(self._nomor()) / 100
            nilai[k] = v
            isian[f"n-{k}"] = format(v, "f").replace(".", ",")
            isian.pop(f"k-{k}", None)
        gevent.sleep(random.uniform(0.2, 2.0))  # typing: others may save meanwhile
        respon = self._kirim(isian, nilai, "POST grid realisasi")
        if respon == "konflik":
            SIMPAN["konflik"] += 1
            if not ULANG:
                return
            ulang = isian_grid(self._terakhir)  # the dialog: "Pakai nilai saya" is ticked
            hasil = self._kirim(ulang, nilai, "POST grid realisasi (setelah konflik)", ulang=True)
            if hasil == "konflik":
                SIMPAN["konflik_kedua"] += 1
            elif hasil == "disimpan":
                SIMPAN["ulang_berhasil"] += 1

    def _nomor(self) -> int:
        return AKUN["operator"].index(self.akun) % 100

    def _kirim(
        self, isian: dict[str, str], nilai: dict[int, Decimal], nama: str, *, ulang: bool = False
    ) -> str:
        with self.client.post(
            self.url_grid,
            data=isian,
            headers={
                "HX-Request": "true",
                "HX-Target": "grid",
                "HX-Current-URL": f"{self.host}{self.url_grid}",
                "X-CSRFToken": isian.get("csrfmiddlewaretoken", ""),
                "Referer": f"{self.host}{self.url_grid}",
            },
            name=nama,
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
                return "galat"
            self._terakhir = r.text
            if KONFLIK in r.text:
                return "konflik"
            m = DISIMPAN.search(r.text)
            if not m:
                pesan = re.search(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
                r.failure(f"jawaban tak dikenal: {pesan.group(1).strip()[:120] if pesan else r.text[:120]!r}")
                return "galat"
            kembali = isian_grid(r.text)
            for k, v in nilai.items():
                tampil = kembali.get(f"n-{k}", "")
                if not tampil or _desimal(tampil) != v:
                    r.failure(f"disimpan, tetapi sel {k} menampilkan {tampil!r}, bukan {v}")
                    return "galat"
            if int(m.group(1)) != len(nilai):
                if not ulang or int(m.group(1)) < len(nilai):
                    r.failure(f"{m.group(1)} nilai disimpan, diubah {len(nilai)}")
                    return "galat"
                # The conflict dialog sends back every row as first typed but with the rows'
                # newest state: cells this user never touched are written with what the page
                # showed before (bench/beban.py finds the values this overwrote).
                SIMPAN["sel_lain_ditulis"] += int(m.group(1)) - len(nilai)
            for k, v in nilai.items():
                KONFIRMASI.append({"indikator": k, "nilai": str(v), "versi": int(kembali[f"v-{k}"])})
            SIMPAN["disimpan"] += 1
            SIMPAN["nilai"] += len(nilai)
            return "disimpan"


class Pembaca(_Pengguna):
    fixed_count = len(AKUN["pembaca"])

    def on_start(self) -> None:
        self.akun = AKUN["pembaca"][next(_urut_pembaca) % len(AKUN["pembaca"])]
        super().on_start()

    @task(2)
    def dasbor_pemda(self) -> None:
        self.buka(f"/dasbor/{TAHUN}/", "GET dasbor pemda")

    @task(2)
    def dasbor_opd(self) -> None:
        self.buka(f"/opd/{random.choice(self.akun['opd'])}/dasbor/{TAHUN}/", "GET dasbor OPD")

    @task(1)
    def lihat_grid(self) -> None:
        self.buka(f"/opd/{random.choice(self.akun['opd'])}/realisasi/{TAHUN}/{TW}/", "GET grid realisasi")


def _angka(e, nama: str = "") -> dict:  # noqa: ANN001
    return {
        "nama": nama or e.name,
        "jumlah": e.num_requests,
        "gagal": e.num_failures,
        "rps": e.total_rps,
        "p50": e.get_response_time_percentile(0.5) or 0,
        "p95": e.get_response_time_percentile(0.95) or 0,
        "p99": e.get_response_time_percentile(0.99) or 0,
        "maks": e.max_response_time or 0,
    }


def _tanpa_masuk(stats) -> dict:  # noqa: ANN001
    """Every request but the one-time logins (the steady state the goal is about)."""
    gabung = StatsEntry(stats, "semua kecuali masuk", "", use_response_times_cache=False)
    for e in stats.entries.values():
        if "/masuk/" not in e.name:
            gabung.extend(e)
    return _angka(gabung)


@events.quitting.add_listener
def _tulis_hasil(environment, **_kw) -> None:  # noqa: ANN001
    stats = environment.stats
    hasil = {
        "total": _angka(stats.total, "semua"),
        "tanpa_masuk": _tanpa_masuk(stats),
        "titik": [_angka(e) for e in sorted(stats.entries.values(), key=lambda e: e.name)],
        "galat": [
            {"metode": g.method, "nama": g.name, "galat": str(g.error), "jumlah": g.occurrences}
            for g in stats.errors.values()
        ],
        "simpan": SIMPAN,
        "konfirmasi": KONFIRMASI,
        "masuk_berhasil": MASUK["berhasil"],
        "masuk_gagal": MASUK["gagal"],
        "jumlah_operator": len(AKUN["operator"]),
        "jumlah_pembaca": len(AKUN["pembaca"]),
    }
    with open(os.environ["BEBAN_HASIL"], "w") as f:  # noqa: PTH123
        json.dump(hasil, f)
