"""Races on PostgreSQL: a payment against the deadline job; two overlapping statement uploads."""

import datetime as dt

from django.core.exceptions import ValidationError

from aicert.payments.models import LineOutcome, StatementLine
from aicert.payments.services import payment_deadlines_enforce, statement_upload
from aicert.registration.models import Registration
from tests.payments.conftest import statement_csv
from tests.race import RACE, run_together

pytestmark = RACE


def _row(account, reference, amount=1000):
    return ("2026/11/20", "10:00", account, amount, "王小明", reference)


def _run_together(*jobs):
    """The jobs' results; a refusal (``ValidationError``) is the losing job's result."""
    return run_together(jobs, returning=ValidationError)


def test_payment_racing_the_deadline_is_either_applied_or_refunded(world, make_session, pending):
    session = make_session(capacity=20)
    registrations = [pending(session=session) for _ in range(6)]
    late = max(r.virtual_account.due_at for r in registrations) + dt.timedelta(minutes=1)
    data = statement_csv(*(_row(r.virtual_account.number, f"TX{r.pk}") for r in registrations))
    _run_together(
        lambda: statement_upload(actor=world.admin, file_name="s.csv", data=data),
        lambda: payment_deadlines_enforce(now=late),
    )
    for registration in Registration.objects.filter(pk__in=[r.pk for r in registrations]):
        line = StatementLine.objects.get(registration=registration)
        if registration.status == "confirmed":
            assert (line.outcome, registration.amount_paid) == (LineOutcome.CONFIRMED, 1000)
        else:  # the deadline won: the money is owed back, never applied to a cancelled seat
            assert registration.status == "cancelled"
            assert (line.outcome, line.refund_due, registration.amount_paid) == (
                LineOutcome.NOT_PAYABLE,
                1000,
                0,
            )


def test_overlapping_uploads_apply_each_reference_once(world, make_session, pending):
    session = make_session(capacity=20)
    registrations = [pending(session=session) for _ in range(5)]
    rows = [_row(r.virtual_account.number, f"TX{r.pk}") for r in registrations]
    first = statement_csv(*rows)
    second = statement_csv(*reversed(rows))  # the same transactions in another file
    results = _run_together(
        lambda: statement_upload(actor=world.admin, file_name="a.csv", data=first),
        lambda: statement_upload(actor=world.admin, file_name="b.csv", data=second),
    )
    assert len([r for r in results if not isinstance(r, ValidationError)]) >= 1
    applied = StatementLine.objects.exclude(outcome=LineOutcome.DUPLICATE)
    assert applied.count() == 5
    for registration in Registration.objects.filter(pk__in=[r.pk for r in registrations]):
        assert (registration.status, registration.amount_paid) == ("confirmed", 1000)
