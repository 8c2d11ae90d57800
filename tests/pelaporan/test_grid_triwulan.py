"""The shared quarterly grid form (pelaporan.forms.GridTriwulanForm) and save routine
(pelaporan.services.grid_simpan), through both grids that use them: realisasi kinerja and
realisasi anggaran. A bad cell saves nothing, its message is next to it; good cells save with
audit entries."""

from __future__ import annotations

import re
from decimal import Decimal

from django.http import QueryDict
from django.urls import reverse

from lkjip import audit
from lkjip.models import CatatanAudit
from pelaporan import forms as f
from pelaporan.models import Anggaran, Realisasi, RealisasiAnggaran
from renstra.models import Indikator
from tests.conftest import indikator_pk_kedua


def _data(isian: dict[str, str]) -> QueryDict:
    q = QueryDict(mutable=True)
    q.update(isian)
    return q


# =========================================================================== the form alone


def test_form_membaca_angka_indonesia_dan_hanya_baris_yang_dikirim() -> None:
    form = f.GridTriwulanForm(
        _data({"n-1": "1.234,5", "a-1": "7", "v-1": "3", "p-1": "saya", "n-2": "", "k-2": "1", "n-9": "5"}),
        kunci=[1, 2, 3],
        dengan_kosong=True,
    )
    assert form.is_valid(), form.errors
    sel = {s.kunci: s for s in form.sel()}
    assert set(sel) == {1, 2}  # row 3 sent nothing; row 9 is not a row of this grid
    assert sel[1].nilai == Decimal("1234.5") and sel[1].awal == "7" and sel[1].versi == 3
    assert sel[1].putusan == "saya" and not sel[1].kosong
    assert sel[2].nilai is None and sel[2].kosong and sel[2].versi == 0


def test_form_menandai_sel_yang_bukan_angka_dengan_pesan_indonesia() -> None:
    form = f.GridTriwulanForm(_data({"n-1": "sembilan", "n-2": "10", "v-2": "x"}), kunci=[1, 2])
    assert not form.is_valid()
    assert set(form.galat) == {1} and "bukan angka" in form.galat[1]
    assert form.kiriman == {1: "sembilan", 2: "10"}  # shown back as typed


def test_form_menerapkan_aturan_grid_bersama_pembacaan_dalam_satu_langkah() -> None:
    """A cell that does not parse keeps its own message; every cell that does is put to the
    grid's rule in the same pass, so one submit reports both kinds."""
    dilihat = []

    def periksa(k: int, nilai: Decimal) -> str | None:
        dilihat.append(k)
        return "tidak boleh negatif." if nilai < 0 else None

    form = f.GridTriwulanForm(
        _data({"n-1": "sembilan", "n-2": "-3", "n-3": "4", "n-4": ""}), kunci=[1, 2, 3, 4], periksa=periksa
    )
    assert not form.is_valid()
    assert form.galat == {
        1: "“sembilan” bukan angka. Contoh penulisan yang benar: 1.234,5",
        2: "tidak boleh negatif.",
    }
    assert sorted(dilihat) == [2, 3]  # neither the unreadable nor the blank cell is judged


def test_form_menerima_galat_simpan_di_samping_selnya() -> None:
    form = f.GridTriwulanForm(_data({"n-4": "-5"}), kunci=[4])
    assert form.is_valid()
    form.tambah_galat({4: "Realisasi anggaran tidak boleh negatif."})
    assert form.galat == {4: "Realisasi anggaran tidak boleh negatif."}


# =========================================================================== realisasi kinerja


def _isian_kinerja(data, kedua: Indikator, n1: str, n2: str) -> dict[str, str]:
    i = data.rencana["indikator"].pk
    r = Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1)
    return {
        f"n-{i}": n1,
        f"a-{i}": "20",
        f"v-{i}": str(r.versi),
        f"n-{kedua.pk}": n2,
        f"a-{kedua.pk}": "",
        f"v-{kedua.pk}": "0",
    }


