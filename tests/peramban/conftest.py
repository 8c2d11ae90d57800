"""What every browser test shares (issue 13): Debian's Chromium driven by Playwright against a
live server holding the demo, a logged-in page per role and size, and axe-core on every page.

- ``demo``: ``manage.py muat_demo`` (fixtures and the kepala's signing certificate) plus the guide's screenshot state (2021 TW IV reopened for the
  operator, TW III submitted), every password ``sakip-demo``.
- ``peramban``: a ``Peramban``; ``peramban.halaman("operator.dinsos", ponsel=True)`` gives a
  logged-in page (390×844 for a phone), ``peramban.periksa(page, "nama")`` runs axe-core (vendored
  in ``tests/peramban/vendor``) for WCAG 2.1 A/AA and records every "serious" or "critical"
  violation. At the end of the test, a page script error, a CSP violation or an axe finding fails
  it, each listed with its page.
- ``AXE_LAPORAN=/path`` appends one line per checked page (name, URL, size, findings): the list of
  pages the closing note of issue 13 gives.

Skipped only where /usr/bin/chromium is missing (``make test`` installs it), and never in CI
(``PERAMBAN_WAJIB=1``, set by ``.ci/run``, turns the skip into a failure).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

AKAR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).with_name("vendor") / "axe-core-4.14.1" / "axe.min.js"
SANDI = "sakip-demo"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LAYAR = {"viewport": {"width": 1366, "height": 900}}
PONSEL = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

# Every violation the document sees, whatever its source (an init script is not bound by CSP).
PENCATAT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""

# axe-core's run, WCAG 2.1 A and AA rules only; only what a page must not ship is kept.
JALANKAN_AXE = """async () => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                      resultTypes: ["violations"]});
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(1, 2).join("")),
    jumlah: v.nodes.length,
  }));
}"""


def persiapan_demo() -> None:
    """The demo state of the guide's screenshots: 2021 TW IV reopened, so the grid is editable."""
    spec = importlib.util.spec_from_file_location("tangkap_layar", AKAR / "docs" / "tangkap_layar.py")
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    exec(modul.PERSIAPAN, {})  # noqa: S102 - our own setup code, shared with the screenshots


@pytest.fixture
def demo(transactional_db) -> None:
    from lkjip.models import Pengguna

    call_command("muat_demo", stdout=io.StringIO())  # the fixtures and the kepala's demo certificate
    persiapan_demo()
    for p in Pengguna.objects.all():  # the test hasher: 1M PBKDF2 rounds per login cost seconds
        p.set_password(SANDI)
        p.save()


@dataclass
class Peramban:
    browser: Any
    basis: str
    galat_js: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    diperiksa: list[str] = field(default_factory=list)
    _konteks: list[Any] = field(default_factory=list)

    def halaman(self, login: str | None = None, *, ponsel: bool = False) -> Any:
        """A new page in its own context (own cookies), logged in as ``login`` when given."""
        ctx = self.browser.new_context(
            locale="id-ID",
            timezone_id="Asia/Makassar",
            accept_downloads=True,
            # no transitions (Bootstrap and ours honour it): axe measures colours as they settle,
            # not halfway through a fade
            reduced_motion="reduce",
            **(PONSEL if ponsel else LAYAR),
        )
        ctx.set_default_timeout(20_000)
        ctx.add_init_script(PENCATAT)
        self._konteks.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda e: self.galat_js.append(f"{page.url}: {e}"))
        page.ponsel = ponsel
        if login:
            page.goto(f"{self.basis}/masuk/")
            page.fill("#id_username", login)
            page.fill("#id_password", SANDI)
            page.click("main button[type=submit]")
            page.wait_for_load_state("networkidle")
            assert "/masuk/" not in page.url, f"{login} gagal masuk"
        return page

    def buka(self, page: Any, jalur: str, nama: str | None = None) -> Any:
        """Go to ``jalur`` (200 expected) and check it with axe under ``nama`` (default: the path)."""
        jawab = page.goto(self.basis + jalur)
        assert jawab is not None and jawab.status == 200, f"{jalur}: {jawab and jawab.status}"
        self.periksa(page, nama or jalur)
        return page

    def periksa(self, page: Any, nama: str) -> None:
        """axe-core on the page as it stands now; serious/critical findings are kept for the end."""
        page.wait_for_load_state("networkidle")
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))  # DevTools evaluation: not bound by the CSP
        temuan = page.evaluate(JALANKAN_AXE)
        ukuran = "390" if getattr(page, "ponsel", False) else "1366"
        label = f"{nama} @{ukuran}px"
        self.diperiksa.append(label)
        for t in temuan:
            self.axe.append(
                f"{label}: [{t['impact']}] {t['id']} ({t['jumlah']}×) {t['help']}\n    "
                + "\n    ".join(t["nodes"])
            )
        self.csp.extend(f"{label}: {v}" for v in page.evaluate("window.__csp || []"))
        if berkas := os.environ.get("AXE_LAPORAN"):
            with open(berkas, "a", encoding="utf-8") as f:
                f.write(
                    json.dumps({"halaman": nama, "url": page.url, "lebar": ukuran, "temuan": len(temuan)})
                    + "\n"
                )

    def tutup(self) -> None:
        for ctx in self._konteks:
            ctx.close()


@pytest.fixture
def peramban(demo, live_server, monkeypatch):  # noqa: ANN201 - yields a Peramban
    if not CHROMIUM.exists():
        pesan = "Chromium Debian belum terpasang (bash .ci/paket-debian chromium)"
        if os.environ.get("PERAMBAN_WAJIB"):  # CI: a browser test never passes by being skipped
            pytest.fail(pesan)
        pytest.skip(pesan)
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pb = Peramban(browser=browser, basis=live_server.url)
        try:
            yield pb
        finally:
            pb.tutup()
            browser.close()
    assert pb.galat_js == [], "\n".join(pb.galat_js)
    assert pb.csp == [], "\n".join(pb.csp)
    assert pb.axe == [], f"{len(pb.axe)} temuan axe serius/kritis:\n" + "\n".join(pb.axe)
