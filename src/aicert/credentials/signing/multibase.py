"""Multibase (draft-multiformats-multibase) for the two bases Data Integrity uses.

``z`` + base58btc (the Bitcoin alphabet) for keys and proof values; ``u`` + base64url without
padding for the status list's ``encodedList``.
"""

from __future__ import annotations

import base64
import re

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {ch: i for i, ch in enumerate(_ALPHABET)}
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


class MultibaseError(ValueError):
    """Not a multibase string of the expected base."""


def base58btc_encode(data: bytes) -> str:
    """Base58 (Bitcoin alphabet): leading zero bytes become leading ``1``s."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits: list[str] = []
    while number:
        number, rem = divmod(number, 58)
        digits.append(_ALPHABET[rem])
    return "1" * zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    number = 0
    for ch in text:
        try:
            number = number * 58 + _INDEX[ch]
        except KeyError:
            raise MultibaseError(f"not a base58btc character: {ch!r}") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_z(data: bytes) -> str:
    return "z" + base58btc_encode(data)


def decode_z(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("expected a base58btc multibase string (starting with 'z')")
    return base58btc_decode(text[1:])


def encode_u(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_u(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("u"):
        raise MultibaseError("expected a base64url multibase string (starting with 'u')")
    body = text[1:]
    if not _BASE64URL.fullmatch(body):
        raise MultibaseError("not a base64url string")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise MultibaseError(str(exc)) from None
