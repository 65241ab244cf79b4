"""The scoring list pages (appeals, item challenges, adjudication) make the same number of
queries for few rows as for many."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from aicert.scoring import services
from aicert.scoring.models import ItemChallenge, MarkingKind, MarkingTask
from tests.factories import person
from tests.queries import assert_queries_do_not_grow, matches
from tests.scoring.conftest import SUBMIT_AT

LATER = SUBMIT_AT + dt.timedelta(hours=1)


def test_appeal_list_queries_do_not_grow_with_appeals(
    staff_login, dworld, sworld, sit, no_results, monkeypatch
):
    released = SUBMIT_AT + dt.timedelta(days=20)
    monkeypatch.setattr("aicert.scoring.selectors.results_released_at", lambda *, attempt: released)

    # Given candidates whose marked results were appealed, the odd ones under review,
    def appeal(start, stop):
        for n in range(start, stop):
            candidate = person(f"appellant{n}")
            attempt = sit(candidate=candidate)
            services.marking_assign_for_attempt(attempt=attempt, now=LATER)
            for task in MarkingTask.objects.filter(response__attempt=attempt):
                services.mark_submit(
                    actor=task.marker, task=task, criterion_scores=[1, 2], comment="x", now=LATER
                )
            made = services.appeal_create(
                actor=candidate,
                attempt=attempt,
                reason="請重閱",
                now=released + dt.timedelta(days=1),
            )
            if n % 2:
                services.appeal_review_start(actor=dworld.admin, appeal=made, now=released)

    # when the foundation lists the appeals, then the count is flat.
    assert_queries_do_not_grow(
        staff_login(dworld.admin),
        reverse("scoring:appeal_list"),
        appeal,
        rows_shown=matches(r'/scoring/appeals/\d+/"'),
    )


def test_challenge_list_queries_do_not_grow_with_challenged_items(
    staff_login, dworld, make_item, make_attempt
):
    from tests.delivery.conftest import publish_form

    # Given challenges on form items of different forms (one group a challenged version),
    def challenge(start, stop):
        for n in range(start, stop):
            form = publish_form(dworld, [make_item(), make_item()])
            attempt = make_attempt(candidate=person(f"challenger{n}"), form=form)
            for fi in form.items.all():
                ItemChallenge.objects.create(
                    attempt=attempt,
                    form_item=fi,
                    displayed_number=fi.position,
                    reason="題意不清",
                    created_at=timezone.now(),
                )

    # when the psychometrician lists them, then the count does not grow with the rows.
    assert_queries_do_not_grow(
        staff_login(dworld.psychometrician),
        reverse("scoring:challenge_list"),
        challenge,
        rows_shown=lambda page: matches(r"/scoring/challenges/form-items/\d+/")(page) // 2,
    )


def test_adjudication_queue_queries_do_not_grow_with_adjudications(
    staff_login, dworld, sworld, sit, no_results
):
    # Given answers whose two marks differ by more than the threshold (3 > 1),
    def disagree(start, stop):
        for n in range(start, stop):
            attempt = sit(candidate=person(f"essayist{n}"))
            services.marking_assign_for_attempt(attempt=attempt, now=LATER)
            tasks = MarkingTask.objects.filter(response__attempt=attempt)
            for kind, scores in (("first", [2, 3]), ("second", [1, 1])):
                task = tasks.get(kind=kind)
                services.mark_submit(
                    actor=task.marker, task=task, criterion_scores=scores, comment="x", now=LATER
                )
            assert tasks.filter(kind=MarkingKind.ADJUDICATION).exists()

    # when the foundation admin (an adjudicator who marked none) opens the queue, it is flat.
    assert_queries_do_not_grow(
        staff_login(dworld.admin),
        reverse("scoring:adjudication_queue"),
        disagree,
        rows_shown=matches(r'/scoring/marking/\d+/"'),
    )
