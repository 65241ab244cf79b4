"""The issuer's signing keys: the private key from the environment, the public ones in the DB.

* The private key (an Ed25519 Multikey secret, ``z3u2...``) is ``AICERT_SIGNING_KEY``, or the
  file ``AICERT_SIGNING_KEY_FILE``; outside production a missing file is generated (mode 0600)
  so the demo and the tests sign without setup. It is never written to the database.
* Its public half is a :class:`SigningKey` row, registered the first time the key signs: the
  current one. ``aicert signing_key_rotate`` writes a new key file and registers it; the old
  row is retired but stays published in the issuer profile, so what it signed still verifies.
* The issuer profile (``/credentials/issuer``) is the controller document: it lists every key as
  a Multikey ``verificationMethod`` ``<issuer>#<kid>`` and in ``assertionMethod``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.credentials.models import SigningKey
from aicert.credentials.signing import jsonld, multikey
from aicert.shared.links import absolute_reverse

# Terms of the controller document that no bundled context defines at the top level (they are
# the Security vocabulary's, as in https://w3id.org/security/v2): given inline, nothing fetched.
_CONTROLLER_TERMS: dict[str, Any] = {
    "assertionMethod": {
        "@id": "https://w3id.org/security#assertionMethod",
        "@type": "@id",
        "@container": "@set",
    },
    "verificationMethod": {
        "@id": "https://w3id.org/security#verificationMethod",
        "@type": "@id",
        "@container": "@set",
    },
}


@dataclass(frozen=True)
class Signer:
    """The current key, ready to sign: its verificationMethod URL and the private key."""

    kid: str
    verification_method: str
    secret: Ed25519PrivateKey


def issuer_id() -> str:
    """The issuer's id: the stable URL of its profile."""
    return absolute_reverse("credentials_public:issuer")


def verification_method_of(kid: str) -> str:
    return f"{issuer_id()}#{kid}"


def _write_secret(path: Path, secret: str) -> None:
    """Write a key file readable by its owner only, replacing any old one atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret + "\n")
    os.replace(tmp, path)


def _configured_secret() -> str:
    if settings.AICERT_SIGNING_KEY:
        return str(settings.AICERT_SIGNING_KEY).strip()
    if not settings.AICERT_SIGNING_KEY_FILE:
        raise ImproperlyConfigured("Set AICERT_SIGNING_KEY or AICERT_SIGNING_KEY_FILE.")
    path = Path(settings.AICERT_SIGNING_KEY_FILE)
    if not path.exists():
        if settings.IS_PRODUCTION:
            raise ImproperlyConfigured(f"The signing key file {path} does not exist.")
        _write_secret(path, multikey.secret_key_generate())
    return path.read_text(encoding="ascii").strip()


@transaction.atomic
def signing_key_register(
    *, public_key_multibase: str, actor: Actor, now: dt.datetime | None = None
) -> SigningKey:
    """Make ``public_key_multibase`` the current key; the previous one retires (still published).

    Idempotent for the current key. A retired key never becomes current again.
    """
    multikey.public_key_decode(public_key_multibase)  # an Ed25519 Multikey, or MultikeyError
    now = now or timezone.now()
    existing = SigningKey.objects.filter(public_key_multibase=public_key_multibase).first()
    if existing is not None:
        if existing.retired_at is not None:
            raise ImproperlyConfigured(
                f"The configured signing key {existing.kid} was retired; configure the current one."
            )
        return existing
    for old in SigningKey.objects.filter(retired_at__isnull=True):
        old.retired_at = now
        old.save(update_fields=["retired_at"])
        audit_record(actor=actor, action="credentials.signing_key_retire", target=old)
    try:
        with transaction.atomic():
            key = SigningKey.objects.create(
                kid=public_key_multibase,
                public_key_multibase=public_key_multibase,
                created_at=now,
            )
    except IntegrityError:
        # Another process registered a key at the same moment: theirs stands.
        return SigningKey.objects.get(retired_at__isnull=True)
    audit_record(
        actor=actor,
        action="credentials.signing_key_register",
        target=key,
        changes={"public_key_multibase": public_key_multibase},
    )
    return key


def signer_current() -> Signer:
    """The configured private key with its registered public key (registered on first use)."""
    secret_text = _configured_secret()
    try:
        secret = multikey.secret_key_decode(secret_text)
    except multikey.MultikeyError as exc:
        raise ImproperlyConfigured(f"The signing key is not an Ed25519 Multikey: {exc}") from None
    public = multikey.public_key_encode(secret.public_key())
    key = SigningKey.objects.filter(public_key_multibase=public, retired_at__isnull=True).first()
    if key is None:
        key = signing_key_register(public_key_multibase=public, actor=None)
    return Signer(kid=key.kid, verification_method=verification_method_of(key.kid), secret=secret)


def signing_key_rotate(*, actor: Actor) -> SigningKey:
    """Generate a new private key into the key file and make it current.

    With the key in ``AICERT_SIGNING_KEY`` the operator sets a new value instead (it is
    registered the first time it signs); this refuses rather than leave the two disagreeing.
    """
    if settings.AICERT_SIGNING_KEY:
        raise ImproperlyConfigured(
            "The signing key comes from AICERT_SIGNING_KEY: set a new one there and restart "
            "(it becomes current when it first signs; the old key stays published)."
        )
    if not settings.AICERT_SIGNING_KEY_FILE:
        raise ImproperlyConfigured("Set AICERT_SIGNING_KEY_FILE to rotate the signing key.")
    secret = multikey.secret_key_generate()
    _write_secret(Path(settings.AICERT_SIGNING_KEY_FILE), secret)
    return signing_key_register(public_key_multibase=multikey.public_of_secret(secret), actor=actor)


def signing_keys_published() -> list[SigningKey]:
    """Every key the issuer ever signed with, current and retired (oldest first)."""
    return list(SigningKey.objects.order_by("created_at", "pk"))


def public_key_for(verification_method: str) -> Ed25519PublicKey | None:
    """The public key a verificationMethod of this issuer names (retired keys included)."""
    prefix = issuer_id() + "#"
    if not verification_method.startswith(prefix):
        return None
    key = SigningKey.objects.filter(kid=verification_method[len(prefix) :]).first()
    return multikey.public_key_decode(key.public_key_multibase) if key else None


def _multikey(key: SigningKey) -> dict[str, Any]:
    return {
        "id": verification_method_of(key.kid),
        "type": "Multikey",
        "controller": issuer_id(),
        "publicKeyMultibase": key.public_key_multibase,
    }


def multikey_document(key: SigningKey) -> dict[str, Any]:
    """The Multikey document a verificationMethod ``<issuer>#<kid>`` resolves to."""
    return {"@context": jsonld.MULTIKEY_V1, **_multikey(key)}


def issuer_profile() -> dict[str, Any]:
    """The issuer's Open Badges Profile, also its controller document (keys it signs with)."""
    keys = signing_keys_published()
    return {
        "@context": [jsonld.VC_V2, jsonld.OB_V3_0_3, jsonld.MULTIKEY_V1, _CONTROLLER_TERMS],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.AICERT_ISSUER_NAME,
        "url": settings.AICERT_SITE_URL.rstrip("/") + "/",
        "verificationMethod": [_multikey(k) for k in keys],
        "assertionMethod": [verification_method_of(k.kid) for k in keys],
    }
