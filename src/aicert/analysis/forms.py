"""Django forms of the item analysis pages (input parsing only; rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.analysis import selectors
from aicert.analysis.models import Flag
from aicert.scheduling.models import Session
from aicert.shared.forms import FilterForm


class RunAnalysisForm(forms.Form):
    """Which sitting to analyse: a form, and optionally one session of its subject."""

    form = forms.ModelChoiceField(label=_("Form"), queryset=selectors.analysable_forms())
    session = forms.ModelChoiceField(
        label=_("Session (optional)"),
        queryset=Session.objects.none(),
        required=False,
        help_text=_("Leave empty to analyse every submitted attempt of the form."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = selectors.analysable_forms()
        self.fields["session"].queryset = (
            Session.objects.filter(registrations__attempts__form__in=selectors.analysable_forms())
            .distinct()
            .select_related("subject", "room__venue")
            .order_by("-starts_at")
        )
        self.fields["form"].label_from_instance = lambda f: f"{f.code} · {f.subject}"


class FlagFilterForm(FilterForm):
    flag = forms.ChoiceField(label=_("Flag"), choices=[("", ""), *Flag.choices], required=False)
