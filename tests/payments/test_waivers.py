"""Fee waivers and payments recorded by the foundation: reasons, limits, audit, permissions."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.payments.models import FeeWaiver, ManualPayment
from aicert.payments.services import fee_waiver_grant, payment_record_manual
from aicert.registration.models import Registration
from aicert.registration.services import registration_cancel

pytestmark = pytest.mark.django_db


def test_full_waiver_confirms(world, pending, django_capture_on_commit_callbacks):
    registration = pending(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        waiver = fee_waiver_grant(
            actor=world.admin, registration=registration, amount=None, reason="Low-income household"
        )
    registration.refresh_from_db()
    assert (registration.status, registration.fee_amount, registration.amount_paid) == (
        "confirmed",
        0,
        0,
    )
    assert (waiver.amount, waiver.fee_before, waiver.granted_by) == (1000, 1000, world.admin)
    event = AuditEvent.objects.get(action="registration.fee_waiver")
    assert event.changes["waived"] == 1000 and event.changes["reason"] == "Low-income household"
    (message,) = [m for m in mail.outbox if "waived" in m.subject]
    assert "your seat is confirmed" in message.body


def test_partial_waiver_leaves_the_rest_to_pay(world, pending):
    registration = pending()
    fee_waiver_grant(actor=world.admin, registration=registration, amount=400, reason="Student")
    registration.refresh_from_db()
    assert (registration.status, registration.fee_amount) == ("pending_payment", 600)
    from aicert.payments.selectors import payment_instructions

    assert payment_instructions(registration=registration).amount_due == 600


def test_waiver_after_a_partial_payment_confirms(world, pending):
    registration = pending()
    payment_record_manual(
        actor=world.admin,
        registration=registration,
        amount=300,
        paid_at=timezone.now(),
        reason="Paid at the counter",
    )
    fee_waiver_grant(actor=world.admin, registration=registration, amount=None, reason="Hardship")
    registration.refresh_from_db()
    assert (registration.status, registration.fee_amount, registration.amount_paid) == (
        "confirmed",
        300,
        300,
    )


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [(1001, "ok", "amount"), (0, "ok", "amount"), (10, " ", "reason")],
)
def test_waiver_limits(world, pending, english, amount, reason, field):
    registration = pending()
    with pytest.raises(ValidationError) as error:
        fee_waiver_grant(actor=world.admin, registration=registration, amount=amount, reason=reason)
    assert field in error.value.message_dict
    assert not FeeWaiver.objects.exists()


def test_only_pending_registrations_are_waived(world, pending, english):
    registration = pending()
    registration_cancel(actor=registration.candidate, registration=registration)
    with pytest.raises(ValidationError, match="awaiting payment"):
        fee_waiver_grant(actor=world.admin, registration=registration, amount=None, reason="x")


def test_only_the_foundation_waives_or_records(world, pending, make_candidate):
    registration = pending()
    for actor in (world.manager, registration.candidate, make_candidate()):
        with pytest.raises(PermissionDenied):
            fee_waiver_grant(actor=actor, registration=registration, amount=None, reason="x")
        with pytest.raises(PermissionDenied):
            payment_record_manual(
                actor=actor,
                registration=registration,
                amount=1000,
                paid_at=timezone.now(),
                reason="x",
            )
    registration.refresh_from_db()
    assert (registration.status, registration.fee_amount) == ("pending_payment", 1000)


def test_recorded_payment_confirms_with_its_reason(world, pending):
    registration = pending()
    paid_at = timezone.now() - dt.timedelta(hours=2)
    payment = payment_record_manual(
        actor=world.admin,
        registration=registration,
        amount=1000,
        paid_at=paid_at,
        reason="Cash at the Tainan counter",
        reference="R-0042",
    )
    registration.refresh_from_db()
    assert (registration.status, registration.amount_paid, registration.paid_at) == (
        "confirmed",
        1000,
        paid_at,
    )
    assert ManualPayment.objects.get() == payment
    assert AuditEvent.objects.filter(action="payment.record_manual").count() == 1


def test_recorded_payment_needs_a_reason_and_at_most_what_is_owed(world, pending, english):
    registration = pending()
    with pytest.raises(ValidationError) as error:
        payment_record_manual(
            actor=world.admin,
            registration=registration,
            amount=1200,
            paid_at=timezone.now() + dt.timedelta(days=1),
            reason="",
        )
    assert set(error.value.message_dict) == {"amount", "reason", "paid_at"}
    registration.refresh_from_db()
    assert registration.amount_paid == 0


def test_a_waiver_travels_with_the_seat_through_transfers(world, pending, make_session):
    from aicert.registration.services import registration_transfer

    registration = pending()
    fee_waiver_grant(actor=world.admin, registration=registration, amount=400, reason="Student")
    # To a dearer date: the NT$400 still comes off; the candidate owes 1200 - 400.
    dearer = make_session(days=40, fee=1200)
    moved = registration_transfer(
        actor=registration.candidate, registration=registration, target_session=dearer
    )
    assert (moved.status, moved.fee_amount) == ("pending_payment", 800)
    event = AuditEvent.objects.get(action="registration.transfer", target_id=str(registration.pk))
    assert event.changes["waived_carried"] == 400 and event.changes["fee"] == 800
    # And on again (the waiver was granted on the first registration of the chain).
    cheaper = make_session(days=50, fee=300)
    again = registration_transfer(actor=moved.candidate, registration=moved, target_session=cheaper)
    assert (again.status, again.fee_amount, again.amount_paid) == ("confirmed", 0, 0)


def test_a_full_waiver_keeps_the_seat_confirmed_after_a_transfer(world, pending, make_session):
    from aicert.registration.services import registration_transfer

    registration = pending()
    fee_waiver_grant(actor=world.admin, registration=registration, amount=None, reason="Hardship")
    moved = registration_transfer(
        actor=registration.candidate,
        registration=Registration.objects.get(pk=registration.pk),
        target_session=make_session(days=40),
    )
    assert (moved.status, moved.fee_amount) == ("confirmed", 0)
