"""What a valid item version looks like, per item type: pure checks on the content JSON.

An item version stores its content once per language (``content_zh``, ``content_en``), each a
dict with a ``stem``, an optional ``feedback`` and the type's answer data:

- ``single_choice`` / ``multiple_response``: ``options`` = ``[{"text", "rationale", "correct"}]``;
  single choice has exactly one correct option, multiple response at least one and a
  ``partial_credit`` rule (:data:`PARTIAL_CREDIT_RULES`).
- ``true_false``: ``key`` (bool), optional ``rationale_true`` / ``rationale_false``.
- ``numeric``: ``value`` (number), ``tolerance`` (number >= 0), optional ``unit``.
- ``short_text``: ``answers`` (accepted alternatives) and/or ``patterns`` (regular expressions),
  optional ``case_sensitive``.
- ``ordering``: ``options`` = ``[{"text"}]`` and ``key``, the correct order as a permutation of
  the option indexes.
- ``matching``: ``prompts`` and ``responses`` (``[{"text"}]``) and ``key``, a list of
  ``[prompt index, response index]`` pairs matching every prompt exactly once.
- ``constructed_response``: ``rubric`` = ``{"criteria": [{"name", "levels": [{"score",
  "descriptor"}]}]}``.

The key must agree across languages (same options, same correct answers): only the wording
is translated. Errors are collected and raised together as one ``ValidationError`` whose
messages name the field path (``options[2].text``) and the language.
"""

from __future__ import annotations

import re
from numbers import Real
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ITEM_TYPES = (
    "single_choice",
    "multiple_response",
    "true_false",
    "numeric",
    "short_text",
    "ordering",
    "matching",
    "constructed_response",
)
PARTIAL_CREDIT_RULES = ("all_or_nothing", "proportional", "right_minus_wrong")

# A reviewer comment points at a place in the content: "stem", "options[2]", "rubric.criteria[0]".
FIELD_PATH_RE = re.compile(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$")


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


class _Errors:
    def __init__(self, language: str):
        self.language = language
        self.messages: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.messages.append(f"[{self.language}] {path}: {message}")


def _check_options(content: dict, errors: _Errors, *, minimum: int = 2) -> list[dict]:
    options = content.get("options")
    if not isinstance(options, list) or len(options) < minimum:
        errors.add("options", _("at least %(n)d options are needed.") % {"n": minimum})
        return []
    for index, option in enumerate(options):
        if not isinstance(option, dict) or not _text(option.get("text")):
            errors.add(f"options[{index}].text", _("the option text is empty."))
    return [o for o in options if isinstance(o, dict)]


def _check_choice(content: dict, errors: _Errors, *, single: bool) -> None:
    options = _check_options(content, errors)
    keys = [o for o in options if o.get("correct") is True]
    if single and len(keys) != 1:
        errors.add("options", _("a single-choice item needs exactly one correct option."))
    if not single:
        if not keys:
            errors.add("options", _("mark at least one option as correct."))
        if content.get("partial_credit", "all_or_nothing") not in PARTIAL_CREDIT_RULES:
            errors.add("partial_credit", _("unknown partial-credit rule."))
    texts = [o.get("text", "").strip() for o in options]
    if len(set(texts)) != len(texts):
        errors.add("options", _("two options have the same text."))


def _check_true_false(content: dict, errors: _Errors) -> None:
    if not isinstance(content.get("key"), bool):
        errors.add("key", _("the key must be true or false."))


def _check_numeric(content: dict, errors: _Errors) -> None:
    if not _number(content.get("value")):
        errors.add("value", _("the correct value must be a number."))
    tolerance = content.get("tolerance", 0)
    if not _number(tolerance) or tolerance < 0:
        errors.add("tolerance", _("the tolerance must be a number of at least 0."))


def _check_short_text(content: dict, errors: _Errors) -> None:
    answers = content.get("answers", [])
    patterns = content.get("patterns", [])
    if not isinstance(answers, list) or not all(_text(a) for a in answers):
        errors.add("answers", _("every accepted answer must be non-empty text."))
    if not isinstance(patterns, list):
        errors.add("patterns", _("the patterns must be a list."))
        patterns = []
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except (re.error, TypeError):
            errors.add(f"patterns[{index}]", _("not a valid regular expression."))
    if not answers and not patterns:
        errors.add("answers", _("give at least one accepted answer or pattern."))


def _check_ordering(content: dict, errors: _Errors) -> None:
    options = _check_options(content, errors)
    key = content.get("key")
    if not isinstance(key, list) or sorted(key) != list(range(len(options))):
        errors.add("key", _("the correct order must list every option exactly once."))


def _check_matching(content: dict, errors: _Errors) -> None:
    prompts = content.get("prompts")
    responses = content.get("responses")
    for name, rows in (("prompts", prompts), ("responses", responses)):
        if not isinstance(rows, list) or len(rows) < 2:
            errors.add(name, _("at least %(n)d entries are needed.") % {"n": 2})
            return
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or not _text(row.get("text")):
                errors.add(f"{name}[{index}].text", _("the text is empty."))
    key = content.get("key")
    valid_pairs = isinstance(key, list) and all(
        isinstance(pair, list | tuple)
        and len(pair) == 2
        and all(isinstance(i, int) and not isinstance(i, bool) for i in pair)
        and 0 <= pair[0] < len(prompts)
        and 0 <= pair[1] < len(responses)
        for pair in key
    )
    if not valid_pairs or sorted(p[0] for p in key) != list(range(len(prompts))):
        errors.add("key", _("every prompt must be matched to exactly one response."))


def _check_rubric(content: dict, errors: _Errors) -> None:
    rubric = content.get("rubric")
    criteria = rubric.get("criteria") if isinstance(rubric, dict) else None
    if not isinstance(criteria, list) or not criteria:
        errors.add("rubric.criteria", _("the rubric needs at least one criterion."))
        return
    for index, criterion in enumerate(criteria):
        path = f"rubric.criteria[{index}]"
        if not isinstance(criterion, dict) or not _text(criterion.get("name")):
            errors.add(f"{path}.name", _("the criterion needs a name."))
            continue
        levels = criterion.get("levels")
        if not isinstance(levels, list) or len(levels) < 2:
            errors.add(f"{path}.levels", _("a criterion needs at least two score levels."))
            continue
        scores = [lv.get("score") if isinstance(lv, dict) else None for lv in levels]
        if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in scores):
            errors.add(f"{path}.levels", _("every score level needs a whole score of at least 0."))
        elif len(set(scores)) != len(scores):
            errors.add(f"{path}.levels", _("two score levels have the same score."))
        for lv_index, level in enumerate(levels):
            if isinstance(level, dict) and not _text(level.get("descriptor")):
                errors.add(f"{path}.levels[{lv_index}].descriptor", _("describe this level."))


