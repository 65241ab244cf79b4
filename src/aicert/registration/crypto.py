"""Encryption at rest and the keyed lookup hash for identity numbers.

The number is encrypted with Fernet (AES-128-CBC + HMAC-SHA256, ``cryptography``) under
``settings.FIELD_ENCRYPTION_KEY``; equality lookups (is this number already registered?) go
through an HMAC-SHA256 of the normalised number, so the database never holds anything that can be
reversed or brute-forced without the key. The HMAC key is derived from the same secret with a
fixed label, so one secret is configured; rotating it means re-encrypting and re-hashing rows.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be a Fernet key (32 url-safe base64-encoded bytes)."
        ) from exc


@lru_cache(maxsize=4)
def _index_key(key: str) -> bytes:
    return hmac.new(key.encode(), b"aicert:identity-number-index:v1", hashlib.sha256).digest()


def encrypt(plaintext: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(plaintext.encode()).decode("ascii")


def decrypt(token: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode("ascii")).decode()


def index_hash(normalised: str) -> str:
    """Hex HMAC-SHA256 of a normalised identity number, for the unique lookup column."""
    key = _index_key(settings.FIELD_ENCRYPTION_KEY)
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()
