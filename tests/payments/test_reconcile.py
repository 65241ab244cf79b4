"""Reconciling bank statements: every outcome, idempotency, all-or-nothing, audit, permissions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.payments.models import BankStatement, LineOutcome, StatementLine, VirtualAccount
from aicert.payments.services import statement_upload
from aicert.registration.models import Registration
from aicert.registration.services import registration_cancel
from tests.payments.conftest import statement_csv

pytestmark = pytest.mark.django_db
TAIPEI = ZoneInfo("Asia/Taipei")


def line(account, amount, reference, payer="王小明", when=("2026/11/20", "10:32:05")):
    return (*when, account, amount, payer, reference)


def upload(world, *rows, name="statement.csv", **kwargs):
    return statement_upload(actor=world.admin, file_name=name, data=statement_csv(*rows, **kwargs))


def outcomes(statement):
    return list(statement.lines.order_by("line_number").values_list("outcome", flat=True))


def test_registering_opens_a_virtual_account(pending, settings):
    registration = pending()
    account = registration.virtual_account
    assert (
        account.number
        == f"{settings.PAYMENTS_VIRTUAL_ACCOUNT_PREFIX}{registration.pk:09d}" + (account.number[-1])
    )
    assert account.bank_code == settings.PAYMENTS_BANK_CODE
    assert account.due_at <= registration.session.registration_closes_at


def test_exact_payment_confirms(world, pending, django_capture_on_commit_callbacks):
    registration = pending()
    number = registration.virtual_account.number
    with django_capture_on_commit_callbacks(execute=True):
        statement = upload(world, line(number, "1,000", "TX1"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.amount_paid == 1000
    assert registration.paid_at == dt.datetime(2026, 11, 20, 10, 32, 5, tzinfo=TAIPEI)
    (row,) = statement.lines.all()
    assert (row.outcome, row.registration, row.amount_applied, row.refund_due) == (
        LineOutcome.CONFIRMED,
        registration,
        1000,
        0,
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "payment.statement_upload",
        "payment.statement_line.confirmed",
        "registration.payment",
    } <= actions
    # The candidate hears that the payment arrived (the registration's "confirmed" email).
    assert any("確認" in m.subject or "confirmed" in m.subject for m in mail.outbox)


def test_underpaid_stays_pending_then_the_rest_confirms(
    world, pending, django_capture_on_commit_callbacks
):
    registration = pending(language="en")
    number = registration.virtual_account.number
    with django_capture_on_commit_callbacks(execute=True):
        first = upload(world, line(number, 600, "TX1"))
    registration.refresh_from_db()
    assert outcomes(first) == [LineOutcome.UNDERPAID]
    assert (registration.status, registration.amount_paid) == ("pending_payment", 600)
    (message,) = [m for m in mail.outbox if "part of your exam fee" in m.subject]
    assert "NT$400 is still due" in message.body and number in message.body
    second = upload(world, line(number, 400, "TX2"), name="next-day.csv")
    registration.refresh_from_db()
    assert outcomes(second) == [LineOutcome.CONFIRMED]
    assert (registration.status, registration.amount_paid) == ("confirmed", 1000)


def test_overpaid_confirms_and_flags_the_excess(world, pending):
    registration = pending()
    statement = upload(world, line(registration.virtual_account.number, 1500, "TX1"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    row = statement.lines.get()
    assert (row.outcome, row.amount_applied, row.refund_due) == (LineOutcome.OVERPAID, 1000, 500)


def test_two_lines_for_one_registration_in_one_file(world, pending):
    registration = pending()
    number = registration.virtual_account.number
    statement = upload(world, line(number, 700, "A"), line(number, 700, "B"))
    assert outcomes(statement) == [LineOutcome.UNDERPAID, LineOutcome.OVERPAID]
    assert list(statement.lines.values_list("refund_due", flat=True)) == [0, 400]
    registration.refresh_from_db()
    assert (registration.status, registration.amount_paid) == ("confirmed", 1400)


def test_unknown_account(world, pending):
    pending()
    statement = upload(world, line("95279999999990", 1000, "TX1"))
    row = statement.lines.get()
    assert (row.outcome, row.registration) == (LineOutcome.UNKNOWN_ACCOUNT, None)


def test_cancelled_registration_is_flagged_for_refund(world, pending):
    registration = pending()
    registration_cancel(actor=registration.candidate, registration=registration)
    statement = upload(world, line(registration.virtual_account.number, 1000, "TX1"))
    row = statement.lines.get()
    assert (row.outcome, row.refund_due, row.amount_applied) == (LineOutcome.NOT_PAYABLE, 1000, 0)
    registration.refresh_from_db()
    assert (registration.status, registration.amount_paid) == ("cancelled", 0)


def test_same_file_twice_changes_nothing(world, pending, english):
    registration = pending()
    data = statement_csv(line(registration.virtual_account.number, 1000, "TX1"))
    statement_upload(actor=world.admin, file_name="a.csv", data=data)
    events, lines = AuditEvent.objects.count(), StatementLine.objects.count()
    with pytest.raises(ValidationError, match="already uploaded"):
        statement_upload(actor=world.admin, file_name="a-again.csv", data=data)
    registration.refresh_from_db()
    assert registration.amount_paid == 1000
    assert (AuditEvent.objects.count(), StatementLine.objects.count()) == (events, lines)
    assert BankStatement.objects.count() == 1


def test_overlapping_statements_apply_each_reference_once(world, pending):
    first, second = pending(), pending()
    a, b = first.virtual_account.number, second.virtual_account.number
    upload(world, line(a, 1000, "TX1"))
    # The bank's next export repeats yesterday's line (and one line twice) with new ones.
    statement = upload(
        world, line(a, 1000, "TX1"), line(b, 1000, "TX2"), line(b, 1000, "TX2"), name="b.csv"
    )
    assert outcomes(statement) == [
        LineOutcome.DUPLICATE,
        LineOutcome.CONFIRMED,
        LineOutcome.DUPLICATE,
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.amount_paid, second.amount_paid) == (1000, 1000)
    assert StatementLine.objects.exclude(outcome="duplicate").count() == 2


def test_a_file_with_bad_rows_applies_nothing(world, pending, english):
    registration = pending()
    data = statement_csv(
        line(registration.virtual_account.number, 1000, "TX1"),
        line(registration.virtual_account.number, "abc", "TX2"),
    )
    with pytest.raises(ValidationError) as error:
        statement_upload(actor=world.admin, file_name="bad.csv", data=data)
    assert any(m.startswith("Line 3:") for m in error.value.messages)
    assert "Nothing was applied" in error.value.messages[0]
    registration.refresh_from_db()
    assert registration.amount_paid == 0
    assert not BankStatement.objects.exists()
    # Fixed, the same transactions go through.
    upload(world, line(registration.virtual_account.number, 1000, "TX1"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_big5_statement_end_to_end(world, pending):
    registration = pending()
    statement = upload(
        world,
        line(registration.virtual_account.number, 1000, "TX1", payer="許雅筑"),
        encoding="cp950",
    )
    assert statement.encoding == "cp950"
    assert statement.lines.get().payer_name == "許雅筑"


def test_only_the_foundation_reconciles(world, pending, make_candidate):
    registration = pending()
    data = statement_csv(line(registration.virtual_account.number, 1000, "TX1"))
    for actor in (world.manager, make_candidate(), registration.candidate, None):
        with pytest.raises(PermissionDenied):
            statement_upload(actor=actor, file_name="x.csv", data=data)
    assert Registration.objects.get(pk=registration.pk).amount_paid == 0


def test_transfer_gets_a_new_virtual_account(world, pending, make_session):
    from aicert.registration.services import registration_transfer

    registration = pending()
    other = make_session(days=40)
    moved = registration_transfer(
        actor=registration.candidate, registration=registration, target_session=other
    )
    assert moved.virtual_account.number != registration.virtual_account.number
    assert VirtualAccount.objects.count() == 2
    # Money sent to the old account after the move is flagged for refund.
    statement = upload(world, line(registration.virtual_account.number, 1000, "TX1"))
    assert outcomes(statement) == [LineOutcome.NOT_PAYABLE]
