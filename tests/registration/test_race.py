"""Never oversell: many candidates racing for the last seats of a session (PostgreSQL only)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from aicert.registration.models import Registration
from aicert.registration.services import registration_create

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; SQLite serialises every write, so there is no race",
    ),
]

CANDIDATES = 60
SEATS = 10


def test_concurrent_registrations_never_oversell(make_session, make_candidate):
    session = make_session(capacity=SEATS)
    candidates = [make_candidate() for _ in range(CANDIDATES)]
    start = threading.Barrier(CANDIDATES)

    def register(candidate):
        try:
            start.wait(timeout=30)
            return registration_create(
                candidate=candidate, session=session, join_waitlist=True
            ).status
        finally:
            connections.close_all()  # each thread had its own connection

    with ThreadPoolExecutor(max_workers=CANDIDATES) as pool:
        statuses = list(pool.map(register, candidates))

    assert statuses.count("pending_payment") == SEATS
    assert statuses.count("waitlisted") == CANDIDATES - SEATS
    rows = Registration.objects.filter(session=session)
    assert rows.filter(status="pending_payment").count() == SEATS
    assert rows.filter(status="waitlisted").count() == CANDIDATES - SEATS
