"""Numbers typed the Indonesian way (1.234.567,89) and the decimal column they are stored in.

``AngkaField`` parses with lkjip.angka and checks the result against the column's size
(``periksa_simpan``); ``KolomDesimal`` is the model field of every figure, and reads a value
that does not fit its column (SQLite stores anything) as an ``AngkaRusak`` instead of failing.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import DecimalValidator
from django.db import models

from lkjip.angka import (
    UKURAN_ANGKA,
    AngkaRusak,
    AngkaTidakSah,
    Ukuran,
    format_angka,
    format_isian,
    format_ringkas,
    muat,
    periksa_simpan,
    urai_angka,
)


class AngkaInput(forms.TextInput):
    """A text box (not type=number, which cannot show 1.234,5) with the numeric keyboard on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None, tempat: int | None = None) -> None:
        self.tempat = tempat
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, AngkaRusak):
            return format_isian(value)
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            if self.tempat is None:
                return format_ringkas(value)  # as stored: 70,32 and not 70,3200
            return format_angka(Decimal(value), tempat=self.tempat)
        return super().format_value(value)


class AngkaField(forms.DecimalField):
    """Accepts 1.234.567,89 / 1234567,89 / 12,5; refuses text, and numbers its column cannot
    store, with a message next to the field.

    ``max_digits``/``decimal_places`` are the column's (``renstra.models.ANGKA`` or
    ``RUPIAH``); without them the size of a figure (``UKURAN_ANGKA``) applies, since every
    number typed in this product is stored in a column of one of those two sizes.
    """

    widget = AngkaInput

    def __init__(
        self, *args: Any, tempat: int | None = None, ukuran: Ukuran | None = None, **kwargs: Any
    ) -> None:
        if ukuran is not None:
            kwargs.setdefault("max_digits", ukuran.digit)
            kwargs.setdefault("decimal_places", ukuran.desimal)
        kwargs.setdefault("widget", AngkaInput(tempat=tempat))
        super().__init__(*args, **kwargs)
        self.localize = False
        if self.max_digits is None or self.decimal_places is None:
            self.ukuran = UKURAN_ANGKA
        else:
            self.ukuran = Ukuran(self.max_digits, self.decimal_places)
        # periksa_simpan already said it, in Indonesian and with the digits counted
        self.validators = [v for v in self.validators if not isinstance(v, DecimalValidator)]

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        try:
            hasil = urai_angka(value)
            if hasil is not None:
                hasil = periksa_simpan(hasil, self.ukuran)
        except AngkaTidakSah as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        return hasil

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # DecimalField would add step/min/max for <input type=number>; ours is text.
        return {}


# Wide enough for any float SQLite can hand back (1.8e308) at 4 decimals: the read never fails.
_KONTEKS_BACA = decimal.Context(prec=330)


class KolomDesimal(models.DecimalField):
    """``models.DecimalField`` whose read survives a value that does not fit the column.

    PostgreSQL refuses such a value on write; SQLite stores it, and then Django's SQLite
    converter fails (``InvalidOperation``) on every query that touches the row: one
    mistyped target took a whole year's pages down. Here the converter quantizes in a
    context wide enough for any float, and :meth:`from_db_value` hands a value bigger than
    the column back as an :class:`~lkjip.angka.AngkaRusak`, shown as "nilai tidak sah".
    Same column, same migrations: it deconstructs as a plain ``DecimalField``.
    """

    @property
    def context(self) -> decimal.Context:  # type: ignore[override]
        # read by the SQLite converter only (Django's to_python is overridden below)
        return _KONTEKS_BACA

    @property
    def ukuran(self) -> Ukuran:
        return Ukuran(self.max_digits, self.decimal_places)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, float):  # Django's own rounding of a float to the column's digits
            value = decimal.Context(prec=self.max_digits).create_decimal_from_float(value)
        return super().to_python(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or muat(value, self.ukuran):
            return value
        return AngkaRusak(value)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


# The widest primary key any backend stores (a signed 64-bit integer).
_PK_TERBESAR = 2**63 - 1


class PilihanBanyakField(forms.ModelMultipleChoiceField):
    """``ModelMultipleChoiceField`` that refuses a forged id before querying with it.

    Django filters ``pk__in`` with every id sent; on SQLite an id past 64 bits raises
    ``OverflowError`` (a 500) instead of matching nothing. Any such value is not one of the
    choices offered, so it is refused like any unknown choice.
    """

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, (list, tuple)) else []:
            teks = str(pk).strip()
            if not (teks.isascii() and teks.isdigit()) or int(teks) > _PK_TERBESAR:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


# Dates are typed day first, as Indonesians write them. ``type="date"`` shows the browser's own
# order instead (mm/dd/yyyy on an English-language Windows), which turns 04-05 into April.
FORMAT_TANGGAL = "%d-%m-%Y"
# What the server reads: 25-02-2022, 25/02/2022, 25.02.2022, 25022022 (a phone's number pad has
# no dash), and the ISO form older links and the API used.
FORMAT_MASUK_TANGGAL = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d%m%Y", "%Y-%m-%d"]
# The browser's hint (not a check: the server decides). Escaped for the pattern attribute's "v"
# regex flag, where a bare "-" or "/" inside a class is a syntax error that disables the pattern.
POLA_TANGGAL = r"\s*[0-9]{1,2}(?:-|\/|\.)[0-9]{1,2}(?:-|\/|\.)[0-9]{4}\s*|\s*[0-9]{8}\s*"
PESAN_TANGGAL = "Bukan tanggal yang sah: tulis hari-bulan-tahun (hh-bb-tttt), mis. 25-02-2022."


class TanggalInput(forms.TextInput):
    """A text box for dd-mm-yyyy with the number pad on phones; static/js/tanggal.js types the
    dashes for the user (data-tanggal)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "placeholder": "hh-bb-tttt",
                "inputmode": "numeric",
                "pattern": POLA_TANGGAL,
                "autocomplete": "off",
                "data-tanggal": "",
                **(attrs or {}),
            }
        )

    def format_value(self, value: Any) -> str | None:
        if hasattr(value, "strftime"):
            return value.strftime(FORMAT_TANGGAL)
        return super().format_value(value)


class TanggalField(forms.DateField):
    """A date typed hh-bb-tttt (also with / or . or without separators); a clear Indonesian
    message next to the field when it is not a date."""

    widget = TanggalInput
    input_formats = FORMAT_MASUK_TANGGAL
    default_error_messages = {"invalid": PESAN_TANGGAL}
