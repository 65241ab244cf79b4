"""Content validation per item type: pure checks, no database."""

import pytest
from django.core.exceptions import ValidationError

from aicert.itembank.content import content_validate, field_path_validate
from tests.itembank.conftest import single_choice, single_choice_en

pytestmark = pytest.mark.usefixtures("english")


def _errors(item_type, content_zh, content_en=None) -> str:
    with pytest.raises(ValidationError) as caught:
        content_validate(item_type=item_type, content_zh=content_zh, content_en=content_en or {})
    return " | ".join(caught.value.messages)


def _ok(item_type, content_zh, content_en=None) -> None:
    content_validate(item_type=item_type, content_zh=content_zh, content_en=content_en or {})


def _options(*correct, n=4):
    return [{"text": f"選項{i}", "rationale": "", "correct": i in correct} for i in range(n)]


def test_single_choice_needs_two_options_and_exactly_one_key():
    _ok("single_choice", single_choice(), single_choice_en())
    assert "exactly one correct" in _errors("single_choice", {"stem": "?", "options": _options()})
    assert "exactly one correct" in _errors(
        "single_choice", {"stem": "?", "options": _options(0, 1)}
    )
    assert "at least 2 options" in _errors(
        "single_choice", {"stem": "?", "options": _options(0, n=1)}
    )
    message = _errors("single_choice", {"stem": " ", "options": _options(0)})
    assert "[zh] stem" in message


def test_empty_option_text_is_named_by_its_path():
    content = single_choice()
    content["options"][2]["text"] = ""
    assert "[zh] options[2].text" in _errors("single_choice", content)


def test_english_must_carry_the_same_key():
    assert "different answer keys" in _errors(
        "single_choice", single_choice(key=1), single_choice_en(key=2)
    )
    broken_en = single_choice_en()
    broken_en["stem"] = ""
    assert "[en] stem" in _errors("single_choice", single_choice(), broken_en)


def test_multiple_response_needs_a_key_and_a_known_partial_credit_rule():
    _ok(
        "multiple_response",
        {"stem": "?", "options": _options(0, 2), "partial_credit": "proportional"},
    )
    assert "at least one option" in _errors(
        "multiple_response", {"stem": "?", "options": _options()}
    )
    assert "partial-credit" in _errors(
        "multiple_response", {"stem": "?", "options": _options(1), "partial_credit": "some"}
    )


def test_true_false_key_is_a_boolean():
    _ok("true_false", {"stem": "AI 是人工智慧", "key": True})
    assert "true or false" in _errors("true_false", {"stem": "?", "key": "yes"})


def test_numeric_needs_value_and_non_negative_tolerance():
    _ok("numeric", {"stem": "精確率？", "value": 0.75, "tolerance": 0.01})
    _ok("numeric", {"stem": "個數？", "value": 3})
    assert "number" in _errors("numeric", {"stem": "?", "value": "0.75"})
    assert "tolerance" in _errors("numeric", {"stem": "?", "value": 1, "tolerance": -0.1})
    assert "number" in _errors("numeric", {"stem": "?", "value": True})


def test_short_text_alternatives_and_valid_patterns():
    _ok("short_text", {"stem": "縮寫？", "answers": ["CNN", "卷積神經網路"]})
    _ok("short_text", {"stem": "縮寫？", "patterns": [r"^c\s*n\s*n$"]})
    assert "at least one accepted" in _errors("short_text", {"stem": "?"})
    assert "regular expression" in _errors("short_text", {"stem": "?", "patterns": ["(unclosed"]})


def test_ordering_key_is_a_permutation():
    options = [{"text": t} for t in ["收集資料", "訓練", "評估"]]
    _ok("ordering", {"stem": "排序", "options": options, "key": [0, 1, 2]})
    assert "exactly once" in _errors(
        "ordering", {"stem": "?", "options": options, "key": [0, 0, 2]}
    )
    assert "exactly once" in _errors("ordering", {"stem": "?", "options": options, "key": [0, 1]})


def test_matching_pairs_cover_every_prompt_once():
    prompts = [{"text": "CNN"}, {"text": "RNN"}]
    responses = [{"text": "影像"}, {"text": "序列"}, {"text": "表格"}]
    base = {"stem": "配對", "prompts": prompts, "responses": responses}
    _ok("matching", {**base, "key": [[0, 0], [1, 1]]})
    assert "exactly one response" in _errors("matching", {**base, "key": [[0, 0]]})
    assert "exactly one response" in _errors("matching", {**base, "key": [[0, 0], [1, 5]]})
    assert "exactly one response" in _errors("matching", {**base, "key": [[0, 0], [0, 1]]})


def test_constructed_response_rubric_has_criteria_with_score_levels():
    levels = [{"score": 0, "descriptor": "未作答"}, {"score": 2, "descriptor": "完整"}]
    _ok(
        "constructed_response",
        {"stem": "說明", "rubric": {"criteria": [{"name": "正確性", "levels": levels}]}},
    )
    assert "at least one criterion" in _errors("constructed_response", {"stem": "?", "rubric": {}})
    assert "two score levels" in _errors(
        "constructed_response",
        {"stem": "?", "rubric": {"criteria": [{"name": "x", "levels": levels[:1]}]}},
    )
    same = [{"score": 1, "descriptor": "a"}, {"score": 1, "descriptor": "b"}]
    assert "same score" in _errors(
        "constructed_response",
        {"stem": "?", "rubric": {"criteria": [{"name": "x", "levels": same}]}},
    )


def test_unknown_type_and_field_paths():
    assert "Unknown item type" in _errors("essay", {"stem": "?"})
    for path in ["stem", "options[2]", "rubric.criteria[0].levels[1]"]:
        field_path_validate(path)
    for path in ["", "options[x]", "stem; drop table", "Options"]:
        with pytest.raises(ValidationError):
            field_path_validate(path)