def test_grid_kinerja_satu_sel_salah_tidak_ada_yang_tersimpan(data, masuk) -> None:
    kedua = indikator_pk_kedua(data)
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])
    sebelum = CatatanAudit.objects.count()
    respon = masuk("operator").post(url, _isian_kinerja(data, kedua, "30", "dua belas"))
    html = respon.content.decode()
    assert "Tidak ada yang disimpan" in html and "bukan angka" in html
    assert 'value="dua belas"' in html and 'value="30"' in html  # both cells come back as typed
    assert Realisasi.objects.get(indikator=data.rencana["indikator"], tahun=2022, triwulan=1).nilai == 20
    assert not Realisasi.objects.filter(indikator=kedua).exists()
    assert CatatanAudit.objects.count() == sebelum


def test_grid_kinerja_galat_layanan_juga_tidak_menyimpan_sel_lain(data, masuk) -> None:
    # "-3" parses, but a percentage cannot be negative: the save refuses it, and the good cell too
    kedua = indikator_pk_kedua(data)
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])
    html = masuk("operator").post(url, _isian_kinerja(data, kedua, "-3", "12")).content.decode()
    assert "tidak boleh negatif" in html and "Tidak ada yang disimpan" in html
    assert not Realisasi.objects.filter(indikator=kedua).exists()


def test_grid_kinerja_sel_benar_tersimpan_dengan_catatan_audit(data, masuk) -> None:
    kedua = indikator_pk_kedua(data)
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])
    html = masuk("operator").post(url, _isian_kinerja(data, kedua, "30,5", "1.200")).content.decode()
    assert "2 nilai disimpan" in html
    lama = Realisasi.objects.get(indikator=data.rencana["indikator"], tahun=2022, triwulan=1)
    baru = Realisasi.objects.get(indikator=kedua, tahun=2022, triwulan=1)
    assert lama.nilai == Decimal("30.5") and lama.versi == 2
    assert baru.nilai == Decimal(1200) and baru.diubah_oleh == data.pengguna["operator"]
    entri = CatatanAudit.objects.filter(aksi__startswith="pelaporan.realisasi.")
    assert set(entri.values_list("objek_id", flat=True)) >= {str(lama.pk), str(baru.pk)}
    assert entri.filter(nama_pengguna=data.pengguna["operator"].username).count() >= 2


def test_pratinjau_memakai_pembacaan_yang_sama_dengan_simpan(data, masuk) -> None:
    i = data.rencana["indikator"].pk
    url = reverse("realisasi_pratinjau", args=[data.opd_a.pk, 2022, 1, i])
    html = masuk("operator").post(url, {f"n-{i}": "sembilan"}).content.decode()
    assert "bukan angka" in html
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 20


def _galat_sel(html: str, pk: int) -> str:
    """The message under row ``pk``'s box in a grid page (empty when the cell is accepted)."""
    m = re.search(rf'<div class="invalid-feedback" id="galat-{pk}"[^>]*>(.*?)</div>', html, re.S)
    assert m, f"no message slot for row {pk}"
    return m.group(1).strip()


