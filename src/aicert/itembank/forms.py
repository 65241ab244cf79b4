"""Forms of the item pages: they parse input into the shapes the services take, nothing more."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aicert.accounts.models import User
from aicert.accounts.roles import Role
from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.itembank.models import (
    REVIEW_CHECKLIST,
    CognitiveLevel,
    Difficulty,
    Item,
    ItemFlag,
    ItemStatus,
    ItemType,
    ReviewDecision,
)
from aicert.shared.forms import FilterForm, apply_form_errors

LANGUAGES = (("zh", _("Chinese")), ("en", _("English")))
PARTIAL_CREDIT_CHOICES = [
    ("all_or_nothing", _("All or nothing")),
    ("proportional", _("Proportional (share of correct choices)")),
    ("right_minus_wrong", _("Right minus wrong")),
]
NORMALISATIONS = [
    ("width", _("Full-width and half-width characters are the same (NFKC)")),
    ("whitespace", _("Ignore extra spaces")),
    ("punctuation", _("Ignore punctuation")),
]


class DomainTreeChoiceField(forms.ModelChoiceField):
    """Competency domains as an indented tree (a domain also selects everything below it)."""

    def label_from_instance(self, obj) -> str:
        return "\u3000" * obj.depth + str(obj)


class ItemFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", ""), *ItemStatus.choices]
    )
    item_type = forms.ChoiceField(
        label=_("Item type"), required=False, choices=[("", ""), *ItemType.choices]
    )
    level = forms.ModelChoiceField(
        label=_("Level"), required=False, queryset=Level.objects.select_related("certification")
    )
    domain = DomainTreeChoiceField(
        label=_("Domain"),
        required=False,
        queryset=CompetencyDomain.objects.order_by("certification__code", "code"),
    )
    language = forms.ChoiceField(
        label=_("Languages"),
        required=False,
        choices=[
            ("", ""),
            ("complete", _("Chinese and English")),
            ("missing_en", _("English missing")),
        ],
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        required=False,
        queryset=User.objects.filter(memberships__role=Role.ITEM_REVIEWER)
        .distinct()
        .order_by("display_name", "pk"),
    )
    statistics = forms.ChoiceField(
        label=_("Statistics"),
        required=False,
        choices=[
            ("", ""),
            ("analysed", _("Analysed after a sitting")),
            ("not_analysed", _("Not analysed yet")),
            ("flagged", _("Any flag")),
            *ItemFlag.choices,
        ],
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "text": data.get("q") or "",
            "status": data.get("status") or "",
            "item_type": data.get("item_type") or "",
            "level_id": data["level"].pk if data.get("level") else None,
            "domain_id": data["domain"].pk if data.get("domain") else None,
            "language": data.get("language") or "",
            "reviewer_id": data["reviewer"].pk if data.get("reviewer") else None,
            "statistics": data.get("statistics") or "",
        }


class BulkActionForm(forms.Form):
    """Selected items and what to do with them."""

    ACTIONS = [
        ("assign_reviewers", _("Assign reviewers (least busy first)")),
        ("retire", _("Retire")),
        ("export_csv", _("Export metadata as CSV")),
    ]
    action = forms.ChoiceField(label=_("With the selected items"), choices=ACTIONS)
    items = forms.TypedMultipleChoiceField(label=_("Items"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Which items the user may touch is the selector's business; here only numbers.
        raw = self.data.getlist("items") if hasattr(self.data, "getlist") else []
        self.fields["items"].choices = [(v, v) for v in raw if str(v).isdigit()]


class CoverageFilterForm(FilterForm):
    level = forms.ModelChoiceField(
        label=_("Level"), required=False, queryset=Level.objects.select_related("certification")
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _text_field(label, rows: int | None = None, required: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, widget=widget, strip=True)


# "[zh] options[2].text: the option text is empty." (aicert.itembank.content messages)
_CONTENT_ERROR_RE = re.compile(r"^\[(zh|en)\] ([a-z_.\[\]0-9]*): (.*)$", re.S)
_PATH_PART_RE = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


class ItemEditorForm(forms.Form):
    """Any of the eight item types in both languages, plus the item's metadata.

    The form only parses what was typed into the shapes ``services.item_create`` and
    ``services.item_revise`` take (content dicts per language, see :mod:`..content`); the
    services validate. Rows left blank in both languages are ignored, so a writer may use
    fewer options than there are rows. Validation messages of the services that point at a
    field (``[zh] options[2].text``) are shown beside that field (:meth:`add_service_errors`).
    """

    METADATA_FIELDS = (
        "level",
        "subject",
        "domain",
        "extra_domains",
        "cognitive_level",
        "difficulty",
        "co_authors",
        "enemies",
    )
    OPTION_ROWS = 6
    PROMPT_ROWS = 5
    RESPONSE_ROWS = 6
    CRITERION_ROWS = 3
    LEVEL_ROWS = 4

    item_type = forms.ChoiceField(
        label=_("Item type"), choices=ItemType.choices, widget=forms.HiddenInput, required=False
    )
    level = forms.ModelChoiceField(
        label=_("Level"), queryset=Level.objects.select_related("certification")
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.select_related("level")
    )
    domain = forms.ModelChoiceField(
        label=_("Primary competency domain"), queryset=CompetencyDomain.objects.all()
    )
    extra_domains = forms.ModelMultipleChoiceField(
        label=_("Other competency domains"),
        queryset=CompetencyDomain.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    cognitive_level = forms.ChoiceField(label=_("Cognitive level"), choices=CognitiveLevel.choices)
    difficulty = forms.ChoiceField(label=_("Intended difficulty"), choices=Difficulty.choices)
    co_authors = forms.ModelMultipleChoiceField(
        label=_("Co-authors"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )
    enemies = forms.ModelMultipleChoiceField(
        label=_("Enemy items"),
        queryset=Item.objects.none(),
        required=False,
        help_text=_("Items that must never appear on the same form as this one."),
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )
    change_note = forms.CharField(label=_("What changed"), required=False, max_length=500)

    def __init__(self, *args, item_type: str | None = None, enemy_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get("item_type") if self.is_bound else None
        chosen = chosen or item_type or self.initial.get("item_type") or ItemType.SINGLE_CHOICE
        self.item_type_value = chosen if chosen in ItemType.values else ItemType.SINGLE_CHOICE
        self.initial.setdefault("item_type", self.item_type_value)
        self.fields["co_authors"].queryset = (
            User.objects.filter(is_active=True, memberships__role=Role.ITEM_WRITER)
            .distinct()
            .order_by("display_name", "pk")
        )
        if enemy_choices is not None:
            self.fields["enemies"].queryset = enemy_choices
        self.rows: list[dict] = []
        self._row_fields: dict[str, list[int]] = {}
        self.contents: dict[str, dict] = {"zh": {}, "en": {}}
        self._add_language_rows()

    # ----- building the fields --------------------------------------------------------------
    def _pair(self, name: str, label, rows: int | None = None, required_zh: bool = False):
        """``name_zh`` and ``name_en``; returns the two names for the layout."""
        for lang, lang_label in LANGUAGES:
            self.fields[f"{name}_{lang}"] = _text_field(
                _("%(field)s (%(language)s)") % {"field": label, "language": lang_label},
                rows=rows,
                required=required_zh and lang == "zh",
            )
        return f"{name}_zh", f"{name}_en"

    def _row(self, title, shared=(), pairs=(), css: str = "") -> None:
        self.rows.append(
            {
                "title": title,
                "shared": list(shared),
                "zh": [p[0] for p in pairs],
                "en": [p[1] for p in pairs],
                "css": css,
            }
        )

    def _add_language_rows(self) -> None:
        t = self.item_type_value
        self._row(_("Stem"), pairs=[self._pair("stem", _("Stem"), rows=5, required_zh=True)])
        if t in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE, ItemType.ORDERING):
            self._add_option_rows(t)
        elif t == ItemType.TRUE_FALSE:
            self.fields["key"] = forms.TypedChoiceField(
                label=_("The statement is"),
                choices=[("", "—"), ("true", _("True")), ("false", _("False"))],
                coerce=lambda v: v == "true",
                empty_value=None,
                required=False,
            )
            self._row(
                _("Answer key"),
                shared=["key"],
                pairs=[
                    self._pair("rationale_true", _("Why “true” is right or wrong"), rows=2),
                    self._pair("rationale_false", _("Why “false” is right or wrong"), rows=2),
                ],
            )
        elif t == ItemType.NUMERIC:
            self.fields["value"] = forms.FloatField(label=_("Correct value"), required=False)
            self.fields["tolerance"] = forms.FloatField(
                label=_("Tolerance (±)"), required=False, min_value=0, initial=0
            )
            self._row(
                _("Answer key"),
                shared=["value", "tolerance"],
                pairs=[self._pair("unit", _("Unit"))],
            )
        elif t == ItemType.SHORT_TEXT:
            self.fields["case_sensitive"] = forms.BooleanField(
                label=_("Case-sensitive"), required=False
            )
            self.fields["normalise"] = forms.MultipleChoiceField(
                label=_("Normalise answers before comparing"),
                choices=NORMALISATIONS,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self._row(
                _("Accepted answers"),
                shared=["case_sensitive", "normalise"],
                pairs=[
                    self._pair("answers", _("Accepted answers, one per line"), rows=3),
                    self._pair(
                        "patterns", _("Regular expressions, one per line (optional)"), rows=2
                    ),
                ],
            )
        elif t == ItemType.MATCHING:
            letters = [("", "—")] + [(j, chr(65 + j)) for j in range(self.RESPONSE_ROWS)]
            for i in range(self.PROMPT_ROWS):
                self.fields[f"match{i}"] = forms.TypedChoiceField(
                    label=_("Matches response"),
                    choices=letters,
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
                self._row(
                    _("Prompt %(n)d") % {"n": i + 1},
                    shared=[f"match{i}"],
                    pairs=[self._pair(f"prompt{i}", _("Prompt %(n)d") % {"n": i + 1})],
                )
            for j in range(self.RESPONSE_ROWS):
                label = _("Response %(letter)s") % {"letter": chr(65 + j)}
                self._row(label, pairs=[self._pair(f"response{j}", label)])
        elif t == ItemType.CONSTRUCTED_RESPONSE:
            for c in range(self.CRITERION_ROWS):
                label = _("Criterion %(n)d") % {"n": c + 1}
                self._row(label, pairs=[self._pair(f"criterion{c}", label)], css="criterion")
                for lv in range(self.LEVEL_ROWS):
                    self.fields[f"score{c}_{lv}"] = forms.IntegerField(
                        label=_("Score"), required=False, min_value=0
                    )
                    self._row(
                        _("Score level %(n)d") % {"n": lv + 1},
                        shared=[f"score{c}_{lv}"],
                        pairs=[self._pair(f"descriptor{c}_{lv}", _("Descriptor"), rows=2)],
                    )
        self._row(
            _("Feedback and references"),
            pairs=[
                self._pair("feedback", _("Feedback"), rows=2),
                self._pair("references", _("References"), rows=2),
            ],
        )

    def _add_option_rows(self, t: str) -> None:
        if t == ItemType.SINGLE_CHOICE:
            self.fields["key"] = forms.TypedChoiceField(
                label=_("Correct option"),
                choices=[("", "—")] + [(i, chr(65 + i)) for i in range(self.OPTION_ROWS)],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self._row(_("Answer key"), shared=["key"])
        if t == ItemType.MULTIPLE_RESPONSE:
            self.fields["partial_credit"] = forms.ChoiceField(
                label=_("Partial credit"), choices=PARTIAL_CREDIT_CHOICES
            )
            self._row(_("Scoring"), shared=["partial_credit"])
        for i in range(self.OPTION_ROWS):
            shared = []
            if t == ItemType.MULTIPLE_RESPONSE:
                self.fields[f"correct{i}"] = forms.BooleanField(label=_("Correct"), required=False)
                shared = [f"correct{i}"]
            elif t == ItemType.ORDERING:
                self.fields[f"position{i}"] = forms.IntegerField(
                    label=_("Position in the correct order"),
                    required=False,
                    min_value=1,
                    max_value=self.OPTION_ROWS,
                )
                shared = [f"position{i}"]
            label = _("Option %(letter)s") % {"letter": chr(65 + i)}
            pairs = [self._pair(f"option{i}", label, rows=2)]
            if t != ItemType.ORDERING:
                pairs.append(self._pair(f"rationale{i}", _("Rationale / reference"), rows=1))
            self._row(label, shared=shared, pairs=pairs)

    # ----- layout for the template -----------------------------------------------------------
    def layout(self) -> list[dict]:
        return [
            {
                "title": row["title"],
                "css": row["css"],
                "shared": [self[name] for name in row["shared"]],
                "zh": [self[name] for name in row["zh"]],
                "en": [self[name] for name in row["en"]],
            }
            for row in self.rows
        ]

    def metadata_fields(self):
        return [self[name] for name in self.METADATA_FIELDS]

    # ----- parsing -----------------------------------------------------------------------------
    def _value(self, name: str):
        return self.cleaned_data.get(name)

    def _txt(self, name: str) -> str:
        # Browsers send textarea line breaks as CRLF; store them as imports do (LF), so a
        # version typed in the editor compares and exports like any other.
        return (self.cleaned_data.get(name) or "").replace("\r\n", "\n").strip()

    def _used(self, prefix: str, count: int, extra=()) -> list[int]:
        """Row indexes where something was typed (in either language or a shared field)."""
        used = [
            i
            for i in range(count)
            if self._txt(f"{prefix}{i}_zh")
            or self._txt(f"{prefix}{i}_en")
            or any(self._value(f"{e}{i}") not in (None, False, "") for e in extra)
        ]
        self._row_fields[prefix] = used
        return used

    def _english_given(self) -> bool:
        return any(
            value.strip()
            for name, value in self.cleaned_data.items()
            if name.endswith("_en") and isinstance(value, str)
        )

    def clean(self):
        cleaned = super().clean()
        self.contents = {lang: self._content(lang) for lang in ("zh", "en")}
        if not self._english_given():
            self.contents["en"] = {}
        return cleaned

    def _content(self, lang: str) -> dict:
        t = self.item_type_value
        content: dict = {"stem": self._txt(f"stem_{lang}")}
        if t in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE):
            used = self._used("option", self.OPTION_ROWS, extra=("correct",))
            key = self._value("key")
            if t == ItemType.SINGLE_CHOICE and key is None and lang == "zh":
                self.add_error("key", _("Choose the correct option."))
            if t == ItemType.SINGLE_CHOICE and key is not None and key not in used:
                if lang == "zh":
                    self.add_error("key", _("The correct option is empty."))
            content["options"] = [
                {
                    "text": self._txt(f"option{i}_{lang}"),
                    "rationale": self._txt(f"rationale{i}_{lang}"),
                    "correct": (i == key)
                    if t == ItemType.SINGLE_CHOICE
                    else bool(self._value(f"correct{i}")),
                }
                for i in used
            ]
            if t == ItemType.MULTIPLE_RESPONSE:
                content["partial_credit"] = self._value("partial_credit") or "all_or_nothing"
        elif t == ItemType.ORDERING:
            used = self._used("option", self.OPTION_ROWS)
            content["options"] = [{"text": self._txt(f"option{i}_{lang}")} for i in used]
            positions = {i: self._value(f"position{i}") for i in used}
            if lang == "zh":
                for i, position in positions.items():
                    if position is None:
                        self.add_error(f"position{i}", _("Give this option's position."))
                    elif position > len(used):
                        self.add_error(
                            f"position{i}",
                            _("Positions run from 1 to %(n)d.") % {"n": len(used)},
                        )
                    elif list(positions.values()).count(position) > 1:
                        self.add_error(f"position{i}", _("Two options have the same position."))
            ranked = sorted(used, key=lambda i: (positions[i] or 99, i))
            content["key"] = [used.index(i) for i in ranked]
        elif t == ItemType.TRUE_FALSE:
            key = self._value("key")
            if key is None and lang == "zh":
                self.add_error("key", _("Say whether the statement is true or false."))
            content.update(
                key=key,
                rationale_true=self._txt(f"rationale_true_{lang}"),
                rationale_false=self._txt(f"rationale_false_{lang}"),
            )
        elif t == ItemType.NUMERIC:
            value, tolerance = self._value("value"), self._value("tolerance")
            if value is None and lang == "zh" and "value" not in self.errors:
                self.add_error("value", _("Give the correct value."))
            content.update(
                value=value,
                tolerance=tolerance if tolerance is not None else 0,
                unit=self._txt(f"unit_{lang}"),
            )
        elif t == ItemType.SHORT_TEXT:
            patterns = _lines(self.cleaned_data.get(f"patterns_{lang}", ""))
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    self.add_error(
                        f"patterns_{lang}",
                        _("“%(pattern)s” is not a valid regular expression: %(error)s")
                        % {"pattern": pattern, "error": exc},
                    )
            content.update(
                answers=_lines(self.cleaned_data.get(f"answers_{lang}", "")),
                patterns=patterns,
                case_sensitive=bool(self._value("case_sensitive")),
                normalise=list(self._value("normalise") or []),
            )
        elif t == ItemType.MATCHING:
            prompts = self._used("prompt", self.PROMPT_ROWS, extra=("match",))
            responses = self._used("response", self.RESPONSE_ROWS)
            key = []
            for index, i in enumerate(prompts):
                match = self._value(f"match{i}")
                if match is None or match not in responses:
                    if lang == "zh":
                        self.add_error(f"match{i}", _("Choose a response that has text."))
                    continue
                key.append([index, responses.index(match)])
            content.update(
                prompts=[{"text": self._txt(f"prompt{i}_{lang}")} for i in prompts],
                responses=[{"text": self._txt(f"response{j}_{lang}")} for j in responses],
                key=key,
            )
        elif t == ItemType.CONSTRUCTED_RESPONSE:
            criteria = []
            used_criteria = []
            for c in range(self.CRITERION_ROWS):
                levels = [
                    lv
                    for lv in range(self.LEVEL_ROWS)
                    if self._value(f"score{c}_{lv}") is not None
                    or self._txt(f"descriptor{c}_{lv}_zh")
                    or self._txt(f"descriptor{c}_{lv}_en")
                ]
                if not (levels or self._txt(f"criterion{c}_zh") or self._txt(f"criterion{c}_en")):
                    continue
                used_criteria.append(c)
                self._row_fields[f"level{c}"] = levels
                criteria.append(
                    {
                        "name": self._txt(f"criterion{c}_{lang}"),
                        "levels": [
                            {
                                "score": self._value(f"score{c}_{lv}"),
                                "descriptor": self._txt(f"descriptor{c}_{lv}_{lang}"),
                            }
                            for lv in levels
                        ],
                    }
                )
            self._row_fields["criterion"] = used_criteria
            content["rubric"] = {"criteria": criteria}
        content["feedback"] = self._txt(f"feedback_{lang}")
        references = self._txt(f"references_{lang}")
        if references:
            content["references"] = references
        return content

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "level": data["level"],
            "subject": data["subject"],
            "domain": data["domain"],
            "cognitive_level": data["cognitive_level"],
            "difficulty": data["difficulty"],
            "extra_domains": list(data.get("extra_domains") or []),
            "co_authors": list(data.get("co_authors") or []),
            "enemies": list(data.get("enemies") or []),
            "item_type": self.item_type_value,
            "content_zh": self.contents["zh"],
            "content_en": self.contents["en"],
        }

    # ----- errors from the services ------------------------------------------------------------
    def _field_for(self, lang: str, path: str) -> str | None:
        parts = [(m.group(1), m.group(2)) for m in _PATH_PART_RE.finditer(path)]
        if not parts:
            return None
        (head, index), rest = parts[0], parts[1:]

        def row(prefix: str, i: str | None) -> int | None:
            rows = self._row_fields.get(prefix, [])
            return rows[int(i)] if i is not None and int(i) < len(rows) else None

        if head in ("stem", "answers", "patterns", "unit", "feedback"):
            name = f"{head}_{lang}"
        elif head in ("key", "value", "tolerance", "partial_credit") and index is None:
            name = head
        elif head in ("options", "prompts", "responses") and index is not None:
            prefix = {"options": "option", "prompts": "prompt", "responses": "response"}[head]
            i = row(prefix, index)
            name = f"{prefix}{i}_{lang}" if i is not None else None
        elif head == "rubric" and rest and rest[0][1] is not None:
            c = row("criterion", rest[0][1])
            if c is None:
                return None
            if len(rest) == 1 or rest[1][0] == "name":
                name = f"criterion{c}_{lang}"
            elif rest[1][1] is not None:  # levels[l].descriptor
                lv = row(f"level{c}", rest[1][1])
                name = f"descriptor{c}_{lv}_{lang}" if lv is not None else None
            else:  # the levels as a whole: shown beside the first score
                name = f"score{c}_{(self._row_fields.get(f'level{c}') or [0])[0]}"
        else:
            return None
        return name if name in self.fields else None

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError beside the fields it names, the rest on top."""
        if hasattr(error, "error_dict"):
            apply_form_errors(self, error)
            return
        for message in error.messages:
            match = _CONTENT_ERROR_RE.match(message)
            field = self._field_for(match.group(1), match.group(2)) if match else None
            self.add_error(field, message)

    # ----- initial values from a stored version ------------------------------------------------
    @classmethod
    def initial_from(cls, item, version) -> dict:
        initial: dict = {
            "item_type": version.item_type,
            "level": item.level_id,
            "subject": item.subject_id,
            "domain": item.domain_id,
            "cognitive_level": item.cognitive_level,
            "difficulty": item.difficulty,
            "extra_domains": [d.pk for d in item.extra_domains.all()],
            "co_authors": [u.pk for u in item.co_authors.all()],
            "enemies": [e.pk for e in item.enemies.all()],
        }
        t = version.item_type
        for lang in ("zh", "en"):
            content = getattr(version, f"content_{lang}") or {}
            for name in ("stem", "feedback", "references", "unit"):
                initial[f"{name}_{lang}"] = content.get(name, "")
            options = content.get("options", [])[: cls.OPTION_ROWS]
            for i, option in enumerate(options):
                initial[f"option{i}_{lang}"] = option.get("text", "")
                initial[f"rationale{i}_{lang}"] = option.get("rationale", "")
                if option.get("correct"):
                    initial["key" if t == ItemType.SINGLE_CHOICE else f"correct{i}"] = (
                        i if t == ItemType.SINGLE_CHOICE else True
                    )
            if t == ItemType.ORDERING:
                for position, i in enumerate(content.get("key") or [], start=1):
                    initial[f"position{i}"] = position
            if t == ItemType.MULTIPLE_RESPONSE:
                initial["partial_credit"] = content.get("partial_credit", "all_or_nothing")
            if t == ItemType.TRUE_FALSE:
                if isinstance(content.get("key"), bool):
                    initial["key"] = "true" if content["key"] else "false"
                initial[f"rationale_true_{lang}"] = content.get("rationale_true", "")
                initial[f"rationale_false_{lang}"] = content.get("rationale_false", "")
            if t == ItemType.NUMERIC:
                initial["value"] = content.get("value")
                initial["tolerance"] = content.get("tolerance", 0)
            if t == ItemType.SHORT_TEXT:
                initial[f"answers_{lang}"] = "\n".join(content.get("answers", []))
                initial[f"patterns_{lang}"] = "\n".join(content.get("patterns", []))
                initial["case_sensitive"] = bool(content.get("case_sensitive"))
                initial["normalise"] = content.get("normalise", [])
            if t == ItemType.MATCHING:
                for i, row in enumerate(content.get("prompts", [])[: cls.PROMPT_ROWS]):
                    initial[f"prompt{i}_{lang}"] = row.get("text", "")
                for j, row in enumerate(content.get("responses", [])[: cls.RESPONSE_ROWS]):
                    initial[f"response{j}_{lang}"] = row.get("text", "")
                for i, j in content.get("key", []):
                    initial[f"match{i}"] = j
            if t == ItemType.CONSTRUCTED_RESPONSE:
                criteria = (content.get("rubric") or {}).get("criteria", [])
                for c, criterion in enumerate(criteria[: cls.CRITERION_ROWS]):
                    initial[f"criterion{c}_{lang}"] = criterion.get("name", "")
                    for lv, level in enumerate(criterion.get("levels", [])[: cls.LEVEL_ROWS]):
                        initial[f"score{c}_{lv}"] = level.get("score")
                        initial[f"descriptor{c}_{lv}_{lang}"] = level.get("descriptor", "")
        return initial


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
