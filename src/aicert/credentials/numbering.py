"""Certificate numbers: ``AIC-2026-0000123-7``, a year, a serial and an ISO 7064 check character.

The check character (ISO/IEC 7064 MOD 11-2, as ORCID uses: ``0``-``9`` or ``X``) catches every
single mistyped digit and every swap of two adjacent digits, so an employer who types a number
wrong is told the number is malformed rather than "not found".
"""

from __future__ import annotations

import re

PREFIX = "AIC"
_PATTERN = re.compile(r"^AIC-(\d{4})-(\d{7})-([0-9X])$")


def check_character(digits: str) -> str:
    """ISO/IEC 7064 MOD 11-2 check character of a string of digits."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def certificate_number(*, year: int, serial: int) -> str:
    digits = f"{year:04d}{serial:07d}"
    return f"{PREFIX}-{year:04d}-{serial:07d}-{check_character(digits)}"


def normalise(number: str) -> str:
    """What a person typed, as the canonical form: case, spaces and dash variants forgiven."""
    cleaned = re.sub(r"[\s\u2010-\u2015\u2212_]+", "-", number.strip().upper())
    cleaned = re.sub(r"-+", "-", cleaned)
    compact = cleaned.replace("-", "")
    match = re.fullmatch(r"AIC(\d{4})(\d{7})([0-9X])", compact)
    if match:
        return f"{PREFIX}-{match[1]}-{match[2]}-{match[3]}"
    return cleaned


def is_well_formed(number: str) -> bool:
    """True when ``number`` (canonical form) has the shape and a matching check character."""
    match = _PATTERN.match(number)
    if not match:
        return False
    return check_character(match[1] + match[2]) == match[3]
