# ruff: noqa: F811  (fixtures imported from the delivery tests are used as parameters)
"""A sat form with objective items and a written answer, markers, and helpers to sit it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from aicert.accounts.models import User
from aicert.accounts.roles import Role
from aicert.delivery import services as delivery
from aicert.delivery.models import Attempt, Form
from aicert.scoring.models import MarkerProfile
from tests.delivery.conftest import (  # noqa: F401  (fixtures)
    CONTENT,
    T0,
    bank,
    checked_in,
    dworld,
    make_attempt,
    make_item,
    manager,
    mixed_form,
    publish_form,
)
from tests.factories import person

MARKERS = ("marker_a", "marker_b", "marker_c")

ESSAY = {
    "stem": "問答題：說明偏差與變異的權衡，並舉一例。",
    "rubric": {
        "criteria": [
            {
                "name": "概念正確",
                "levels": [
                    {"score": 0, "descriptor": "錯誤或空白"},
                    {"score": 1, "descriptor": "部分正確"},
                    {"score": 2, "descriptor": "完整正確"},
                ],
            },
            {
                "name": "舉例",
                "levels": [
                    {"score": 0, "descriptor": "無例子"},
                    {"score": 1, "descriptor": "例子不完整"},
                    {"score": 2, "descriptor": "例子恰當"},
                    {"score": 3, "descriptor": "例子恰當且有分析"},
                ],
            },
        ]
    },
}
ESSAY_EN = {
    "stem": "Essay: explain the bias-variance trade-off with an example.",
    "rubric": {
        "criteria": [
            {
                "name": "Concept",
                "levels": [
                    {"score": 0, "descriptor": "Wrong"},
                    {"score": 1, "descriptor": "Partly right"},
                    {"score": 2, "descriptor": "Right"},
                ],
            },
            {
                "name": "Example",
                "levels": [
                    {"score": 0, "descriptor": "None"},
                    {"score": 1, "descriptor": "Incomplete"},
                    {"score": 2, "descriptor": "Apt"},
                    {"score": 3, "descriptor": "Apt, analysed"},
                ],
            },
        ]
    },
}
SUBMIT_AT = T0 + dt.timedelta(minutes=30)
ANSWER_TEXT = "偏差高代表模型太簡單（欠擬合），變異高代表過度擬合。例如多項式迴歸的次數。"


@dataclass
class ScoringWorld:
    form: Form
    choice_fi: int
    tf_fi: int
    essay_fi: int
    markers: list[User]
    senior: User


@pytest.fixture
def sworld(dworld, make_item) -> ScoringWorld:
    """Form: #1 single choice (key option 2, 1 point), #2 true/false (key true, 1 point),
    #3 essay (rubric 0..5, 5 points). Three markers, one of them senior."""
    versions = [
        make_item(item_type="single_choice", content=CONTENT["single_choice"]),
        make_item(item_type="true_false", content=CONTENT["true_false"]),
        make_item(item_type="constructed_response", content=ESSAY, content_en=ESSAY_EN),
    ]
    form = publish_form(dworld, versions, points=[1, 1, 5])
    ids = {fi.position: fi.pk for fi in form.items.all()}
    markers = [person(name, Role.MARKER, dworld.foundation) for name in MARKERS]
    MarkerProfile.objects.create(user=markers[2], senior=True)
    return ScoringWorld(form, ids[1], ids[2], ids[3], markers[:2], markers[2])


@pytest.fixture
def sit(dworld, sworld, make_attempt):
    """Sit the form as ``candidate`` with answers {position: answer}; returns the ended attempt."""

    def run(candidate=None, answers=None) -> Attempt:
        candidate = candidate or dworld.candidate
        attempt = make_attempt(candidate=candidate, form=sworld.form)
        attempt = delivery.attempt_start(actor=candidate, attempt=attempt, now=T0)
        ids = {1: sworld.choice_fi, 2: sworld.tf_fi, 3: sworld.essay_fi}
        answers = {1: 2, 2: True, 3: ANSWER_TEXT} if answers is None else answers
        for seq, (position, answer) in enumerate(answers.items(), start=1):
            delivery.response_save(
                actor=candidate,
                attempt=attempt,
                form_item_id=ids[position],
                answer=answer,
                seq=seq,
                now=T0 + dt.timedelta(minutes=seq),
            )
        attempt = delivery.attempt_submit(actor=candidate, attempt=attempt, now=SUBMIT_AT)
        attempt.refresh_from_db()
        return attempt

    return run


@pytest.fixture
def no_results(monkeypatch):
    """Record result_refresh calls instead of computing results (the results app is not tested
    here)."""
    calls: list[tuple[int, str]] = []

    def fake(*, attempt, actor=None, reason: str):
        calls.append((attempt.pk, reason))

    monkeypatch.setattr("aicert.results.services.result_refresh", fake)
    return calls
