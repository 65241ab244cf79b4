from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.payments import bankcsv


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_("The bank's CSV export of incoming virtual-account transfers, UTF-8 or Big5."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > bankcsv.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB: split the statement by date.")
                % {"size": bankcsv.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class WaiverForm(forms.Form):
    full = forms.BooleanField(label=_("Waive everything still owed"), required=False)
    amount = forms.IntegerField(label=_("Or waive this amount (NTD)"), min_value=1, required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def clean(self):
        data = super().clean()
        if not data.get("full") and not data.get("amount"):
            raise forms.ValidationError(_("Tick “waive everything” or enter an amount."))
        return data


class ManualPaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount received (NTD)"), min_value=1)
    paid_at = forms.DateTimeField(
        label=_("Received at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reference = forms.CharField(label=_("Receipt or reference"), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("How the money was received and why it is not on a bank statement."),
    )


class RefundSentForm(forms.Form):
    """That a refund went out. No amount: the service copies it from what is owed."""

    sent_on = forms.DateField(
        label=_("Sent on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    # The reference of the transfer the foundation's bank made to the candidate.
    bank_reference = forms.CharField(label=_("Outgoing transfer reference"), max_length=64)
    note = forms.CharField(label=_("Note (optional)"), max_length=1000, required=False)
