"""The delivery list pages (exam-day rooms, forms of sessions) make the same number of queries
for few rows as for many."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from aicert.delivery import services
from tests.factories import RoomFactory, SessionFactory, roster
from tests.queries import assert_queries_do_not_grow, links_to


def test_room_list_queries_do_not_grow_with_sessions(dworld, staff_login):
    venue = dworld.session.room.venue
    consoles: list[str] = []

    # Given sessions of the coming days in rooms of the invigilator's center, rostered,
    def schedule(start, stop):
        for n in range(start, stop):
            session = SessionFactory(
                subject=dworld.subject,
                room=RoomFactory(venue=venue),
                starts_at=timezone.now() + dt.timedelta(days=1, hours=n),
            )
            roster(dworld.invigilator, session)
            consoles.append(reverse("delivery:room_console", args=[session.pk]))

    # when the invigilator opens the room list, then the count does not grow with the rows.
    assert_queries_do_not_grow(
        staff_login(dworld.invigilator),
        reverse("delivery:room_list"),
        schedule,
        rows_shown=links_to(consoles),
    )


def test_session_list_queries_do_not_grow_with_sessions(dworld, mixed_form, staff_login):
    pages: list[str] = []

    # Given upcoming sessions in rooms of different centers, every other one with a form,
    def schedule(start, stop):
        for n in range(start, stop):
            session = SessionFactory(
                subject=dworld.subject, starts_at=timezone.now() + dt.timedelta(days=3 + n)
            )
            pages.append(reverse("delivery:session_forms", args=[session.pk]))
            if n % 2:
                services.session_form_attach(
                    actor=dworld.psychometrician, session=session, form=mixed_form
                )

    # when the psychometrician lists the sessions and their forms, then the count is flat.
    assert_queries_do_not_grow(
        staff_login(dworld.psychometrician),
        reverse("delivery:session_list"),
        schedule,
        rows_shown=links_to(pages),
    )
