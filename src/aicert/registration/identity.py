"""Taiwanese identity numbers: national ID and both resident-certificate (ARC) formats.

Pure functions, no Django. The rules are those of shared/reference/taiwan.md:

* national ID: letter + [12] + 8 digits;
* resident certificate since 2021-01-02: letter + [89] + 8 digits, same checksum;
* older resident certificate: two letters + 8 digits, the second letter (A-D) standing for the
  units digit of its letter code minus ten (A->0, B->1, C->2, D->3).

Checksum: the first letter's code (A=10 … Z=33, with the historic I/O/W/X/Y/Z values) splits
into tens x1 and units x2; ``x1 + 9*x2 + 8*d2 + 7*d3 + … + 1*d9 + d10`` must be divisible by 10.
"""

from __future__ import annotations

import re
from enum import StrEnum

LETTER_VALUES = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34,
    "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25,
    "S": 26, "T": 27, "U": 28, "V": 29, "W": 32, "X": 30, "Y": 31, "Z": 33,
}  # fmt: skip
_OLD_ARC_SECOND = {"A": 0, "B": 1, "C": 2, "D": 3}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 1, 1)  # for characters 2..10

_NATIONAL = re.compile(r"^[A-Z][12]\d{8}$")
_ARC_NEW = re.compile(r"^[A-Z][89]\d{8}$")
_ARC_OLD = re.compile(r"^[A-Z][A-D]\d{8}$")


class IdKind(StrEnum):
    NATIONAL_ID = "national_id"
    ARC_NEW = "arc_new"
    ARC_OLD = "arc_old"


def normalize(value: str) -> str:
    """Upper case, without spaces or dashes (people type them)."""
    return re.sub(r"[\s-]", "", value or "").upper()


def kind_of(value: str) -> IdKind | None:
    """Which format a normalised number has, ignoring the checksum."""
    if _NATIONAL.match(value):
        return IdKind.NATIONAL_ID
    if _ARC_NEW.match(value):
        return IdKind.ARC_NEW
    if _ARC_OLD.match(value):
        return IdKind.ARC_OLD
    return None


def checksum_ok(value: str) -> bool:
    """Does a normalised number of a known format pass its check digit?"""
    kind = kind_of(value)
    if kind is None:
        return False
    code = LETTER_VALUES[value[0]]
    total = code // 10 + (code % 10) * 9
    second = _OLD_ARC_SECOND[value[1]] if kind is IdKind.ARC_OLD else int(value[1])
    digits = [second, *(int(c) for c in value[2:])]
    total += sum(w * d for w, d in zip(_WEIGHTS, digits, strict=True))
    return total % 10 == 0


def validate(value: str) -> tuple[str, IdKind]:
    """The normalised number and its kind; ``ValueError`` with a reason code otherwise."""
    number = normalize(value)
    kind = kind_of(number)
    if kind is None:
        raise ValueError("format")
    if not checksum_ok(number):
        raise ValueError("checksum")
    return number, kind


def mask(value: str) -> str:
    """``A123456789`` -> ``A12****789``: enough to recognise, not enough to use."""
    if len(value) < 7:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 6)}{value[-3:]}"
