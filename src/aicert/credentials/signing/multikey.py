"""Ed25519 keys as Multikey strings (W3C Controlled Identifiers v1.0, section 2.2.2).

A public key is ``z`` + base58btc(0xed 0x01 + 32 bytes), so it starts ``z6Mk``; a secret key is
``z`` + base58btc(0x80 0x26 + the 32-byte seed), so it starts ``z3u2``.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from aicert.credentials.signing import multibase

ED25519_PUB_HEADER = b"\xed\x01"
ED25519_PRIV_HEADER = b"\x80\x26"


class MultikeyError(ValueError):
    """Not an Ed25519 Multikey of the expected kind."""


def _decode(text: str, header: bytes, what: str) -> bytes:
    try:
        raw = multibase.decode_z(text)
    except multibase.MultibaseError as exc:
        raise MultikeyError(f"{what}: {exc}") from None
    if raw[:2] != header or len(raw) != 34:
        raise MultikeyError(f"{what}: not an Ed25519 Multikey")
    return raw[2:]


def public_key_encode(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return multibase.encode_z(ED25519_PUB_HEADER + raw)


def public_key_decode(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_decode(text, ED25519_PUB_HEADER, "public key"))


def secret_key_encode(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return multibase.encode_z(ED25519_PRIV_HEADER + seed)


def secret_key_decode(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_decode(text, ED25519_PRIV_HEADER, "secret key"))


def secret_key_generate() -> str:
    return secret_key_encode(Ed25519PrivateKey.generate())


def public_of_secret(text: str) -> str:
    return public_key_encode(secret_key_decode(text).public_key())
