"""Fees: virtual accounts for bank transfers, uploaded bank statements and their lines, waivers.

Nothing here pretends a payment happened. A registration's ``amount_paid`` grows only from a
reconciled bank statement line (:class:`StatementLine`), an explicit payment recorded by the
foundation with its reason (:class:`ManualPayment`); a :class:`FeeWaiver` lowers the fee owed
instead. Every row here is append-only: corrections are new rows, and every change is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicert.audit.models import AppendOnlyModel

_CENTER = "registration__session__room__venue__center"


class VirtualAccount(models.Model):
    """The bank account number a candidate transfers one registration's fee to.

    ``number`` is the 14-digit number the bank routes to the foundation's collection account:
    the foundation's prefix, the registration's serial and a Luhn check digit
    (:func:`aicert.payments.providers.virtual_account_number`). ``due_at`` is the payment
    deadline: a registration still unpaid then releases its seat.
    """

    center_scope = _CENTER

    registration = models.OneToOneField(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="virtual_account",
    )
    provider = models.CharField(_("payment method"), max_length=30, default="bank_transfer")
    bank_code = models.CharField(_("bank code"), max_length=3)
    number = models.CharField(_("virtual account number"), max_length=14, unique=True)
    due_at = models.DateTimeField(_("pay by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("virtual account")
        verbose_name_plural = _("virtual accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{14}$"), name="virtual_account_14_digits"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bank_code}-{self.number}"

    @property
    def number_display(self) -> str:
        """Grouped for reading aloud and typing: ``9527 0000 0012 34``."""
        n = self.number
        return " ".join([n[0:4], n[4:8], n[8:12], n[12:]])


class BankStatement(models.Model):
    """One uploaded bank statement file (a CSV of incoming transfers), reconciled on upload.

    The file's SHA-256 is unique: the same file uploaded twice is refused and changes nothing.
    """

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file fingerprint (SHA-256)"), max_length=64, unique=True)
    encoding = models.CharField(_("encoding"), max_length=20)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    total_amount = models.PositiveBigIntegerField(_("total amount (NTD)"), default=0)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-uploaded_at", "-pk"]
        permissions = [("reconcile_statement", _("Can upload and reconcile bank statements"))]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class LineOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Paid in full: registration confirmed")
    UNDERPAID = "underpaid", _("Underpaid: recorded, still awaiting payment")
    OVERPAID = "overpaid", _("Overpaid: confirmed, excess to refund")
    UNKNOWN_ACCOUNT = "unknown_account", _("Unknown virtual account")
    DUPLICATE = "duplicate", _("Duplicate bank reference: ignored")
    NOT_PAYABLE = "not_payable", _("Registration cancelled or closed: refund")


# Outcomes that leave money the foundation must send back (or trace, for unknown accounts).
REFUND_OUTCOMES = (LineOutcome.OVERPAID, LineOutcome.NOT_PAYABLE)


class StatementLine(models.Model):
    """One incoming transfer of a statement and what reconciliation did with it.

    ``bank_reference`` (the bank's transaction number) is unique among applied lines, which
    makes reconciliation idempotent: a reference seen before is recorded as a duplicate and
    changes nothing. ``amount_applied`` went to the registration; ``refund_due`` is owed back.
    """

    statement = models.ForeignKey(
        BankStatement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="lines"
    )
    line_number = models.PositiveIntegerField(_("line"))
    transacted_at = models.DateTimeField(_("transaction time"))
    account_number = models.CharField(_("virtual account"), max_length=20)
    amount = models.PositiveIntegerField(_("amount (NTD)"))
    payer_name = models.CharField(_("payer"), max_length=100, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=64)
    outcome = models.CharField(_("outcome"), max_length=20, choices=LineOutcome.choices)
    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_lines",
    )
    amount_applied = models.PositiveIntegerField(_("applied (NTD)"), default=0)
    refund_due = models.PositiveIntegerField(_("to refund (NTD)"), default=0)

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "line_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["bank_reference"],
                condition=~Q(outcome="duplicate"),
                name="statement_line_reference_once",
            ),
            models.UniqueConstraint(
                fields=["statement", "line_number"], name="statement_line_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=LineOutcome.values), name="statement_line_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount_applied__lte=models.F("amount"))
                & Q(refund_due__lte=models.F("amount")),
                name="statement_line_split_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank_reference} · {self.amount} · {self.get_outcome_display()}"

    @property
    def needs_refund(self) -> bool:
        return self.refund_due > 0


class FeeWaiver(models.Model):
    """A fee waived in full or in part by the foundation, with its reason.

    The waiver lowers the registration's ``fee_amount`` (what is owed) from ``fee_before``;
    it is not a payment, so nothing waived is ever refunded.
    """

    center_scope = _CENTER

    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="fee_waivers",
    )
    amount = models.PositiveIntegerField(_("amount waived (NTD)"))
    fee_before = models.PositiveIntegerField(_("fee before the waiver (NTD)"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fee waiver")
        verbose_name_plural = _("fee waivers")
        ordering = ["-granted_at", "-pk"]
        permissions = [("grant_waiver", _("Can waive registration fees"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_waiver_positive"),
            models.CheckConstraint(
                condition=Q(amount__lte=models.F("fee_before")), name="fee_waiver_within_fee"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="fee_waiver_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} · -{self.amount}"


class ManualPayment(models.Model):
    """A payment the foundation records by hand (e.g. cash at the counter), with its reason."""

    center_scope = _CENTER

    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="manual_payments",
    )
    amount = models.PositiveIntegerField(_("amount (NTD)"))
    paid_at = models.DateTimeField(_("paid at"))
    reason = models.TextField(_("reason"))
    reference = models.CharField(_("receipt or reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recorded payment")
        verbose_name_plural = _("recorded payments")
        ordering = ["-recorded_at", "-pk"]
        permissions = [("record_payment", _("Can record a payment received outside the bank"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="manual_payment_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="manual_payment_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} · {self.amount}"


class RefundPayout(AppendOnlyModel):
    """The record that the foundation sent a refund: the loop a flagged refund is closed with.

    The source is exactly one of a statement line that left money to refund (``refund_due``:
    overpaid or not payable) or a cancelled registration (``refund_amount``, by the refund policy
    or released unpaid by the payment deadline). Each source is paid out at most once (one-to-one
    on both, and a check that exactly one is set). ``amount`` is copied from the source when the
    payout is recorded, never typed, so the record says what was actually owed then.

    Append-only like the audit trail: a payout is never changed or deleted (a mistaken record is
    answered by the bank's own correction, not by editing history).
    """

    center_scope = _CENTER
    immutable_message = "Refund payouts are append-only."
    undeletable_message = "Refund payouts are append-only."

    line = models.OneToOneField(
        StatementLine,
        verbose_name=_("statement line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refund_payout",
    )
    registration = models.OneToOneField(
        "registration.Registration",
        verbose_name=_("cancelled registration"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refund_payout",
    )
    amount = models.PositiveIntegerField(_("amount refunded (NTD)"))
    sent_on = models.DateField(_("sent on"))
    bank_reference = models.CharField(_("outgoing transfer reference"), max_length=64)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("refund sent")
        verbose_name_plural = _("refunds sent")
        ordering = ["-sent_on", "-recorded_at", "-pk"]
        permissions = [("record_refund", _("Can record that a refund was sent"))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(line__isnull=False) & Q(registration__isnull=True))
                | (Q(line__isnull=True) & Q(registration__isnull=False)),
                name="refund_payout_exactly_one_source",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_payout_positive"),
            models.CheckConstraint(
                condition=~Q(bank_reference=""), name="refund_payout_has_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank_reference} · {self.amount} · {self.sent_on:%Y-%m-%d}"

    @property
    def for_registration(self):
        """The registration the money was for: the cancelled one, or the line's registration."""
        if self.registration_id is not None:
            return self.registration
        return self.line.registration if self.line_id is not None else None
