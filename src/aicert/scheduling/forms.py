from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.catalog.models import Level, Subject
from aicert.centers.models import County, Region
from aicert.scheduling.models import Session
from aicert.scheduling.selectors import CalendarFilters
from aicert.shared.forms import FilterForm

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionForm(forms.ModelForm):
    """A session's fields; rooms are limited to those the user may schedule in."""

    class Meta:
        model = Session
        fields = [
            "subject",
            "room",
            "starts_at",
            "capacity",
            "language",
            "fee",
            "registration_opens_at",
            "registration_closes_at",
            "ticket_release_on",
            "status",
        ]
        widgets = {
            "starts_at": _DATETIME,
            "registration_opens_at": _DATETIME,
            "registration_closes_at": _DATETIME,
            "ticket_release_on": _DATE,
        }
        help_texts = {
            "starts_at": _("Taiwan time. The duration comes from the subject."),
            "capacity": _("At most the room's usable seats."),
        }

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["subject"].queryset = Subject.objects.select_related(
            "level__certification"
        ).order_by("level__certification__code", "level__rank", "position")
        self.fields["subject"].label_from_instance = lambda s: f"{s.level} · {s}"
        for name in ("starts_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _post_clean(self):
        # Validation of the whole session (seats, window, room clashes) belongs to the service.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CalendarFilterForm(FilterForm):
    """Public calendar filters: region, county, level (all optional)."""

    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="code", required=False
    )
    county = forms.ModelChoiceField(
        label=_("County or city"),
        queryset=County.objects.all(),
        to_field_name="code",
        required=False,
    )
    level = forms.ModelChoiceField(
        label=_("Level"),
        queryset=Level.objects.select_related("certification"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].label_from_instance = lambda lv: f"{lv.certification} · {lv}"

    def filters(self) -> CalendarFilters:
        if not self.is_valid():
            return CalendarFilters()
        data = self.cleaned_data
        return CalendarFilters(
            region=data["region"].code if data.get("region") else "",
            county=data["county"].code if data.get("county") else "",
            level=data["level"].pk if data.get("level") else None,
        )
