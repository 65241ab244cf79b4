from types import SimpleNamespace

import pytest
from django.core import signing

from aicert.registration.tickets import (
    admission_token,
    admission_token_registration_id,
    registration_id_from_code,
    ticket_number,
    ticket_number_registration_id,
)


def _reg(pk):
    return SimpleNamespace(pk=pk)


def test_token_round_trip_and_forgery_refused():
    token = admission_token(_reg(123))
    assert admission_token_registration_id(token) == 123
    forged = token.replace("123:", "124:", 1)
    with pytest.raises(signing.BadSignature):
        admission_token_registration_id(forged)
    assert registration_id_from_code(forged) is None
    assert registration_id_from_code(f"  {token} ") == 123


def test_token_is_bound_to_the_secret(settings):
    token = admission_token(_reg(5))
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    with pytest.raises(signing.BadSignature):
        admission_token_registration_id(token)


def test_ticket_number_round_trip_and_typing_mistakes_caught():
    number = ticket_number(_reg(4567))
    assert number.startswith("AT-004567-")
    assert ticket_number_registration_id(number) == 4567
    assert ticket_number_registration_id(number.lower().replace("-", " - ")) == 4567
    check = number[-1]
    # every single wrong digit and every swap of two different adjacent digits is caught
    digits = "004567"
    for index in range(6):
        for wrong in "0123456789":
            if wrong != digits[index]:
                typo = digits[:index] + wrong + digits[index + 1 :]
                assert ticket_number_registration_id(f"AT-{typo}-{check}") is None
    for index in range(5):
        if digits[index] != digits[index + 1]:
            swapped = digits[:index] + digits[index + 1] + digits[index] + digits[index + 2 :]
            assert ticket_number_registration_id(f"AT-{swapped}-{check}") is None
    assert ticket_number_registration_id("XX-004567-" + check) is None
    assert registration_id_from_code("nonsense") is None
