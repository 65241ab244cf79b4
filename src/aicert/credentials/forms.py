"""Forms of the certificate pages: they parse input; the rules are in services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.credentials.models import CertificateStatus, Publication
from aicert.shared.forms import FilterForm


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (CertificateStatus.SUSPENDED, pgettext_lazy("certificate action", "Suspend")),
            (CertificateStatus.ACTIVE, pgettext_lazy("certificate action", "Reinstate")),
            (CertificateStatus.REVOKED, pgettext_lazy("certificate action", "Revoke")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the certificate's history and told to the holder."),
    )


class SearchForm(FilterForm):
    q = forms.CharField(
        label=_("Number, name or e-mail"), required=False, max_length=100, strip=True
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", ""), *CertificateStatus.choices],
    )


class PublicationForm(forms.Form):
    publication = forms.ChoiceField(
        label=_("The public verification page shows"),
        choices=Publication.choices,
        widget=forms.RadioSelect,
    )


class CpdRecordForm(forms.Form):
    activity = forms.CharField(label=_("Training activity"), max_length=200)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal(200),
    )
    completed_on = forms.DateField(
        label=_("Completed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.FileField(
        label=pgettext_lazy("CPD record", "Certificate of attendance (PDF, JPEG or PNG, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class CpdReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", pgettext_lazy("CPD decision", "Approve")),
            ("reject", pgettext_lazy("CPD decision", "Reject")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=pgettext_lazy("CPD decision", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting: the holder reads it."),
    )


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "AIC-2026-0000123-7", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Holder's name"),
        max_length=100,
        help_text=_("As printed on the certificate, in Chinese or English."),
    )
