"""Cancellation refunds follow the refund policy stored as data."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from aicert.registration.models import RefundPolicy
from aicert.registration.selectors import refund_quote
from aicert.registration.services import (
    registration_cancel,
    registration_confirm_payment,
    registration_create,
)
from tests.scheduling.fixtures import TAIPEI

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(world, make_session, make_candidate):
    """A 1000 NTD registration, paid, for an exam 30 days ahead; policy 14 days / 50%."""
    RefundPolicy.objects.create(
        name="test", full_refund_days_before=14, documented_reason_percent=50
    )
    registration = registration_create(candidate=make_candidate(), session=make_session(fee=1000))
    return registration_confirm_payment(actor=world.admin, registration=registration, amount=1000)


def _days_before(registration, days: int) -> dt.datetime:
    exam_day = timezone.localtime(registration.session.starts_at).date()
    day = exam_day - dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=TAIPEI)


def test_payment_confirms_the_seat(paid):
    assert paid.status == "confirmed" and paid.amount_paid == 1000 and paid.paid_at


@pytest.mark.parametrize(
    ("days", "documented", "amount", "rule"),
    [
        (20, False, 1000, "full"),
        (14, False, 1000, "full"),  # on the boundary day: still full
        (13, False, 0, "none"),
        (13, True, 500, "documented"),
        (1, True, 500, "documented"),
        (1, False, 0, "none"),
    ],
)
def test_refund_quote(paid, days, documented, amount, rule):
    quote = refund_quote(registration=paid, documented=documented, now=_days_before(paid, days))
    assert (quote.amount, quote.rule) == (amount, rule)


def test_unpaid_registration_refunds_nothing(make_session, make_candidate):
    registration = registration_create(candidate=make_candidate(), session=make_session())
    assert refund_quote(registration=registration).rule == "unpaid"


def test_policy_is_data(paid):
    RefundPolicy.objects.update(is_active=False)
    RefundPolicy.objects.create(
        name="generous", full_refund_days_before=3, documented_reason_percent=80
    )
    assert refund_quote(registration=paid, now=_days_before(paid, 5)).amount == 1000
    assert refund_quote(registration=paid, documented=True, now=_days_before(paid, 2)).amount == 800


def test_cancellation_records_the_refund(paid):
    cancelled = registration_cancel(
        actor=paid.candidate,
        registration=paid,
        documented=True,
        reason="住院證明",
        now=_days_before(paid, 3),
    )
    assert cancelled.status == "cancelled" and cancelled.refund_amount == 500
    assert cancelled.cancellation_kind == "documented"


def test_documented_reason_needs_a_description(paid, english):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        registration_cancel(actor=paid.candidate, registration=paid, documented=True)
    assert "documented reason" in str(error.value)


def test_cancel_page_shows_the_refund(client, paid):
    client.force_login(paid.candidate)
    page = client.get(reverse("registration:cancel", args=[paid.pk])).content.decode()
    assert 'data-refund="1000"' in page
    response = client.post(reverse("registration:cancel", args=[paid.pk]), {})
    assert response.status_code == 302
    paid.refresh_from_db()
    assert paid.status == "cancelled" and paid.refund_amount == 1000
    listing = client.get(reverse("registration:my_registrations")).content.decode()
    assert "退費新臺幣 1000 元" in listing
