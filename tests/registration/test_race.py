"""Never oversell: many candidates racing for the last seats of a session (PostgreSQL only)."""

from aicert.registration.models import Registration
from aicert.registration.services import registration_create
from tests.race import RACE, run_together

pytestmark = RACE

CANDIDATES = 60
SEATS = 10


def test_concurrent_registrations_never_oversell(make_session, make_candidate):
    session = make_session(capacity=SEATS)
    candidates = [make_candidate() for _ in range(CANDIDATES)]

    def register(candidate):
        return lambda: (
            registration_create(candidate=candidate, session=session, join_waitlist=True).status
        )

    statuses = run_together([register(candidate) for candidate in candidates])

    assert statuses.count("pending_payment") == SEATS
    assert statuses.count("waitlisted") == CANDIDATES - SEATS
    rows = Registration.objects.filter(session=session)
    assert rows.filter(status="pending_payment").count() == SEATS
    assert rows.filter(status="waitlisted").count() == CANDIDATES - SEATS
