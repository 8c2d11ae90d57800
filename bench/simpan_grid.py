"""How long saving a quarter's realisasi grid of 200 indicators takes, and how many queries.

Run: .venv/bin/python bench/simpan_grid.py   (uses a throw-away SQLite database, or
DATABASE_URL for PostgreSQL). Prints queries and milliseconds per save, best of 5.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

JUMLAH = 200


def main() -> None:
    import io

    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("muat_demo", verbosity=0, stdout=io.StringIO())
    from lkjip import audit
    from lkjip.models import Pengguna, PerangkatDaerah
    from pelaporan import services
    from pelaporan.models import ButirPK, PerjanjianKinerja, Realisasi
    from renstra.models import Indikator, Renstra, Sasaran

    opd = PerangkatDaerah.objects.get(pk=1)
    operator = Pengguna.objects.get(username="operator.dinsos")
    renstra = Renstra.objects.get(opd=opd, tahun_awal=2021)
    sasaran = Sasaran.objects.filter(renstra=renstra).first()
    pk = PerjanjianKinerja.objects.create(opd=opd, tahun=2025, jenjang="kepala", pihak_kedua_nama="Bupati")
    indikator = audit.buat_massal(
        [
            Indikator(
                renstra=renstra,
                sasaran=sasaran,
                nama=f"Indikator uji {n}",
                satuan="orang",
                akumulasi="kumulatif",
            )
            for n in range(JUMLAH)
        ]
    )
    audit.buat_massal(
        [ButirPK(perjanjian=pk, indikator=i, target=Decimal(100), urutan=n) for n, i in enumerate(indikator)]
    )
    hasil = []
    for putaran in range(5):
        ada = {r.indikator_id: r for r in Realisasi.objects.filter(opd=opd, tahun=2025, triwulan=1)}
        masukan = [
            services.SelGrid(
                kunci=i.pk,
                nilai=Decimal(putaran * 7 + n % 50),
                awal=format(ada[i.pk].nilai.normalize(), "f") if i.pk in ada else "",
                versi=ada[i.pk].versi if i.pk in ada else 0,
            )
            for n, i in enumerate(indikator)
        ]
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            mulai = time.perf_counter()
            h = services.realisasi_simpan_grid(
                opd=opd, tahun=2025, triwulan=1, masukan=masukan, pengguna=operator
            )
            detik = time.perf_counter() - mulai
        hasil.append((detik, len(ctx.captured_queries), h.disimpan, "buat" if putaran == 0 else "ubah"))
    print(
        f"Basis data: {connection.vendor}; grid {JUMLAH} indikator, 5 kali simpan (pertama membuat baris, lalu mengubah)"
    )
    for detik, query, disimpan, jenis in hasil:
        print(f"  {jenis:4}  {disimpan:3} nilai  {query:2} query  {detik * 1000:7.1f} ms")
    print(
        f"Layanan saja: terbaik {min(h[0] for h in hasil) * 1000:.1f} ms; query paling banyak {max(h[1] for h in hasil)}"
    )

    # The whole request as the browser sends it: parse 200 rows, save, render the grid back.
    from django.test import Client
    from django.urls import reverse

    klien = Client()
    klien.force_login(operator)
    url = reverse("realisasi_grid", args=[opd.pk, 2025, 1])
    waktu = []
    for putaran in range(3):
        ada = {r.indikator_id: r for r in Realisasi.objects.filter(opd=opd, tahun=2025, triwulan=1)}
        isian = {}
        for n, i in enumerate(indikator):
            r = ada[i.pk]
            isian.update(
                {
                    f"n-{i.pk}": str(100 + putaran + n % 9),
                    f"a-{i.pk}": format(r.nilai.normalize(), "f"),
                    f"v-{i.pk}": str(r.versi),
                }
            )
        mulai = time.perf_counter()
        respon = klien.post(url, isian)
        waktu.append(time.perf_counter() - mulai)
        assert respon.status_code == 200 and "nilai disimpan" in respon.content.decode()
    print(
        f"Permintaan HTTP penuh (simpan + tampilkan ulang {JUMLAH} baris): terbaik {min(waktu) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
