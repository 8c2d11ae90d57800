"""Report (never change) stored figures that do not fit their decimal column (issue 12).

Only SQLite can hold them. Deleting or clamping them would lose what the operator typed
and leave no audit entry; the pages now show them as "nilai tidak sah", and this migration
and the command ``periksa_angka`` name each one (model, id, column, value) so the admin can
correct it where it was typed. The query is inline (not imported from the app) so that this
migration keeps doing the same thing however the app changes later.
"""

from __future__ import annotations

import logging

from django.db import migrations, models

log = logging.getLogger("pelaporan.angka_tersimpan")


def laporkan_angka_rusak(apps, schema_editor) -> None:  # noqa: ANN001
    conn = schema_editor.connection
    q = conn.ops.quote_name
    temuan = []
    with conn.cursor() as c:
        for model in apps.get_models():
            for f in model._meta.concrete_fields:
                if not isinstance(f, models.DecimalField) or f.max_digits is None or f.decimal_places is None:
                    continue
                utuh = f.max_digits - f.decimal_places
                c.execute(
                    f"SELECT {q(model._meta.pk.column)}, {q(f.column)} FROM {q(model._meta.db_table)} "
                    f"WHERE ABS({q(f.column)}) >= %s ORDER BY 1",  # noqa: S608 - quoted names, bound value
                    [float(10**utuh)],
                )
                temuan += [(model._meta.label, pk, f.name, nilai, utuh) for pk, nilai in c.fetchall()]
    if not temuan:
        return
    print(f"\n  {len(temuan)} angka tersimpan melebihi ukuran kolomnya (tidak diubah; tampil “nilai tidak sah”):")
    for label, pk, kolom, nilai, utuh in temuan:
        pesan = f"{label} id={pk} kolom {kolom}: {nilai} (paling banyak {utuh} angka sebelum koma)"
        print(f"    {pesan}")
        log.warning("Angka tersimpan tidak sah: %s", pesan)
    print("  Perbaiki lewat halaman tempat angka itu diisi; `manage.py periksa_angka` menampilkan daftarnya lagi.")


class Migration(migrations.Migration):
    dependencies = [
        ("pelaporan", "0001_pelaksanaan"),
        ("renstra", "0005_rentang_bentuk_target"),
        ("laporan", "0002_kerangka_laporan"),
    ]

    operations = [migrations.RunPython(laporkan_angka_rusak, migrations.RunPython.noop, elidable=True)]
