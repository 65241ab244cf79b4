"""Two consoles acting on the same room at once (PostgreSQL only: row locks)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from aicert.accounts.roles import Role
from aicert.delivery import services
from aicert.delivery.models import Attempt, CheckIn
from aicert.registration.models import RegistrationStatus
from tests.delivery.conftest import T0, now_plus, roster
from tests.delivery.test_race import _run_together
from tests.delivery.test_room import make_candidate
from tests.factories import UserFactory, grant
from tests.race import RACE

pytestmark = RACE


@pytest.fixture
def second_invigilator(dworld):
    user = UserFactory(email="second@example.org")
    grant(user, dworld.center.organisation, Role.INVIGILATOR)
    roster(user, dworld.session)
    return user


def test_two_invigilators_checking_in_the_same_candidate(dworld, second_invigilator):
    registration = make_candidate(dworld, 1, "A1")
    results = _run_together(
        [
            lambda user=user: services.check_in_record(
                actor=user, registration=registration, id_checked=True, now=T0
            )
            for user in (dworld.invigilator, second_invigilator) * 3
        ]
    )
    assert len([r for r in results if isinstance(r, CheckIn)]) == 1
    assert all(isinstance(r, (CheckIn, ValidationError)) for r in results)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN
    assert CheckIn.objects.count() == 1


def test_two_consoles_authorising_the_room_at_once(dworld, second_invigilator, mixed_form):
    registrations = [
        make_candidate(dworld, n, f"A{n}", status=RegistrationStatus.CHECKED_IN)
        for n in range(1, 6)
    ]
    services.session_form_attach(actor=dworld.admin, session=dworld.session, form=mixed_form)
    results = _run_together(
        [
            lambda user=user: services.session_authorize_attempts(
                actor=user, session=dworld.session, now=now_plus(minutes=-1)
            )
            for user in (dworld.invigilator, second_invigilator, dworld.invigilator)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(len(r) for r in results) == 5
    for registration in registrations:
        assert Attempt.objects.filter(registration=registration).count() == 1
