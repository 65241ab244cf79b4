"""Forms of the import and export pages: parse input only, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.itembank.interchange.services import EXPORT_FORMATS, ImportDefaults
from aicert.itembank.models import CognitiveLevel, Difficulty, ItemStatus, ItemType
from aicert.shared.forms import FilterForm


class ImportForm(forms.Form):
    """The upload, and defaults for what the source does not say."""

    upload = forms.FileField(
        label=_("File"),
        help_text=_("A QTI 3.0 or 2.1 content package (.zip), or a .csv / .xlsx table."),
    )
    level = forms.ModelChoiceField(
        label=_("Default level"), queryset=Level.objects.all(), required=False
    )
    subject = forms.ModelChoiceField(
        label=_("Default subject"), queryset=Subject.objects.all(), required=False
    )
    domain = forms.ModelChoiceField(
        label=_("Default competency domain"),
        queryset=CompetencyDomain.objects.all(),
        required=False,
    )
    cognitive_level = forms.ChoiceField(
        label=_("Default cognitive level"),
        choices=[("", "—"), *CognitiveLevel.choices],
        required=False,
    )
    difficulty = forms.ChoiceField(
        label=_("Default difficulty"), choices=[("", "—"), *Difficulty.choices], required=False
    )

    def defaults(self) -> ImportDefaults:
        data = self.cleaned_data
        return ImportDefaults(
            level=data.get("level"),
            subject=data.get("subject"),
            domain=data.get("domain"),
            cognitive_level=data.get("cognitive_level") or "",
            difficulty=data.get("difficulty") or "",
        )

    def defaults_for_session(self) -> dict:
        data = self.cleaned_data
        return {
            "level": data["level"].pk if data.get("level") else None,
            "subject": data["subject"].pk if data.get("subject") else None,
            "domain": data["domain"].pk if data.get("domain") else None,
            "cognitive_level": data.get("cognitive_level") or "",
            "difficulty": data.get("difficulty") or "",
        }


def defaults_from_session(stored: dict) -> ImportDefaults:
    def row(model, pk):
        return model.objects.filter(pk=pk).first() if pk else None

    return ImportDefaults(
        level=row(Level, stored.get("level")),
        subject=row(Subject, stored.get("subject")),
        domain=row(CompetencyDomain, stored.get("domain")),
        cognitive_level=stored.get("cognitive_level", ""),
        difficulty=stored.get("difficulty", ""),
    )


class ExportFilterForm(FilterForm):
    text = forms.CharField(label=_("Code or stem"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", ""), *ItemStatus.choices], required=False
    )
    item_type = forms.ChoiceField(
        label=_("Item type"), choices=[("", ""), *ItemType.choices], required=False
    )
    level = forms.ModelChoiceField(label=_("Level"), queryset=Level.objects.all(), required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data.get("text") or "",
            "status": data.get("status") or "",
            "item_type": data.get("item_type") or "",
            "level_id": data["level"].pk if data.get("level") else None,
        }


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[(key, label) for key, (label, *_rest) in EXPORT_FORMATS.items()]
    )
