"""Two managers' clicks at once never book one invigilator in two rooms (PostgreSQL only)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from aicert.scheduling import invigilation_services as svc
from aicert.scheduling.models import InvigilatorAssignment

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; SQLite serialises every write, so there is no race",
    ),
]


def test_concurrent_adds_to_overlapping_rooms_book_the_person_once(day, world):
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    svc.availability_set(
        actor=day.tsai.user, invigilator=day.tsai, answers={(day.date, "am"): True}
    )
    start = threading.Barrier(2)

    def add(session):
        try:
            start.wait(timeout=30)
            svc.assignment_add(actor=world.manager, session=session, invigilator=day.tsai)
            return "added"
        except ValidationError as error:
            return " ".join(error.messages)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(add, [day.a, day.b]))

    assert outcomes.count("added") == 1, outcomes
    refused = next(o for o in outcomes if o != "added")
    assert "Tsai" in refused
    morning = InvigilatorAssignment.objects.filter(invigilator=day.tsai, session__in=[day.a, day.b])
    assert morning.count() == 1
