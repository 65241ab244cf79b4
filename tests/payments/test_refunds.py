"""Refunds sent: the worklist of refunds owed (overpaid or not-payable statement lines, cancelled
registrations with a refund), recording each one sent once, the candidate told, who may do it."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from aicert.accounts.roles import OrganisationKind, Role
from aicert.audit.models import AuditEvent
from aicert.payments import selectors
from aicert.payments.models import LineOutcome, RefundPayout
from aicert.payments.services import refund_record_sent, statement_upload
from aicert.registration.models import Registration
from aicert.registration.services import registration_cancel
from tests.factories import OrganisationFactory, UserFactory, grant
from tests.payments.conftest import statement_csv
from tests.race import postgres_race, run_together

pytestmark = pytest.mark.django_db


def _when(days_ago=2):
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return (day.strftime("%Y/%m/%d"), "10:32:05")


def _row(account, amount, reference, days_ago=2):
    return (*_when(days_ago), account, amount, "王小明", reference)


def _upload(world, *rows, name="statement.csv"):
    return statement_upload(actor=world.admin, file_name=name, data=statement_csv(*rows))


@pytest.fixture
def overpaid_line(world, pending):
    """A statement line paying NT$1300 on a NT$1000 fee: NT$300 to refund."""

    def make(**kwargs):
        registration = pending(**kwargs)
        statement = _upload(
            world,
            _row(registration.virtual_account.number, 1300, f"TX{registration.pk}"),
            name=f"over{registration.pk}.csv",
        )
        line = statement.lines.get()
        assert (line.outcome, line.refund_due) == (LineOutcome.OVERPAID, 300)
        return line

    return make


@pytest.fixture
def cancelled_paid(world, pending):
    """A registration paid in full, then cancelled by its candidate: a full refund of NT$1000."""

    def make(**kwargs):
        registration = pending(**kwargs)
        _upload(
            world,
            _row(registration.virtual_account.number, 1000, f"PAID{registration.pk}"),
            name=f"paid{registration.pk}.csv",
        )
        registration.refresh_from_db()
        registration = registration_cancel(
            actor=registration.candidate, registration=registration, reason=""
        )
        assert (registration.status, registration.refund_amount) == ("cancelled", 1000)
        return registration

    return make


def _record(world, **kwargs):
    kwargs.setdefault("sent_on", timezone.localdate())
    kwargs.setdefault("bank_reference", "OUT-1")
    return refund_record_sent(actor=world.admin, **kwargs)


# --- The service ----------------------------------------------------------------------------


def test_a_line_refund_is_recorded_audited_and_mailed_once_in_english(
    world, overpaid_line, django_capture_on_commit_callbacks
):
    line = overpaid_line(language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payout = _record(world, line=line, bank_reference=" OUT-77 ", note="ATM")
    assert (payout.line, payout.registration, payout.amount) == (line, None, 300)
    assert (payout.bank_reference, payout.note, payout.recorded_by) == (
        "OUT-77",
        "ATM",
        world.admin,
    )
    event = AuditEvent.objects.get(action="payment.refund_sent")
    assert event.actor == world.admin
    assert event.target_id == str(payout.pk)
    assert event.changes["amount"] == 300
    assert event.changes["registration"] == line.registration_id
    assert event.changes["reference"] == "OUT-77"
    (message,) = mail.outbox
    assert message.to == [line.registration.candidate.email]
    assert "refund has been sent" in message.subject
    assert "NT$300" in message.body and "OUT-77" in message.body
    assert timezone.localdate().isoformat() in message.body
    # Recording it again is refused, records nothing and mails nobody.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as err:
        _record(world, line=line, bank_reference="OUT-78")
    assert err.value.code == "already_sent"
    assert "OUT-77" in str(err.value)
    assert RefundPayout.objects.count() == 1
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="payment.refund_sent").count() == 1


def test_a_cancellation_refund_is_recorded_and_mailed_in_chinese(
    world, cancelled_paid, django_capture_on_commit_callbacks
):
    registration = cancelled_paid(language="zh-hant")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payout = _record(world, registration=registration, bank_reference="OUT-9")
    assert (payout.registration, payout.line, payout.amount) == (registration, None, 1000)
    (message,) = mail.outbox
    assert "退款" in message.subject
    assert "NT$1000" in message.body and "OUT-9" in message.body
    assert "退款" in message.body
    with pytest.raises(ValidationError):
        _record(world, registration=registration, bank_reference="OUT-10")
    assert RefundPayout.objects.count() == 1


def test_a_not_payable_line_on_a_cancelled_registration_is_its_own_refund(world, pending):
    registration = pending()
    registration_cancel(actor=registration.candidate, registration=registration, reason="")
    statement = _upload(world, _row(registration.virtual_account.number, 1000, "LATE1"))
    line = statement.lines.get()
    assert (line.outcome, line.refund_due) == (LineOutcome.NOT_PAYABLE, 1000)
    registration.refresh_from_db()
    assert registration.refund_amount == 0  # nothing was paid before the cancellation
    due = selectors.refunds_due()
    assert [(r.kind, r.pk, r.amount) for r in due] == [("line", line.pk, 1000)]
    assert str(LineOutcome.NOT_PAYABLE.label) == due[0].why
    _record(world, line=line)
    assert selectors.refunds_due() == []


@pytest.mark.parametrize(
    ("sent_on", "field"),
    [
        (lambda: timezone.localdate() + dt.timedelta(days=1), "sent_on"),  # the future
        (lambda: timezone.localdate() - dt.timedelta(days=3), "sent_on"),  # before the money
    ],
)
def test_bad_dates_are_refused(world, overpaid_line, sent_on, field):
    line = overpaid_line()
    with pytest.raises(ValidationError) as err:
        _record(world, line=line, sent_on=sent_on())
    assert field in err.value.error_dict
    assert not RefundPayout.objects.exists()


def test_a_blank_reference_or_a_date_before_the_cancellation_is_refused(world, cancelled_paid):
    registration = cancelled_paid()
    with pytest.raises(ValidationError) as err:
        _record(world, registration=registration, bank_reference="  ")
    assert "bank_reference" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        _record(
            world,
            registration=registration,
            sent_on=timezone.localdate(registration.cancelled_at) - dt.timedelta(days=1),
        )
    assert "sent_on" in err.value.error_dict
    assert not RefundPayout.objects.exists()


def test_nothing_to_refund_is_refused(world, pending):
    registration = pending()
    statement = _upload(world, _row(registration.virtual_account.number, 1000, "EXACT"))
    with pytest.raises(ValidationError):
        _record(world, line=statement.lines.get())
    registration.refresh_from_db()
    with pytest.raises(ValidationError):  # confirmed, not cancelled
        _record(world, registration=registration)
    assert not RefundPayout.objects.exists()


def test_exactly_one_source(world, overpaid_line, cancelled_paid):
    with pytest.raises(ValueError):
        _record(world)
    with pytest.raises(ValueError):
        _record(world, line=overpaid_line(), registration=cancelled_paid())


def test_only_payments_staff_may_record(world, overpaid_line):
    line = overpaid_line()
    for user in (world.manager, line.registration.candidate, None):
        with pytest.raises(PermissionDenied):
            refund_record_sent(
                actor=user, line=line, sent_on=timezone.localdate(), bank_reference="X"
            )
    assert not RefundPayout.objects.exists()


def test_the_database_refuses_a_second_payout_and_a_payout_without_or_with_two_sources(
    world, overpaid_line, cancelled_paid
):
    line, registration = overpaid_line(), cancelled_paid()
    payout = _record(world, line=line)
    common = {"amount": 1, "sent_on": timezone.localdate(), "recorded_by": world.admin}
    for sources in ({"line": line}, {}, {"line": line, "registration": registration}):
        with pytest.raises(IntegrityError), transaction.atomic():
            RefundPayout.objects.create(bank_reference="R", **sources, **common)
    _record(world, registration=registration)
    with pytest.raises(IntegrityError), transaction.atomic():
        RefundPayout.objects.create(bank_reference="R", registration=registration, **common)
    # Append-only.
    payout.note = "changed"
    with pytest.raises(ValueError):
        payout.save()
    with pytest.raises(ValueError):
        payout.delete()


def test_selectors_list_due_oldest_first_and_sent_newest_first(
    world, overpaid_line, cancelled_paid
):
    older = overpaid_line()
    cancelled = cancelled_paid()  # cancelled now: owed since later than the line's transfer
    due = selectors.refunds_due()
    assert [(r.kind, r.pk, r.amount) for r in due] == [
        ("line", older.pk, 300),
        ("registration", cancelled.pk, 1000),
    ]
    assert due[1].why  # the cancellation kind's label
    assert due[0].registration == older.registration
    totals = selectors.refund_totals()
    assert (totals.due_count, totals.due_amount, totals.sent_count, totals.sent_amount) == (
        2,
        1300,
        0,
        0,
    )
    first = _record(world, line=older, sent_on=timezone.localdate() - dt.timedelta(days=1))
    second = _record(world, registration=cancelled, bank_reference="OUT-2")
    assert list(selectors.refunds_sent()) == [second, first]
    assert selectors.refunds_due() == []
    totals = selectors.refund_totals()
    assert (totals.due_count, totals.sent_count, totals.sent_amount) == (0, 2, 1300)


# --- The pages ------------------------------------------------------------------------------


@pytest.fixture
def sources(overpaid_line, cancelled_paid):
    return overpaid_line(), cancelled_paid()


def _urls(line, registration):
    return [
        ("get", reverse("payments:refund_list")),
        ("post", reverse("payments:refund_record_line", args=[line.pk])),
        ("post", reverse("payments:refund_record_registration", args=[registration.pk])),
    ]


def test_refund_pages_refuse_centers_candidates_and_employers(client, world, sources, staff_login):
    line, registration = sources
    employer = UserFactory(email="hr@example.org")
    grant(employer, OrganisationFactory(kind=OrganisationKind.EMPLOYER), Role.EMPLOYER)
    data = {"sent_on": timezone.localdate().isoformat(), "bank_reference": "X"}
    for method, url in _urls(line, registration):
        assert "/accounts/login/" in getattr(client, method)(url, data)["Location"]
    staff_login(world.manager)
    for method, url in _urls(line, registration):
        assert getattr(client, method)(url, data).status_code == 403, url
    for user in (registration.candidate, line.registration.candidate, employer):
        client.force_login(user)
        for method, url in _urls(line, registration):
            assert getattr(client, method)(url, data).status_code == 403, url
    assert not RefundPayout.objects.exists()


def test_admin_records_both_kinds_from_the_worklist(
    client, world, sources, staff_login, django_capture_on_commit_callbacks
):
    line, registration = sources
    staff_login(world.admin)
    client.cookies["aicert_language"] = "en"
    url = reverse("payments:refund_list")
    page = client.get(url).content.decode()
    assert f'id="refund-line-{line.pk}"' in page
    assert f'id="refund-registration-{registration.pk}"' in page
    assert f'value="{timezone.localdate().isoformat()}"' in page  # sent on: today by default
    assert reverse("payments:refund_record_line", args=[line.pk]) in page
    assert "Overpaid" in page and "Cancelled by the candidate" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("payments:refund_record_line", args=[line.pk]),
            {
                "sent_on": timezone.localdate().isoformat(),
                "bank_reference": "OUT-L",
                "amount": "99999",  # not a field: the amount is what is owed
            },
        )
    assert response.status_code == 302 and response["Location"] == url
    payout = RefundPayout.objects.get()
    assert (payout.line, payout.amount, payout.bank_reference) == (line, 300, "OUT-L")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("payments:refund_record_registration", args=[registration.pk]),
            {
                "sent_on": timezone.localdate().isoformat(),
                "bank_reference": "OUT-R",
                "note": "ok",
                "amount": "1",
            },
        )
    assert response.status_code == 302
    payout = RefundPayout.objects.get(registration=registration)
    assert (payout.amount, payout.note) == (1000, "ok")
    assert len(mail.outbox) == 2
    page = client.get(url).content.decode()
    assert f'id="refund-line-{line.pk}"' not in page  # no longer due
    assert f'id="refund-registration-{registration.pk}"' not in page
    assert "No refund is due." in page
    assert "OUT-L" in page and "OUT-R" in page  # in the sent list
    # The registration's payment page shows the payout and links to the worklist.
    detail = client.get(reverse("payments:registration_detail", args=[registration.pk]))
    detail = detail.content.decode()
    assert "OUT-R" in detail and url in detail
    detail = client.get(reverse("payments:registration_detail", args=[line.registration_id]))
    assert "OUT-L" in detail.content.decode()
    assert url in client.get(reverse("payments:statement_list")).content.decode()


def test_bad_input_records_nothing_and_says_why(client, world, sources, staff_login):
    line, registration = sources
    staff_login(world.admin)
    client.cookies["aicert_language"] = "en"
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("payments:refund_record_line", args=[line.pk]),
        {"sent_on": tomorrow, "bank_reference": "OUT"},
    )
    assert response.status_code == 400
    assert "cannot be sent in the future" in response.content.decode()
    response = client.post(
        reverse("payments:refund_record_registration", args=[registration.pk]),
        {"sent_on": timezone.localdate().isoformat(), "bank_reference": ""},
    )
    assert response.status_code == 400
    assert "Nothing was recorded" in response.content.decode()
    response = client.post(
        reverse("payments:refund_record_registration", args=[registration.pk]),
        {"sent_on": "not a date", "bank_reference": "OUT"},
    )
    assert response.status_code == 400
    assert not RefundPayout.objects.exists()
    # Twice: the second is refused with the first one's details.
    data = {"sent_on": timezone.localdate().isoformat(), "bank_reference": "OUT-1"}
    url = reverse("payments:refund_record_line", args=[line.pk])
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "bank_reference": "OUT-2"})
    assert response.status_code == 400
    assert "already recorded as sent" in response.content.decode()
    assert RefundPayout.objects.get().bank_reference == "OUT-1"


def test_the_refund_list_reads_in_a_fixed_number_of_queries(
    client, world, overpaid_line, cancelled_paid, staff_login, django_assert_max_num_queries
):
    for _ in range(3):
        overpaid_line()
        registration = cancelled_paid()
    _record(world, registration=registration)
    staff_login(world.admin)
    url = reverse("payments:refund_list")
    client.get(url)
    with django_assert_max_num_queries(25) as captured:
        client.get(url)
    baseline = len(captured)
    overpaid_line()
    _record(world, registration=cancelled_paid())
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_the_candidate_sees_when_the_refund_was_sent(client, world, cancelled_paid):
    registration = cancelled_paid(language="en")
    client.force_login(registration.candidate)
    client.cookies["aicert_language"] = "en"
    url = reverse("registration:my_registrations")
    page = client.get(url).content.decode()
    assert "Refund NT$1000" in page and "refund sent on" not in page
    sent_on = timezone.localdate()
    _record(world, registration=registration, sent_on=sent_on)
    page = client.get(url).content.decode()
    assert f"refund sent on {sent_on.isoformat()}" in page


# --- The race (PostgreSQL) ------------------------------------------------------------------


@postgres_race
@pytest.mark.parametrize("kind", ["line", "registration"])
def test_two_clerks_recording_the_same_refund_make_one_payout(
    world, overpaid_line, cancelled_paid, kind
):
    source = {"line": overpaid_line()} if kind == "line" else {"registration": cancelled_paid()}

    def record(reference):
        return lambda: _record(world, bank_reference=reference, **source)

    results = run_together([record("OUT-A"), record("OUT-B")], returning=ValidationError)
    assert len([r for r in results if isinstance(r, RefundPayout)]) == 1
    assert len([r for r in results if isinstance(r, ValidationError)]) == 1
    assert RefundPayout.objects.count() == 1
    assert AuditEvent.objects.filter(action="payment.refund_sent").count() == 1


def test_an_overpaid_then_cancelled_registration_is_not_refunded_twice(world, overpaid_line):
    """NT$1300 on a NT$1000 fee: NT$300 is owed on the line; cancelling refunds the NT$1000."""
    line = overpaid_line()
    registration = Registration.objects.get(pk=line.registration_id)
    assert registration.amount_paid == 1300
    registration = registration_cancel(
        actor=registration.candidate, registration=registration, reason=""
    )
    assert registration.refund_amount == 1000
    owed = sum(entry.amount for entry in selectors.refunds_due())
    assert owed == 1300  # what came in, once


def test_the_excess_follows_a_transfer(world, overpaid_line, make_session):
    from aicert.registration.services import registration_transfer

    line = overpaid_line()
    registration = Registration.objects.get(pk=line.registration_id)
    moved = registration_transfer(
        actor=registration.candidate,
        registration=registration,
        target_session=make_session(days=40),
    )
    assert moved.amount_paid == 1300
    moved = registration_cancel(actor=moved.candidate, registration=moved, reason="")
    assert moved.refund_amount == 1000  # the NT$300 stays owed on the original line
