"""The scheduling list pages (an invigilator's duties, a manager's sessions) make the same number
of queries for few rows as for many."""

from django.urls import reverse

from tests.factories import roster
from tests.queries import assert_queries_do_not_grow, matches


def test_my_duties_queries_do_not_grow_with_duties(client, world, day, make_session):
    chen, lin, wang = day.chen.user, day.lin.user, day.wang.user

    # Given published duties on later days, each with a team of two or three,
    def rostered(start, stop):
        for n in range(start, stop):
            session = make_session(days=40 + n)
            roster(chen, session)
            roster(lin, session)
            if n % 2:
                roster(wang, session, status="confirmed")

    # when Chen lists their duties, then the count does not grow with the rows.
    client.force_login(chen)  # the pool's people have their authenticator already
    counts = assert_queries_do_not_grow(
        client,
        reverse("scheduling:my_duties"),
        rostered,
        rows_shown=matches(r'data-duty="\d+"'),
    )
    assert counts.large_page.count("Lin") >= 7  # every duty names the team


def test_session_manage_queries_do_not_grow_with_sessions(
    world, make_session, make_candidate, staff_login
):
    from aicert.registration.services import registration_create

    # Given sessions of the manager's center, of both subjects, some with registrations,
    def schedule(start, stop):
        for n in range(start, stop):
            session = make_session(subject=[world.foundations, world.genai][n % 2], days=30 + n)
            for _ in range(n % 3):
                registration_create(candidate=make_candidate(), session=session)

    # when the manager lists the center's sessions, then the count is flat.
    assert_queries_do_not_grow(
        staff_login(world.manager),
        reverse("scheduling:session_manage"),
        schedule,
        rows_shown=matches(r'data-session="\d+"'),
    )
