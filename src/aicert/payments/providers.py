"""Payment providers: how a candidate pays a registration's fee, behind one small interface.

A provider prepares a registration that starts awaiting payment (:meth:`PaymentProvider.open`,
inside the registering transaction) and tells the candidate how to pay
(:meth:`PaymentProvider.instructions`). Money is never marked as received here: it arrives
through reconciliation (bank statements), a waiver or a payment recorded by the foundation.

The provider in use is ``settings.PAYMENT_PROVIDER`` (default ``"bank_transfer"``). A card or
online provider is added later by subclassing :class:`PaymentProvider` and decorating it with
:func:`provider_register`; its webhook would then call the same registration service the bank
reconciliation calls.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from aicert.payments import services
from aicert.payments.models import VirtualAccount
from aicert.registration.models import Registration, RegistrationStatus

# Serials have this many digits: prefix (4) + serial (9) + check digit (1) = 14 digits.
SERIAL_DIGITS = 9
# A deadline closer than this to the moment the registration starts awaiting payment (a seat
# taken from the waiting list just before registration closes) is moved out to this.
MIN_TIME_TO_PAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PaymentInstructions:
    """What a candidate needs to pay one registration."""

    provider: str
    method: str  # human-readable, e.g. "Bank transfer (ATM or online banking)"
    amount_due: int
    due_at: dt.datetime | None
    bank_code: str = ""
    bank_name: str = ""
    account_number: str = ""
    account_number_display: str = ""
    payee: str = ""


class PaymentProvider(ABC):
    """The interface every payment method implements."""

    code: ClassVar[str]
    label: ClassVar[Any]

    @abstractmethod
    def open(self, *, registration: Registration, now: dt.datetime, new: bool = False) -> Any:
        """Prepare a registration that now awaits payment (idempotent). Runs inside its transaction.

        ``new``: the registration was inserted in this transaction (nothing prepared for it yet).
        """

    @abstractmethod
    def instructions(self, *, registration: Registration) -> PaymentInstructions | None:
        """How to pay ``registration`` now, or None when nothing is due."""


_PROVIDERS: dict[str, type[PaymentProvider]] = {}


def provider_register(cls: type[PaymentProvider]) -> type[PaymentProvider]:
    """Class decorator: make a provider selectable by its ``code``."""
    _PROVIDERS[cls.code] = cls
    return cls


def provider_codes() -> list[str]:
    return sorted(_PROVIDERS)


def provider_get(code: str | None = None) -> PaymentProvider:
    """The provider named ``code``, or the one ``settings.PAYMENT_PROVIDER`` selects."""
    code = code or getattr(settings, "PAYMENT_PROVIDER", "bank_transfer")
    try:
        return _PROVIDERS[code]()
    except KeyError as exc:
        raise ImproperlyConfigured(
            f"PAYMENT_PROVIDER={code!r} is not one of {', '.join(provider_codes())}"
        ) from exc


# --- Bank transfer --------------------------------------------------------------------------


def luhn_check_digit(digits: str) -> str:
    """The Luhn (mod 10) check digit for a string of digits (ISO/IEC 7812-1, Annex B).

    It catches every single-digit error and almost every swap of neighbouring digits, the
    mistakes people make when typing an account number into an ATM.
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # every second digit from the right, starting next to the check digit
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and len(number) > 1 and luhn_check_digit(number[:-1]) == number[-1]


def virtual_account_prefix() -> str:
    prefix = str(getattr(settings, "PAYMENTS_VIRTUAL_ACCOUNT_PREFIX", "9527"))
    if not (prefix.isdigit() and len(prefix) == 14 - SERIAL_DIGITS - 1):
        raise ImproperlyConfigured("PAYMENTS_VIRTUAL_ACCOUNT_PREFIX must be 4 digits")
    return prefix


def virtual_account_number(serial: int) -> str:
    """The 14-digit virtual account for a serial: prefix + 9-digit serial + Luhn check digit."""
    if not 0 < serial < 10**SERIAL_DIGITS:
        raise ValueError(f"serial {serial} does not fit in {SERIAL_DIGITS} digits")
    body = f"{virtual_account_prefix()}{serial:0{SERIAL_DIGITS}d}"
    return body + luhn_check_digit(body)


def payment_due_at(
    *, opened_at: dt.datetime, registration_closes_at: dt.datetime, starts_at: dt.datetime
) -> dt.datetime:
    """The payment deadline: ``PAYMENTS_DUE_DAYS`` after the seat was taken, never after the
    session's registration closes.

    A seat taken after (or just before) registration closes — from the waiting list — still
    gets :data:`MIN_TIME_TO_PAY`, but never beyond the start of the exam.
    """
    days = int(getattr(settings, "PAYMENTS_DUE_DAYS", 3))
    due = min(opened_at + dt.timedelta(days=days), registration_closes_at)
    if due < opened_at + MIN_TIME_TO_PAY:
        due = min(opened_at + MIN_TIME_TO_PAY, starts_at)
    return due


@provider_register
class BankTransferProvider(PaymentProvider):
    """Transfer to a per-registration virtual account; reconciled from the bank's CSV."""

    code = "bank_transfer"
    label = _("Bank transfer (ATM or online banking)")

    def open(self, *, registration: Registration, now: dt.datetime, new: bool = False) -> Any:
        return services.virtual_account_open(registration=registration, now=now, new=new)

    def instructions(self, *, registration: Registration) -> PaymentInstructions | None:
        if registration.status != RegistrationStatus.PENDING_PAYMENT:
            return None
        try:
            account = registration.virtual_account
        except VirtualAccount.DoesNotExist:
            return None
        return PaymentInstructions(
            provider=self.code,
            method=str(self.label),
            amount_due=max(0, registration.fee_amount - registration.amount_paid),
            due_at=account.due_at,
            bank_code=account.bank_code,
            bank_name=str(getattr(settings, "PAYMENTS_BANK_NAME", "")),
            account_number=account.number,
            account_number_display=account.number_display,
            payee=str(getattr(settings, "PAYMENTS_PAYEE_NAME", "")),
        )
