"""The dashboard's filters: every value is checked against what the reader may see."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.reports.labels import DIMENSIONS, Labels, dimension_title
from aicert.reports.selectors import FOUNDATION_ONLY_DIMENSIONS, ReportFilters


class ReportFilterForm(forms.Form):
    region = forms.ChoiceField(label=pgettext_lazy("reports dimension", "Region"), required=False)
    county = forms.ChoiceField(label=pgettext_lazy("reports dimension", "County"), required=False)
    level = forms.ChoiceField(label=pgettext_lazy("reports dimension", "Level"), required=False)
    period = forms.RegexField(
        label=pgettext_lazy("reports filter", "Year or month"),
        regex=r"^\d{4}(-(0[1-9]|1[0-2]))?$",
        required=False,
        max_length=7,
        error_messages={"invalid": _("Give a year (2026) or a month (2026-03).")},
        widget=forms.TextInput(attrs={"placeholder": "2026 / 2026-03", "size": 9}),
    )
    by = forms.ChoiceField(label=pgettext_lazy("reports filter", "Break down by"), required=False)

    def __init__(self, data, *, labels: Labels, regions: tuple[str, ...] | None, foundation: bool):
        super().__init__(data)
        self.regions = regions
        everyone = pgettext_lazy("reports filter", "All")
        allowed = [c for c in labels.regions if regions is None or c in regions]
        self.fields["region"].choices = [("", everyone)] + [(c, labels.regions[c]) for c in allowed]
        self.fields["county"].choices = [("", everyone)] + [
            (c, name)
            for c, name in labels.counties.items()
            if regions is None or labels.county_region.get(c) in regions
        ]
        self.fields["level"].choices = [("", everyone)] + list(labels.levels.items())
        self.fields["by"].choices = [
            (d, dimension_title(d))
            for d in DIMENSIONS
            if foundation or d not in FOUNDATION_ONLY_DIMENSIONS
        ]

    def filters(self) -> ReportFilters:
        """The filters of a valid form (call ``is_valid`` first)."""
        d = self.cleaned_data
        return ReportFilters(
            regions=self.regions,
            region=d.get("region") or "",
            county=d.get("county") or "",
            level=d.get("level") or "",
            period=d.get("period") or "",
            by=d.get("by") or "county",
        )
