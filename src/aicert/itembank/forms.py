"""Forms of the item pages: they parse input into the shapes the services take, nothing more."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.itembank.models import (
    REVIEW_CHECKLIST,
    CognitiveLevel,
    Difficulty,
    ItemStatus,
    ItemType,
    ReviewDecision,
)

OPTION_COUNT = 4
LANGUAGES = (("zh", _("Chinese")), ("en", _("English")))


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *ItemStatus.choices]
    )
    item_type = forms.ChoiceField(
        label=_("Item type"), required=False, choices=[("", "—"), *ItemType.choices]
    )
    level = forms.ModelChoiceField(
        label=_("Level"), required=False, queryset=Level.objects.select_related("certification")
    )
    domain = forms.ModelChoiceField(
        label=_("Domain"), required=False, queryset=CompetencyDomain.objects.all()
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "text": data.get("q") or "",
            "status": data.get("status") or "",
            "item_type": data.get("item_type") or "",
            "level_id": data["level"].pk if data.get("level") else None,
            "domain_id": data["domain"].pk if data.get("domain") else None,
        }


class SingleChoiceItemForm(forms.Form):
    """A single-choice item in both languages: stem, four options with rationales, one key."""

    level = forms.ModelChoiceField(
        label=_("Level"), queryset=Level.objects.select_related("certification")
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.select_related("level")
    )
    domain = forms.ModelChoiceField(
        label=_("Primary competency domain"), queryset=CompetencyDomain.objects.all()
    )
    cognitive_level = forms.ChoiceField(label=_("Cognitive level"), choices=CognitiveLevel.choices)
    difficulty = forms.ChoiceField(label=_("Intended difficulty"), choices=Difficulty.choices)
    key = forms.TypedChoiceField(
        label=_("Correct option"),
        coerce=int,
        choices=[(i, str(i + 1)) for i in range(OPTION_COUNT)],
    )
    change_note = forms.CharField(label=_("What changed"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lang, lang_label in LANGUAGES:
            required = lang == "zh"
            self.fields[f"stem_{lang}"] = forms.CharField(
                label=_("Stem (%(language)s)") % {"language": lang_label},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=required,
            )
            for i in range(OPTION_COUNT):
                self.fields[f"option{i}_{lang}"] = forms.CharField(
                    label=_("Option %(n)d (%(language)s)") % {"n": i + 1, "language": lang_label},
                    required=required,
                )
                self.fields[f"rationale{i}_{lang}"] = forms.CharField(
                    label=_("Why option %(n)d is right or wrong (%(language)s)")
                    % {"n": i + 1, "language": lang_label},
                    required=False,
                )
            self.fields[f"feedback_{lang}"] = forms.CharField(
                label=_("Feedback (%(language)s)") % {"language": lang_label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    @classmethod
    def initial_from(cls, item, version) -> dict:
        initial = {
            "level": item.level_id,
            "subject": item.subject_id,
            "domain": item.domain_id,
            "cognitive_level": item.cognitive_level,
            "difficulty": item.difficulty,
        }
        for lang in ("zh", "en"):
            content = getattr(version, f"content_{lang}") or {}
            initial[f"stem_{lang}"] = content.get("stem", "")
            initial[f"feedback_{lang}"] = content.get("feedback", "")
            for i, option in enumerate(content.get("options", [])[:OPTION_COUNT]):
                initial[f"option{i}_{lang}"] = option.get("text", "")
                initial[f"rationale{i}_{lang}"] = option.get("rationale", "")
                if option.get("correct"):
                    initial["key"] = i
        return initial

    def content(self, lang: str) -> dict:
        data = self.cleaned_data
        if lang == "en" and not any(
            data.get(f"{name}_en") for name in ["stem", *[f"option{i}" for i in range(4)]]
        ):
            return {}
        return {
            "stem": data[f"stem_{lang}"].strip(),
            "options": [
                {
                    "text": data[f"option{i}_{lang}"].strip(),
                    "rationale": data[f"rationale{i}_{lang}"].strip(),
                    "correct": i == data["key"],
                }
                for i in range(OPTION_COUNT)
            ],
            "feedback": data[f"feedback_{lang}"].strip(),
        }

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "level": data["level"],
            "subject": data["subject"],
            "domain": data["domain"],
            "cognitive_level": data["cognitive_level"],
            "difficulty": data["difficulty"],
            "item_type": ItemType.SINGLE_CHOICE,
            "content_zh": self.content("zh"),
            "content_en": self.content("en"),
        }


class ReviewForm(forms.Form):
    """The checklist, a decision and a comment."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (ReviewDecision.APPROVE, ReviewDecision.APPROVE.label),
            (ReviewDecision.REQUEST_CHANGES, ReviewDecision.REQUEST_CHANGES.label),
        ],
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in REVIEW_CHECKLIST.items():
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict[str, bool]:
        return {key: self.cleaned_data[f"check_{key}"] for key in REVIEW_CHECKLIST}


class ReviewCommentForm(forms.Form):
    field_path = forms.CharField(
        label=_("Field"), initial="stem", max_length=100, help_text=_("e.g. stem, options[2]")
    )
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewAssignForm(forms.Form):
    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"] = forms.ModelChoiceField(
            label=_("Reviewer"), queryset=candidates, required=False
        )
