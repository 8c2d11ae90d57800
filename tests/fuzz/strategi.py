"""Hostile values for the fuzz tests: huge, tiny, NaN, Infinity, unicode, HTML, near-misses of
the Indonesian number format, and the ordinary values a form expects (so that the save paths
are reached too, not only the refusals)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Fixed and derandomized so CI sees the same inputs every run; no example database on disk.
PENGATURAN = settings(
    deadline=None,
    database=None,
    derandomize=True,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

JAHAT = [
    "99999999999999999999",
    "9999999999999999,9999",
    "10000000000000000",
    "-99999999999999999999",
    "1e400",
    "1E+20",
    "0,00001",
    "0.000000000000000000000000001",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "1.234.567,89",
    "1,234,567.89",
    "1.23",
    "12,5",
    "-0",
    "+5",
    "١٢٣",  # Arabic-Indic digits
    "１２３",  # full-width digits
    "1 000",
    "1_000",
    "1\u00a0000",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    '=HYPERLINK("http://x")',
    "\x00",
    "\u202e1",
    "",
    " ",
    "-",
    "N/A",
    "Rp 1.000",
    "50 %",
    "9" * 400,
    "a" * 5000,
    "2022-13-45",
    "0",
    "1",
    "2022",
]

angka_teks = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2).map(lambda d: str(d).replace(".", ",")),
)

nilai_jahat = st.one_of(st.sampled_from(JAHAT), angka_teks, st.text(max_size=60))

nama_liar = st.one_of(
    st.sampled_from(["csrfmiddlewaretoken", "n-0", "n-999999", "t-1-9", "id", "pk", "__proto__", "a" * 300]),
    st.text(min_size=1, max_size=20),
)
