"""Verifying a credential someone pastes or uploads: which check passed, which failed.

In order: the JSON is a well-formed credential -> its proof verifies with one of this issuer's
published keys (retired ones included) -> its status list entries (revocation, suspension) are
clear -> today is within ``validFrom``/``validUntil``. A failed proof stops there: the rest of a
document whose signature does not hold says nothing trustworthy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.credentials import keys, openbadge, status_list
from aicert.credentials.signing import eddsa_rdfc_2022, jsonld

MAX_BYTES = 256 * 1024

CHECK_WELL_FORMED = "well_formed"
CHECK_PROOF = "proof"
CHECK_STATUS = "status"
CHECK_VALIDITY = "validity"
CHECK_LABELS = {
    CHECK_WELL_FORMED: pgettext_lazy("credential check", "Well-formed credential"),
    CHECK_PROOF: pgettext_lazy("credential check", "Signature"),
    CHECK_STATUS: pgettext_lazy("credential check", "Not revoked or suspended"),
    CHECK_VALIDITY: pgettext_lazy("credential check", "Within its validity period"),
}
_STATUS_URL = re.compile(r"/credentials/status/(revocation|suspension)/(\d+)$")


@dataclass
class Check:
    """One check: ``passed`` is None when it was not run (an earlier check failed)."""

    name: str
    passed: bool | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        return str(CHECK_LABELS[self.name])


@dataclass
class VerificationReport:
    checks: list[Check] = field(default_factory=list)
    credential_name: str = ""
    valid_from: str = ""
    valid_until: str = ""

    @property
    def ok(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[str]:
        return [c.name for c in self.checks if c.passed is False]

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not eddsa_rdfc_2022.DATETIME.fullmatch(value):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _well_formed(text: str | bytes) -> tuple[dict[str, Any] | None, str]:
    if len(text) > MAX_BYTES:
        return None, str(_("The file is larger than 256 KB."))
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        return None, str(_("Not valid JSON: %(error)s")) % {"error": exc}
    if not isinstance(document, dict):
        return None, str(_("A credential is a JSON object."))
    context = document.get("@context")
    if not (isinstance(context, list) and context and context[0] == jsonld.VC_V2):
        return None, str(_("Its @context does not start with the VC 2.0 context."))
    types = document.get("type")
    if not (isinstance(types, list) and "VerifiableCredential" in types):
        return None, str(_("It is not a VerifiableCredential."))
    for key in ("issuer", "credentialSubject", "proof", "validFrom"):
        if key not in document:
            return None, str(_("It has no %(field)s.")) % {"field": key}
    if _parse_time(document["validFrom"]) is None or (
        "validUntil" in document and _parse_time(document["validUntil"]) is None
    ):
        return None, str(_("Its validFrom or validUntil is not a date and time."))
    return document, ""


def _proof(document: dict[str, Any]) -> tuple[bool, str]:
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != keys.issuer_id():
        return False, str(_("It was not issued by this platform (issuer %(issuer)s).")) % {
            "issuer": issuer_id
        }
    try:
        verified = eddsa_rdfc_2022.proof_verify(document, resolve_key=keys.public_key_for)
    except eddsa_rdfc_2022.ProofError as exc:
        return False, str(_("The signature does not verify: %(reason)s")) % {"reason": exc}
    return True, str(_("Signed by %(key)s.")) % {"key": verified.verification_method}


def _status(document: dict[str, Any]) -> tuple[bool, str]:
    entries = document.get("credentialStatus")
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list) or not entries:
        return False, str(_("It carries no status list entry."))
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            return False, str(_("An entry of credentialStatus is not a BitstringStatusListEntry."))
        purpose = entry.get("statusPurpose")
        url = entry.get("statusListCredential", "")
        match = _STATUS_URL.search(url) if isinstance(url, str) else None
        index_text = entry.get("statusListIndex")
        if (
            match is None
            or match.group(1) != purpose
            or not isinstance(index_text, str)
            or not index_text.isdigit()
        ):
            return False, str(_("A status entry does not point at this platform's lists."))
        number, index = int(match.group(2)), int(index_text)
        try:
            if url != openbadge.status_list_url(purpose, number):
                return False, str(_("A status entry does not point at this platform's lists."))
        except NoReverseMatch:
            return False, str(_("A status entry does not point at this platform's lists."))
        if not status_list.status_list_exists(number) or index >= 131_072:
            return False, str(_("Its status list does not exist."))
        if status_list.status_bit(purpose=purpose, number=number, index=index):
            if purpose == "revocation":
                return False, str(_("The certificate has been revoked."))
            return False, str(_("The certificate is suspended."))
        seen.add(purpose)
    if seen != set(status_list.PURPOSE_STATUS):
        return False, str(_("It lacks its revocation or suspension entry."))
    return True, str(_("Neither revoked nor suspended."))


def _validity(document: dict[str, Any], now: dt.datetime) -> tuple[bool, str]:
    valid_from = _parse_time(document["validFrom"])
    valid_until = _parse_time(document.get("validUntil"))
    if valid_from is not None and now < valid_from:
        return False, str(_("Not valid yet."))
    if valid_until is not None and now >= valid_until:
        return False, str(_("Expired: valid until %(until)s.")) % {
            "until": timezone.localtime(valid_until).strftime("%Y-%m-%d %H:%M")
        }
    return True, str(_("Valid now."))


def credential_verify(text: str | bytes, *, now: dt.datetime | None = None) -> VerificationReport:
    """Run every check on a pasted or uploaded credential (never raises on bad input)."""
    now = now or timezone.now()
    report = VerificationReport(checks=[Check(name) for name in CHECK_LABELS])
    document, detail = _well_formed(text)
    well_formed = report.check(CHECK_WELL_FORMED)
    well_formed.passed, well_formed.detail = document is not None, detail
    if document is None:
        return report
    name = document.get("name")
    report.credential_name = name if isinstance(name, str) else ""
    report.valid_from = str(document.get("validFrom", ""))
    report.valid_until = str(document.get("validUntil", ""))
    proof = report.check(CHECK_PROOF)
    proof.passed, proof.detail = _proof(document)
    if not proof.passed:
        return report
    status = report.check(CHECK_STATUS)
    status.passed, status.detail = _status(document)
    validity = report.check(CHECK_VALIDITY)
    validity.passed, validity.detail = _validity(document, now)
    return report
