"""Item challenges: numbering as the candidate saw it, window, re-key / several keys / drop with
rescoring of every affected attempt (before and after recorded)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.delivery.models import Response
from aicert.itembank.models import ItemVersion
from aicert.scoring import selectors, services
from aicert.scoring.models import (
    ChallengeStatus,
    ItemChallenge,
    RescoreRecord,
    ScoringOverride,
)
from tests.scoring.conftest import SUBMIT_AT, T0

AFTER = SUBMIT_AT + dt.timedelta(hours=2)


def _number_of(attempt, form_item_id) -> int:
    return selectors.displayed_form_item_ids(attempt=attempt).index(form_item_id) + 1


def test_candidate_challenges_by_the_number_on_their_screen(sworld, sit, dworld):
    attempt = sit()
    number = _number_of(attempt, sworld.choice_fi)
    challenge = services.challenge_create(
        actor=dworld.candidate, attempt=attempt, number=number, reason="選項 C 也對", now=AFTER
    )
    assert challenge.form_item_id == sworld.choice_fi
    assert challenge.displayed_number == number
    assert challenge.status == ChallengeStatus.OPEN
    assert AuditEvent.objects.filter(action="challenge.create").count() == 1


def test_challenge_rules(sworld, sit, dworld, english):
    attempt = sit()
    with pytest.raises(PermissionDenied):
        services.challenge_create(
            actor=dworld.other_candidate, attempt=attempt, number=1, reason="x", now=AFTER
        )
    with pytest.raises(ValidationError, match="from 1 to 3"):
        services.challenge_create(
            actor=dworld.candidate, attempt=attempt, number=4, reason="x", now=AFTER
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.challenge_create(
            actor=dworld.candidate, attempt=attempt, number=1, reason=" ", now=AFTER
        )
    # The window: session end + 3 days (the default policy).
    closes = dworld.session.ends_at + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="window is closed"):
        services.challenge_create(
            actor=dworld.candidate,
            attempt=attempt,
            number=1,
            reason="x",
            now=closes + dt.timedelta(seconds=1),
        )
    services.challenge_create(
        actor=dworld.candidate, attempt=attempt, number=1, reason="x", now=closes
    )
    with pytest.raises(ValidationError, match="already challenged"):
        services.challenge_create(
            actor=dworld.candidate, attempt=attempt, number=1, reason="again", now=AFTER
        )


def test_no_challenge_before_hand_in(sworld, dworld, make_attempt, english):
    from aicert.delivery import services as delivery

    attempt = make_attempt(form=sworld.form)
    attempt = delivery.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)
    with pytest.raises(ValidationError, match="handed in"):
        services.challenge_create(
            actor=dworld.candidate, attempt=attempt, number=1, reason="x", now=T0
        )


def _two_sittings(sit, dworld):
    right = sit()  # option 2 (the key)
    other = sit(candidate=dworld.other_candidate, answers={1: 1, 2: True})  # option 1
    return right, other


def test_rekey_rescores_every_attempt_with_before_and_after(sworld, sit, dworld, no_results):
    right, other = _two_sittings(sit, dworld)
    services.challenge_create(
        actor=dworld.other_candidate,
        attempt=other,
        number=_number_of(other, sworld.choice_fi),
        reason="B 才是正確答案",
        now=AFTER,
    )
    form_item = sworld.form.items.get(pk=sworld.choice_fi)
    version_before = ItemVersion.objects.get(pk=form_item.item_version_id).content_zh
    decision = services.challenge_decide(
        actor=dworld.psychometrician,
        form_item=form_item,
        action="rekey",
        keys=[{"correct": [1]}],
        reason="原答案有誤",
        now=AFTER,
    )
    # The version is untouched; the override carries the new key for this form only.
    assert ItemVersion.objects.get(pk=form_item.item_version_id).content_zh == version_before
    assert ScoringOverride.objects.get(form_item=form_item).keys == [{"correct": [1]}]
    assert ItemChallenge.objects.get().status == ChallengeStatus.UPHELD
    records = {r.attempt_id: r for r in RescoreRecord.objects.filter(decision=decision)}
    assert set(records) == {right.pk, other.pk}
    assert (records[right.pk].points_before, records[right.pk].points_after) == (2, 1)
    assert (records[other.pk].points_before, records[other.pk].points_after) == (1, 2)
    assert records[other.pk].items == [
        {"form_item": sworld.choice_fi, "position": 1, "points": ["0.00", "1.00"]}
    ]
    right.refresh_from_db()
    assert right.score_points == Decimal(1)
    # ``right`` still awaits its essay marks: only ``other`` (no essay) is refreshed.
    assert no_results == [(other.pk, "challenge")]
    audit = AuditEvent.objects.filter(action="attempt.rescore", target_id=str(other.pk)).get()
    assert audit.changes["score_points"] == ["1.00", "2.00"]


def test_several_keys_never_lower_a_score(sworld, sit, dworld, no_results):
    right, other = _two_sittings(sit, dworld)
    form_item = sworld.form.items.get(pk=sworld.choice_fi)
    services.challenge_decide(
        actor=dworld.psychometrician,
        form_item=form_item,
        action="multiple_keys",
        keys=[{"correct": [2]}, {"correct": [1]}],
        reason="兩者皆可",
        now=AFTER,
    )
    right.refresh_from_db()
    other.refresh_from_db()
    assert right.score_points == Decimal(2) and other.score_points == Decimal(2)


def test_drop_counts_the_item_for_nobody_and_refreshes_results(sworld, sit, dworld, no_results):
    attempt = sit(answers={1: 2, 2: False})  # no essay: fully scored, 1 of 7
    assert attempt.needs_marking is False
    services.challenge_decide(
        actor=dworld.psychometrician,
        form_item=sworld.form.items.get(pk=sworld.tf_fi),
        action="drop",
        reason="題意不清",
        now=AFTER,
    )
    attempt.refresh_from_db()
    assert (attempt.score_points, attempt.score_max) == (Decimal(1), Decimal(6))
    response = Response.objects.get(attempt=attempt, form_item_id=sworld.tf_fi)
    assert response.score_status == selectors.DROPPED_STATUS and response.points is None
    scores = {s.form_item_id: s for s in selectors.attempt_item_scores(attempt=attempt)}
    assert scores[sworld.tf_fi].counted is False
    assert scores[sworld.essay_fi].counted is True
    record = RescoreRecord.objects.get(attempt=attempt)
    assert (record.max_before, record.max_after) == (Decimal(7), Decimal(6))
    assert no_results == [(attempt.pk, "challenge")]


def test_reject_changes_nothing(sworld, sit, dworld, no_results):
    attempt = sit(answers={1: 1, 2: True})
    services.challenge_create(
        actor=dworld.candidate,
        attempt=attempt,
        number=_number_of(attempt, sworld.choice_fi),
        reason="我覺得 B 對",
        now=AFTER,
    )
    services.challenge_decide(
        actor=dworld.psychometrician,
        form_item=sworld.form.items.get(pk=sworld.choice_fi),
        action="reject",
        reason="答案無誤",
        now=AFTER,
    )
    assert ItemChallenge.objects.get().status == ChallengeStatus.REJECTED
    assert not ScoringOverride.objects.exists() and not RescoreRecord.objects.exists()
    assert no_results == []


def test_bad_decisions_are_refused_with_nothing_changed(sworld, sit, dworld, english):
    sit()
    choice = sworld.form.items.get(pk=sworld.choice_fi)
    essay = sworld.form.items.get(pk=sworld.essay_fi)
    cases = [
        (choice, "rekey", [{"correct": [1, 2]}], "exactly one option"),
        (choice, "rekey", [{"correct": [9]}], "option numbers"),
        (choice, "multiple_keys", [{"correct": [1]}], "at least two"),
        (choice, "rekey", [], "exactly one key"),
        (essay, "rekey", [{"correct": [0]}], "only be dropped"),
        (choice, "drop", [{"correct": [1]}], "no key"),
        (choice, "rekey", [{"key": True}], "Unexpected field"),
    ]
    for form_item, action, keys, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.challenge_decide(
                actor=dworld.psychometrician,
                form_item=form_item,
                action=action,
                keys=keys,
                reason="r",
                now=AFTER,
            )
    with pytest.raises(PermissionDenied):
        services.challenge_decide(
            actor=dworld.admin, form_item=choice, action="drop", reason="r", now=AFTER
        )
    assert not ScoringOverride.objects.exists() and not RescoreRecord.objects.exists()


def test_true_false_rekey(sworld, sit, dworld, no_results):
    attempt = sit(answers={1: 2, 2: False})
    services.challenge_decide(
        actor=dworld.psychometrician,
        form_item=sworld.form.items.get(pk=sworld.tf_fi),
        action="rekey",
        keys=[{"key": False}],
        reason="敘述應為錯",
        now=AFTER,
    )
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal(2)
