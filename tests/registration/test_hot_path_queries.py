"""The registration POST (the rush's hot path) makes a fixed, small number of round trips, and
the e-mail's task row is written inside the registration's transaction with the database queue
(issue #14). Counts are of statements that read or write rows (transaction control aside)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aicert.audit.models import AuditEvent
from aicert.registration.models import Registration, RegistrationStatus
from tests.queries import shapes, statements

# session, user (with whether they hold a staff role), the session with its level, room and
# venue, the candidate's standing (profile, consent, duplicate, prerequisites), the session's
# row lock, the seats held under it, the registration, the virtual account (written, not looked
# up first: the registration was just inserted), the two audit records (in one INSERT).
SEAT_STATEMENTS = 9
# session, user, the session, the standing (with the seats held), the registration, its audit
# record: a waiting-list place takes no lock.
WAITLIST_STATEMENTS = 6


def _post(client, session):
    url = reverse("registration:register", args=[session.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, {"join_waitlist": "on"})
    assert response.status_code == 302, response.content[:500]
    return statements(captured)


def test_taking_a_seat_costs_a_fixed_number_of_round_trips(client, make_session, make_candidate):
    session = make_session(capacity=5)
    candidate = make_candidate()
    client.force_login(candidate)
    sql = _post(client, session)
    registration = Registration.objects.get(candidate=candidate, session=session)
    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert len(sql) == SEAT_STATEMENTS, shapes(sql)
    assert not any("accounts_membership" in q and "EXISTS" not in q for q in sql), shapes(sql)
    # the session read by the view, then locked (FOR UPDATE where the database has row locks)
    assert sum('FROM "scheduling_session"' in q for q in sql) == 2, shapes(sql)
    assert not any(q.startswith("SELECT") and "payments_virtualaccount" in q for q in sql), shapes(
        sql
    )
    assert registration.virtual_account.number
    if connection.features.has_select_for_update:
        assert sum("FOR UPDATE" in q for q in sql) == 1, shapes(sql)
    assert sum(q.startswith('INSERT INTO "audit_auditevent"') for q in sql) == 1, shapes(sql)
    assert AuditEvent.objects.filter(
        action="registration.create", target_id=str(registration.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action="payment.virtual_account_open", target_id=str(registration.virtual_account.pk)
    ).exists()


def test_a_waiting_list_place_takes_no_lock(client, make_session, make_candidate):
    session = make_session(capacity=1)
    client.force_login(make_candidate())
    _post(client, session)  # the one seat
    candidate = make_candidate()
    client.force_login(candidate)
    sql = _post(client, session)
    registration = Registration.objects.get(candidate=candidate, session=session)
    assert registration.status == RegistrationStatus.WAITLISTED
    assert len(sql) == WAITLIST_STATEMENTS, shapes(sql)
    assert sum('FROM "scheduling_session"' in q for q in sql) == 1, shapes(sql)
    assert not any("FOR UPDATE" in q for q in sql), shapes(sql)
    assert AuditEvent.objects.filter(
        action="registration.create", target_id=str(registration.pk)
    ).exists()


def test_a_missing_prerequisite_is_still_refused_with_its_name(
    client, world, make_session, make_candidate
):
    from tests.factories import SubjectFactory

    subject = SubjectFactory(level=world.professional, duration_minutes=90)
    session = make_session(subject=subject)
    client.force_login(make_candidate())
    response = client.post(reverse("registration:register", args=[session.pk]), {})
    assert response.status_code == 200
    assert str(world.associate) in response.content.decode()
    assert not Registration.objects.filter(session=session).exists()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_email_task_is_queued_in_the_registrations_transaction(
    database_queue, make_session, make_candidate, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from aicert.registration.services import registration_create

    session = make_session(capacity=1)
    with django_capture_on_commit_callbacks() as callbacks:
        registration = registration_create(candidate=make_candidate(), session=session)
    # written with the registration, not left to an after-commit callback
    assert not callbacks
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"registration_id": registration.pk, "kind": "registered"}
    assert task.task_path == "aicert.registration.tasks.registration_email_send"


def test_a_refused_registration_queues_no_email(database_queue, make_session, make_candidate):
    from django.core.exceptions import ValidationError
    from django_tasks_db.models import DBTaskResult

    from aicert.registration.services import registration_create

    session = make_session(capacity=1)
    registration_create(candidate=make_candidate(), session=session)
    with pytest.raises(ValidationError):
        registration_create(candidate=make_candidate(), session=session)  # full, no waitlist
    assert DBTaskResult.objects.count() == 1


def test_without_the_database_queue_the_email_waits_for_the_commit(
    make_session, make_candidate, django_capture_on_commit_callbacks, mailoutbox
):
    from aicert.registration.services import registration_create

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration_create(candidate=make_candidate(), session=make_session())
    assert len(callbacks) == 1 and not mailoutbox
    callbacks[0]()
    assert len(mailoutbox) == 1
