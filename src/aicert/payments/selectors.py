"""Reads for payments: what a candidate owes and how to pay, statements and their lines."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from aicert.payments import providers
from aicert.payments.models import (
    BankStatement,
    FeeWaiver,
    LineOutcome,
    ManualPayment,
    StatementLine,
)
from aicert.payments.providers import PaymentInstructions
from aicert.registration.models import Registration, RegistrationStatus


def payment_instructions(*, registration: Registration) -> PaymentInstructions | None:
    """How to pay ``registration`` now (None when nothing is owed or it is not awaiting payment)."""
    return providers.provider_get().instructions(registration=registration)


def payment_instructions_for_candidate(*, user) -> dict[int, PaymentInstructions]:
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
    rows = {
        row["outcome"]: row
        for row in statement.lines.values("outcome").annotate(n=Count("pk"), total=Sum("amount"))
    }
    return [
        OutcomeCount(
            outcome.value,
            str(outcome.label),
            rows.get(outcome.value, {}).get("n", 0),
            rows.get(outcome.value, {}).get("total", 0) or 0,
        )
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

    @property
    def amount_due(self) -> int:
        return max(0, self.registration.fee_amount - self.registration.amount_paid)


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
    )
