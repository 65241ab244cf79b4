"""The JSON API against its own OpenAPI schema, fuzzed (schemathesis), as every kind of caller.

Each operation gets generated requests -- valid ones and broken ones -- from anonymous callers
and from people in each role: a candidate with attempts in every state, an invigilator and a
center manager of the attempts' center, the foundation admin, an employer. Every response must
be a documented status with a body matching its documented schema, and never a server error.
Examples are bounded and derandomised, so a run is repeatable and a minute at most.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from aicert.accounts.roles import Role
from aicert.api.api import api
from aicert.delivery import services
from aicert.delivery.models import Attempt
from aicert.talent import services as talent_services
from tests.factories import enrol_totp, grant

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()

ROLES = ("anonymous", "candidate", "invigilator", "manager", "admin", "employer")


def _session_cookies(user) -> dict[str, str]:
    """The cookies of a signed-in browser (session and CSRF), as the exam player has them."""
    if user is None:
        return {}
    client = Client()
    client.force_login(user)
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: get_random_string(32),
    }


@pytest.fixture(autouse=True)
def _test_connection_kept_open():
    """The real WSGI handler closes the database connection when a request ends; in a test that
    is the test's own transaction (PostgreSQL drops it, in-memory SQLite ignores the close). The
    test client unhooks the same two signals for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def callers(dworld, manager, make_attempt):
    """Who calls, by role. The candidate's attempt is running; other candidates' attempts are
    ready, paused and ended (the candidate must get nothing of them)."""
    from tests.factories import UserFactory

    running = make_attempt()
    services.attempt_start(actor=dworld.candidate, attempt=running)
    others = [UserFactory() for _ in range(3)]
    make_attempt(candidate=others[0])  # ready
    paused = make_attempt(candidate=others[1])
    services.attempt_start(actor=others[1], attempt=paused)
    services.attempt_pause(actor=dworld.invigilator, attempt=paused, reason="fire drill")
    ended = make_attempt(candidate=others[2])
    services.attempt_start(
        actor=others[2],
        attempt=ended,
        now=timezone.now() - dt.timedelta(seconds=ended.time_allowed_seconds + 120),
    )
    services.attempts_auto_submit_expired()
    assert Attempt.objects.get(pk=ended.pk).status == "auto_submitted"
    employer = UserFactory()
    grant(employer, dworld.admin.active_memberships[0].organisation, Role.EMPLOYER)
    for staff in (dworld.invigilator, manager, dworld.admin):
        enrol_totp(staff)  # staff without a second factor are sent to enrol it, API included
    people = {
        "anonymous": None,
        "candidate": dworld.candidate,
        "invigilator": dworld.invigilator,
        "manager": manager,
        "admin": dworld.admin,
        "employer": employer,
    }
    callers = {role: (_session_cookies(user), {}) for role, user in people.items()}
    # The employer's systems call the verification API with a key of their organisation.
    _key, raw = talent_services.api_key_create(
        actor=employer, organisation=employer.active_memberships[0].organisation, name="fuzz"
    )
    callers["employer"] = (callers["employer"][0], {"Authorization": f"Bearer {raw}"})
    return callers


@schema.parametrize()
@pytest.mark.parametrize("role", ROLES)
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented_and_never_fails(case, role, callers):
    cookies, headers = callers[role]
    headers = {**headers}
    if cookies:
        headers["X-CSRFToken"] = cookies[settings.CSRF_COOKIE_NAME]
    case.call_and_validate(cookies=cookies, headers=headers)
