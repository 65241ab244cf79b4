"""Payment deadlines: unpaid registrations release their seat to the waiting list."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.payments.services import payment_deadlines_enforce, payment_record_manual
from aicert.payments.tasks import payment_deadlines_enforce_task
from aicert.registration.services import registration_accept_offer, registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(make_session, make_candidate, settings):
    """A one-seat session: one registration awaiting payment, one candidate waiting."""
    settings.PAYMENTS_DUE_DAYS = 3
    session = make_session(capacity=1)
    holder = registration_create(candidate=make_candidate(), session=session)
    waiting = registration_create(candidate=make_candidate(), session=session, join_waitlist=True)
    return session, holder, waiting


def test_deadline_is_days_after_registering(full):
    session, holder, _ = full
    due = holder.virtual_account.due_at
    assert abs(due - (holder.created_at + dt.timedelta(days=3))) < dt.timedelta(seconds=5)


def test_deadline_never_after_registration_closes(make_session, make_candidate):
    session = make_session(days=10, closes_before_days=8)  # closes in about two days
    registration = registration_create(candidate=make_candidate(), session=session)
    assert registration.virtual_account.due_at == session.registration_closes_at


def test_nothing_expires_before_the_deadline(full):
    _, holder, waiting = full
    assert (
        payment_deadlines_enforce(now=holder.virtual_account.due_at - dt.timedelta(minutes=1)) == 0
    )
    holder.refresh_from_db()
    assert holder.status == "pending_payment"


def test_unpaid_registration_releases_its_seat_to_the_waiting_list(
    full, django_capture_on_commit_callbacks
):
    _, holder, waiting = full
    later = holder.virtual_account.due_at + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_deadlines_enforce(now=later) == 1
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, holder.cancellation_kind, holder.refund_amount) == (
        "cancelled",
        "unpaid",
        0,
    )
    assert holder.cancellation_reason
    assert waiting.status == "offered"
    assert AuditEvent.objects.filter(
        action="registration.payment_expired", target_id=str(holder.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="registration.cancel", actor=None).exists()
    # Running again finds nothing more to do.
    assert payment_deadlines_enforce(now=later) == 0
    # The candidate on the waiting list takes the seat and gets a virtual account of their own.
    accepted = registration_accept_offer(actor=waiting.candidate, registration=waiting)
    assert accepted.status == "pending_payment"
    assert accepted.virtual_account.due_at >= timezone.now() + dt.timedelta(hours=23)


def test_partial_payment_is_refunded_in_full_on_expiry(full, world):
    _, holder, _ = full
    payment_record_manual(
        actor=world.admin,
        registration=holder,
        amount=300,
        paid_at=timezone.now(),
        reason="Counter",
    )
    payment_deadlines_enforce(now=holder.virtual_account.due_at + dt.timedelta(minutes=1))
    holder.refresh_from_db()
    assert (holder.status, holder.amount_paid, holder.refund_amount) == ("cancelled", 300, 300)


def test_a_paid_registration_keeps_its_seat(full, world):
    _, holder, waiting = full
    payment_record_manual(
        actor=world.admin, registration=holder, amount=1000, paid_at=timezone.now(), reason="ok"
    )
    assert payment_deadlines_enforce(now=holder.virtual_account.due_at + dt.timedelta(days=1)) == 0
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == ("confirmed", "waitlisted")


def test_command_and_task(full, capsys, monkeypatch):
    _, holder, _ = full
    later = holder.virtual_account.due_at + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("expire_unpaid_registrations")
    assert "1 unpaid registration(s) released." in capsys.readouterr().out
    holder.refresh_from_db()
    assert holder.status == "cancelled"
    result = payment_deadlines_enforce_task.enqueue()
    assert result.return_value == 0
