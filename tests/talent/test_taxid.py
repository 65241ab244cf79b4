"""The 統一編號 checksum, with the 2023 rule (divisible by 5) and the 7th-digit-7 case."""

from __future__ import annotations

import pytest

from aicert.talent.taxid import is_valid_business_number


@pytest.mark.parametrize(
    "number",
    [
        "22099131",  # TSMC: digit sum 30, valid under the old rule too
        "04595257",
        "84149961",
        "10458575",  # 7th digit 7: valid when 28 counts as 1
        "10458570",  # 7th digit 7: valid when 28 counts as 0
        "12345601",  # sum 25: valid only under the 2023 rule (divisible by 5, not 10)
    ],
)
def test_valid_business_numbers(number):
    assert is_valid_business_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "22099132",  # one digit off
        "12345678",
        "10458574",  # 7th digit 7, neither reading fits
        "1234567",  # too short
        "123456789",  # too long
        "2209913a",
        "２２０９９１３１",  # full-width digits are not ASCII
        "",
    ],
)
def test_invalid_business_numbers(number):
    assert not is_valid_business_number(number)


def test_the_old_rule_is_a_special_case_of_the_new():
    # Every number whose sum is divisible by 10 stays valid; some more are valid since 2023.
    old_rule_only = new_rule = 0
    for n in range(0, 10**8, 9973):
        number = f"{n:08d}"
        digits = [int(c) for c in number]
        total = sum(
            d * w // 10 + d * w % 10 for d, w in zip(digits, (1, 2, 1, 2, 1, 2, 4, 1), strict=True)
        )
        if total % 10 == 0:
            old_rule_only += 1
            assert is_valid_business_number(number)
        if is_valid_business_number(number):
            new_rule += 1
    assert new_rule > old_rule_only > 0
