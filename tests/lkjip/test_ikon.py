"""The favicon (issue 13 item 6): linked from every page, and /favicon.ico answered, so a browser
gets an icon instead of a 404 in the server log on every first visit."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from PIL import Image


def test_favicon_ico_dijawab_tanpa_login(db) -> None:
    respon = Client().get("/favicon.ico")
    assert respon.status_code == 200 and respon["Content-Type"] == "image/x-icon"
    assert "max-age=604800" in respon["Cache-Control"] and "public" in respon["Cache-Control"]
    ikon = Image.open(io.BytesIO(respon.content))
    assert ikon.format == "ICO" and {(16, 16), (32, 32)} <= ikon.info["sizes"]
    assert reverse("favicon") == "/favicon.ico"
    assert Client().post("/favicon.ico").status_code == 405


def test_setiap_halaman_menautkan_ikon_yang_ada(masuk) -> None:
    for html in (
        Client().get(reverse("login")).content.decode(),
        masuk("operator").get(reverse("beranda")).content.decode(),
    ):
        tautan = dict(re.findall(r'<link rel="icon" href="/static/([^"]+)" type="([^"]+)"', html))
        assert set(tautan.values()) == {"image/svg+xml", "image/png"}
        assert 'rel="apple-touch-icon"' in html
        for jalur in tautan:
            assert finders.find(jalur), jalur
    svg = ET.parse(finders.find("ikon/favicon.svg")).getroot()  # noqa: S314 - our own file
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 32 32"
    assert not svg.findall(".//{http://www.w3.org/2000/svg}script")
    assert Image.open(finders.find("ikon/favicon-32.png")).size == (32, 32)
    assert Image.open(finders.find("ikon/apple-touch-icon.png")).size == (180, 180)
