"""Items and their versions, with one content of every item type.

``ItemVersionFactory(item_type=...)`` takes its Chinese content from :data:`CONTENT` unless it is
given; ``ItemFactory`` makes an active item (ready for a form) of a subject, in a domain of the
subject's certification.
"""

from __future__ import annotations

import copy

import factory

from aicert.itembank.models import Item, ItemStatus, ItemVersion
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CompetencyDomainFactory, SubjectFactory


def choice(stem: str, key: int = 1, n: int = 4) -> dict:
    """Single-choice content: ``n`` options, option ``key`` correct, each with a rationale."""
    return {
        "stem": stem,
        "options": [
            {"text": f"{stem} 選項{i}", "rationale": f"理由{i}", "correct": i == key}
            for i in range(n)
        ],
    }


# One content of every item type (Chinese; English where the key must be checked across).
CONTENT = {
    "single_choice": choice("單選題：下列何者是監督式學習？", key=2),
    "multiple_response": {
        "stem": "複選題：下列哪些是分類模型？",
        "options": [
            {"text": "邏輯斯迴歸", "correct": True},
            {"text": "K-means", "correct": False},
            {"text": "決策樹", "correct": True},
            {"text": "主成分分析", "correct": False},
        ],
        "partial_credit": "proportional",
    },
    "true_false": {"stem": "是非題：過度擬合會降低訓練誤差。", "key": True},
    "numeric": {"stem": "數值題：0.25 的平方根？", "value": 0.5, "tolerance": 0.01},
    "short_text": {
        "stem": "簡答題：以縮寫寫出大型語言模型。",
        "answers": ["LLM"],
        "normalise": ["width", "whitespace"],
    },
    "ordering": {
        "stem": "排序題：機器學習流程",
        "options": [{"text": "收集資料"}, {"text": "訓練模型"}, {"text": "評估模型"}],
        "key": [0, 1, 2],
    },
    "matching": {
        "stem": "配合題：模型與任務",
        "prompts": [{"text": "CNN"}, {"text": "RNN"}],
        "responses": [{"text": "序列"}, {"text": "影像"}, {"text": "表格"}],
        "key": [[0, 1], [1, 0]],
    },
    "constructed_response": {
        "stem": "問答題：說明偏差與變異的權衡。",
        "rubric": {
            "criteria": [
                {
                    "name": "正確性",
                    "levels": [
                        {"score": 0, "descriptor": "錯誤"},
                        {"score": 2, "descriptor": "正確"},
                    ],
                }
            ]
        },
    },
}


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    subject = factory.SubFactory(SubjectFactory)
    level = factory.SelfAttribute("subject.level")
    domain = factory.SubFactory(
        CompetencyDomainFactory,
        certification=factory.SelfAttribute("..subject.level.certification"),
    )
    cognitive_level = "understand"
    difficulty = "medium"
    author = factory.SubFactory(UserFactory)
    status = ItemStatus.ACTIVE


class ItemVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemVersion

    item = factory.SubFactory(ItemFactory)
    number = 1
    item_type = "single_choice"
    content_zh = factory.LazyAttribute(lambda o: copy.deepcopy(CONTENT[o.item_type]))
    content_en = factory.LazyFunction(dict)
    created_by = factory.SelfAttribute("item.author")
