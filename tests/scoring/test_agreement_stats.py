"""Marker agreement per item and per marker, computed from submitted first and second marks."""

from __future__ import annotations

import datetime as dt

import pytest

from aicert.scoring import selectors, services
from aicert.scoring.models import MarkingTask, ScoringPolicy
from tests.scoring.conftest import SUBMIT_AT

LATER = SUBMIT_AT + dt.timedelta(hours=1)


def test_agreement_values(sworld, sit, dworld, no_results):
    from tests.factories import UserFactory

    ScoringPolicy.objects.filter(subject__isnull=True).update(adjudication_threshold=9)
    # Two markers only, so each pair is (marker A, marker B) in some order.
    sworld.senior.memberships.all().delete()
    candidates = [dworld.candidate, dworld.other_candidate] + [
        UserFactory(email=f"c{i}@example.org") for i in range(4)
    ]
    # totals by first and second marker (rubric 0..5): the example of tests/psychometrics with
    # kappa 0.75 on 0..2, here shifted into the rubric range
    pairs = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (2, 2)]
    splits = {0: [0, 0], 1: [1, 0], 2: [1, 1]}
    for candidate, (t1, t2) in zip(candidates, pairs, strict=True):
        attempt = sit(candidate=candidate)
        services.marking_assign_for_attempt(attempt=attempt, now=LATER)
        for task in MarkingTask.objects.filter(response__attempt=attempt):
            total = t1 if task.kind == "first" else t2
            services.mark_submit(
                actor=task.marker, task=task, criterion_scores=splits[total], comment="c", now=LATER
            )
    [row] = selectors.agreement_by_item()
    assert row.stats.n == 6
    assert row.stats.exact == pytest.approx(4 / 6)
    assert row.stats.adjacent == pytest.approx(1.0)
    assert row.stats.mean_difference == pytest.approx(-2 / 6)
    # Kappa over the rubric's 0..5: the normalising constant cancels, so 0.75 as by hand.
    assert row.stats.kappa == pytest.approx(0.75)
    by_marker = {r.key: r for r in selectors.agreement_by_marker()}
    assert set(by_marker) == {m.pk for m in sworld.markers}
    for r in by_marker.values():
        assert r.stats.n == 6 and r.stats.exact == pytest.approx(4 / 6)
    # The two markers' mean differences mirror each other.
    a, b = by_marker.values()
    assert a.stats.mean_difference == pytest.approx(-b.stats.mean_difference)
