"""Admission-ticket identifiers: the signed token in the QR code and the typed ticket number.

The QR code carries ``admission_token`` — the registration id signed with the project secret
(salted for this one purpose), so a forged or altered code is refused at check-in without a
database lookup. The printed ticket number is for typing when a camera is not at hand: short,
unambiguous characters and a check character that catches a mistyped digit or swapped pair.
"""

from __future__ import annotations

from django.core import signing

_TOKEN_SALT = "aicert.registration.admission-ticket"
_TICKET_PREFIX = "AT"
# No 0/O or 1/I/L: the ticket number is read aloud and typed from paper.
_CHECK_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def admission_token(registration) -> str:
    """The signed token printed as the ticket's QR code."""
    return signing.Signer(salt=_TOKEN_SALT).sign(str(registration.pk))


def admission_token_registration_id(token: str) -> int:
    """The registration id inside a ticket token; ``signing.BadSignature`` if it was forged."""
    value = signing.Signer(salt=_TOKEN_SALT).unsign(token.strip())
    try:
        return int(value)
    except ValueError as error:  # signed by us, so only a code change could get here
        raise signing.BadSignature("Not an admission-ticket token.") from error


def _check_character(digits: str) -> str:
    # Weighted sum (weights 1..n) modulo a prime-sized alphabet: detects any single wrong
    # digit and any swap of two adjacent digits.
    total = sum((index + 1) * int(digit) for index, digit in enumerate(digits))
    return _CHECK_ALPHABET[total % len(_CHECK_ALPHABET)]


def ticket_number(registration) -> str:
    """The ticket number printed under the QR code, e.g. ``AT-000123-K``."""
    digits = f"{registration.pk:06d}"
    return f"{_TICKET_PREFIX}-{digits}-{_check_character(digits)}"


def ticket_number_registration_id(code: str) -> int | None:
    """The registration id of a typed ticket number, or None if it is malformed or mistyped."""
    parts = code.strip().upper().replace(" ", "").split("-")
    if len(parts) != 3 or parts[0] != _TICKET_PREFIX or not parts[1].isdigit():
        return None
    if _check_character(parts[1]) != parts[2]:
        return None
    return int(parts[1])


def registration_id_from_code(code: str) -> int | None:
    """A scanned token or a typed ticket number -> registration id (None when neither is valid)."""
    code = code.strip()
    if ":" in code:
        try:
            return admission_token_registration_id(code)
        except signing.BadSignature:
            return None
    return ticket_number_registration_id(code)
