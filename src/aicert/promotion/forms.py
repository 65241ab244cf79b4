"""Forms of promotion: an RSVP, an announcement, an event, a subscription."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.accounts.models import Organisation
from aicert.accounts.roles import OrganisationKind
from aicert.catalog.models import Level
from aicert.centers.models import Region
from aicert.promotion.models import Announcement, Event, PartnerCampaign
from aicert.registration.models import GroupBooking


class RsvpForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [
            "region", "title_zh", "title_en", "body_zh", "body_en",
            "publish_at", "expires_at", "pinned",
        ]  # fmt: skip
        widgets = {
            "publish_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "region", "county", "kind", "title_zh", "title_en", "description_zh",
            "description_en", "starts_at", "ends_at", "place", "online_url", "capacity",
        ]  # fmt: skip
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


KIND_CHOICES = [
    ("sessions", _("New exam sessions open for registration")),
    ("announcements", pgettext_lazy("subscription", "Announcements")),
    ("events", pgettext_lazy("subscription", "Events: information sessions, workshops")),
]


class SubscriptionKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("What to hear about"),
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of news.")},
    )


class SubscribeForm(SubscriptionKindsForm):
    email = forms.EmailField(label=_("E-mail"))
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("position", "pk"),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    level = forms.ModelChoiceField(
        label=_("Level"),
        queryset=Level.objects.select_related("certification").order_by(
            "certification__code", "rank"
        ),
        required=False,
        empty_label=_("All levels"),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the foundation keeps my e-mail address, with the time of this "
            "consent, to send me this news until I unsubscribe (any mail has a one-click link)."
        ),
        error_messages={"required": _("Please agree, or we cannot send you anything.")},
    )

    field_order = ["email", "region", "level", "kinds", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].initial = [value for value, _label in KIND_CHOICES]


class PartnerCampaignForm(forms.ModelForm):
    class Meta:
        model = PartnerCampaign
        fields = [
            "organisation", "region", "name_zh", "name_en", "starts_on", "ends_on",
            "group_bookings",
        ]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "group_bookings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind__in=[OrganisationKind.SCHOOL, OrganisationKind.EMPLOYER]
        )
        self.fields["group_bookings"].queryset = GroupBooking.objects.filter(
            is_active=True
        ).select_related("organisation")
