"""The Taiwanese business number (統一編號, unified business number): 8 digits and a checksum.

The Ministry of Finance's rule: multiply the digits by the weights 1 2 1 2 1 2 4 1, add the
digits of every product; the number is valid when that sum is divisible by 5 (since 2023; it
was 10 before, and every number valid then is still valid). When the 7th digit is 7 its product
(28) adds 10, which counts either as 1 or as 0: the number is valid when either sum is.
"""

from __future__ import annotations

WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)
DIVISOR = 5


def _digit_sum(value: int) -> int:
    return value // 10 + value % 10


def is_valid_business_number(value: str) -> bool:
    """Whether ``value`` is a well-formed 統一編號 (exactly 8 ASCII digits, checksum right)."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(ch) for ch in value]
    total = sum(_digit_sum(d * w) for d, w in zip(digits, WEIGHTS, strict=True))
    if total % DIVISOR == 0:
        return True
    # 7 x 4 = 28 -> 2 + 8 = 10: read as 1 (above) or as 0.
    return digits[6] == 7 and (total - 1) % DIVISOR == 0
