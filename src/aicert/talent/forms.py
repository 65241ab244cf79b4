"""Forms of talent: the employer application, a check, an upload, a key, the profile, a
search and a contact request. Rules live in the services; these only parse."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.catalog.models import CompetencyDomain, Level
from aicert.centers.models import County, Region
from aicert.shared.forms import FilterForm
from aicert.talent.bulkfile import MAX_BYTES
from aicert.talent.models import EmployerApplication, TalentProfile
from aicert.talent.selectors import STRENGTH_BANDS
from aicert.talent.taxid import is_valid_business_number


class EmployerApplicationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = EmployerApplication
        fields = ["name_zh", "name_en", "tax_id", "contact_name", "contact_phone", "website"]
        widgets = {"tax_id": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 8})}

    def clean_tax_id(self) -> str:
        value = self.cleaned_data["tax_id"].strip()
        if not (len(value) == 8 and value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("A business number is 8 digits."))
        if not is_valid_business_number(value):
            raise forms.ValidationError(
                _("This business number's check digit is wrong: check it for typos.")
            )
        return value


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note to the applicant"), required=False, max_length=1000)


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=40)
    name = forms.CharField(label=_("Holder's name"), max_length=100)


class BulkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Up to 10,000 rows. The first line names the columns “certificate number” (證書號碼) "
            "and “name” (姓名); CSV files in UTF-8."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("API key", "Name"), max_length=100)


class TalentProfileForm(forms.ModelForm):
    class Meta:
        model = TalentProfile
        fields = [
            "show_name", "show_county", "show_levels", "show_domains", "show_selfassess",
            "headline",
        ]  # fmt: skip


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.certification.name} · {obj.name}"


class TalentSearchForm(FilterForm):
    level = LevelChoiceField(
        label=_("Level held (valid certificate)"),
        queryset=Level.objects.select_related("certification").order_by("certification_id", "rank"),
        required=False,
    )
    domain = forms.ModelChoiceField(
        label=_("Competency domain"),
        queryset=CompetencyDomain.objects.filter(parent__isnull=True).order_by(
            "certification_id", "code"
        ),
        required=False,
    )
    min_percent = forms.TypedChoiceField(
        label=_("Domain strength at least"),
        choices=[("", "")] + [(str(b), f"{b}%") for b in STRENGTH_BANDS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.order_by("position"), required=False
    )
    county = forms.ModelChoiceField(
        label=_("County or city"), queryset=County.objects.order_by("position"), required=False
    )
    valid_until = forms.DateField(
        label=_("Certificate valid at least until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("min_percent") and not data.get("domain"):
            self.add_error("domain", _("Choose the domain the strength is about."))
        return data


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The person reads it only after accepting your request."),
    )


class LevelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.certification.name} · {obj.name}"


class JobPostingForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("job posting", "Job title"), max_length=120)
    description = forms.CharField(
        label=pgettext_lazy("job posting", "Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    link = forms.URLField(
        label=pgettext_lazy("job posting", "Link to the full posting (optional)"),
        required=False,
        assume_scheme="https",
        max_length=200,
    )
    levels = LevelMultipleChoiceField(
        label=pgettext_lazy("job posting", "Levels you hire for"),
        queryset=Level.objects.select_related("certification").order_by("certification_id", "rank"),
        widget=forms.CheckboxSelectMultiple,
    )
    domains = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("job posting", "Competency domains you look for (optional)"),
        queryset=CompetencyDomain.objects.filter(parent__isnull=True).order_by(
            "certification_id", "code"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.order_by("position"))
    county = forms.ModelChoiceField(
        label=pgettext_lazy("job posting", "County or city (empty: the whole region)"),
        queryset=County.objects.order_by("position"),
        required=False,
    )
    closes_on = forms.DateField(
        label=pgettext_lazy("job posting", "Open until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    @classmethod
    def of(cls, posting) -> JobPostingForm:
        """The form filled with a posting's current values (for editing it)."""
        return cls(
            initial={
                "title": posting.title,
                "description": posting.description,
                "link": posting.link,
                "levels": list(posting.levels.all()),
                "domains": list(posting.domains.all()),
                "region": posting.region,
                "county": posting.county,
                "closes_on": posting.closes_on,
            }
        )


class JobPostingHideForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("job posting", "Why it is hidden (the employer sees this)"),
        max_length=500,
        required=False,
    )
