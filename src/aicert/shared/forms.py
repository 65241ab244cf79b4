"""Form helpers shared by every app's views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy


def apply_form_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: on its field when it names one the form
    has, otherwise as an error of the whole form (nothing a service says is dropped)."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


class FilterForm(forms.Form):
    """A form of list filters: the empty option of every optional select reads "All"
    (「全部」), never Django's "---------" or a bare dash."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = pgettext_lazy("filter", "All")
        for field in self.fields.values():
            if field.required:
                continue
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = everything
            elif isinstance(field, forms.ChoiceField):
                # A filter's choices are flat (value, label) pairs, set when the field was built.
                choices = cast("Iterable[tuple[Any, Any]]", field.choices)
                field.choices = [
                    (value, everything if value == "" else label) for value, label in choices
                ]