def test_grid_kinerja_menandai_semua_sel_salah_dalam_satu_kali_simpan(data, masuk) -> None:
    """Text in one row, a negative count in another, a negative percentage in a third: one save
    marks all three (parsing and the unit rule in one pass), and a negative in a unit that
    allows one (poin) is not marked. Nothing is saved."""
    i = data.rencana["indikator"].pk  # satuan "%"
    kedua = indikator_pk_kedua(data)  # satuan "orang"
    ketiga = indikator_pk_kedua(data, nama="Jumlah panti dibina")
    poin = indikator_pk_kedua(data, nama="Perubahan indeks layanan")
    with audit.oleh(None):
        poin.satuan = "poin"
        poin.save()
    isian = _isian_kinerja(data, kedua, "-3", "dua belas")
    for x, nilai in ((ketiga, "-1"), (poin, "-2")):
        isian.update({f"n-{x.pk}": nilai, f"a-{x.pk}": "", f"v-{x.pk}": "0"})
    url = reverse("realisasi_grid", args=[data.opd_a.pk, 2022, 1])
    sebelum = CatatanAudit.objects.count()
    respon = masuk("operator").post(url, isian)
    html = respon.content.decode()
    assert "Tidak ada yang disimpan" in html
    assert set(respon.context["galat"]) == {i, kedua.pk, ketiga.pk}
    assert "bukan angka" in _galat_sel(html, kedua.pk)
    for pk, satuan in ((i, "%"), (ketiga.pk, "orang")):
        pesan = _galat_sel(html, pk)
        assert f"satuan “{satuan}” tidak boleh negatif" in pesan and "Isi 0 atau angka positif" in pesan
    assert _galat_sel(html, poin.pk) == ""
    assert len(re.findall(r'class="[^"]*isian-realisasi is-invalid"', html)) == 3
    assert len(re.findall(r'aria-invalid="true"', html)) == 3
    # every cell comes back as typed; nothing was written
    for nilai in ("-3", "dua belas", "-1", "-2"):
        assert f'value="{nilai}"' in html
    assert Realisasi.objects.get(indikator_id=i, tahun=2022, triwulan=1).nilai == 20
    assert not Realisasi.objects.filter(indikator__in=[kedua, ketiga, poin]).exists()
    assert CatatanAudit.objects.count() == sebelum


def _pratinjau(data, masuk, indikator: Indikator, nilai: str) -> str:
    url = reverse("realisasi_pratinjau", args=[data.opd_a.pk, 2022, 1, indikator.pk])
    return masuk("operator").post(url, {f"n-{indikator.pk}": nilai}).content.decode()


def _oob(html: str, pola: str) -> str:
    m = re.search(rf"<td[^>]*{pola}[^>]*>(.*?)</td>", html, re.S)
    assert m, f"no out-of-band cell {pola} in:\n{html}"
    return m.group(1).strip()


def test_pratinjau_negatif_terlarang_adalah_galat_di_samping_isian_bukan_capaian(data, masuk) -> None:
    kedua = indikator_pk_kedua(data)  # satuan "orang", target 100
    html = _pratinjau(data, masuk, kedua, "-5")
    pesan = _oob(html, f'hx-swap-oob="innerHTML:#galat-{kedua.pk}"')
    assert "satuan “orang” tidak boleh negatif" in pesan and "Isi 0 atau angka positif" in pesan
    capaian = _oob(html, f'id="hasil-{kedua.pk}"')
    assert "%" not in capaian and "data-warna" not in capaian and "isian belum benar" in capaian
    assert _oob(html, f'id="sd-{kedua.pk}"[^>]*hx-swap-oob="true"') == '<span class="text-muted">–</span>'
    assert not Realisasi.objects.filter(indikator=kedua).exists()


def test_pratinjau_nilai_yang_diperbaiki_mengosongkan_galat_dan_memperbarui_semua_kolom(data, masuk) -> None:
    kedua = indikator_pk_kedua(data)  # satuan "orang", target 100, nothing reported yet
    html = _pratinjau(data, masuk, kedua, "45")
    # the message under the box is replaced by nothing, and every computed column comes along
    assert _oob(html, f'hx-swap-oob="innerHTML:#galat-{kedua.pk}"') == ""
    assert _oob(html, f'id="sd-{kedua.pk}"[^>]*hx-swap-oob="true"') == "45"
    capaian = _oob(html, f'id="hasil-{kedua.pk}"')
    assert "45,00 %" in capaian and "data-warna" in capaian and "belum disimpan" in capaian
    assert not Realisasi.objects.filter(indikator=kedua).exists()


# =========================================================================== realisasi anggaran


