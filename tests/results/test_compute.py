"""Computing results: raw, percent, scaled (versioned transforms), domain roll-up, refresh audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.delivery.models import Response
from aicert.results import services
from aicert.results.models import (
    DomainScore,
    Result,
    ResultStatus,
    ScaleBasis,
    ScaleTransform,
    percent_of,
)
from tests.results.conftest import sit

D = Decimal


def test_result_raw_percent_and_default_scale(rworld):
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    result = services.result_refresh(attempt=attempt, reason="submit")
    assert result is not None
    assert (result.raw_points, result.raw_max) == (D(3), D(4))
    assert result.percent == D("75.00")
    assert result.scaled_score == D("75.00")  # no transform: scaled = percent
    assert result.scale_transform is None
    assert result.passed is True  # 75 >= subject minimum 60
    assert result.subject_min == D(60)
    assert result.status == ResultStatus.PROVISIONAL and result.released_at is None


def test_unanswered_items_count_zero_and_partial_points(rworld):
    attempt = sit(
        rworld,
        candidate=rworld.candidate,
        session=rworld.session_a,
        earned=[None, D("0.5"), 2, None],
        maxima=[1, 1, 2, 1],
    )
    result = services.result_refresh(attempt=attempt, reason="submit")
    assert (result.raw_points, result.raw_max) == (D("2.5"), D(5))
    assert result.percent == D("50.00")
    assert result.passed is False


def test_domain_subscores_roll_up_the_tree(rworld):
    # 1.1: 1/1 + 0/2, 1.2: 1/1, 2: 0/1; parent 1 = 1.1 + 1.2 = 2/4.
    attempt = sit(
        rworld,
        candidate=rworld.candidate,
        session=rworld.session_a,
        earned=[1, 0, 1, 0],
        maxima=[1, 2, 1, 1],
    )
    result = services.result_refresh(attempt=attempt, reason="submit")
    scores = {ds.domain.code: ds for ds in result.domain_scores.select_related("domain")}
    assert set(scores) == {"1", "1.1", "1.2", "2"}
    assert (scores["1.1"].points, scores["1.1"].max_points, scores["1.1"].item_count) == (
        D(1),
        D(3),
        2,
    )
    assert scores["1.1"].percent == D("33.33")
    assert (scores["1.2"].points, scores["1.2"].max_points) == (D(1), D(1))
    assert (scores["1"].points, scores["1"].max_points, scores["1"].item_count) == (D(2), D(4), 3)
    assert scores["1"].percent == D("50.00")  # summed points, not the mean of 33.33 and 100
    assert (scores["2"].points, scores["2"].max_points) == (D(0), D(1))


def test_domain_rollup_pure():
    rows = [(3, D(1), D(1)), (4, D(0), D(1)), (2, D(1), D(2))]
    parents = {1: None, 2: 1, 3: 2, 4: 1}
    tallies = {t.domain_id: t for t in services.domain_rollup(rows, parents)}
    assert (tallies[1].points, tallies[1].max_points, tallies[1].item_count) == (D(2), D(4), 3)
    assert (tallies[2].points, tallies[2].max_points) == (D(2), D(3))
    assert tallies[3].percent == D("100.00") and tallies[4].percent == D("0.00")


def test_percent_of_rounds_half_up_and_handles_zero():
    assert percent_of(D(2), D(3)) == D("66.67")
    assert percent_of(D(1), D(8)) == D("12.50")
    assert percent_of(D(0), D(0)) == D("0.00")


def test_scale_transform_range_to_range(rworld, english):
    # percent 50..100 -> scaled 60..100: slope 0.8, intercept 20; below 50 clamps to 60.
    t = services.scale_transform_create(
        actor=rworld.psychometrician,
        subject=rworld.subject_a,
        raw_low=D(50),
        raw_high=D(100),
        scaled_low=D(60),
        scaled_high=D(100),
    )
    assert (t.version, t.slope, t.intercept) == (1, D("0.8"), D(20))
    assert t.apply(points=D(3), maximum=D(4)) == D(80)  # 75% -> 80
    assert t.apply(points=D(1), maximum=D(4)) == D(60)  # 25% -> 40, clamped to 60
    assert t.apply(points=D(4), maximum=D(4)) == D(100)
    assert t.apply(points=D(2), maximum=D(3)) == D(73)  # 66.67% -> 73.336 -> 73 (0 places)
    assert AuditEvent.objects.filter(action="results.scale_transform_create").count() == 1


def test_scale_transform_points_basis_and_rounding(rworld):
    t = services.scale_transform_create(
        actor=rworld.admin,
        subject=rworld.subject_a,
        raw_low=D(0),
        raw_high=D(3),
        scaled_low=D(0),
        scaled_high=D(100),
        basis=ScaleBasis.POINTS,
        decimals=1,
    )
    assert t.apply(points=D(1), maximum=D(4)) == D("33.3")
    assert t.apply(points=D("2.5"), maximum=D(4)) == D("83.3")
    assert t.apply(points=D(4), maximum=D(4)) == D(100)  # clamped


def test_scale_transform_rejects_bad_ranges_and_roles(rworld, english):
    with pytest.raises(ValidationError) as exc:
        services.scale_transform_create(
            actor=rworld.admin,
            subject=rworld.subject_a,
            raw_low=D(80),
            raw_high=D(20),
            scaled_low=D(0),
            scaled_high=D(100),
        )
    assert "raw_high" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.scale_transform_create(
            actor=rworld.admin,
            subject=rworld.subject_a,
            raw_low=D(0),
            raw_high=D(120),
            scaled_low=D(0),
            scaled_high=D(100),
        )
    for outsider in (rworld.manager, rworld.candidate, rworld.writer):
        with pytest.raises(PermissionDenied):
            services.scale_transform_create(
                actor=outsider,
                subject=rworld.subject_a,
                raw_low=D(0),
                raw_high=D(100),
                scaled_low=D(0),
                scaled_high=D(100),
            )
    assert not ScaleTransform.objects.exists()


def test_old_results_keep_the_transform_they_used(rworld):
    v1 = services.scale_transform_create(
        actor=rworld.psychometrician,
        subject=rworld.subject_a,
        raw_low=D(0),
        raw_high=D(100),
        scaled_low=D(0),
        scaled_high=D(100),
    )
    first = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 0, 0])
    r1 = services.result_refresh(attempt=first, reason="submit")
    assert r1.scale_transform == v1 and r1.scaled_score == D(50)
    v2 = services.scale_transform_create(
        actor=rworld.psychometrician,
        subject=rworld.subject_a,
        raw_low=D(0),
        raw_high=D(100),
        scaled_low=D(20),
        scaled_high=D(100),
    )
    assert v2.version == 2
    assert list(ScaleTransform.objects.filter(is_active=True)) == [v2]
    second = sit(
        rworld, candidate=rworld.other_candidate, session=rworld.session_a, earned=[1, 1, 0, 0]
    )
    r2 = services.result_refresh(attempt=second, reason="submit")
    assert r2.scale_transform == v2 and r2.scaled_score == D(60)  # 0.8*50 + 20
    # Recomputing the first result (e.g. after a re-key) still uses version 1.
    response = Response.objects.filter(attempt=first, points=0).first()
    response.points = D(1)
    response.save(update_fields=["points"])
    r1 = services.result_refresh(attempt=first, reason="rekey")
    assert r1.scale_transform == v1 and r1.scaled_score == D(75)


def test_refresh_is_idempotent(rworld):
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    r1 = services.result_refresh(attempt=attempt, reason="submit")
    r2 = services.result_refresh(attempt=attempt, reason="again")
    assert r1.pk == r2.pk and r2.revision == 1
    assert Result.objects.count() == 1
    assert DomainScore.objects.filter(result=r1).count() == 4
    assert AuditEvent.objects.filter(target_type="results.result").count() == 1


def test_refresh_returns_none_while_marking_pending(rworld):
    attempt = sit(
        rworld,
        candidate=rworld.candidate,
        session=rworld.session_a,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    assert services.result_refresh(attempt=attempt, reason="submit") is None
    assert not Result.objects.exists()
    # Marking done: the scoring app records the points and clears the flag.
    Response.objects.filter(attempt=attempt).update(points=D(1), score_status="scored")
    attempt.needs_marking = False
    attempt.save(update_fields=["needs_marking"])
    result = services.result_refresh(attempt=attempt, reason="marked")
    assert result.raw_points == D(4)


def test_voided_attempt_has_no_result(rworld):
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    services.result_refresh(attempt=attempt, reason="submit")
    attempt.status, attempt.voided_at = "voided", attempt.submitted_at
    attempt.save(update_fields=["status", "voided_at"])
    assert services.result_refresh(attempt=attempt, reason="voided") is None
    assert not Result.objects.exists()  # unreleased: removed
    assert AuditEvent.objects.filter(action="results.result_delete").count() == 1


def test_dropped_items_are_left_out(rworld, monkeypatch):
    """An item dropped after a challenge (the scoring app's override) counts for nobody, even
    unanswered: out of raw, maximum and its domain."""
    from types import SimpleNamespace

    from aicert.scoring import selectors as scoring_selectors

    attempt = sit(
        rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, None]
    )
    dropped = attempt.form.items.get(position=4)  # unanswered, domain 2
    monkeypatch.setattr(
        scoring_selectors,
        "overrides_for_form",
        lambda *, form_id: {dropped.pk: SimpleNamespace(dropped=True, keys=[])},
    )
    result = services.result_refresh(attempt=attempt, reason="item dropped")
    assert (result.raw_points, result.raw_max) == (D(3), D(3))
    assert result.percent == D(100)
    assert not result.domain_scores.filter(domain=rworld.d2).exists()


def test_results_compute_pending(rworld):
    done = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 1])
    sit(
        rworld,
        candidate=rworld.other_candidate,
        session=rworld.session_a,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    assert services.results_compute_pending() == 1
    assert Result.objects.get().attempt == done
    assert services.results_compute_pending() == 0


def test_periodic_jobs_registered():
    from aicert.shared.periodic import PERIODIC_JOBS

    jobs = {job.name: job for job in PERIODIC_JOBS}
    assert jobs["results_release_due"].load() is services.result_releases_run_due
    assert jobs["results_compute_pending"].load() is services.results_compute_pending
