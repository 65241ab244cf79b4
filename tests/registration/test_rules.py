"""Who may register for what: consent, window, prerequisites, duplicates, capacity, groups."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from aicert.accounts.roles import OrganisationKind
from aicert.registration.models import LevelAchievement, Registration
from aicert.registration.services import (
    group_booking_create,
    registration_cancel,
    registration_create,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _error(call) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value


def test_fee_session_holds_a_seat_pending_payment(make_session, make_candidate):
    registration = registration_create(candidate=make_candidate(), session=make_session(fee=1500))
    assert registration.status == "pending_payment" and registration.fee_amount == 1500
    assert registration.subject_id == registration.session.subject_id


def test_free_session_confirms_at_once(make_session, make_candidate):
    registration = registration_create(candidate=make_candidate(), session=make_session(fee=0))
    assert registration.status == "confirmed"


def test_profile_and_consent_are_required(make_session, make_candidate, english):
    session = make_session()
    error = _error(lambda: registration_create(candidate=UserFactory(), session=session))
    assert error.code == "no_profile" and "profile" in error.message
    no_consent = make_candidate(consent=False)
    error = _error(lambda: registration_create(candidate=no_consent, session=session))
    assert error.code == "no_consent" and "privacy notice" in error.message


def test_window_not_yet_open_and_closed(make_session, make_candidate, english):
    candidate = make_candidate()
    early = make_session(opens_in_days=2)
    error = _error(lambda: registration_create(candidate=candidate, session=early))
    assert error.code == "not_yet_open" and "opens on" in error.messages[0]
    late = make_session(days=5, closes_before_days=7, opens_in_days=-20)  # closed 2 days ago
    error = _error(lambda: registration_create(candidate=candidate, session=late))
    assert error.code == "closed" and "closed on" in error.messages[0]
    draft = make_session(status="draft", days=60)
    assert _error(lambda: registration_create(candidate=candidate, session=draft)).code == "closed"


def test_prerequisite_level_must_be_held(world, make_session, make_candidate, english):
    candidate = make_candidate()
    session = make_session(subject=world.advanced)
    error = _error(lambda: registration_create(candidate=candidate, session=session))
    assert error.code == "prerequisite"
    assert "Professional requires you to hold Associate first" in error.messages[0]
    LevelAchievement.objects.create(
        user=candidate, level=world.associate, achieved_on=dt.date(2026, 1, 10)
    )
    assert registration_create(candidate=candidate, session=session).status == "pending_payment"


def test_one_active_registration_per_subject(world, make_session, make_candidate, english):
    candidate = make_candidate()
    first = registration_create(candidate=candidate, session=make_session())
    other = make_session(days=60)
    error = _error(lambda: registration_create(candidate=candidate, session=other))
    assert error.code == "duplicate"
    assert "already have a registration for Introduction to AI" in error.messages[0]
    # Another subject of the same level is fine.
    registration_create(candidate=candidate, session=make_session(subject=world.genai, days=61))
    registration_cancel(actor=candidate, registration=first)
    assert registration_create(candidate=candidate, session=other).status == "pending_payment"


def test_database_enforces_one_active_registration_per_subject(make_session, make_candidate):
    candidate = make_candidate()
    session = make_session()
    registration_create(candidate=candidate, session=session)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            candidate=candidate, session=session, subject=session.subject, status="waitlisted"
        )


def test_full_session_refuses_unless_joining_the_waiting_list(
    make_session, make_candidate, english
):
    session = make_session(capacity=2)
    for _ in range(2):
        registration_create(candidate=make_candidate(), session=session)
    late = make_candidate()
    error = _error(lambda: registration_create(candidate=late, session=session))
    assert error.code == "full" and "waiting list" in error.messages[0]
    registration = registration_create(candidate=late, session=session, join_waitlist=True)
    assert registration.status == "waitlisted"
    assert Registration.objects.filter(session=session, status="pending_payment").count() == 2


def test_exam_started_sessions_are_closed(make_session, make_candidate):
    session = make_session()
    later = session.starts_at + dt.timedelta(minutes=5)
    error = _error(
        lambda: registration_create(candidate=make_candidate(), session=session, now=later)
    )
    assert error.code == "closed"


def test_group_code_links_registrations_and_caps_places(
    world, make_session, make_candidate, english
):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    group = group_booking_create(
        actor=world.admin, organisation=school, code="TNVS-2026", seats_reserved=1
    )
    session = make_session()
    registration = registration_create(
        candidate=make_candidate(), session=session, group_code="tnvs-2026"
    )
    assert registration.group == group
    error = _error(
        lambda: registration_create(
            candidate=make_candidate(), session=session, group_code="TNVS-2026"
        )
    )
    assert error.code == "group_full"
    error = _error(
        lambda: registration_create(candidate=make_candidate(), session=session, group_code="nope")
    )
    assert error.code == "group" and "no active group" in error.messages[0]


def test_registration_writes_the_audit_trail(make_session, make_candidate):
    from aicert.audit.models import AuditEvent

    registration = registration_create(candidate=make_candidate(), session=make_session())
    event = AuditEvent.objects.get(action="registration.create", target_id=str(registration.pk))
    assert event.actor == registration.candidate


def test_session_time_is_naive_free(make_session):
    session = make_session()
    assert timezone.is_aware(session.starts_at)
