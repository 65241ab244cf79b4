from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.centers.models import Room


def _labels(text: str) -> list[str]:
    return sorted(
        {part.strip().upper() for part in text.replace("\n", ",").split(",") if part.strip()}
    )


class RoomForm(forms.ModelForm):
    """Room fields, with the seat layout edited as two comma-separated lists of seat labels."""

    blocked_seats = forms.CharField(
        label=_("Seats that do not exist"),
        required=False,
        help_text=_("Seat labels such as A1, C4, separated by commas."),
    )
    accessible_seats = forms.CharField(
        label=_("Wheelchair-accessible seats"),
        required=False,
        help_text=_("Seat labels such as A1, C4, separated by commas."),
    )

    class Meta:
        model = Room
        fields = [
            "name",
            "name_en",
            "floor",
            "seat_rows",
            "seat_columns",
            "seat_count",
            "accessible",
            "has_computers",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        layout = self.instance.seat_layout or {}
        self.fields["blocked_seats"].initial = ", ".join(layout.get("blocked", []))
        self.fields["accessible_seats"].initial = ", ".join(layout.get("accessible", []))

    def clean(self):
        data = super().clean()
        data["seat_layout"] = {
            "blocked": _labels(data.get("blocked_seats", "")),
            "accessible": _labels(data.get("accessible_seats", "")),
        }
        return data

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in [*self.Meta.fields, "seat_layout"]}
