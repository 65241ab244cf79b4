"""Forms of self-assessment: a training course as a center manager or the foundation edits it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.catalog.models import CompetencyDomain, Level, TrainingCourse
from aicert.centers.models import County, Region


class TrainingCourseForm(forms.ModelForm):
    """Course fields; ``regions`` limits where the person may place it (None = anywhere,
    including nationwide/online)."""

    domains = forms.ModelMultipleChoiceField(
        label=_("domains"),
        queryset=CompetencyDomain.objects.select_related("certification").order_by(
            "certification__code", "code"
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    levels = forms.ModelMultipleChoiceField(
        label=_("levels"),
        queryset=Level.objects.select_related("certification").order_by(
            "certification__code", "rank"
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = TrainingCourse
        fields = [
            "code", "title_zh", "title_en", "provider", "mode", "hours", "price",
            "region", "county", "starts_on", "ends_on", "url", "domains", "levels", "is_active",
        ]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "url": forms.URLInput(),
        }

    def __init__(self, *args, regions: set[int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["url"] = forms.URLField(
            label=self.fields["url"].label, required=False, assume_scheme="https"
        )
        region = self.fields["region"]
        county = self.fields["county"]
        if regions is None:
            region.empty_label = _("Nationwide or online")
            county.queryset = County.objects.select_related("region").order_by("position")
        else:
            region.queryset = Region.objects.filter(pk__in=regions)
            region.required = True
            region.empty_label = None
            county.queryset = County.objects.filter(region_id__in=regions).order_by("position")
