"""What a page must satisfy under the Content-Security-Policy (issue 12, item 4).

The header: present, and neither scripts nor styles may run inline or through eval. The HTML: no
inline script or style a browser would block (or that would tempt someone to loosen the policy).
"""

from __future__ import annotations

from html.parser import HTMLParser

# Attributes whose value a browser follows as a URL (a "javascript:" one runs as inline script).
_ATRIBUT_URL = {"href", "src", "action", "formaction", "data", "xlink:href"}


def arahan(kebijakan: str) -> dict[str, list[str]]:
    """The policy string as {directive: [sources]}."""
    hasil: dict[str, list[str]] = {}
    for bagian in kebijakan.split(";"):
        kata = bagian.split()
        if kata:
            hasil[kata[0].lower()] = kata[1:]
    return hasil


def masalah_header(kebijakan: str | None) -> list[str]:
    if not kebijakan:
        return ["tanpa header Content-Security-Policy"]
    a = arahan(kebijakan)
    masalah = []
    for jenis in ("script-src", "style-src"):
        sumber = a.get(jenis, a.get("default-src"))
        if sumber is None:
            masalah.append(f"{jenis} tidak dibatasi")
            continue
        for buruk in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"):
            if buruk in sumber:
                masalah.append(f"{jenis} memuat {buruk}")
    for wajib in ("object-src", "base-uri", "frame-ancestors"):
        if wajib not in a:
            masalah.append(f"tanpa {wajib}")
    return masalah


class _Pemeriksa(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.masalah: list[str] = []
        self._dalam_skrip = False
        self._skrip_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        atribut = {k.lower(): (v or "") for k, v in attrs}
        for nama, nilai in atribut.items():
            if nama.startswith("on"):
                self.masalah.append(f"<{tag} {nama}=…> (penangan kejadian sebaris)")
            if nama.startswith(("hx-on", "data-hx-on")):
                self.masalah.append(f"<{tag} {nama}=…> (hx-on butuh eval)")
            if nama in ("hx-vals", "hx-vars", "hx-headers") and nilai.strip().startswith(
                ("js:", "javascript:")
            ):
                self.masalah.append(f"<{tag} {nama}=js:…> (butuh eval)")
            if nama in ("hx-trigger",) and "[" in nilai:
                self.masalah.append(f"<{tag} hx-trigger={nilai!r}> (filter kejadian butuh eval)")
            if nama in _ATRIBUT_URL and nilai.strip().lower().startswith("javascript:"):
                self.masalah.append(f"<{tag} {nama}=javascript:…>")
            if nama == "style":
                self.masalah.append(f"<{tag} style={nilai!r}> (gaya sebaris)")
        if tag == "style":
            self.masalah.append("<style> (gaya sebaris)")
        if tag == "script":
            jenis = atribut.get("type", "").lower()
            self._skrip_json = jenis == "application/json"
            self._dalam_skrip = "src" not in atribut
            if "src" in atribut and atribut["src"].startswith(("http:", "https:", "//")):
                self.masalah.append(f"<script src={atribut['src']!r}> (dari luar)")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._dalam_skrip = False

    def handle_data(self, data: str) -> None:
        if self._dalam_skrip and not self._skrip_json and data.strip():
            self.masalah.append(f"<script> sebaris: {data.strip()[:60]!r}")


def masalah_html(html: str) -> list[str]:
    """Inline script code, event-handler attributes, javascript: URLs, eval-needing htmx, inline styles."""
    p = _Pemeriksa()
    p.feed(html)
    p.close()
    return p.masalah
