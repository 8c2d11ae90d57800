"""Template filters of the LKjIP."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from lkjip.laporan.sanitasi import bersihkan
from lkjip.laporan.tandatangan import nama_pemegang

register = template.Library()


@register.filter
def html_bersih(html: str | None) -> SafeString:
    """Report HTML printed as HTML only after the sanitiser: whatever built it (an operator's
    text, a draft, a sentence quoting a PK's reason), no script or link reaches a page or PDF."""
    return mark_safe(bersihkan(html or ""))  # noqa: S308 - nh3 output


@register.filter
def nama_sertifikat(dn: str | None) -> str:
    """A certificate's subject or issuer as people read it: the holder's name, not the raw DN."""
    return nama_pemegang(dn) if dn else ""
