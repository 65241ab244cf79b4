"""Django forms of the delivery pages (input parsing only; rules live in the services)."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from aicert.catalog.models import BlueprintEntry, Subject


class AssembleForm(forms.Form):
    """Settings for assembling parallel forms of one subject."""

    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.none())
    n_forms = forms.IntegerField(
        label=_("Number of parallel forms"), min_value=1, max_value=10, initial=2
    )
    cut_theta = forms.FloatField(
        label=_("Cut score on the ability scale (θ)"),
        min_value=-4,
        max_value=4,
        initial=0.0,
        help_text=_("The forms are most informative here."),
    )
    max_exposure = forms.IntegerField(
        label=_("Forms an item may appear on"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("1: the forms share no item."),
    )
    max_overlap = forms.IntegerField(
        label=_("Items two forms may share"), min_value=0, required=False
    )
    info_tolerance = forms.FloatField(
        label=_("Information tolerance at the cut"),
        min_value=0,
        max_value=1,
        required=False,
        help_text=_("As a share of the mean form, e.g. 0.05 for 5%. Empty: no tolerance."),
    )
    max_prior_forms = forms.IntegerField(
        label=_("Leave out items already on this many live forms"), min_value=1, required=False
    )
    objective_only = forms.BooleanField(
        label=_("Objective items only (no written responses)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_blueprint = BlueprintEntry.objects.filter(subject=OuterRef("pk"), item_count__gt=0)
        self.fields["subject"].queryset = (
            Subject.objects.filter(Exists(with_blueprint))
            .select_related("level__certification")
            .order_by("level__certification__code", "level__rank", "position")
        )
        self.fields["subject"].label_from_instance = lambda s: f"{s.level} · {s.name}"

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "subject": data["subject"],
            "n_forms": data["n_forms"],
            "cut_theta": data["cut_theta"],
            "max_exposure": data["max_exposure"],
            "max_overlap": data["max_overlap"],
            "info_tolerance": data["info_tolerance"],
            "max_prior_forms": data["max_prior_forms"],
            "exclude_types": ("constructed_response",) if data["objective_only"] else (),
        }
