"""The LKjIP texts are HTML from a browser editor: keep paragraphs, lists, emphasis and tables only.

nh3 (the Rust "ammonia" sanitiser) removes scripts, event handlers, styles and links to
anything, so an operator's paste from Word cannot put active content into a signed PDF.
"""

from __future__ import annotations

import nh3

TAG = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h4",
    "blockquote",
    "sup",
    "sub",
}
ATRIBUT = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def bersihkan(html: str) -> str:
    """The safe subset of ``html``; plain text without tags is wrapped as one paragraph."""
    teks = (html or "").strip()
    if teks and "<" not in teks:
        teks = "".join(f"<p>{baris}</p>" for baris in teks.splitlines() if baris.strip())
    return nh3.clean(teks, tags=TAG, attributes=ATRIBUT, link_rel=None, strip_comments=True)
