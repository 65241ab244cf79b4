"""Django forms of the delivery pages (input parsing only; rules live in the services)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aicert.catalog.models import BlueprintEntry, Subject
from aicert.delivery.models import IncidentKind
from aicert.delivery.selectors import registration_display_name
from aicert.registration.models import Registration


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


# --- the invigilator console ---------------------------------------------------------------------


class ExtendForm(forms.Form):
    minutes = forms.IntegerField(label=_("Extra minutes"), min_value=1, max_value=240)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class IncidentForm(forms.Form):
    """An incident in the room; the time is today's (the session's day) in Taiwan time."""

    kind = forms.ChoiceField(label=_("Kind"))
    occurred_at = forms.TimeField(
        label=_("Time"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    registration = forms.ModelChoiceField(
        label=_("Candidate (optional)"), queryset=None, required=False
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["kind"].choices = IncidentKind.choices
        field = self.fields["registration"]
        field.queryset = (
            Registration.objects.filter(
                session=session, status__in=["checked_in", "sat", "absent", "confirmed"]
            )
            .select_related("candidate__candidate_profile")
            .order_by("seat_label", "pk")
        )
        field.label_from_instance = _registration_label

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        occurred_at = None
        if data.get("occurred_at"):
            day = timezone.localtime(self.session.starts_at).date()
            occurred_at = timezone.make_aware(dt.datetime.combine(day, data["occurred_at"]))
        return {
            "kind": data["kind"],
            "description": data["description"],
            "occurred_at": occurred_at,
            "registration": data.get("registration"),
        }


def _registration_label(registration) -> str:
    return f"{registration.seat_label or '—'} {registration_display_name(registration)}"
