"""Forms of promotion: an RSVP, an announcement, an event."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.promotion.models import Announcement, Event


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
