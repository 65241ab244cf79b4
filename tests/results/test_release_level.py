"""Releases (scheduled, forced, blocked by marking), level outcomes and refresh after release."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.delivery.models import Response
from aicert.registration.models import LevelAchievement
from aicert.results import selectors, services
from aicert.results.models import LevelOutcome, LevelResult, Result, ResultRelease, ResultStatus
from tests.results.conftest import T0, make_session, now_after, sit

D = Decimal


def release_now(world, session, **kwargs):
    return services.result_release_schedule(
        actor=world.admin,
        session=session,
        release_at=now_after(session),
        now=now_after(session),
        **kwargs,
    )


def scores(world, candidate, a_earned, b_earned):
    """Sit both subjects (4 items of 1 point each... or 10 items), compute results."""
    a = sit(
        world,
        candidate=candidate,
        session=world.session_a,
        earned=a_earned,
        domains=[world.d11] * len(a_earned),
    )
    b = sit(
        world,
        candidate=candidate,
        session=world.session_b,
        earned=b_earned,
        domains=[world.d2] * len(b_earned),
    )
    return (
        services.result_refresh(attempt=a, reason="submit"),
        services.result_refresh(attempt=b, reason="submit"),
    )


def tenths(n: int) -> list[int]:
    """Ten one-point items with ``n`` right: percent = 10 n."""
    return [1] * n + [0] * (10 - n)


# --- release hides and shows ---------------------------------------------------------------------


def test_results_hidden_until_release(rworld, django_capture_on_commit_callbacks):
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 0])
    result = services.result_refresh(attempt=attempt, reason="submit")
    assert not selectors.results_released_for_candidate(user=rworld.candidate).exists()
    with pytest.raises(Result.DoesNotExist):
        selectors.result_get_for_candidate(user=rworld.candidate, pk=result.pk)
    with django_capture_on_commit_callbacks(execute=True):
        release = release_now(rworld, rworld.session_a)
    assert release.released_at == now_after(rworld.session_a)
    result.refresh_from_db()
    assert result.status == ResultStatus.RELEASED and result.released_at is not None
    assert selectors.result_get_for_candidate(user=rworld.candidate, pk=result.pk) == result
    with pytest.raises(Result.DoesNotExist):
        selectors.result_get_for_candidate(user=rworld.other_candidate, pk=result.pk)
    assert [m.to for m in mail.outbox] == [["candidate@example.org"]]
    assert release.counts == {"sat": 1, "marked": 1, "pending_marking": 0, "results": 1}
    assert AuditEvent.objects.filter(action="results.release_run").count() == 1


def test_release_computes_missing_results(rworld):
    # Objective-only attempts scored on submit: the release computes their results.
    sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 0])
    assert not Result.objects.exists()
    release_now(rworld, rworld.session_a)
    result = Result.objects.get()
    assert result.status == ResultStatus.RELEASED and result.percent == D(75)


def test_release_refused_while_marking_pending_unless_forced(rworld, english):
    sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 0])
    pending = sit(
        rworld,
        candidate=rworld.other_candidate,
        session=rworld.session_a,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    with pytest.raises(ValidationError) as exc:
        release_now(rworld, rworld.session_a)
    assert exc.value.code == "marking_pending"
    assert "1 attempts are still awaiting markers" in exc.value.messages[0]
    assert not ResultRelease.objects.exists()
    with pytest.raises(ValidationError) as exc:
        release_now(rworld, rworld.session_a, force=True, reason="   ")
    assert "reason" in exc.value.message_dict
    release = release_now(rworld, rworld.session_a, force=True, reason="Marker ill; appeals open")
    assert release.forced and release.released_at is not None
    assert Result.objects.get().candidate == rworld.candidate
    # Marking finishes later: the new result is released at once.
    Response.objects.filter(attempt=pending).update(points=D(1), score_status="scored")
    pending.needs_marking = False
    pending.save(update_fields=["needs_marking"])
    late = services.result_refresh(attempt=pending, actor=rworld.admin, reason="marked")
    assert late.status == ResultStatus.RELEASED


def test_scheduled_release_runs_when_due_and_waits_for_marking(rworld):
    session = rworld.session_a
    sit(rworld, candidate=rworld.candidate, session=session, earned=[1, 1, 1, 0])
    pending = sit(
        rworld,
        candidate=rworld.other_candidate,
        session=session,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    at = now_after(session, days=7)
    release = services.result_release_schedule(
        actor=rworld.admin, session=session, release_at=at, now=now_after(session)
    )
    assert release.released_at is None
    assert services.result_releases_run_due(now=at - dt.timedelta(minutes=1)) == 0
    assert services.result_releases_run_due(now=at) == 0  # marking pending: blocked
    release.refresh_from_db()
    assert release.released_at is None and "marking pending" in release.blocked_reason
    assert not Result.objects.filter(status=ResultStatus.RELEASED).exists()
    Response.objects.filter(attempt=pending).update(points=D(1), score_status="scored")
    pending.needs_marking = False
    pending.save(update_fields=["needs_marking"])
    assert services.result_releases_run_due(now=at + dt.timedelta(minutes=1)) == 1
    assert Result.objects.filter(status=ResultStatus.RELEASED).count() == 2
    assert services.result_releases_run_due(now=at + dt.timedelta(minutes=2)) == 0


def test_release_permissions_and_rules(rworld, english):
    for outsider in (rworld.manager, rworld.psychometrician, rworld.candidate):
        with pytest.raises(PermissionDenied):
            services.result_release_schedule(
                actor=outsider,
                session=rworld.session_a,
                release_at=now_after(rworld.session_a),
                now=now_after(rworld.session_a),
            )
    assert not ResultRelease.objects.exists()
    future = make_session(rworld.subject_a, rworld.session_a.room, T0 + dt.timedelta(days=60))
    with pytest.raises(ValidationError) as exc:
        services.result_release_schedule(
            actor=rworld.admin,
            session=future,
            release_at=now_after(rworld.session_a),
            now=now_after(rworld.session_a),
        )
    assert exc.value.code == "not_sat"
    release_now(rworld, rworld.session_a)
    with pytest.raises(ValidationError) as exc:
        release_now(rworld, rworld.session_a)
    assert exc.value.code == "already_released"
    with pytest.raises(ValidationError):
        services.result_release_cancel(actor=rworld.admin, release=ResultRelease.objects.get())


def test_cancel_scheduled_release(rworld):
    session = rworld.session_a
    release = services.result_release_schedule(
        actor=rworld.admin,
        session=session,
        release_at=now_after(session, days=3),
        now=now_after(session),
    )
    services.result_release_cancel(actor=rworld.admin, release=release)
    assert not ResultRelease.objects.exists()
    assert AuditEvent.objects.filter(action="results.release_cancel").count() == 1


# --- refresh after release: audit and notification ------------------------------------------------


def test_change_to_released_result_is_audited_and_notified(
    rworld, django_capture_on_commit_callbacks, settings
):
    settings.AICERT_SITE_URL = "https://aicert.example.org"
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    services.result_refresh(attempt=attempt, reason="submit")
    release_now(rworld, rworld.session_a)
    mail.outbox.clear()
    response = Response.objects.filter(attempt=attempt, points=0).get()
    response.points = D(1)
    response.save(update_fields=["points"])
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_refresh(
            attempt=attempt, actor=rworld.psychometrician, reason="item 2 re-keyed"
        )
    assert result.revision == 2 and result.scaled_score == D(100)
    event = AuditEvent.objects.get(action="results.result_change")
    assert event.changes["reason"] == "item 2 re-keyed"
    assert event.changes["before"]["scaled_score"] == "75.00"
    assert event.changes["after"]["scaled_score"] == "100.00"
    assert event.actor == rworld.psychometrician
    assert len(mail.outbox) == 1
    assert f"https://aicert.example.org/results/{result.pk}/" in mail.outbox[0].body


def test_voiding_a_released_attempt_withdraws_the_result(rworld):
    a, b = scores(rworld, rworld.candidate, tenths(8), tenths(8))
    release_now(rworld, rworld.session_a)
    release_now(rworld, rworld.session_b)
    assert LevelAchievement.objects.filter(user=rworld.candidate, level=rworld.level).exists()
    attempt = a.attempt
    attempt.status, attempt.voided_at = "voided", attempt.submitted_at
    attempt.save(update_fields=["status", "voided_at"])
    assert services.result_refresh(attempt=attempt, actor=rworld.admin, reason="misconduct") is None
    a.refresh_from_db()
    assert a.status == ResultStatus.WITHDRAWN
    assert (
        not selectors.results_released_for_candidate(user=rworld.candidate).filter(pk=a.pk).exists()
    )
    # The pass rested on the withdrawn result: the achievement goes, audited.
    assert not LevelAchievement.objects.filter(user=rworld.candidate, level=rworld.level).exists()
    assert AuditEvent.objects.filter(action="results.level_achievement_remove").count() == 1


# --- level outcome --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "outcome"),
    [
        (7, 7, LevelOutcome.PASSED),  # exactly at the average cut: passes
        (6, 8, LevelOutcome.PASSED),  # exactly at the subject floor, average 70
        (5, 10, LevelOutcome.FAILED),  # average 75 but one subject below the floor
        (6, 7, LevelOutcome.FAILED),  # both above the floor, average 65 below the cut
        (10, 10, LevelOutcome.PASSED),
    ],
)
def test_level_pass_rule_across_subjects(rworld, a, b, outcome):
    scores(rworld, rworld.candidate, tenths(a), tenths(b))
    release_now(rworld, rworld.session_a)
    assert not LevelResult.objects.exists()  # subject B not released yet
    release_now(rworld, rworld.session_b)
    level_result = LevelResult.objects.get()
    assert level_result.outcome == outcome
    assert level_result.average == D(10 * (a + b)) / 2
    assert level_result.lowest == D(10 * min(a, b))
    assert level_result.results.count() == 2
    achieved = LevelAchievement.objects.filter(user=rworld.candidate, level=rworld.level)
    assert achieved.exists() == (outcome == LevelOutcome.PASSED)
    if achieved.exists():
        assert achieved.get().achieved_on == dt.date(2026, 5, 16)


def test_level_needs_every_subject_within_the_window(rworld, settings):
    settings.RESULTS_SITTING_WINDOW_DAYS = 30
    a = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=tenths(9))
    services.result_refresh(attempt=a, reason="submit")
    release_now(rworld, rworld.session_a)
    late_b = make_session(rworld.subject_b, rworld.session_a.room, T0 + dt.timedelta(days=45))
    b = sit(rworld, candidate=rworld.candidate, session=late_b, earned=tenths(9))
    services.result_refresh(attempt=b, reason="submit")
    release_now(rworld, late_b)
    assert not LevelResult.objects.exists()  # A is 45 days older than B: outside the window
    settings.RESULTS_SITTING_WINDOW_DAYS = 60
    assert services.level_result_evaluate(candidate=rworld.candidate, level=rworld.level).passed


def test_latest_result_per_subject_counts_and_retake_passes(rworld):
    scores(rworld, rworld.candidate, tenths(5), tenths(9))
    release_now(rworld, rworld.session_a)
    release_now(rworld, rworld.session_b)
    assert LevelResult.objects.get().outcome == LevelOutcome.FAILED
    retake = make_session(rworld.subject_a, rworld.session_a.room, T0 + dt.timedelta(days=20))
    a2 = sit(rworld, candidate=rworld.candidate, session=retake, earned=tenths(7))
    services.result_refresh(attempt=a2, reason="submit")
    release_now(rworld, retake)
    assert LevelResult.objects.count() == 2
    newest = LevelResult.objects.order_by("-pk").first()
    assert newest.outcome == LevelOutcome.PASSED and newest.average == D(80)
    achievement = LevelAchievement.objects.get(user=rworld.candidate, level=rworld.level)
    assert achievement.achieved_on == dt.date(2026, 6, 5)
    assert achievement.source == f"results.levelresult:{newest.pk}"


def test_rescore_turning_a_pass_into_a_fail_removes_the_achievement(rworld):
    a, _b = scores(rworld, rworld.candidate, tenths(6), tenths(8))
    release_now(rworld, rworld.session_a)
    release_now(rworld, rworld.session_b)
    assert LevelResult.objects.get().passed
    response = Response.objects.filter(attempt=a.attempt, points=1).first()
    response.points = D(0)
    response.save(update_fields=["points"])
    services.result_refresh(attempt=a.attempt, actor=rworld.psychometrician, reason="re-key")
    level_result = LevelResult.objects.get()
    assert level_result.outcome == LevelOutcome.FAILED and level_result.lowest == D(50)
    assert not LevelAchievement.objects.filter(user=rworld.candidate).exists()
    change = AuditEvent.objects.get(action="results.level_result_change")
    assert change.changes["before"]["outcome"] == "passed"
    assert change.changes["after"]["outcome"] == "failed"


def test_level_without_pass_rule_is_not_decided(rworld):
    rworld.rule.delete()
    scores(rworld, rworld.candidate, tenths(9), tenths(9))
    release_now(rworld, rworld.session_a)
    release_now(rworld, rworld.session_b)
    assert not LevelResult.objects.exists()
    assert Result.objects.filter(passed=False).count() == 2  # no floor: nothing "reached"
