"""Scoring of objective responses: pure functions of (item type, content, answer), no Django.

An *answer* is the JSON a candidate's browser saves for one item; option indexes always refer
to the item version's stored content (the original order), never to the shuffled order the
candidate saw, so scoring does not need the attempt's seed. ``None`` means unanswered.

==========================  ============================================================
item type                   answer
==========================  ============================================================
``single_choice``           option index, e.g. ``2``
``multiple_response``       list of distinct option indexes, e.g. ``[0, 3]``
``true_false``              ``true`` or ``false``
``numeric``                 a number, or the text of one (``"3.5"``, full-width digits ok)
``short_text``              text
``ordering``                the option indexes in the candidate's order (a permutation)
``matching``                ``[[prompt index, response index], ...]``, each prompt at most once
``constructed_response``    text (scored by markers, never here)
==========================  ============================================================

:func:`credit` gives the share of the item's points earned, an exact :class:`~fractions.Fraction`
in ``[0, 1]``; :func:`response_score` turns it into points. Partial-credit rules (the item
content's ``partial_credit``; default ``all_or_nothing`` for every type):

* ``multiple_response``

  - ``all_or_nothing``: full credit only when the chosen set equals the keyed set;
  - ``proportional``: each option is a true/false decision (chosen iff keyed) and the credit is
    the share of options decided correctly -- the "partial scoring 1/n" of multiple true-false
    items (Albanese & Sabers, 1988; Schmidt, Raupach, Wiegand, Herrmann & Kanzow, 2021,
    "Scoring methods for multiple-response items"); an empty answer earns nothing;
  - ``right_minus_wrong``: ``max(0, (keyed chosen - unkeyed chosen) / keyed)``, i.e. formula
    scoring per option floored at zero.

* ``matching``: ``proportional`` is the share of prompts matched to their keyed response;
  ``right_minus_wrong`` is ``max(0, (right - wrong) / prompts)`` (unmatched prompts count zero).
* ``ordering``: ``proportional`` is the share of option pairs placed in the keyed relative order,
  ``1 - d / C(n, 2)`` with ``d`` the Kendall (1938) distance; ``right_minus_wrong`` is
  ``max(0, Kendall's tau)``.
* ``numeric``: correct when ``|answer - value| <= tolerance`` (plus a rounding allowance of
  ``1e-9`` relative).
* ``short_text``: the answer and every accepted answer are normalised the same way before an
  exact comparison: surrounding whitespace is always ignored, case unless ``case_sensitive``;
  the item's ``normalise`` options add ``width`` (Unicode NFKC, full- and half-width forms the
  same), ``whitespace`` (runs of spaces collapse to one) and ``punctuation`` (punctuation
  removed). ``patterns`` are regular expressions that must match the whole normalised answer
  (case-insensitive unless ``case_sensitive``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import combinations
from numbers import Real
from typing import Any

__all__ = [
    "AnswerError",
    "ResponseScore",
    "answer_validate",
    "credit",
    "response_score",
]

AUTO_SCORED = frozenset(
    {
        "single_choice",
        "multiple_response",
        "true_false",
        "numeric",
        "short_text",
        "ordering",
        "matching",
    }
)
MARKED = frozenset({"constructed_response"})
MAX_TEXT_LENGTH = 20_000  # characters of a written answer (about ten pages of Chinese)
CENT = Decimal("0.01")


class AnswerError(ValueError):
    """An answer that does not fit its item (wrong shape, index out of range…)."""


@dataclass(frozen=True)
class ResponseScore:
    """Points for one response: ``points`` is None when a marker must score it."""

    points: Decimal | None
    max_points: Decimal
    status: str  # "scored" | "unanswered" | "needs_marking"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(content: dict, key: str) -> int:
    rows = content.get(key)
    return len(rows) if isinstance(rows, list) else 0


def _index(value: Any, n: int, what: str) -> int:
    if not _is_int(value) or not 0 <= value < n:
        raise AnswerError(f"{what} must be a whole number from 0 to {n - 1}.")
    return value


def _number(answer: Any) -> float:
    if isinstance(answer, Real) and not isinstance(answer, bool):
        value = float(answer)
    elif isinstance(answer, str):
        text = unicodedata.normalize("NFKC", answer).strip().replace(",", "")
        try:
            value = float(text)
        except ValueError as exc:
            raise AnswerError("The answer must be a number.") from exc
    else:
        raise AnswerError("The answer must be a number.")
    if not math.isfinite(value):
        raise AnswerError("The answer must be a finite number.")
    return value


def _text(answer: Any) -> str:
    if not isinstance(answer, str):
        raise AnswerError("The answer must be text.")
    if len(answer) > MAX_TEXT_LENGTH:
        raise AnswerError(f"The answer is longer than {MAX_TEXT_LENGTH} characters.")
    return answer


def _choices(content: dict, answer: Any) -> set[int]:
    n = _count(content, "options")
    if not isinstance(answer, list):
        raise AnswerError("The answer must be a list of option numbers.")
    chosen = [_index(v, n, "An option number") for v in answer]
    if len(set(chosen)) != len(chosen):
        raise AnswerError("An option is chosen twice.")
    return set(chosen)


def _permutation(content: dict, answer: Any) -> list[int]:
    n = _count(content, "options")
    if not isinstance(answer, list) or sorted(answer) != list(range(n)):
        raise AnswerError("The answer must list every option exactly once.")
    if not all(_is_int(v) for v in answer):
        raise AnswerError("The answer must list every option exactly once.")
    return list(answer)


def _pairs(content: dict, answer: Any) -> dict[int, int]:
    n_prompts, n_responses = _count(content, "prompts"), _count(content, "responses")
    if not isinstance(answer, list):
        raise AnswerError("The answer must be a list of [prompt, response] pairs.")
    pairs: dict[int, int] = {}
    for pair in answer:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise AnswerError("The answer must be a list of [prompt, response] pairs.")
        prompt = _index(pair[0], n_prompts, "A prompt number")
        response = _index(pair[1], n_responses, "A response number")
        if prompt in pairs:
            raise AnswerError("A prompt is matched twice.")
        pairs[prompt] = response
    return pairs


_VALIDATORS: dict[str, Callable[[dict, Any], Any]] = {
    "single_choice": lambda c, a: _index(a, _count(c, "options"), "The option number"),
    "multiple_response": _choices,
    "true_false": lambda c, a: (
        a if isinstance(a, bool) else _raise("The answer must be true or false.")
    ),
    "numeric": lambda c, a: _number(a),
    "short_text": lambda c, a: _text(a),
    "ordering": _permutation,
    "matching": _pairs,
    "constructed_response": lambda c, a: _text(a),
}


def _raise(message: str) -> Any:
    raise AnswerError(message)


def answer_validate(item_type: str, content: dict, answer: Any) -> None:
    """Refuse an answer that does not fit the item (raises :class:`AnswerError`)."""
    if answer is None:
        return
    if item_type not in _VALIDATORS:
        raise AnswerError(f"Unknown item type: {item_type}.")
    _VALIDATORS[item_type](content, answer)


# --- credit per type ---------------------------------------------------------------------------


def _rule(content: dict) -> str:
    return content.get("partial_credit") or "all_or_nothing"


def _single_choice(content: dict, answer: Any) -> Fraction:
    index = _index(answer, _count(content, "options"), "The option number")
    return Fraction(1 if content["options"][index].get("correct") is True else 0)


def _multiple_response(content: dict, answer: Any) -> Fraction:
    chosen = _choices(content, answer)
    options = content.get("options", [])
    keyed = {i for i, o in enumerate(options) if o.get("correct") is True}
    rule = _rule(content)
    if rule == "proportional":
        if not chosen:
            return Fraction(0)
        decided_right = sum((i in chosen) == (i in keyed) for i in range(len(options)))
        return Fraction(decided_right, len(options))
    if rule == "right_minus_wrong":
        right, wrong = len(chosen & keyed), len(chosen - keyed)
        return max(Fraction(0), Fraction(right - wrong, max(len(keyed), 1)))
    return Fraction(1 if chosen == keyed else 0)


def _true_false(content: dict, answer: Any) -> Fraction:
    if not isinstance(answer, bool):
        raise AnswerError("The answer must be true or false.")
    return Fraction(1 if answer is content.get("key") else 0)


def _numeric(content: dict, answer: Any) -> Fraction:
    value = _number(answer)
    target = float(content["value"])
    tolerance = float(content.get("tolerance", 0) or 0)
    allowance = 1e-9 * max(1.0, abs(target))
    return Fraction(1 if abs(value - target) <= tolerance + allowance else 0)


_SPACES = re.compile(r"\s+")


def _normalise(text: str, content: dict) -> str:
    options = set(content.get("normalise") or ())
    if "width" in options:
        text = unicodedata.normalize("NFKC", text)
    if "punctuation" in options:
        text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    if "whitespace" in options:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    return text if content.get("case_sensitive") else text.casefold()


def _short_text(content: dict, answer: Any) -> Fraction:
    given = _normalise(_text(answer), content)
    if not given:
        return Fraction(0)
    accepted = {_normalise(a, content) for a in content.get("answers", []) if isinstance(a, str)}
    if given in accepted:
        return Fraction(1)
    flags = 0 if content.get("case_sensitive") else re.IGNORECASE
    for pattern in content.get("patterns", []) or []:
        try:
            if re.fullmatch(pattern, given, flags):
                return Fraction(1)
        except re.error:
            continue  # content validation refuses bad patterns; never fail a candidate for one
    return Fraction(0)


def _ordering(content: dict, answer: Any) -> Fraction:
    order = _permutation(content, answer)
    key = list(content.get("key", []))
    rule = _rule(content)
    if rule not in ("proportional", "right_minus_wrong"):
        return Fraction(1 if order == key else 0)
    n = len(key)
    if n < 2:
        return Fraction(1 if order == key else 0)
    rank = {option: position for position, option in enumerate(key)}
    placed = [rank[option] for option in order]
    concordant = sum(1 for i, j in combinations(range(n), 2) if placed[i] < placed[j])
    total = n * (n - 1) // 2
    if rule == "proportional":
        return Fraction(concordant, total)
    return max(Fraction(0), Fraction(concordant - (total - concordant), total))


def _matching(content: dict, answer: Any) -> Fraction:
    pairs = _pairs(content, answer)
    key = {int(p): int(r) for p, r in content.get("key", [])}
    right = sum(1 for p, r in pairs.items() if key.get(p) == r)
    wrong = len(pairs) - right
    rule = _rule(content)
    if rule == "proportional":
        return Fraction(right, max(len(key), 1))
    if rule == "right_minus_wrong":
        return max(Fraction(0), Fraction(right - wrong, max(len(key), 1)))
    return Fraction(1 if pairs == key else 0)


_CREDIT: dict[str, Callable[[dict, Any], Fraction]] = {
    "single_choice": _single_choice,
    "multiple_response": _multiple_response,
    "true_false": _true_false,
    "numeric": _numeric,
    "short_text": _short_text,
    "ordering": _ordering,
    "matching": _matching,
}


def credit(item_type: str, content: dict, answer: Any) -> Fraction | None:
    """Share of the item's points earned by ``answer`` (0 when unanswered).

    ``None`` for item types scored by markers (constructed response). Raises
    :class:`AnswerError` when the answer does not fit the item.
    """
    if item_type in MARKED:
        return None
    if item_type not in _CREDIT:
        raise AnswerError(f"Unknown item type: {item_type}.")
    if answer is None:
        return Fraction(0)
    return _CREDIT[item_type](content, answer)


def response_score(
    *, item_type: str, content: dict, answer: Any, max_points: Decimal
) -> ResponseScore:
    """Points for one response, rounded half-up to hundredths of a point.

    An answer that no longer fits the item (which the save service prevents) scores zero rather
    than failing the whole submission.
    """
    max_points = Decimal(max_points)
    if item_type in MARKED:
        if answer is None:
            return ResponseScore(Decimal(0), max_points, "unanswered")
        return ResponseScore(None, max_points, "needs_marking")
    if answer is None:
        return ResponseScore(Decimal(0), max_points, "unanswered")
    try:
        share = credit(item_type, content, answer)
    except AnswerError:
        share = Fraction(0)
    assert share is not None
    points = (Decimal(share.numerator) / Decimal(share.denominator) * max_points).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return ResponseScore(points, max_points, "scored")
