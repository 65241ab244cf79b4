"""Writes for payments: virtual accounts, statement reconciliation, waivers, recorded payments,
releasing the seats of registrations unpaid by their deadline, and recording refunds sent.

Money reaches a registration only through :func:`aicert.registration.services.
registration_confirm_payment` (the one place that records payments and confirms seats); seats
are released only through :func:`aicert.registration.services.registration_cancel` (which
offers them to the waiting list). Locks follow :mod:`aicert.registration.locks`: sessions in pk
order, then registrations in pk order. Every change is audited in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.payments import bankcsv, providers, tasks
from aicert.payments.locks import statement_line_row_lock
from aicert.payments.models import (
    BankStatement,
    FeeWaiver,
    LineOutcome,
    ManualPayment,
    RefundPayout,
    StatementLine,
    VirtualAccount,
)
from aicert.registration import locks as registration_locks
from aicert.registration.models import CancellationKind, Registration, RegistrationStatus
from aicert.registration.services import registration_cancel, registration_confirm_payment
from aicert.scheduling.locks import session_rows_lock

S = RegistrationStatus


def _notify(registration: Registration, kind: str, **context: Any) -> None:
    """Email the candidate about a payment event once the transaction has committed."""

    pk = registration.pk
    transaction.on_commit(
        lambda: tasks.payment_email_send.enqueue(registration_id=pk, kind=kind, context=context)
    )


# --- Opening a registration for payment -----------------------------------------------------


def payment_open(
    *, registration: Registration, now: dt.datetime | None = None, new: bool = False
) -> Any:
    """A registration starts awaiting payment: let the configured provider prepare it.

    Called by the registration services (register, accept a waiting-list offer, transfer) inside
    their transaction; does nothing for a registration that is not awaiting payment. ``new``:
    the registration was inserted in this transaction, so nothing was prepared for it yet.
    """
    if registration.status != S.PENDING_PAYMENT:
        return None
    return providers.provider_get().open(
        registration=registration, now=now or timezone.now(), new=new
    )


def virtual_account_open(
    *, registration: Registration, now: dt.datetime | None = None, new: bool = False
) -> VirtualAccount:
    """The registration's virtual account, created on first call with its payment deadline.

    The number is derived from the registration's primary key (unique by construction, and
    by the unique constraint); the deadline from :func:`aicert.payments.providers.payment_due_at`.
    ``new``: the registration was inserted in this transaction, so it has no account and the
    lookup is skipped (were it wrong, the unique constraint would refuse a second account).
    """
    if not new:
        existing = VirtualAccount.objects.filter(registration=registration).first()
        if existing is not None:
            return existing
    now = now or timezone.now()
    session = registration.session
    account = VirtualAccount.objects.create(
        registration=registration,
        provider=providers.BankTransferProvider.code,
        bank_code=_bank_code(),
        number=providers.virtual_account_number(registration.pk),
        due_at=providers.payment_due_at(
            opened_at=now,
            registration_closes_at=session.registration_closes_at,
            starts_at=session.starts_at,
        ),
    )
    audit_record(
        actor=None,
        action="payment.virtual_account_open",
        target=account,
        changes={"registration": registration.pk, "due_at": account.due_at.isoformat()},
    )
    return account


def _bank_code() -> str:
    return str(getattr(settings, "PAYMENTS_BANK_CODE", "812"))


# --- Reconciling a bank statement -----------------------------------------------------------


def _local(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def _statement_errors(errors: list[bankcsv.RowError]) -> ValidationError:
    messages = [str(e) for e in errors]
    return ValidationError(
        [_("Nothing was applied: correct these lines and upload the file again."), *messages],
        code="bad_rows",
    )


@transaction.atomic
def statement_upload(*, actor: Actor, file_name: str, data: bytes) -> BankStatement:
    """Reconcile an uploaded bank statement, all or nothing, and return its record.

    The file must be new (same SHA-256 as an earlier upload: refused) and every row valid
    (otherwise a ValidationError lists the bad lines by number and nothing is applied). Each
    line is then matched by virtual account and bank reference: a reference seen before is a
    duplicate and changes nothing; a payment to a registration awaiting payment is recorded
    through ``registration_confirm_payment`` (confirmed, underpaid or overpaid); a payment to a
    cancelled, transferred or finished registration, or beyond the fee, is flagged for refund.

    Locks every session concerned in pk order, then the registrations in pk order.
    """
    require_permission(actor, "payments.reconcile_statement")
    digest = hashlib.sha256(data).hexdigest()
    earlier = BankStatement.objects.filter(file_sha256=digest).first()
    if earlier is not None:
        raise ValidationError(
            _(
                "This file was already uploaded on %(date)s (%(name)s); uploading it again "
                "changes nothing."
            )
            % {"date": _local(earlier.uploaded_at), "name": earlier.file_name},
            code="same_file",
        )
    try:
        parsed = bankcsv.statement_parse(data)
    except bankcsv.StatementError as exc:
        raise ValidationError(str(exc), code="unreadable") from exc
    if parsed.errors:
        raise _statement_errors(parsed.errors)
    rows = parsed.rows

    statement = BankStatement(
        uploaded_by=actor,
        file_name=file_name[:255],
        file_sha256=digest,
        encoding=parsed.encoding,
        line_count=len(rows),
        total_amount=sum(r.amount for r in rows),
    )
    try:
        with transaction.atomic():
            statement.save()
    except IntegrityError as exc:  # the same file uploaded twice at the same moment
        raise ValidationError(_("This file is being uploaded already."), code="same_file") from exc

    accounts = {
        va.number: va
        for va in VirtualAccount.objects.filter(number__in={r.account_number for r in rows}).only(
            "number", "registration_id"
        )
    }
    registration_ids = sorted({va.registration_id for va in accounts.values()})
    session_ids = Registration.objects.filter(pk__in=registration_ids).values_list(
        "session_id", flat=True
    )
    session_rows_lock(session_ids=session_ids)
    registrations = {
        r.pk: r
        for r in registration_locks.registration_rows_lock(
            queryset=Registration.objects.filter(pk__in=registration_ids)
        )
    }
    seen = set(
        StatementLine.objects.filter(bank_reference__in={r.bank_reference for r in rows})
        .exclude(outcome=LineOutcome.DUPLICATE)
        .values_list("bank_reference", flat=True)
    )
    for row in rows:
        line = StatementLine(
            statement=statement,
            line_number=row.line_number,
            transacted_at=row.transacted_at,
            account_number=row.account_number,
            amount=row.amount,
            payer_name=row.payer_name,
            bank_reference=row.bank_reference,
        )
        account = accounts.get(row.account_number)
        if row.bank_reference in seen:
            line.outcome = LineOutcome.DUPLICATE
        elif account is None:
            line.outcome = LineOutcome.UNKNOWN_ACCOUNT
        else:
            registration = registrations[account.registration_id]
            line.registration = registration
            _apply_line(actor, line, registration)
        seen.add(row.bank_reference)
        try:
            with transaction.atomic():
                line.save()
        except IntegrityError as exc:  # another upload applied this reference meanwhile
            raise ValidationError(
                _("Another upload is applying the same transactions; try again in a minute."),
                code="concurrent",
            ) from exc
        audit_record(
            actor=actor,
            action=f"payment.statement_line.{line.outcome}",
            target=line,
            changes={
                "statement": statement.pk,
                "reference": line.bank_reference,
                "amount": line.amount,
                "registration": line.registration_id,
                "applied": line.amount_applied,
                "refund_due": line.refund_due,
            },
        )
    audit_record(
        actor=actor,
        action="payment.statement_upload",
        target=statement,
        changes={
            "file": statement.file_name,
            "sha256": digest,
            "lines": statement.line_count,
            "total": statement.total_amount,
        },
    )
    return statement


def _apply_line(actor: Actor, line: StatementLine, registration: Registration) -> None:
    """Decide and apply one matched line. Needs the registration's (and session's) lock."""
    if registration.status not in (S.PENDING_PAYMENT, S.CONFIRMED):
        line.outcome = LineOutcome.NOT_PAYABLE
        line.refund_due = line.amount
        return
    fee, paid_before = registration.fee_amount, registration.amount_paid
    updated = registration_confirm_payment(
        actor=actor, registration=registration, amount=line.amount, paid_at=line.transacted_at
    )
    # Keep the in-memory row current for a second line paying the same registration.
    registration.amount_paid, registration.paid_at = updated.amount_paid, updated.paid_at
    registration.status = updated.status
    excess = max(0, updated.amount_paid - fee) - max(0, paid_before - fee)
    line.amount_applied = line.amount - excess
    line.refund_due = excess
    if updated.amount_paid < fee:
        line.outcome = LineOutcome.UNDERPAID
        account = registration.virtual_account
        _notify(
            registration,
            "underpaid",
            received=line.amount,
            remaining=fee - updated.amount_paid,
            due_at=account.due_at.isoformat(),
        )
    elif excess:
        line.outcome = LineOutcome.OVERPAID
        _notify(registration, "overpaid", received=line.amount, refund=excess)
    else:
        line.outcome = LineOutcome.CONFIRMED


# --- Waivers and recorded payments ----------------------------------------------------------


def _lock_registration(registration: Registration) -> Registration:
    session_rows_lock(session_ids=[registration.session_id])
    return registration_locks.registration_row_lock(pk=registration.pk)


@transaction.atomic
def fee_waiver_grant(
    *, actor: Actor, registration: Registration, amount: int | None, reason: str
) -> FeeWaiver:
    """Waive all (``amount=None``) or part of what is still owed, with a reason.

    The fee owed drops by ``amount``; when nothing is left to pay, the registration is
    confirmed. Only a registration awaiting payment can be waived.
    """
    require_permission(actor, "payments.grant_waiver", registration)
    assert actor is not None  # require_permission refuses the system
    registration = _lock_registration(registration)
    if registration.status != S.PENDING_PAYMENT:
        raise ValidationError(
            _("Only a registration awaiting payment can have its fee waived; this one is %(s)s.")
            % {"s": registration.get_status_display()},
            code="status",
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the waiver.")})
    remaining = registration.fee_amount - registration.amount_paid
    amount = remaining if amount is None else amount
    if not 0 < amount <= remaining:
        raise ValidationError(
            {
                "amount": _("Waive between NT$1 and the NT$%(remaining)d still owed.")
                % {"remaining": remaining}
            }
        )
    fee_before = registration.fee_amount
    waiver = FeeWaiver.objects.create(
        registration=registration,
        amount=amount,
        fee_before=fee_before,
        reason=reason.strip(),
        granted_by=actor,
    )
    registration.fee_amount = fee_before - amount
    fields = ["fee_amount", "updated_at"]
    if registration.amount_paid >= registration.fee_amount:
        registration.status = S.CONFIRMED
        fields.append("status")
    registration.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="registration.fee_waiver",
        target=registration,
        changes={
            "waiver": waiver.pk,
            "fee_before": fee_before,
            "waived": amount,
            "fee_after": registration.fee_amount,
            "status": registration.status,
            "reason": waiver.reason,
        },
    )
    _notify(
        registration,
        "waiver",
        waived=amount,
        remaining=registration.fee_amount - registration.amount_paid,
    )
    return waiver


@transaction.atomic
def payment_record_manual(
    *,
    actor: Actor,
    registration: Registration,
    amount: int,
    paid_at: dt.datetime,
    reason: str,
    reference: str = "",
) -> ManualPayment:
    """Record a payment received outside the bank statement (e.g. at the counter), with a reason.

    Goes through ``registration_confirm_payment`` like a bank line; refuses to take more than
    what is still owed (an overpayment belongs on the bank statement, where it is flagged).
    """
    require_permission(actor, "payments.record_payment", registration)
    assert actor is not None  # require_permission refuses the system
    registration = _lock_registration(registration)
    if registration.status != S.PENDING_PAYMENT:
        raise ValidationError(
            _("Only a registration awaiting payment can be paid; this one is %(s)s.")
            % {"s": registration.get_status_display()},
            code="status",
        )
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Say how the payment was received and why it is recorded here.")
    remaining = registration.fee_amount - registration.amount_paid
    if not 0 < amount <= remaining:
        errors["amount"] = _("Record between NT$1 and the NT$%(remaining)d still owed.") % {
            "remaining": remaining
        }
    if paid_at > timezone.now() + dt.timedelta(minutes=5):
        errors["paid_at"] = _("A payment cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    payment = ManualPayment.objects.create(
        registration=registration,
        amount=amount,
        paid_at=paid_at,
        reason=reason.strip(),
        reference=reference.strip()[:100],
        recorded_by=actor,
    )
    registration_confirm_payment(
        actor=actor, registration=registration, amount=amount, paid_at=paid_at
    )
    audit_record(
        actor=actor,
        action="payment.record_manual",
        target=payment,
        changes={
            "registration": registration.pk,
            "amount": amount,
            "reason": payment.reason,
            "reference": payment.reference,
        },
    )
    return payment


# --- Payment deadlines ----------------------------------------------------------------------


def payment_deadlines_enforce(*, now: dt.datetime | None = None) -> int:
    """Cancel registrations still unpaid at their payment deadline; returns how many.

    Each goes through ``registration_cancel`` (so its seat is offered to the waiting list), in
    its own short transaction, re-checked under the locks: a payment reconciled meanwhile wins.
    Whatever was partly paid is refunded in full (the seat was never confirmed). Run by the
    ``expire_unpaid_registrations`` command or ``payment_deadlines_enforce_task``, e.g. hourly.
    """
    now = now or timezone.now()
    candidates = list(
        VirtualAccount.objects.filter(
            due_at__lte=now,
            registration__status=S.PENDING_PAYMENT,
            registration__session__starts_at__gt=now,
        )
        .order_by("registration__session_id", "registration_id")
        .values_list("registration_id", flat=True)
    )
    expired = 0
    for registration_id in candidates:
        with transaction.atomic():
            registration = Registration.objects.get(pk=registration_id)
            registration = _lock_registration(registration)
            if registration.status != S.PENDING_PAYMENT:
                continue
            if registration.amount_paid >= registration.fee_amount:
                continue  # pragma: no cover - confirmed by the payment service already
            registration = registration_cancel(
                actor=None,
                registration=registration,
                reason=_("Not paid by the payment deadline."),
                kind=CancellationKind.UNPAID,
                now=now,
            )
            if registration.amount_paid and registration.refund_amount != (
                registration.amount_paid
            ):
                registration.refund_amount = registration.amount_paid
                registration.save(update_fields=["refund_amount", "updated_at"])
            audit_record(
                actor=None,
                action="registration.payment_expired",
                target=registration,
                changes={"paid": registration.amount_paid, "refund": registration.refund_amount},
            )
            expired += 1
    return expired


# --- Refunds sent ---------------------------------------------------------------------------


def _sent_on_errors(*, sent_on: dt.date, earliest: dt.datetime | None, what: str) -> list[str]:
    errors = []
    today = timezone.localdate()
    if sent_on > today:
        errors.append(
            _("A refund cannot be sent in the future (today is %(today)s).")
            % {"today": today.isoformat()}
        )
    if earliest is not None and sent_on < timezone.localdate(earliest):
        errors.append(
            _("The refund cannot be sent before %(what)s on %(date)s.")
            % {"what": what, "date": timezone.localdate(earliest).isoformat()}
        )
    return errors


def _already_sent(payout: RefundPayout) -> ValidationError:
    return ValidationError(
        _(
            "This refund was already recorded as sent on %(date)s (reference %(reference)s); "
            "nothing was recorded again."
        )
        % {"date": payout.sent_on.isoformat(), "reference": payout.bank_reference},
        code="already_sent",
    )


@transaction.atomic
def refund_record_sent(
    *,
    actor: Actor,
    line: StatementLine | None = None,
    registration: Registration | None = None,
    sent_on: dt.date,
    bank_reference: str,
    note: str = "",
) -> RefundPayout:
    """Record that the refund owed on one source went out, and tell the candidate.

    The source is exactly one of a statement line with money to refund (``refund_due``: overpaid
    or not payable) or a cancelled registration with a ``refund_amount``. The amount is copied
    from the source under its row lock, never taken from the caller. A source is paid out once:
    a second record is refused (checked under the lock, and by the one-to-one constraint should
    two requests still meet). ``sent_on`` is the date the outgoing transfer was made (Taiwan
    date): not in the future, not before the money came in or the registration was cancelled.

    Locks the statement line, or the registration's session then the registration.
    """
    require_permission(actor, "payments.record_refund")
    if (line is None) == (registration is None):
        raise ValueError("refund_record_sent needs exactly one of line or registration")

    # The locked source: exactly one of the two is set.
    locked_line: StatementLine | None = None
    locked_registration: Registration | None = None
    earliest: dt.datetime | None
    if line is not None:
        locked_line = statement_line_row_lock(pk=line.pk)
        earlier = RefundPayout.objects.filter(line=locked_line).first()
        if earlier is not None:
            raise _already_sent(earlier)
        if locked_line.refund_due <= 0:
            raise ValidationError(
                _("Nothing is to be refunded on this statement line."), code="nothing_due"
            )
        amount = locked_line.refund_due
        candidate_registration = locked_line.registration
        earliest, what = locked_line.transacted_at, _("the transfer came in")
    else:
        assert registration is not None
        locked_registration = _lock_registration(registration)
        earlier = RefundPayout.objects.filter(registration=locked_registration).first()
        if earlier is not None:
            raise _already_sent(earlier)
        if locked_registration.status != S.CANCELLED or not locked_registration.refund_amount:
            raise ValidationError(
                _("Nothing is to be refunded on this registration."), code="nothing_due"
            )
        amount = locked_registration.refund_amount
        candidate_registration = locked_registration
        earliest, what = locked_registration.cancelled_at, _("the registration was cancelled")

    errors: dict[str, list[str]] = {}
    reference = bank_reference.strip()
    if not reference:
        errors["bank_reference"] = [_("Give the reference of the outgoing bank transfer.")]
    elif len(reference) > 64:
        errors["bank_reference"] = [_("The bank reference is at most 64 characters.")]
    date_errors = _sent_on_errors(sent_on=sent_on, earliest=earliest, what=what)
    if date_errors:
        errors["sent_on"] = date_errors
    if errors:
        raise ValidationError(errors)

    payout = RefundPayout(
        line=locked_line,
        registration=locked_registration,
        amount=amount,
        sent_on=sent_on,
        bank_reference=reference,
        note=note.strip(),
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            payout.save()
    except IntegrityError as exc:  # another request recorded this source meanwhile
        raise ValidationError(
            _("This refund was already recorded as sent; nothing was recorded again."),
            code="already_sent",
        ) from exc
    audit_record(
        actor=actor,
        action="payment.refund_sent",
        target=payout,
        changes={
            "line": payout.line_id,
            "registration": candidate_registration.pk if candidate_registration else None,
            "source": "line" if line is not None else "registration",
            "amount": amount,
            "sent_on": sent_on.isoformat(),
            "reference": reference,
            "note": payout.note,
        },
    )
    if candidate_registration is not None:
        _notify(
            candidate_registration,
            "refund_sent",
            amount=amount,
            sent_on=sent_on.isoformat(),
            reference=reference,
        )
    return payout
