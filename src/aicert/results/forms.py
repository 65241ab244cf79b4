from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.results.models import ScaleBasis

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReleaseForm(forms.Form):
    """When to release a session's results (Taiwan time), and a forced release's reason."""

    release_at = forms.DateTimeField(
        label=_("Release at (Taiwan time)"),
        widget=_DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    force = forms.BooleanField(label=_("Release even though marking is pending"), required=False)
    reason = forms.CharField(
        label=_("Reason (required when forcing)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScaleTransformForm(forms.Form):
    """A subject's raw range -> scaled range (linear), published as a new version."""

    basis = forms.ChoiceField(label=_("Raw score basis"), choices=ScaleBasis.choices)
    raw_low = forms.DecimalField(label=_("Raw range: from"), max_digits=8, decimal_places=2)
    raw_high = forms.DecimalField(label=_("Raw range: to"), max_digits=8, decimal_places=2)
    scaled_low = forms.DecimalField(label=_("Scaled range: from"), max_digits=7, decimal_places=2)
    scaled_high = forms.DecimalField(label=_("Scaled range: to"), max_digits=7, decimal_places=2)
    decimals = forms.IntegerField(label=_("Decimal places"), min_value=0, max_value=2, initial=0)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
