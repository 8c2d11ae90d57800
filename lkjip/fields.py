"""Form fields for numbers typed the Indonesian way (1.234.567,89), parsed by lkjip.angka."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from lkjip.angka import AngkaTidakSah, format_angka, format_ringkas, urai_angka


class AngkaInput(forms.TextInput):
    """A text box (not type=number, which cannot show 1.234,5) with the numeric keyboard on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None, tempat: int | None = None) -> None:
        self.tempat = tempat
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            if self.tempat is None:
                return format_ringkas(value)  # as stored: 70,32 and not 70,3200
            return format_angka(Decimal(value), tempat=self.tempat)
        return super().format_value(value)


class AngkaField(forms.DecimalField):
    """Accepts 1.234.567,89 / 1234567,89 / 12,5; refuses text with a message next to the field."""

    widget = AngkaInput

    def __init__(self, *args: Any, tempat: int | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", AngkaInput(tempat=tempat))
        super().__init__(*args, **kwargs)
        self.localize = False

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        try:
            hasil = urai_angka(value)
        except AngkaTidakSah as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if hasil is None:
            return None
        return hasil

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # DecimalField would add step/min/max for <input type=number>; ours is text.
        return {}
