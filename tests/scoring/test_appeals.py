"""Appeals: window after release, fresh re-markers, objective recheck, upheld / dismissed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.delivery.models import Response
from aicert.scoring import services
from aicert.scoring.models import (
    AppealStatus,
    MarkingKind,
    MarkingStatus,
    MarkingTask,
    RescoreRecord,
)
from tests.scoring.conftest import SUBMIT_AT

RELEASED = SUBMIT_AT + dt.timedelta(days=20)
LATER = SUBMIT_AT + dt.timedelta(hours=1)


@pytest.fixture
def released(monkeypatch):
    monkeypatch.setattr("aicert.scoring.selectors.results_released_at", lambda *, attempt: RELEASED)


def _marked(sit, sworld, no_results):
    """An attempt whose essay was marked 3 and 3 (3.00 of 5): total 5.00 of 7."""
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    for task in MarkingTask.objects.filter(response__attempt=attempt):
        services.mark_submit(
            actor=task.marker, task=task, criterion_scores=[1, 2], comment="ok", now=LATER
        )
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal(5) and not attempt.needs_marking
    return attempt


def _appeal(attempt, dworld, at=RELEASED + dt.timedelta(days=1)):
    return services.appeal_create(
        actor=dworld.candidate, attempt=attempt, reason="我認為申論題給分過低", now=at
    )


def test_upheld_appeal_remarks_by_a_fresh_marker_and_changes_the_score(
    sit, sworld, dworld, no_results, released, django_capture_on_commit_callbacks
):
    attempt = _marked(sit, sworld, no_results)
    no_results.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appeal = _appeal(attempt, dworld)
    assert appeal.status == AppealStatus.SUBMITTED and appeal.score_before == Decimal(5)
    assert len(mail.outbox) == 1  # receipt
    services.appeal_review_start(actor=dworld.admin, appeal=appeal, now=RELEASED)
    task = MarkingTask.objects.get(kind=MarkingKind.APPEAL)
    earlier = set(
        MarkingTask.objects.filter(response=task.response)
        .exclude(pk=task.pk)
        .values_list("marker_id", flat=True)
    )
    assert task.marker_id not in earlier  # a fresh marker
    with pytest.raises(ValidationError):  # re-mark not in yet
        services.appeal_decide(actor=dworld.admin, appeal=appeal, upheld=True, note="n")
    services.mark_submit(
        actor=task.marker, task=task, criterion_scores=[2, 3], comment="完整", now=RELEASED
    )
    # The appeal re-mark alone does not change the score before the decision.
    assert Response.objects.get(pk=task.response_id).points == Decimal("3.00")
    with django_capture_on_commit_callbacks(execute=True):
        appeal = services.appeal_decide(
            actor=dworld.admin, appeal=appeal, upheld=True, note="重新評閱後調整", now=RELEASED
        )
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal(7)
    assert (appeal.status, appeal.score_before, appeal.score_after) == (
        AppealStatus.UPHELD,
        Decimal(5),
        Decimal(7),
    )
    record = RescoreRecord.objects.get(appeal=appeal)
    assert (record.points_before, record.points_after) == (Decimal(5), Decimal(7))
    assert no_results == [(attempt.pk, "appeal")]
    assert len(mail.outbox) == 2 and "7" in mail.outbox[1].body
    assert AuditEvent.objects.filter(action="appeal.decide", target_id=str(appeal.pk)).exists()


def test_dismissed_appeal_changes_nothing(sit, sworld, dworld, no_results, released):
    attempt = _marked(sit, sworld, no_results)
    no_results.clear()
    appeal = _appeal(attempt, dworld)
    services.appeal_review_start(actor=dworld.admin, appeal=appeal, now=RELEASED)
    appeal = services.appeal_decide(
        actor=dworld.admin, appeal=appeal, upheld=False, note="評分無誤", now=RELEASED
    )
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal(5)
    assert appeal.status == AppealStatus.DISMISSED and appeal.score_after == Decimal(5)
    assert MarkingTask.objects.get(kind=MarkingKind.APPEAL).status == MarkingStatus.WITHDRAWN
    assert no_results == [] and not RescoreRecord.objects.exists()


def test_upholding_without_a_change_is_refused(sit, sworld, dworld, no_results, released, english):
    attempt = _marked(sit, sworld, no_results)
    appeal = _appeal(attempt, dworld)
    services.appeal_review_start(actor=dworld.admin, appeal=appeal, now=RELEASED)
    task = MarkingTask.objects.get(kind=MarkingKind.APPEAL)
    services.mark_submit(
        actor=task.marker, task=task, criterion_scores=[1, 2], comment="同分", now=RELEASED
    )
    with pytest.raises(ValidationError, match="dismiss"):
        services.appeal_decide(actor=dworld.admin, appeal=appeal, upheld=True, note="n")
    attempt.refresh_from_db()
    appeal.refresh_from_db()
    assert attempt.score_points == Decimal(5) and appeal.status == AppealStatus.IN_REVIEW


def test_appeal_window_and_rules(sit, sworld, dworld, no_results, monkeypatch, english):
    attempt = _marked(sit, sworld, no_results)
    with pytest.raises(ValidationError, match="not been released"):
        _appeal(attempt, dworld)
    monkeypatch.setattr("aicert.scoring.selectors.results_released_at", lambda *, attempt: RELEASED)
    with pytest.raises(ValidationError, match="window is closed"):
        _appeal(attempt, dworld, at=RELEASED + dt.timedelta(days=14, seconds=1))
    with pytest.raises(PermissionDenied):
        services.appeal_create(
            actor=dworld.other_candidate, attempt=attempt, reason="x", now=RELEASED
        )
    appeal = _appeal(attempt, dworld)
    with pytest.raises(ValidationError, match="already appealed"):
        _appeal(attempt, dworld)
    for who in (dworld.psychometrician, dworld.candidate, sworld.markers[0]):
        with pytest.raises(PermissionDenied):
            services.appeal_review_start(actor=who, appeal=appeal)


def test_objective_recheck_is_recorded(sit, sworld, dworld, no_results, released):
    """An override decided after the result was stored shows up in the recheck."""
    from aicert.scoring.models import ChallengeAction, ChallengeDecision, ScoringOverride

    attempt = sit(answers={1: 1, 2: True})  # 1 of 7, nothing to mark
    form_item = sworld.form.items.get(pk=sworld.choice_fi)
    decision = ChallengeDecision.objects.create(
        form_item=form_item,
        action=ChallengeAction.REKEY,
        keys=[{"correct": [1]}],
        reason="r",
        decided_by=dworld.psychometrician,
        decided_at=RELEASED,
    )
    ScoringOverride.objects.create(
        form_item=form_item, action="rekey", keys=[{"correct": [1]}], decision=decision
    )
    appeal = _appeal(attempt, dworld)
    appeal = services.appeal_review_start(actor=dworld.admin, appeal=appeal, now=RELEASED)
    assert appeal.recheck == {str(form_item.pk): {"position": 1, "points": ["0.00", "1.00"]}}
    services.appeal_decide(actor=dworld.admin, appeal=appeal, upheld=True, note="改正")
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal(2)
