"""Both quarterly grids (realisasi kinerja, realisasi anggaran), the rencana aksi and the budget
form, fuzzed: hostile values, fields missing and extra. Never a 500, and all or nothing: either
every cell sent is stored as the form reads it, or nothing changed (no row, no audit entry)."""

from __future__ import annotations

from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip.angka import UKURAN_RUPIAH
from lkjip.models import CatatanAudit
from pelaporan import forms as f
from pelaporan.models import Anggaran, Realisasi, RealisasiAnggaran, TargetTriwulan
from tests.conftest import indikator_pk_kedua
from tests.fuzz.conftest import catat_masukan
from tests.fuzz.strategi import PENGATURAN, nama_liar, nilai_jahat

# an ordinary value half the time, so the saves are reached and checked too
isian = st.one_of(nilai_jahat, st.decimals(min_value=0, max_value=10**6, places=2).map(str))


def _qd(isi: dict[str, str]) -> QueryDict:
    q = QueryDict(mutable=True)
    q.update(isi)
    return q


def _tambahan(isi: st.DataObject) -> dict[str, str]:
    return isi.draw(st.dictionaries(nama_liar, nilai_jahat, max_size=2), label="tambahan")


def _snapshot(model, *kolom: str) -> list[tuple]:
    return sorted(model.objects.values_list("pk", *kolom))


@settings(PENGATURAN, max_examples=60)
@given(isi=st.data())
def test_grid_kinerja_semua_atau_tidak_sama_sekali(data, masuk, isi) -> None:
    klien = masuk("operator")
    if not hasattr(data, "kedua"):
        data.kedua = indikator_pk_kedua(data)
    i, j = data.rencana["indikator"].pk, data.kedua.pk
    r = Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1)
    kiriman = {f"a-{i}": "20", f"v-{i}": str(r.versi), f"a-{j}": "", f"v-{j}": "0"}
    for k in (i, j):
        if isi.draw(st.booleans(), label=f"kirim {k}"):
            kiriman[f"n-{k}"] = isi.draw(isian, label=f"n-{k}")
            if isi.draw(st.booleans(), label=f"kosong {k}"):
                kiriman[f"k-{k}"] = "on"
    kiriman.update(_tambahan(isi))
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])
    with transaction.atomic():
        sebelum, audit_sebelum = _snapshot(Realisasi, "nilai", "versi"), CatatanAudit.objects.count()
        respon = klien.post(url, kiriman)
        catat_masukan()
        assert respon.status_code < 500
        html = respon.content.decode()
        if "Tidak ada yang disimpan" in html:
            assert _snapshot(Realisasi, "nilai", "versi") == sebelum
            assert CatatanAudit.objects.count() == audit_sebelum
        else:
            form = f.GridTriwulanForm(_qd(kiriman), kunci=[i, j], dengan_kosong=True)
            assert form.is_valid(), (kiriman, form.errors)
            for s in form.sel():
                tersimpan = Realisasi.objects.filter(indikator_id=s.kunci, tahun=2022, triwulan=1).first()
                if s.nilai is not None:
                    assert tersimpan is not None and tersimpan.nilai == s.nilai, kiriman
        transaction.set_rollback(True)


@settings(PENGATURAN, max_examples=60)
@given(isi=st.data())
def test_grid_anggaran_semua_atau_tidak_sama_sekali(data, masuk, isi) -> None:
    klien = masuk("operator")
    a = data.rencana["anggaran"].pk
    kiriman = {f"a-{a}": "", f"v-{a}": "0"}
    if isi.draw(st.booleans(), label="kirim"):
        kiriman[f"n-{a}"] = isi.draw(isian, label="n")
    kiriman.update(_tambahan(isi))
    url = reverse("anggaran_realisasi", args=[data.opd_a.pk, 2022, 2])
    with transaction.atomic():
        audit_sebelum = CatatanAudit.objects.count()
        respon = klien.post(url, kiriman)
        catat_masukan()
        assert respon.status_code < 500
        form = f.GridTriwulanForm(_qd(kiriman), kunci=[a], ukuran=UKURAN_RUPIAH)
        tersimpan = RealisasiAnggaran.objects.filter(anggaran_id=a, triwulan=2).first()
        if respon.status_code == 302:  # saved
            assert form.is_valid(), (kiriman, form.errors)
            (s,) = form.sel() or [None]
            if s is not None and s.nilai is not None:
                assert tersimpan is not None and tersimpan.jumlah == s.nilai
        else:
            assert tersimpan is None and CatatanAudit.objects.count() == audit_sebelum, kiriman
        transaction.set_rollback(True)


