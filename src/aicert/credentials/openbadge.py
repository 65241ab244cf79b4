"""A certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (VC Data Model 2.0), signed.

The holder is named by a salted SHA-256 of their e-mail address (OB 3.0 ``IdentityObject``,
``identityHash`` = ``sha256$`` + hex(sha256(email + salt))), not by their legal name; the name
is added only when the holder asks for it. The achievement is the level; ``credentialStatus``
carries the certificate's entries in the revocation and suspension status lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from aicert.credentials import keys
from aicert.credentials.models import Certificate
from aicert.credentials.signing import eddsa_rdfc_2022, jsonld
from aicert.shared.links import absolute_reverse

PURPOSES = ("revocation", "suspension")
_TAIPEI = ZoneInfo("Asia/Taipei")


def _start_of_day(day: dt.date) -> str:
    """Midnight in Taipei of ``day``, as a UTC dateTime (the certificate's dates are Taipei's)."""
    return eddsa_rdfc_2022.utc_timestamp(dt.datetime.combine(day, dt.time(), tzinfo=_TAIPEI))


def identity_salt(certificate: Certificate) -> str:
    """A salt per certificate, stable across downloads, unguessable without the site's secret."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"identity-salt:{certificate.number}".encode(), "sha256"
    )
    return digest.hexdigest()[:32]


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 hashed identity: ``sha256$`` + hex(sha256(identity + salt))."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def status_list_url(purpose: str, number: int) -> str:
    return absolute_reverse("credentials_public:status_list", purpose, number)


def _achievement(certificate: Certificate) -> dict[str, Any]:
    level = certificate.level
    certification = level.certification
    name = f"{certification.name_zh} {level.name_zh}".strip()
    name_en = f"{certification.name_en} {level.name_en}".strip()
    if name_en and name_en != name:
        name = f"{name} ({name_en})"
    summary = " / ".join(s for s in (level.summary_zh, level.summary_en) if s) or name
    rule = getattr(level, "pass_rule", None)
    if rule is not None:
        narrative = (
            f"通過本級別所有科目：平均 {rule.average_min:g} 分以上且每科 {rule.subject_min:g} 分以上。"
            f" / Pass every subject of the level: an average of at least {rule.average_min:g}"
            f" and at least {rule.subject_min:g} in each subject."
        )
    else:
        narrative = "通過本級別所有科目。 / Pass every subject of the level."
    return {
        "id": absolute_reverse("catalog:level_detail", certification.code, level.code),
        "type": ["Achievement"],
        "achievementType": "Certification",
        "humanCode": f"{certification.code}/{level.code}",
        "name": name,
        "description": summary,
        "criteria": {"narrative": narrative},
    }


def credential_build(certificate: Certificate, *, include_name: bool = False) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of ``certificate`` (as of its current period)."""
    salt = identity_salt(certificate)
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(certificate.holder.email, salt),
                "salt": salt,
            }
        ],
        "achievement": _achievement(certificate),
    }
    if include_name:
        names = [n for n in (certificate.holder_name_zh, certificate.holder_name_en) if n]
        if names:
            subject["name"] = " / ".join(names)
    status = [
        {
            "id": f"{status_list_url(purpose, certificate.status_list_number)}"
            f"#{certificate.status_list_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(certificate.status_list_index),
            "statusListCredential": status_list_url(purpose, certificate.status_list_number),
        }
        for purpose in PURPOSES
    ]
    document: dict[str, Any] = {
        "@context": [jsonld.VC_V2, jsonld.OB_V3_0_3],
        "id": absolute_reverse("credentials:credential_json", certificate.number),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": keys.issuer_id(),
            "type": ["Profile"],
            "name": settings.AICERT_ISSUER_NAME,
        },
        "name": f"{certificate.number} {_achievement(certificate)['name']}",
        "validFrom": _start_of_day(certificate.valid_from),
        "awardedDate": _start_of_day(certificate.issued_on),
        "credentialSubject": subject,
        "credentialStatus": status,
    }
    if certificate.expires_on is not None:
        # Valid through its expiry date: until the next midnight in Taipei.
        document["validUntil"] = _start_of_day(certificate.expires_on + dt.timedelta(days=1))
    return document


def document_sign(document: dict[str, Any], *, now: dt.datetime | None = None) -> dict[str, Any]:
    """``document`` with an eddsa-rdfc-2022 proof by the issuer's current key."""
    signer = keys.signer_current()
    return eddsa_rdfc_2022.proof_create(
        document,
        secret_key=signer.secret,
        verification_method=signer.verification_method,
        created=eddsa_rdfc_2022.utc_timestamp(now or timezone.now()),
    )


def credential_signed(certificate: Certificate, *, include_name: bool = False) -> dict[str, Any]:
    """The signed OpenBadgeCredential a holder downloads or imports into a wallet."""
    return document_sign(credential_build(certificate, include_name=include_name))
