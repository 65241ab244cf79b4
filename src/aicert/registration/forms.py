from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.centers.models import County


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
