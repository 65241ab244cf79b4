from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.centers.models import County
from aicert.registration.models import ExtraTime, Gender


class CandidateProfileForm(forms.Form):
    """The candidate profile, with the privacy-notice consent when it is not yet given."""

    legal_name_zh = forms.CharField(label=_("Legal name (Chinese)"), max_length=100, required=False)
    legal_name_en = forms.CharField(
        label=_("Legal name (English, as in passport)"), max_length=150, required=False
    )
    id_number = forms.CharField(
        label=_("National ID or resident certificate number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    phone = forms.CharField(label=_("Phone"), max_length=30)
    county = forms.ModelChoiceField(
        label=_("County or city of residence"),
        queryset=County.objects.all(),
        required=False,
    )
    organisation_name = forms.CharField(
        label=_("School or employer"), max_length=200, required=False
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("Not answered")), *Gender.choices],
        required=False,
        help_text=_(
            "Optional and self-declared. Used only, without your name, to check that exam "
            "questions are equally fair to everyone (differential item functioning analysis); "
            "never shown to test centers or employers."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my personal data are used for exam "
            "registration and certification as it describes."
        ),
        required=False,
    )

    def __init__(self, *args, profile=None, consent_needed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_needed = consent_needed
        if profile is not None:
            self.fields["id_number"].help_text = _(
                "On file: %(masked)s. Leave empty to keep it."
            ) % {"masked": profile.id_number_masked}
        else:
            self.fields["id_number"].required = True
            self.fields["id_number"].help_text = _(
                "Stored encrypted and shown only masked. Used to check your identity at the exam."
            )
        if not consent_needed:
            del self.fields["consent"]
        else:
            self.fields["consent"].required = True

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "legal_name_zh": data["legal_name_zh"],
            "legal_name_en": data["legal_name_en"],
            "id_number": data["id_number"] or None,
            "birth_date": data["birth_date"],
            "phone": data["phone"],
            "county": data["county"],
            "organisation_name": data["organisation_name"],
            "gender": data["gender"],
        }


class RegisterForm(forms.Form):
    group_code = forms.CharField(
        label=_("Group code (if your school or employer gave you one)"),
        max_length=20,
        required=False,
    )
    join_waitlist = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CancelForm(forms.Form):
    documented = forms.BooleanField(
        label=_("I cancel for a documented reason (illness, bereavement…) and can show proof"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TransferForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Move to"), coerce=int)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(s.pk, s.label) for s in targets]


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Anything we should know (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); the service checks them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", _MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class AccommodationRequestForm(forms.Form):
    """What a candidate asks for, their documents and the separate consent for health data."""

    extra_time_percent = forms.TypedChoiceField(
        label=_("Extra time"), coerce=int, choices=ExtraTime.choices, initial=0
    )
    separate_room = forms.BooleanField(label=_("A separate room"), required=False)
    large_print = forms.BooleanField(label=_("Large-print materials"), required=False)
    accessible_seat = forms.BooleanField(label=_("A wheelchair-accessible seat"), required=False)
    details = forms.CharField(
        label=_("What you need and why (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    documents = _MultipleFileField(
        label=_("Supporting documents"),
        required=False,
        help_text=_(
            "A medical certificate or disability card: PDF, JPEG or PNG, up to 5 files of at most "
            "5 MB each. Only the foundation's reviewers and you can open them."
        ),
    )
    health_consent = forms.BooleanField(
        label=_(
            "I have read the notice on health data above and consent in writing to the "
            "foundation processing the health information in this request and its documents "
            "for deciding and providing exam accommodations."
        ),
        required=False,
    )

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "extra_time_percent": data["extra_time_percent"],
            "separate_room": data["separate_room"],
            "large_print": data["large_print"],
            "accessible_seat": data["accessible_seat"],
            "details": data["details"],
            "documents": data["documents"],
            "health_consent": data["health_consent"],
        }


class AccommodationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    valid_until = forms.DateField(
        label=_("Valid until (optional, for a temporary need)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note to the candidate (required for a rejection)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
