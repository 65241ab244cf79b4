"""The item editor through the test client: every item type, its bad input, and the preview."""

import pytest
from django.urls import reverse

from aicert.itembank.models import Item, ItemStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _meta(world, item_type: str, **extra) -> dict:
    return {
        "item_type": item_type,
        "level": world.level.pk,
        "subject": world.subject.pk,
        "domain": world.domain.pk,
        "cognitive_level": "apply",
        "difficulty": "hard",
        **extra,
    }


CASES = {
    "single_choice": (
        {
            "stem_zh": "計算 $x^2$ 的導數",
            "stem_en": "Differentiate $x^2$",
            "key": "1",
            "option0_zh": "$x$",
            "option0_en": "$x$",
            "option1_zh": "$2x$",
            "option1_en": "$2x$",
            "rationale1_zh": "冪次法則",
            "references_zh": "微積分課本 3.1",
        },
        lambda c: (
            c["options"][1] == {"text": "$2x$", "rationale": "冪次法則", "correct": True}
            and len(c["options"]) == 2
            and c["references"] == "微積分課本 3.1"
        ),
        {"key": ""},
        "key",
    ),
    "multiple_response": (
        {
            "stem_zh": "哪些是監督式學習？",
            "partial_credit": "proportional",
            "option0_zh": "線性迴歸",
            "correct0": "on",
            "option1_zh": "K-means",
            "option2_zh": "決策樹",
            "correct2": "on",
        },
        lambda c: (
            [o["correct"] for o in c["options"]] == [True, False, True]
            and c["partial_credit"] == "proportional"
        ),
        {"correct0": "", "correct2": ""},
        None,  # "mark at least one option as correct" is about the options as a whole
    ),
    "true_false": (
        {"stem_zh": "過擬合會降低測試誤差", "key": "false", "rationale_false_zh": "會提高"},
        lambda c: c["key"] is False and c["rationale_false"] == "會提高",
        {"key": ""},
        "key",
    ),
    "numeric": (
        {"stem_zh": "精確率是多少？", "value": "0.75", "tolerance": "0.01", "unit_zh": ""},
        lambda c: c["value"] == 0.75 and c["tolerance"] == 0.01,
        {"value": "三"},
        "value",
    ),
    "short_text": (
        {
            "stem_zh": "縮寫 CNN 的全名？",
            "answers_zh": "卷積神經網路\n摺積神經網路",
            "patterns_zh": "^卷積.*$",
            "normalise": ["width", "whitespace"],
        },
        lambda c: (
            c["answers"] == ["卷積神經網路", "摺積神經網路"]
            and c["patterns"] == ["^卷積.*$"]
            and c["normalise"] == ["width", "whitespace"]
            and c["case_sensitive"] is False
        ),
        {"patterns_zh": "(unclosed"},
        "patterns_zh",
    ),
    "ordering": (
        {
            "stem_zh": "排出模型開發流程",
            "option0_zh": "評估",
            "position0": "3",
            "option1_zh": "收集資料",
            "position1": "1",
            "option2_zh": "訓練",
            "position2": "2",
        },
        lambda c: c["key"] == [1, 2, 0] and [o["text"] for o in c["options"]][1] == "收集資料",
        {"position2": "1"},
        "position2",
    ),
    "matching": (
        {
            "stem_zh": "配對指標與用途",
            "prompt0_zh": "精確率",
            "match0": "1",
            "prompt1_zh": "召回率",
            "match1": "0",
            "response0_zh": "漏判的代價高",
            "response1_zh": "誤判的代價高",
        },
        lambda c: c["key"] == [[0, 1], [1, 0]] and len(c["responses"]) == 2,
        {"match1": ""},
        "match1",
    ),
    "constructed_response": (
        {
            "stem_zh": "說明偏差與變異的權衡",
            "criterion0_zh": "正確性",
            "score0_0": "0",
            "descriptor0_0_zh": "錯誤",
            "score0_1": "2",
            "descriptor0_1_zh": "完整正確",
        },
        lambda c: c["rubric"]["criteria"][0]["levels"][1] == {"score": 2, "descriptor": "完整正確"},
        {"descriptor0_1_zh": "", "score0_1": "0"},
        "score0_0",  # two levels with the same score: shown beside the criterion's scores
    ),
}


