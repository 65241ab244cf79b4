"""Share links and the QR code's address: the public verification URL with a share token.

The token is an HMAC of the certificate number under the site's secret, so a link or QR code
opens straight to the result (without typing the holder's name), while guessing numbers
without their tokens tells a visitor nothing but "type the holder's name".
"""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

from aicert.shared.links import absolute_reverse

_SALT = "aicert.credentials.share"
TOKEN_LENGTH = 20


def share_token(number: str) -> str:
    return salted_hmac(_SALT, number, algorithm="sha256").hexdigest()[:TOKEN_LENGTH]


def share_token_valid(number: str, token: str) -> bool:
    return bool(token) and constant_time_compare(share_token(number), token)


def verification_url(number: str) -> str:
    """The absolute public verification address of ``number`` (printed as the QR code)."""
    return f"{absolute_reverse('credentials:verify_number', number)}?t={share_token(number)}"
