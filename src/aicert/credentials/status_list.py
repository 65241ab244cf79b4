"""Bitstring status lists (W3C Bitstring Status List v1.0): revocation and suspension.

Every certificate holds one index in list ``status_list_number``, shared by the two purposes.
A list is computed from the certificate rows themselves (bit set = status revoked, resp.
suspended), so a status change flips its bit in the very transaction that changes the status.
The signed ``BitstringStatusListCredential`` is cached under a version of the list's rows (the
latest status change and the row count, plus the signing key): any change gives a new version,
and an unchanged list is not re-signed per request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from aicert.credentials import keys, openbadge
from aicert.credentials.models import STATUS_LIST_SIZE, Certificate, CertificateStatus
from aicert.credentials.signing import bitstring, eddsa_rdfc_2022, jsonld

PURPOSE_STATUS = {
    "revocation": CertificateStatus.REVOKED,
    "suspension": CertificateStatus.SUSPENDED,
}
# How long a verifier may keep a list before fetching again (the entry's ``ttl``, milliseconds),
# and how long a signed list stays valid; the cache keeps it no longer than that.
TTL = dt.timedelta(minutes=5)
VALIDITY = dt.timedelta(days=1)
_CACHE_SECONDS = 3600


def status_list_indices(*, purpose: str, number: int) -> list[int]:
    """The indices whose bit is set in list ``number`` for ``purpose``."""
    status = PURPOSE_STATUS[purpose]
    rows = Certificate.objects.filter(status_list_number=number, status=status)
    return sorted(rows.values_list("status_list_index", flat=True))


def status_list_exists(number: int) -> bool:
    return number >= 1 and Certificate.objects.filter(status_list_number=number).exists()


def status_list_version(number: int) -> str:
    """Changes whenever any certificate of the list is added or changes status."""
    agg = Certificate.objects.filter(status_list_number=number).aggregate(
        latest=Max("status_changed_at"), count=Count("pk")
    )
    latest = agg["latest"].isoformat() if agg["latest"] else "-"
    return f"{agg['count']}:{latest}"


def encoded_list(*, purpose: str, number: int) -> str:
    return bitstring.encode(status_list_indices(purpose=purpose, number=number), STATUS_LIST_SIZE)


def status_list_build(*, purpose: str, number: int, now: dt.datetime) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential of one list and purpose."""
    url = openbadge.status_list_url(purpose, number)
    return {
        "@context": [jsonld.VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": keys.issuer_id(),
        "validFrom": eddsa_rdfc_2022.utc_timestamp(now),
        "validUntil": eddsa_rdfc_2022.utc_timestamp(now + VALIDITY),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded_list(purpose=purpose, number=number),
            "ttl": int(TTL.total_seconds() * 1000),
        },
    }


def status_list_credential(*, purpose: str, number: int) -> dict[str, Any]:
    """The signed status list credential, re-signed only when the list (or key) changed."""
    if purpose not in PURPOSE_STATUS:
        raise KeyError(purpose)
    signer = keys.signer_current()
    cache_key = (
        f"credentials:status-list:{keys.issuer_id()}:{purpose}:{number}:"
        f"{status_list_version(number)}:{signer.kid}"
    )
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    now = timezone.now()
    signed = openbadge.document_sign(status_list_build(purpose=purpose, number=number, now=now))
    cache.set(cache_key, signed, _CACHE_SECONDS)
    return signed


def status_bit(*, purpose: str, number: int, index: int) -> bool:
    """The bit of one entry, read back from the list as a verifier decodes it."""
    bits = bitstring.decode(encoded_list(purpose=purpose, number=number))
    return bitstring.bit(bits, index)
