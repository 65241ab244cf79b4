"""The verification API for employers' own systems, under ``/api/v1/`` (API keys, not the
session).

``POST /api/v1/verifications`` with ``Authorization: Bearer <key>`` and
``{"certificates": [{"number": "AIC-2026-0000123-7", "name": "王小明"}, ...]}`` (1 to 100)
answers ``{"results": [...]}``, one per certificate in order: its status (``active``,
``expired``, ``suspended``, ``revoked``, ``not_found``, ``malformed``), whether the name
matches, and when it does the level and dates. A key makes at most 60 calls a minute; more get
429 with ``Retry-After``. Every call is logged (the foundation sees them, the organisation its
own); a revoked key is refused at once (401).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, JsonResponse
from ninja import Field, Router, Schema
from ninja.security import HttpBearer

from aicert.credentials.selectors import certificates_check
from aicert.shared.api import ApiError, responses
from aicert.talent import selectors, services
from aicert.talent.models import ApiKey

MAX_BATCH = 100


class ApiKeyBearer(HttpBearer):
    """``Authorization: Bearer <key>``: the standing key whose SHA-256 matches."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        if not token or len(token) > 200:
            return None
        key = selectors.api_key_by_hash(key_hash=services.api_key_hash(token))
        if key is not None:
            request.api_key = key  # type: ignore[attr-defined]
        return key


router = Router(tags=["verification"], auth=ApiKeyBearer())


class CertificateIn(Schema):
    number: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=100)


class VerificationIn(Schema):
    certificates: list[CertificateIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class VerificationOut(Schema):
    number: str
    name_matches: bool
    status: str
    valid: bool
    level_code: str = ""
    level_name: str = ""
    issued_on: dt.date | None = None
    valid_from: dt.date | None = None
    expires_on: dt.date | None = None
    status_changed_on: dt.date | None = None


class VerificationsOut(Schema):
    results: list[VerificationOut]


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@router.post(
    "/verifications",
    response={**responses(VerificationsOut), 429: ApiError},
    summary="Verify certificates by number and holder name",
)
def verifications(request: HttpRequest, payload: VerificationIn):
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    wait = services.api_call_admit(key_id=key.pk, ip=_ip(request), count=len(payload.certificates))
    if wait:
        response = JsonResponse(
            {"detail": "Too many calls: at most 60 a minute per key.", "code": "rate_limited"},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    checks = certificates_check([(c.number, c.name) for c in payload.certificates])
    return 200, {
        "results": [
            {
                "number": check.number,
                "name_matches": check.holder_name_matches,
                "status": check.status,
                "valid": check.is_valid,
                "level_code": check.level_code,
                "level_name": check.level_name,
                "issued_on": check.issued_on,
                "valid_from": check.valid_from,
                "expires_on": check.expires_on,
                "status_changed_on": check.status_changed_on,
            }
            for check in checks
        ]
    }
