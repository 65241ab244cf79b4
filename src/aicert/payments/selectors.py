"""Reads for payments: what a candidate owes and how to pay, statements and their lines, and the
refunds worklist (refunds due, refunds sent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from aicert.accounts.models import User
from aicert.payments import providers
from aicert.payments.models import (
    BankStatement,
    FeeWaiver,
    LineOutcome,
    ManualPayment,
    RefundPayout,
    StatementLine,
)
from aicert.payments.providers import PaymentInstructions
from aicert.registration.models import Registration, RegistrationStatus


def payment_instructions(*, registration: Registration) -> PaymentInstructions | None:
    """How to pay ``registration`` now (None when nothing is owed or it is not awaiting payment)."""
    return providers.provider_get().instructions(registration=registration)


def payment_instructions_for_candidate(*, user: User) -> dict[int, PaymentInstructions]:
    """Instructions for each of a candidate's registrations awaiting payment, by registration pk."""
    pending = Registration.objects.filter(
        candidate=user, status=RegistrationStatus.PENDING_PAYMENT
    ).select_related("virtual_account")
    result = {}
    for registration in pending:
        instructions = payment_instructions(registration=registration)
        if instructions is not None:
            result[registration.pk] = instructions
    return result


def statement_list() -> QuerySet[BankStatement]:
    """Uploaded statements, newest first, with counts per outcome and the refunds they raised."""
    return (
        BankStatement.objects.select_related("uploaded_by")
        .annotate(
            confirmed_count=Count("lines", filter=Q(lines__outcome=LineOutcome.CONFIRMED)),
            problem_count=Count(
                "lines",
                filter=Q(
                    lines__outcome__in=[
                        LineOutcome.UNDERPAID,
                        LineOutcome.OVERPAID,
                        LineOutcome.UNKNOWN_ACCOUNT,
                        LineOutcome.NOT_PAYABLE,
                    ]
                ),
            ),
            duplicate_count=Count("lines", filter=Q(lines__outcome=LineOutcome.DUPLICATE)),
            refund_total=Sum("lines__refund_due"),
        )
        .order_by("-uploaded_at", "-pk")
    )


@dataclass(frozen=True)
class OutcomeCount:
    outcome: str
    label: str
    count: int
    amount: int


def statement_lines(*, statement: BankStatement) -> QuerySet[StatementLine]:
    return statement.lines.select_related(
        "registration__candidate__candidate_profile",
        "registration__session__subject__level",
    ).order_by("line_number")


def statement_summary(*, statement: BankStatement) -> list[OutcomeCount]:
    """How many lines (and how much money) ended in each outcome."""
    # outcome -> (lines, money); an outcome no line reached counts (0, 0).
    totals: dict[str, tuple[int, int]] = {
        row["outcome"]: (row["n"], row["total"] or 0)
        for row in statement.lines.values("outcome").annotate(n=Count("pk"), total=Sum("amount"))
    }
    return [
        OutcomeCount(outcome.value, str(outcome.label), *totals.get(outcome.value, (0, 0)))
        for outcome in LineOutcome
    ]


def registration_payment_search(*, query: str = "", limit: int = 50) -> QuerySet[Registration]:
    """Registrations for the finance desk: by virtual account, email or name; awaiting payment
    first when no query is given."""
    registrations = Registration.objects.select_related(
        "candidate__candidate_profile", "session__subject__level", "virtual_account"
    )
    query = query.strip()
    if query:
        digits = query.replace(" ", "").replace("-", "")
        match = (
            Q(candidate__email__icontains=query)
            | Q(candidate__candidate_profile__legal_name_zh__icontains=query)
            | Q(candidate__candidate_profile__legal_name_en__icontains=query)
        )
        if digits.isdigit():
            match |= Q(virtual_account__number__contains=digits)
            if len(digits) <= 9:
                match |= Q(pk=int(digits))
        registrations = registrations.filter(match)
    else:
        registrations = registrations.filter(status=RegistrationStatus.PENDING_PAYMENT)
    return registrations.order_by("virtual_account__due_at", "pk")[:limit]


@dataclass
class RegistrationPayments:
    registration: Registration
    instructions: PaymentInstructions | None
    lines: list[StatementLine]
    waivers: list[FeeWaiver]
    manual_payments: list[ManualPayment]
    refund_payouts: list[RefundPayout]

    @property
    def amount_due(self) -> int:
        return max(0, self.registration.fee_amount - self.registration.amount_paid)

    @property
    def has_line_refunds(self) -> bool:
        return any(line.refund_due for line in self.lines)


