"""The waiting list: freed seats are offered in order, offers expire and pass on."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from aicert.registration.models import Registration
from aicert.registration.services import (
    registration_accept_offer,
    registration_cancel,
    registration_create,
    waitlist_expire_offers,
)
from aicert.registration.tasks import waitlist_expire_offers_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(make_session, make_candidate, django_capture_on_commit_callbacks):
    """A 2-seat session, both seats taken, two candidates waiting (in order)."""
    session = make_session(capacity=2)
    holders = [registration_create(candidate=make_candidate(), session=session) for _ in range(2)]
    waiting = [
        registration_create(candidate=make_candidate(), session=session, join_waitlist=True)
        for _ in range(2)
    ]
    mail.outbox.clear()
    return session, holders, waiting


def _status(registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_cancelled_seat_is_offered_to_the_first_waiting(
    full_session, django_capture_on_commit_callbacks
):
    session, holders, waiting = full_session
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(actor=holders[0].candidate, registration=holders[0], now=now)
    assert _status(waiting[0]) == "offered" and _status(waiting[1]) == "waitlisted"
    waiting[0].refresh_from_db()
    assert waiting[0].offer_expires_at == now + dt.timedelta(hours=48)
    offer_mail = [m for m in mail.outbox if m.to == [waiting[0].candidate.email]]
    assert len(offer_mail) == 1 and "候補" in offer_mail[0].body
    # The seat is held for the offer: nobody else can take it meanwhile.
    assert (
        Registration.objects.filter(
            session=session, status__in=["pending_payment", "offered"]
        ).count()
        == 2
    )


def test_accepting_the_offer_takes_the_seat(full_session):
    session, holders, waiting = full_session
    registration_cancel(actor=holders[0].candidate, registration=holders[0])
    registration_accept_offer(actor=waiting[0].candidate, registration=waiting[0])
    assert _status(waiting[0]) == "pending_payment"


def test_expired_offer_passes_to_the_next(full_session, django_capture_on_commit_callbacks):
    session, holders, waiting = full_session
    now = timezone.now()
    registration_cancel(actor=holders[0].candidate, registration=holders[0], now=now)
    assert waitlist_expire_offers(now=now + dt.timedelta(hours=47)) == 0
    later = now + dt.timedelta(hours=49)
    with django_capture_on_commit_callbacks(execute=True):
        assert waitlist_expire_offers(now=later) == 1
    waiting[0].refresh_from_db()
    assert waiting[0].status == "cancelled" and waiting[0].cancellation_kind == "offer_expired"
    assert _status(waiting[1]) == "offered"
    with pytest.raises(ValidationError):
        registration_accept_offer(actor=waiting[0].candidate, registration=waiting[0], now=later)


def test_accepting_too_late_is_refused(full_session, english):
    session, holders, waiting = full_session
    now = timezone.now()
    registration_cancel(actor=holders[0].candidate, registration=holders[0], now=now)
    with pytest.raises(ValidationError) as error:
        registration_accept_offer(
            actor=waiting[0].candidate,
            registration=waiting[0],
            now=now + dt.timedelta(hours=50),
        )
    assert "expired" in error.value.messages[0]


def test_leaving_the_waiting_list_frees_no_seat(full_session):
    session, holders, waiting = full_session
    registration_cancel(actor=waiting[0].candidate, registration=waiting[0])
    assert _status(waiting[1]) == "waitlisted"


def test_capacity_increase_is_filled_by_the_periodic_run(full_session, world):
    from aicert.scheduling.services import session_update

    session, holders, waiting = full_session
    session_update(actor=world.manager, session=session, capacity=3)
    waitlist_expire_offers()
    assert _status(waiting[0]) == "offered" and _status(waiting[1]) == "waitlisted"


def test_command_and_task_run_the_expiry(full_session, capsys):
    call_command("expire_waitlist_offers")
    assert "0 expired" in capsys.readouterr().out
    result = waitlist_expire_offers_task.enqueue()
    assert result.return_value == 0


def test_a_newcomer_never_takes_a_seat_ahead_of_the_waiting_list(
    full_session, world, make_candidate
):
    """A seat that is free while people wait (here: one more seat, before the periodic run)
    goes to the first of them, not to whoever registers next."""
    from aicert.scheduling.services import session_update

    session, holders, waiting = full_session
    session = session_update(actor=world.manager, session=session, capacity=3)
    # Without joining the waiting list the newcomer is told the session is full.
    with pytest.raises(ValidationError) as error:
        registration_create(candidate=make_candidate(), session=session)
    assert error.value.code == "full"
    # Joining it, they queue behind the others, and the free seat is offered to the first.
    newcomer = registration_create(candidate=make_candidate(), session=session, join_waitlist=True)
    assert newcomer.status == "waitlisted"
    assert _status(waiting[0]) == "offered" and _status(waiting[1]) == "waitlisted"


def test_joining_the_waiting_list_of_a_full_session_takes_no_seat_lock(
    full_session, make_candidate, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session, holders, waiting = full_session
    candidate = make_candidate()
    with CaptureQueriesContext(connection) as queries:
        late = registration_create(candidate=candidate, session=session, join_waitlist=True)
    assert late.status == "waitlisted"
    assert not any("FOR UPDATE" in q["sql"] for q in queries.captured_queries), [
        q["sql"][:120] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]
    ]
    ordered = list(
        Registration.objects.filter(session=session, status="waitlisted").order_by(
            "created_at", "pk"
        )
    )
    assert ordered[-1] == late  # behind the two already waiting