@pytest.mark.parametrize("item_type", list(CASES))
def test_writer_creates_each_item_type(world, login, item_type):
    fields, check, _, _ = CASES[item_type]
    client = login(world.writer)
    assert client.get(reverse("itembank:item_create"), {"type": item_type}).status_code == 200
    response = client.post(
        reverse("itembank:item_create"),
        _meta(world, item_type, extra_domains=[world.other_domain.pk]) | fields,
    )
    assert response.status_code == 302, response.context["form"].errors
    item = Item.objects.get()
    version = item.versions.get()
    assert version.item_type == item_type and item.status == ItemStatus.DRAFT
    assert check(version.content_zh), version.content_zh
    assert list(item.extra_domains.all()) == [world.other_domain]
    assert item.cognitive_level == "apply" and item.difficulty == "hard"
    # The editor opens the stored version again with what was saved.
    edit = client.get(reverse("itembank:item_edit", args=[item.pk]))
    assert edit.status_code == 200
    assert edit.context["form"].initial["stem_zh"] == fields["stem_zh"]


@pytest.mark.parametrize("item_type", list(CASES))
def test_bad_input_shows_the_error_by_its_field_and_keeps_what_was_typed(world, login, item_type):
    fields, _, bad, error_field = CASES[item_type]
    client = login(world.writer)
    response = client.post(reverse("itembank:item_create"), _meta(world, item_type) | fields | bad)
    assert response.status_code == 200
    form = response.context["form"]
    if error_field:
        assert form.errors.get(error_field), form.errors
    else:
        assert form.non_field_errors()
    page = response.content.decode()
    assert fields["stem_zh"] in page  # nothing typed is lost
    assert not Item.objects.exists()


def test_empty_english_option_is_reported_beside_that_field(world, login):
    client = login(world.writer)
    data = _meta(world, "single_choice") | CASES["single_choice"][0] | {"option1_en": ""}
    response = client.post(reverse("itembank:item_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("option1_en")
    assert not Item.objects.exists()


def test_metadata_mismatch_and_missing_stem(world, login):
    from tests.factories import CompetencyDomainFactory

    # A domain of another certification of the same foundation.
    foreign = CompetencyDomainFactory(certification__issuer=world.foundation, code="9")
    client = login(world.writer)
    data = _meta(world, "true_false", domain=foreign.pk) | {"stem_zh": "", "key": "true"}
    form = client.post(reverse("itembank:item_create"), data).context["form"]
    assert form.errors.get("stem_zh")
    form = client.post(reverse("itembank:item_create"), data | {"stem_zh": "敘述"}).context["form"]
    assert form.errors.get("domain")
    assert not Item.objects.exists()


def test_revision_changes_type_metadata_and_enemies(world, login, make_item):
    enemy = make_item()
    item = make_item()
    client = login(world.writer)
    data = _meta(world, "numeric", co_authors=[world.co_author.pk], enemies=[enemy.pk]) | {
        "stem_zh": "新題幹",
        "value": "3",
        "change_note": "numeric now",
    }
    response = client.post(reverse("itembank:item_edit", args=[item.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert item.versions.count() == 2
    assert item.versions.order_by("-number").first().content_zh["value"] == 3
    assert list(item.enemies.all()) == [enemy] and list(enemy.enemies.all()) == [item]
    assert list(item.co_authors.all()) == [world.co_author]


def test_preview_renders_markdown_math_and_code_and_lists_problems(world, login):
    client = login(world.writer)
    data = _meta(world, "single_choice") | {
        "stem_zh": "求 $\\frac{a}{b}$\n\n```python\nprint(1)\n```\n\n<script>alert(1)</script>",
        "option0_zh": "**甲**",
    }
    response = client.post(reverse("itembank:item_preview"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="math math-inline">$\\frac{a}{b}$</span>' in html
    assert '<span class="nb">print</span>' in html
    assert "<strong>甲</strong>" in html
    assert "<script" not in html
    assert 'class="preview-problems"' in html and "請選擇正確選項。" in html  # blocks saving
    assert not Item.objects.exists()
    # Only writers preview.
    assert login(world.candidate).post(reverse("itembank:item_preview"), data).status_code == 403


def test_item_detail_renders_every_type_through_the_shared_partial(world, login):
    client = login(world.writer)
    for item_type, (fields, _, _, _) in CASES.items():
        client.post(reverse("itembank:item_create"), _meta(world, item_type) | fields)
    assert Item.objects.count() == len(CASES)
    for item in Item.objects.all():
        page = client.get(reverse("itembank:item_detail", args=[item.pk]))
        assert page.status_code == 200
        assert 'class="item-render"' in page.content.decode()