_CHECKS = {
    "single_choice": lambda c, e: _check_choice(c, e, single=True),
    "multiple_response": lambda c, e: _check_choice(c, e, single=False),
    "true_false": _check_true_false,
    "numeric": _check_numeric,
    "short_text": _check_short_text,
    "ordering": _check_ordering,
    "matching": _check_matching,
    "constructed_response": _check_rubric,
}


def _language_errors(item_type: str, content: Any, language: str) -> list[str]:
    errors = _Errors(language)
    if not isinstance(content, dict):
        errors.add("", _("the content must be an object."))
        return errors.messages
    if not _text(content.get("stem")):
        errors.add("stem", _("the stem is empty."))
    _CHECKS[item_type](content, errors)
    return errors.messages


def answer_key(item_type: str, content: dict) -> Any:
    """The language-independent part of the content: what must be equal in every language."""
    if item_type in ("single_choice", "multiple_response"):
        return [bool(o.get("correct")) for o in content.get("options", [])]
    if item_type == "true_false":
        return content.get("key")
    if item_type == "numeric":
        return (content.get("value"), content.get("tolerance", 0))
    if item_type == "ordering":
        return (len(content.get("options", [])), content.get("key"))
    if item_type == "matching":
        return (len(content.get("responses", [])), sorted(map(tuple, content.get("key", []))))
    if item_type == "constructed_response":
        return [
            sorted(lv.get("score") for lv in c.get("levels", []))
            for c in content.get("rubric", {}).get("criteria", [])
        ]
    return None  # short_text: accepted answers are language-specific


def content_validate(*, item_type: str, content_zh: Any, content_en: Any) -> None:
    """Refuse content that cannot be delivered or scored; raise one ValidationError listing all.

    Chinese content is required; English is optional (empty) but, when given, must be complete
    and carry the same key as the Chinese.
    """
    if item_type not in ITEM_TYPES:
        raise ValidationError(_("Unknown item type: %(type)s.") % {"type": item_type})
    messages = _language_errors(item_type, content_zh, "zh")
    if content_en:
        messages += _language_errors(item_type, content_en, "en")
        if not messages and answer_key(item_type, content_zh) != answer_key(item_type, content_en):
            messages.append(_("The Chinese and English versions have different answer keys."))
    if messages:
        raise ValidationError(messages)


def field_path_validate(path: str) -> None:
    """A comment anchor such as ``stem``, ``options[2]`` or ``rubric.criteria[0].levels[1]``."""
    if not FIELD_PATH_RE.match(path or ""):
        raise ValidationError(
            _("Point the comment at a field such as “stem” or “options[2]”."), code="field_path"
        )
