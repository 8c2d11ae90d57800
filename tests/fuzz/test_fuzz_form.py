"""Every form of the product, fuzzed: each page of the permission matrix is opened by a role
that may use it, each ``<form method="post">`` on it is sent back with hostile values, with
fields missing and with fields nobody asked for. Never a 500; a refused form writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import klien_untuk
from tests.fuzz.conftest import catat_masukan
from tests.fuzz.strategi import PENGATURAN, nama_liar, nilai_jahat
from tests.test_matriks_izin import MATRIKS

# Not fuzzed here, and why: logging out and in are the login item's (throttling); printing a
# PDF renders for seconds per example; file uploads are the uploads item's, except the
# Excel import which tests/fuzz/test_fuzz_excel.py drives with workbooks.
DILEWATI = {"logout", "login", "lkjip_pdf_buat"}
PERAN_COBA = ("operator", "admin", "kepala", "reviewer")


@dataclass
class Form:
    action: str
    isian: dict[str, list[str]] = field(default_factory=dict)  # name → offered values (options)
    berkas: bool = False


class _Pengurai(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.form: list[Form] = []
        self._kini: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._kini = Form(action=a.get("action", ""))
            self.form.append(self._kini)
        elif self._kini is None:
            return
        elif tag in ("input", "textarea", "select") and a.get("name"):
            if a.get("type") == "file":
                self._kini.berkas = True
            pilihan = self._kini.isian.setdefault(a["name"], [])
            if a.get("value"):
                pilihan.append(a["value"])
            self._select = a["name"] if tag == "select" else None
        elif tag == "option" and self._select:
            self._kini.isian[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._kini = None
        elif tag == "select":
            self._select = None


def _halaman() -> list[tuple[str, str]]:
    hasil = []
    for nama, baris in sorted(MATRIKS.items()):
        if nama in DILEWATI or ":" in nama:
            continue
        peran = next((p for p in PERAN_COBA if baris.harapan.get(p) in (200, 302)), None)
        if peran is not None:
            hasil.append((nama, peran))
    return hasil


_FORM: dict[tuple[str, str, int], list[Form]] = {}


def _form_halaman(klien, url: str, nama: str, kunci: tuple[str, str, int]) -> list[Form]:
    if kunci not in _FORM:
        baris = MATRIKS[nama]
        if baris.metode == "post":  # an action: post to it with whatever the fuzzer makes up
            _FORM[kunci] = [Form(action=url)]
        else:
            respon = klien.get(url)
            if respon.streaming or "text/html" not in respon.get("Content-Type", ""):
                _FORM[kunci] = []  # a download: nothing to fill in
                return []
            pengurai = _Pengurai()
            pengurai.feed(respon.content.decode(errors="replace"))
            _FORM[kunci] = [
                f
                for f in pengurai.form
                if not f.berkas and not f.action.rstrip("/").endswith(("keluar", "/login"))
            ] or [Form(action=url)]
    return _FORM[kunci]


@pytest.mark.parametrize("nama, peran", _halaman())
@settings(PENGATURAN, max_examples=6)
@given(isi=st.data())
def test_setiap_form_tahan_masukan_liar(data, nama: str, peran: str, isi) -> None:
    from lkjip.models import CatatanAudit

    baris = MATRIKS[nama]
    klien = klien_untuk(data.pengguna[peran])
    url = reverse(nama, kwargs=baris.kwargs(data))
    daftar = _form_halaman(klien, url, nama, (nama, peran, data.opd_a.pk))
    if not daftar:
        return
    form = isi.draw(st.sampled_from(daftar), label="form")
    kiriman: dict[str, str] = {}
    for nama_isian, pilihan in form.isian.items():
        if nama_isian == "csrfmiddlewaretoken":
            continue
        cara = isi.draw(st.sampled_from(["jahat", "jahat", "pilihan", "hilang"]), label=nama_isian)
        if cara == "jahat":
            kiriman[nama_isian] = isi.draw(nilai_jahat, label=nama_isian)
        elif cara == "pilihan" and pilihan:
            kiriman[nama_isian] = isi.draw(st.sampled_from(pilihan), label=nama_isian)
    for nama_lain, nilai in isi.draw(
        st.dictionaries(nama_liar, nilai_jahat, max_size=3), label="tambahan"
    ).items():
        kiriman.setdefault(nama_lain, nilai)
    tujuan = form.action or url
    with transaction.atomic():
        sebelum = CatatanAudit.objects.count()
        respon = klien.post(tujuan, kiriman)
        catat_masukan()
        assert respon.status_code < 500, f"POST {tujuan} {kiriman!r}"
        if respon.status_code == 200 and b"is-invalid" in respon.content:
            # the form came back with a field marked: nothing may have been written
            assert CatatanAudit.objects.count() == sebelum, f"POST {tujuan} {kiriman!r}"
        transaction.set_rollback(True)