def _anggaran_kedua(data) -> Anggaran:
    """A second budget line of OPD A in 2022 (another sub-kegiatan, so nothing counts twice)."""
    from renstra.models import SubKegiatan

    r = data.rencana
    with audit.oleh(None):
        sub = SubKegiatan.objects.create(
            renstra=r["renstra"],
            kegiatan=r["kegiatan"],
            kode="1.06.04.2.01.0002",
            nama="Penyediaan Alat Bantu",
        )
        return Anggaran.objects.create(
            opd=data.opd_a, tahun=2022, sub_kegiatan=sub, pagu_murni=Decimal(5_000_000)
        )


def _isian_anggaran(a: int, b: int, na: str, nb: str) -> dict[str, str]:
    return {f"n-{a}": na, f"a-{a}": "", f"v-{a}": "0", f"n-{b}": nb, f"a-{b}": "", f"v-{b}": "0"}


def test_grid_anggaran_satu_sel_salah_tidak_ada_yang_tersimpan(data, masuk) -> None:
    a, b = data.rencana["anggaran"].pk, _anggaran_kedua(data).pk
    url = reverse("anggaran_realisasi", args=[data.opd_a.pk, 2022, 2])
    sebelum = CatatanAudit.objects.count()
    html = masuk("operator").post(url, _isian_anggaran(a, b, "1.000.000", "satu juta")).content.decode()
    assert "Tidak ada yang disimpan" in html and "bukan angka" in html
    assert 'value="satu juta"' in html and 'value="1.000.000"' in html
    html = masuk("operator").post(url, _isian_anggaran(a, b, "1.000.000", "-5")).content.decode()
    assert "tidak boleh negatif" in html
    assert not RealisasiAnggaran.objects.exists()
    assert CatatanAudit.objects.count() == sebelum


def test_grid_anggaran_sel_benar_tersimpan_dengan_catatan_audit(data, masuk) -> None:
    a, b = data.rencana["anggaran"].pk, _anggaran_kedua(data).pk
    url = reverse("anggaran_realisasi", args=[data.opd_a.pk, 2022, 2])
    # a row of another grid (or a forged key) is not read, so it cannot block or be written
    respon = masuk("operator").post(url, {**_isian_anggaran(a, b, "1.000.000,50", "250"), "n-999999": "x"})
    assert respon.status_code == 302
    ra = RealisasiAnggaran.objects.get(anggaran_id=a, triwulan=2)
    rb = RealisasiAnggaran.objects.get(anggaran_id=b, triwulan=2)
    assert ra.jumlah == Decimal("1000000.50") and rb.jumlah == Decimal(250)
    assert ra.diubah_oleh == data.pengguna["operator"]
    entri = CatatanAudit.objects.filter(aksi="pelaporan.realisasianggaran.buat")
    assert set(entri.values_list("objek_id", flat=True)) == {str(ra.pk), str(rb.pk)}
    assert set(entri.values_list("keterangan", flat=True)) == {"Realisasi anggaran TW 2 2022"}


# =========================================================================== rencana aksi


def test_rencana_aksi_sel_salah_tidak_menyimpan_apa_pun(data, masuk) -> None:
    from pelaporan.models import TargetTriwulan

    i = data.rencana["indikator"].pk
    url = reverse("rencana_aksi", args=[data.opd_a.pk, 2022])
    isian = {f"t-{i}-1": "40", f"t-{i}-2": "enam puluh", f"t-{i}-3": "75", f"t-{i}-4": "90"}
    html = masuk("operator").post(url, isian).content.decode()
    assert "Tidak ada yang disimpan" in html and "bukan angka" in html and 'value="enam puluh"' in html
    assert not TargetTriwulan.objects.filter(indikator_id=i).exists()
    respon = masuk("operator").post(url, {**isian, f"t-{i}-2": "60,5"})
    assert respon.status_code == 302
    assert list(
        TargetTriwulan.objects.filter(indikator_id=i).order_by("triwulan").values_list("nilai", flat=True)
    ) == [
        Decimal(40),
        Decimal("60.5"),
        Decimal(75),
        Decimal(90),
    ]
