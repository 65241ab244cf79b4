"""Double-blind marking: assignment by load, per-criterion marks, adjudication, totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.delivery.models import Response, ScoreStatus
from aicert.scoring import selectors, services
from aicert.scoring.models import (
    ItemMarkingRule,
    MarkerProfile,
    MarkingKind,
    MarkingStatus,
    MarkingTask,
    ScoringPolicy,
)
from tests.scoring.conftest import SUBMIT_AT

LATER = SUBMIT_AT + dt.timedelta(hours=1)


def _tasks(attempt, kind=None):
    qs = MarkingTask.objects.filter(response__attempt=attempt).exclude(status="withdrawn")
    return list(qs.filter(kind=kind) if kind else qs.order_by("kind"))


def _mark(task, scores, who=None, comment="依評分規準給分"):
    return services.mark_submit(
        actor=who or task.marker, task=task, criterion_scores=scores, comment=comment, now=LATER
    )


def test_submit_leaves_the_essay_for_markers(sit):
    attempt = sit()
    assert attempt.needs_marking is True
    assert attempt.score_points == Decimal(2)  # both objective items right; essay pending
    assert attempt.score_max == Decimal(7)


def test_two_different_markers_by_load(sworld, sit, dworld):
    a = sit()
    b = sit(candidate=dworld.other_candidate)
    assert services.marking_assign_pending(now=LATER) == 4
    for attempt in (a, b):
        first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
        assert first.marker_id != second.marker_id
    # Three markers, four tasks: loads 2/1/1 at most one apart.
    loads = selectors.marker_loads(user_ids=[m.pk for m in [*sworld.markers, sworld.senior]])
    assert sorted(loads.values()) == [1, 1, 2]
    # Idempotent: nothing more to assign.
    assert services.marking_assign_pending(now=LATER) == 0


def test_inactive_markers_get_no_work(sworld, sit):
    MarkerProfile.objects.create(user=sworld.markers[0], active=False)
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    assert {t.marker_id for t in _tasks(attempt)} == {sworld.markers[1].pk, sworld.senior.pk}


def test_agreeing_marks_finalise_the_mean_and_clear_needs_marking(sit, no_results):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
    _mark(first, [2, 2])  # total 4
    attempt.refresh_from_db()
    assert attempt.needs_marking is True and no_results == []
    response = Response.objects.get(pk=first.response_id)
    assert response.score_status == ScoreStatus.NEEDS_MARKING
    _mark(second, [2, 1])  # total 3: within the default threshold of 1
    response.refresh_from_db()
    # mean 3.5 of rubric max 5, on a 5-point item -> 3.50 points
    assert response.points == Decimal("3.50")
    assert response.score_status == ScoreStatus.SCORED
    attempt.refresh_from_db()
    assert attempt.needs_marking is False
    assert attempt.score_points == Decimal("5.50")
    assert no_results == [(attempt.pk, "marking")]
    audit = AuditEvent.objects.get(action="response.mark", target_id=str(response.pk))
    assert audit.changes["points"] == [None, "3.50"]
    assert not MarkingTask.objects.filter(kind=MarkingKind.ADJUDICATION).exists()


def test_differing_marks_go_to_adjudication_whose_mark_is_final(sworld, sit, no_results):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
    _mark(first, [2, 3])  # 5
    _mark(second, [1, 1])  # 2: differs by 3 > 1
    adjudication = MarkingTask.objects.get(kind=MarkingKind.ADJUDICATION)
    assert adjudication.marker_id is None
    attempt.refresh_from_db()
    assert attempt.needs_marking is True and no_results == []
    # The adjudicator is a senior marker who has not marked the answer.
    adjudicator = next(
        u
        for u in [*sworld.markers, sworld.senior]
        if u.pk not in (first.marker_id, second.marker_id)
    )
    if adjudicator != sworld.senior:
        MarkerProfile.objects.update_or_create(user=adjudicator, defaults={"senior": True})
    assert adjudication in selectors.adjudication_queue(user=adjudicator)
    _mark(adjudication, [2, 2], who=adjudicator)  # 4 -> 4 points
    response = Response.objects.get(pk=first.response_id)
    assert response.points == Decimal("4.00")
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal("6.00") and not attempt.needs_marking
    assert no_results == [(attempt.pk, "marking")]


def test_adjudicators_must_be_senior_or_admin_and_independent(sworld, sit, dworld):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
    _mark(first, [0, 0])
    _mark(second, [2, 3])
    adjudication = MarkingTask.objects.get(kind=MarkingKind.ADJUDICATION)
    plain = (
        next(u for u in sworld.markers if u.pk not in (first.marker_id, second.marker_id))
        if sworld.senior.pk in (first.marker_id, second.marker_id)
        else None
    )
    if plain is not None:
        with pytest.raises(PermissionDenied):
            _mark(adjudication, [1, 1], who=plain)
    # A marker of this answer may not adjudicate it, even when senior.
    MarkerProfile.objects.update_or_create(user_id=first.marker_id, defaults={"senior": True})
    first.marker.refresh_from_db()
    assert adjudication not in selectors.adjudication_queue(user=first.marker)
    with pytest.raises(PermissionDenied):
        _mark(adjudication, [1, 1], who=first.marker)
    # A foundation administrator may.
    _mark(adjudication, [1, 1], who=dworld.admin)
    assert Response.objects.get(pk=first.response_id).points == Decimal("2.00")


def test_per_item_threshold_overrides_the_policy(sworld, sit):
    ScoringPolicy.objects.filter(subject__isnull=True).update(adjudication_threshold=5)
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
    item = first.response.form_item.item_version.item
    ItemMarkingRule.objects.create(item=item, adjudication_threshold=Decimal(0))
    _mark(first, [1, 1])
    _mark(second, [1, 2])  # differs by 1 > 0
    assert MarkingTask.objects.filter(kind=MarkingKind.ADJUDICATION).count() == 1


def test_policy_threshold_is_data(sit):
    ScoringPolicy.objects.filter(subject__isnull=True).update(adjudication_threshold=3)
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
    _mark(first, [2, 3])
    _mark(second, [1, 1])  # differs by 3, not more than 3
    assert not MarkingTask.objects.filter(kind=MarkingKind.ADJUDICATION).exists()
    assert Response.objects.get(pk=first.response_id).points == Decimal("3.50")


def test_marks_must_fit_the_rubric_and_carry_a_comment(sit, english):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    task = _tasks(attempt, "first")[0]
    with pytest.raises(ValidationError, match="one score for each of the 2"):
        _mark(task, [2])
    with pytest.raises(ValidationError, match="levels: 0, 1, 2, 3"):
        _mark(task, [2, 4])
    with pytest.raises(ValidationError, match="comment"):
        _mark(task, [2, 3], comment="  ")
    task.refresh_from_db()
    assert task.status == MarkingStatus.ASSIGNED and task.total is None


def test_only_the_assigned_marker_marks_and_only_once(sworld, sit, dworld):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    first, second = _tasks(attempt, "first")[0], _tasks(attempt, "second")[0]
    with pytest.raises(PermissionDenied):
        _mark(first, [1, 1], who=second.marker)
    with pytest.raises(PermissionDenied):
        _mark(first, [1, 1], who=dworld.candidate)
    with pytest.raises(PermissionDenied):
        _mark(first, [1, 1], who=dworld.admin)  # admins adjudicate; they do not take first marks
    _mark(first, [1, 1])
    with pytest.raises(ValidationError):
        _mark(first, [2, 2])


def test_unanswered_essay_needs_no_marker(sit):
    attempt = sit(answers={1: 2, 2: True})
    assert attempt.needs_marking is False
    assert services.marking_assign_pending(now=LATER) == 0


def test_marker_view_has_no_identity(sit, dworld):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt, now=LATER)
    task = _tasks(attempt, "first")[0]
    view = selectors.marking_task_view(task=task)
    assert view.answer.startswith("偏差高")
    assert view.rubric_max == 5 and len(view.criteria) == 2
    fields = {f for f in view.__dataclass_fields__}
    assert not fields & {"candidate", "attempt", "center", "session", "registration"}