def registration_payments(*, pk: int) -> RegistrationPayments:
    """One registration's money: what is owed, every line, waiver and recorded payment."""
    registration = Registration.objects.select_related(
        "candidate__candidate_profile",
        "session__subject__level",
        "session__room__venue__center__organisation",
    ).get(pk=pk)
    return RegistrationPayments(
        registration=registration,
        instructions=payment_instructions(registration=registration),
        lines=list(
            registration.statement_lines.select_related("statement").order_by("transacted_at")
        ),
        waivers=list(registration.fee_waivers.select_related("granted_by")),
        manual_payments=list(registration.manual_payments.select_related("recorded_by")),
        refund_payouts=list(
            RefundPayout.objects.filter(
                Q(registration=registration) | Q(line__registration=registration)
            )
            .select_related("line", "recorded_by")
            .order_by("sent_on", "pk")
        ),
    )


# --- Refunds --------------------------------------------------------------------------------

_REFUND_RELATED = (
    "candidate__candidate_profile",
    "session__subject__level",
    "session__room__venue__center__organisation",
)


@dataclass(frozen=True)
class RefundDue:
    """One refund the foundation still owes: a statement line or a cancelled registration.

    ``kind`` is ``"line"`` or ``"registration"`` (which endpoint records it); ``since`` is when
    the money became owed (the transfer's time, or the cancellation's); ``why`` says why
    (the line's outcome or the cancellation kind).
    """

    kind: str
    pk: int
    amount: int
    since: dt.datetime | None
    why: str
    registration: Registration | None
    line: StatementLine | None = None


@dataclass(frozen=True)
class RefundTotals:
    due_count: int
    due_amount: int
    sent_count: int
    sent_amount: int


def refunds_due() -> list[RefundDue]:
    """Every refund owed and not yet recorded as sent, oldest first (two queries)."""
    lines = (
        StatementLine.objects.filter(refund_due__gt=0, refund_payout__isnull=True)
        .select_related("statement", *(f"registration__{r}" for r in _REFUND_RELATED))
        .order_by("transacted_at", "pk")
    )
    registrations = (
        Registration.objects.filter(
            status=RegistrationStatus.CANCELLED,
            refund_amount__gt=0,
            refund_payout__isnull=True,
        )
        .select_related(*_REFUND_RELATED)
        .order_by("cancelled_at", "pk")
    )
    rows = [
        RefundDue(
            kind="line",
            pk=line.pk,
            amount=line.refund_due,
            since=line.transacted_at,
            why=line.get_outcome_display(),
            registration=line.registration,
            line=line,
        )
        for line in lines
    ] + [
        RefundDue(
            kind="registration",
            pk=registration.pk,
            amount=registration.refund_amount or 0,
            since=registration.cancelled_at,
            why=registration.get_cancellation_kind_display() or registration.get_status_display(),
            registration=registration,
        )
        for registration in registrations
    ]
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(rows, key=lambda row: (row.since or oldest, row.kind, row.pk))


def refunds_sent(*, limit: int = 100) -> QuerySet[RefundPayout]:
    """Refunds recorded as sent, newest first."""
    return RefundPayout.objects.select_related(
        "recorded_by",
        "line__statement",
        *(f"line__registration__{r}" for r in _REFUND_RELATED),
        *(f"registration__{r}" for r in _REFUND_RELATED),
    ).order_by("-sent_on", "-recorded_at", "-pk")[:limit]


def refund_totals(*, due: list[RefundDue] | None = None) -> RefundTotals:
    """How many refunds (and how much money) are still owed and have been sent."""
    due = refunds_due() if due is None else due
    sent = RefundPayout.objects.aggregate(n=Count("pk"), total=Sum("amount"))
    return RefundTotals(
        due_count=len(due),
        due_amount=sum(row.amount for row in due),
        sent_count=sent["n"],
        sent_amount=sent["total"] or 0,
    )


def fee_waived_total(*, registration_ids: list[int]) -> int:
    """Fee waived on these registrations (a transfer chain), in NTD."""
    waived = FeeWaiver.objects.filter(registration_id__in=registration_ids).aggregate(
        total=Sum("amount")
    )
    return waived["total"] or 0


def overpaid_total(*, registration_ids: list[int]) -> int:
    """Money paid beyond the fee on these registrations, owed back on its bank lines."""
    lines = StatementLine.objects.filter(
        registration_id__in=registration_ids, outcome=LineOutcome.OVERPAID
    )
    return lines.aggregate(total=Sum("refund_due"))["total"] or 0
