"""The results list pages (my results, results by session, scales) make the same number of
queries for few rows as for many."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from aicert.results import services
from tests.factories import SessionFactory, SubjectFactory, person
from tests.queries import assert_queries_do_not_grow
from tests.results.conftest import T0, now_after, sit


def _sat(rworld, *, candidate, subject, day: int, room=None, release=True):
    """A scored sitting of a new session ``day`` days after T0, its result released."""
    session = SessionFactory(
        subject=subject,
        room=room or rworld.session_a.room,
        starts_at=T0 + dt.timedelta(days=day),
    )
    attempt = sit(rworld, candidate=candidate, session=session, earned=[1, 0, 1, 1])
    services.result_refresh(attempt=attempt, reason="submit")
    if release:
        services.result_release_schedule(
            actor=rworld.admin,
            session=session,
            release_at=now_after(session),
            now=now_after(session),
        )
    return session, attempt


def test_my_results_queries_do_not_grow_with_results(client, rworld):
    rows: list[str] = []

    # Given the candidate's released results of sittings of both subjects,
    def sit_and_release(start, stop):
        for n in range(start, stop):
            subject = rworld.subject_b if n % 2 else rworld.subject_a
            _session, attempt = _sat(rworld, candidate=rworld.candidate, subject=subject, day=n)
            attempt.refresh_from_db()
            rows.append(f'id="result-{attempt.result.pk}"')

    # when the candidate lists them, then the count does not grow with the rows.
    client.force_login(rworld.candidate)
    assert_queries_do_not_grow(
        client,
        reverse("results:my_results"),
        sit_and_release,
        rows_shown=lambda page: sum(row in page for row in rows),
    )


def test_results_by_session_queries_do_not_grow_with_sessions(client, rworld, staff_login):
    rows: list[str] = []

    # Given sessions at two centers sat by a candidate each, every other one released,
    def sit_sessions(start, stop):
        rooms = [rworld.session_a.room, rworld.other_session_a.room]
        for n in range(start, stop):
            session, _attempt = _sat(
                rworld,
                candidate=person(f"sitter{n}"),
                subject=rworld.subject_a,
                day=n,
                room=rooms[n % 2],
                release=bool(n % 2),
            )
            rows.append(f'id="session-{session.pk}"')

    # when the foundation admin lists results by session, then the count is flat.
    assert_queries_do_not_grow(
        staff_login(rworld.admin),
        reverse("results:session_list"),
        sit_sessions,
        rows_shown=lambda page: sum(row in page for row in rows),
    )


def test_scale_list_queries_do_not_grow_with_subjects(rworld, staff_login):
    rows: list[str] = []

    # Given subjects of the level, each with one or two versions of its scale,
    def scale(start, stop):
        for n in range(start, stop):
            subject = SubjectFactory(level=rworld.level, position=3 + n)
            for version in range(1 + n % 2):
                services.scale_transform_create(
                    actor=rworld.psychometrician,
                    subject=subject,
                    raw_low=Decimal(10 * version),
                    raw_high=Decimal(100),
                    scaled_low=Decimal(0),
                    scaled_high=Decimal(100),
                )
            rows.append(f'id="subject-{subject.pk}"')

    # when the psychometrician lists the scales, then the count does not grow with the rows.
    assert_queries_do_not_grow(
        staff_login(rworld.psychometrician),
        reverse("results:scale_list"),
        scale,
        rows_shown=lambda page: sum(row in page for row in rows),
    )
