"""The public form to verify a credential: paste its JSON or upload the file."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.credentials.verification import MAX_BYTES


class CredentialVerifyForm(forms.Form):
    credential = forms.CharField(
        label=pgettext_lazy("verify credential", "Credential JSON"),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        required=False,
        max_length=MAX_BYTES,
    )
    file = forms.FileField(
        label=pgettext_lazy("verify credential", "Or upload the credential file (.json)"),
        required=False,
    )

    def clean_file(self) -> bytes | None:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 256 KB."))
        return bytes(upload.read())

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("credential") and not cleaned.get("file"):
            raise ValidationError(_("Paste a credential or choose its file."))
        return cleaned

    @property
    def text(self) -> str | bytes:
        return self.cleaned_data.get("file") or self.cleaned_data["credential"]