@settings(PENGATURAN, max_examples=60)
@given(isi=st.data())
def test_rencana_aksi_semua_atau_tidak_sama_sekali(data, masuk, isi) -> None:
    klien = masuk("operator")
    i = data.rencana["indikator"].pk
    kiriman = {}
    for tw in range(1, 5):
        if isi.draw(st.integers(0, 3), label=f"tw{tw}"):
            kiriman[f"t-{i}-{tw}"] = isi.draw(isian, label=f"t-{tw}")
    kiriman.update(_tambahan(isi))
    url = reverse("rencana_aksi", args=[data.opd_a.pk, 2022])
    with transaction.atomic():
        audit_sebelum = CatatanAudit.objects.count()
        respon = klien.post(url, kiriman)
        catat_masukan()
        assert respon.status_code < 500
        if respon.status_code == 302:
            form = f.TargetTriwulanForm(_qd(kiriman), kunci=[i])
            assert form.is_valid(), (kiriman, form.errors)
            harapan = [v for v in form.target()[i] if v is not None]
            assert sorted(TargetTriwulan.objects.values_list("nilai", flat=True)) == sorted(harapan), kiriman
        else:
            assert not TargetTriwulan.objects.exists() and CatatanAudit.objects.count() == audit_sebelum, (
                kiriman
            )
        transaction.set_rollback(True)


@settings(PENGATURAN, max_examples=60)
@given(isi=st.data())
def test_form_anggaran_semua_atau_tidak_sama_sekali(data, masuk, isi) -> None:
    klien = masuk("operator")
    node = st.sampled_from(
        ["", f"sub_kegiatan:{data.rencana['sub'].pk}", f"program:{data.rencana['program'].pk}"]
    )
    kiriman = {}
    for nama, nilai in (
        ("uraian", st.one_of(nilai_jahat, st.just("Belanja uji"))),
        ("sumber_dana", st.one_of(nilai_jahat, st.sampled_from(["APBD", "DAK", "DAU"]))),
        ("node", st.one_of(nilai_jahat, node)),
        ("pagu_murni", isian),
        ("pagu_perubahan", isian),
    ):
        if isi.draw(st.integers(0, 4), label=f"ada {nama}"):
            kiriman[nama] = isi.draw(nilai, label=nama)
    kiriman.update(_tambahan(isi))
    url = reverse("anggaran_tambah", args=[data.opd_a.pk, 2022])
    with transaction.atomic():
        sebelum, audit_sebelum = (
            _snapshot(Anggaran, "pagu_murni", "pagu_perubahan"),
            CatatanAudit.objects.count(),
        )
        respon = klien.post(url, kiriman)
        catat_masukan()
        assert respon.status_code < 500
        if respon.status_code == 302:
            baru = Anggaran.objects.exclude(pk__in=[b[0] for b in sebelum]).get()
            assert baru.pagu_murni == f.AngkaField(ukuran=UKURAN_RUPIAH).clean(kiriman["pagu_murni"])
        else:
            assert _snapshot(Anggaran, "pagu_murni", "pagu_perubahan") == sebelum
            assert CatatanAudit.objects.count() == audit_sebelum, kiriman
        transaction.set_rollback(True)
