"""Scoring rules of every item type, including partial credit (pure: no database)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from aicert.delivery.scoring import AnswerError, answer_validate, credit, response_score
from tests.delivery.conftest import CONTENT


def _mr(rule: str) -> dict:
    return {**CONTENT["multiple_response"], "partial_credit": rule}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(2, 1), (0, 0), (3, 0)],
)
def test_single_choice(answer, expected):
    assert credit("single_choice", CONTENT["single_choice"], answer) == expected


@pytest.mark.parametrize(
    ("rule", "answer", "expected"),
    [
        # keys are options 0 and 2 of four
        ("all_or_nothing", [0, 2], Fraction(1)),
        ("all_or_nothing", [2, 0], Fraction(1)),
        ("all_or_nothing", [0], Fraction(0)),
        ("all_or_nothing", [0, 1, 2], Fraction(0)),
        # proportional: share of the four options decided right; an empty answer earns nothing
        ("proportional", [0, 2], Fraction(1)),
        ("proportional", [0], Fraction(3, 4)),
        ("proportional", [0, 1], Fraction(2, 4)),
        ("proportional", [0, 1, 2, 3], Fraction(2, 4)),
        ("proportional", [1, 3], Fraction(0)),
        ("proportional", [], Fraction(0)),
        # right minus wrong, over the two keys, floored at zero
        ("right_minus_wrong", [0, 2], Fraction(1)),
        ("right_minus_wrong", [0], Fraction(1, 2)),
        ("right_minus_wrong", [0, 1], Fraction(0)),
        ("right_minus_wrong", [0, 1, 2], Fraction(1, 2)),
        ("right_minus_wrong", [1, 3], Fraction(0)),
    ],
)
def test_multiple_response_partial_credit(rule, answer, expected):
    assert credit("multiple_response", _mr(rule), answer) == expected


def test_multiple_response_defaults_to_all_or_nothing():
    content = {k: v for k, v in CONTENT["multiple_response"].items() if k != "partial_credit"}
    assert credit("multiple_response", content, [0]) == 0
    assert credit("multiple_response", content, [0, 2]) == 1


@pytest.mark.parametrize(("answer", "expected"), [(True, 1), (False, 0)])
def test_true_false(answer, expected):
    assert credit("true_false", CONTENT["true_false"], answer) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(0.5, 1), (0.509, 1), (0.49, 1), (0.52, 0), ("0.5", 1), ("０.５", 1), ("1,000", 0), (0, 0)],
)
def test_numeric_with_tolerance(answer, expected):
    assert credit("numeric", CONTENT["numeric"], answer) == expected


def test_numeric_exact_when_no_tolerance():
    content = {"stem": "?", "value": 0.3}
    assert credit("numeric", content, 0.1 + 0.2) == 1  # rounding allowance, not a tolerance
    assert credit("numeric", content, 0.31) == 0


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("LLM", 1), ("llm", 1), ("  ＬＬＭ ", 1), ("L L M", 0), ("GPT", 0), ("", 0)],
)
def test_short_text_normalisation(answer, expected):
    assert credit("short_text", CONTENT["short_text"], answer) == expected


def test_short_text_case_sensitive_punctuation_and_patterns():
    content = {
        "stem": "?",
        "answers": ["ReLU"],
        "case_sensitive": True,
        "normalise": ["punctuation"],
    }
    assert credit("short_text", content, "ReLU.") == 1
    assert credit("short_text", content, "relu") == 0
    patterns = {"stem": "?", "patterns": [r"gradient\s+descent"]}
    assert credit("short_text", patterns, "Gradient   Descent") == 1
    assert credit("short_text", patterns, "stochastic gradient descent") == 0  # whole answer


def test_ordering_all_or_nothing_and_kendall_partial_credit():
    content = {
        "stem": "?",
        "options": [{"text": t} for t in "abcd"],
        "key": [0, 1, 2, 3],
    }
    assert credit("ordering", content, [0, 1, 2, 3]) == 1
    assert credit("ordering", content, [1, 0, 2, 3]) == 0
    proportional = {**content, "partial_credit": "proportional"}
    assert credit("ordering", proportional, [1, 0, 2, 3]) == Fraction(5, 6)  # 5 of 6 pairs
    assert credit("ordering", proportional, [3, 2, 1, 0]) == 0
    rmw = {**content, "partial_credit": "right_minus_wrong"}
    assert credit("ordering", rmw, [1, 0, 2, 3]) == Fraction(4, 6)  # Kendall's tau
    assert credit("ordering", rmw, [3, 2, 1, 0]) == 0


def test_matching_rules():
    content = CONTENT["matching"]  # key: 0->1, 1->0
    assert credit("matching", content, [[0, 1], [1, 0]]) == 1
    assert credit("matching", content, [[1, 0], [0, 1]]) == 1  # pair order is irrelevant
    assert credit("matching", content, [[0, 1]]) == 0
    proportional = {**content, "partial_credit": "proportional"}
    assert credit("matching", proportional, [[0, 1]]) == Fraction(1, 2)
    assert credit("matching", proportional, [[0, 1], [1, 2]]) == Fraction(1, 2)
    rmw = {**content, "partial_credit": "right_minus_wrong"}
    assert credit("matching", rmw, [[0, 1], [1, 2]]) == 0
    assert credit("matching", rmw, [[0, 1]]) == Fraction(1, 2)


def test_constructed_response_is_left_to_markers():
    assert credit("constructed_response", CONTENT["constructed_response"], "...") is None
    score = response_score(
        item_type="constructed_response",
        content=CONTENT["constructed_response"],
        answer="偏差與變異…",
        max_points=Decimal(4),
    )
    assert score.points is None and score.status == "needs_marking"


def test_response_score_scales_and_rounds_points():
    score = response_score(
        item_type="multiple_response",
        content=_mr("proportional"),
        answer=[0, 1, 2],  # 3 of 4 decided right
        max_points=Decimal("2.5"),
    )
    assert score.points == Decimal("1.88") and score.status == "scored"
    blank = response_score(
        item_type="single_choice", content=CONTENT["single_choice"], answer=None, max_points=1
    )
    assert blank.points == 0 and blank.status == "unanswered"


@pytest.mark.parametrize(
    ("item_type", "answer"),
    [
        ("single_choice", 4),
        ("single_choice", True),
        ("single_choice", "2"),
        ("multiple_response", [0, 0]),
        ("multiple_response", 1),
        ("true_false", 1),
        ("numeric", "abc"),
        ("numeric", float("nan")),
        ("short_text", 12),
        ("ordering", [0, 1]),
        ("ordering", [0, 1, 1]),
        ("matching", [[0, 1], [0, 2]]),
        ("matching", [[2, 0]]),
        ("matching", [0, 1]),
        ("constructed_response", ["x"]),
    ],
)
def test_answers_that_do_not_fit_are_refused(item_type, answer):
    with pytest.raises(AnswerError):
        answer_validate(item_type, CONTENT[item_type], answer)


def test_clearing_an_answer_is_allowed():
    for item_type, content in CONTENT.items():
        answer_validate(item_type, content, None)
