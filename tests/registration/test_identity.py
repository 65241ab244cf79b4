"""Taiwanese identity numbers: national ID and both resident-certificate formats."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicert.registration import identity
from aicert.registration.identity import IdKind


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("A123456789", IdKind.NATIONAL_ID),
        ("A800000014", IdKind.ARC_NEW),
        ("HD12345678", IdKind.ARC_OLD),
        ("TD00251124", IdKind.ARC_OLD),
    ],
)
def test_valid_examples(number, kind):
    assert identity.validate(number) == (number, kind)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("A123456788", "checksum"),  # last digit off by one
        ("B123456789", "checksum"),  # other letter
        ("A800000015", "checksum"),
        ("HD12345679", "checksum"),
        ("TD00251125", "checksum"),
        ("A323456789", "format"),  # second digit must be 1, 2, 8 or 9
        ("HE12345678", "format"),  # old ARC second letter is A-D
        ("1234567890", "format"),
        ("A12345678", "format"),  # too short
        ("A1234567890", "format"),
        ("", "format"),
    ],
)
def test_invalid_numbers_say_why(number, reason):
    with pytest.raises(ValueError, match=reason):
        identity.validate(number)


def test_typing_is_forgiven():
    assert identity.validate(" a123-456 789 ")[0] == "A123456789"
    assert identity.validate("hd12345678")[0] == "HD12345678"


def test_mask_shows_three_and_three():
    assert identity.mask("A123456789") == "A12****789"
    assert identity.mask("HD12345678") == "HD1****678"


@given(
    letter=st.sampled_from(sorted(identity.LETTER_VALUES)),
    second=st.sampled_from("1289"),
    digits=st.text(alphabet="0123456789", min_size=7, max_size=7),
)
def test_exactly_one_check_digit_fits(letter, second, digits):
    fits = [d for d in "0123456789" if identity.checksum_ok(f"{letter}{second}{digits}{d}")]
    assert len(fits) == 1
