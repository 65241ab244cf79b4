"""Credentials the platform issues, verified by an independent implementation: Digital Bazaar's
JavaScript libraries (tools/verifier, installed by scripts/test with npm ci; offline)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from typing import Any

import pytest
from django.utils import timezone

from aicert.credentials import keys, openbadge, services, status_list
from aicert.credentials.models import CertificateStatus, SigningKey
from tests.credentials.conftest import issue
from tests.credentials.reference import VERIFIER, verifier_installed


def _node() -> str:
    verifier_installed()
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the independent verifier needs it")
    return node


def _documents(credential: dict[str, Any]) -> dict[str, Any]:
    """What a verifier fetches, as the platform serves it: profile, keys, status lists."""
    documents: dict[str, Any] = {keys.issuer_id(): keys.issuer_profile()}
    for key in SigningKey.objects.all():
        documents[keys.verification_method_of(key.kid)] = keys.multikey_document(key)
    for entry in credential.get("credentialStatus", []):
        number = int(entry["statusListCredential"].rsplit("/", 1)[1])
        documents[entry["statusListCredential"]] = status_list.status_list_credential(
            purpose=entry["statusPurpose"], number=number
        )
    return documents


def js_verify(credential: dict[str, Any]) -> dict[str, Any]:
    payload = {"credential": credential, "documents": _documents(credential)}
    run = subprocess.run(
        [_node(), str(VERIFIER / "verify.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=VERIFIER,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_valid_credential_verifies(cworld):
    result = js_verify(openbadge.credential_signed(issue(cworld)))
    assert result["proof"] == {"verified": True, "error": None}, result
    assert result["status"]["revocation"]["set"] is False
    assert result["status"]["suspension"]["set"] is False
    assert result["validity"] == {"expired": False, "notYetValid": False}
    assert result["full"]["verified"] is True, result["full"]["error"]


def test_tampered_credential_fails_the_proof(cworld):
    signed = openbadge.credential_signed(issue(cworld, holder=cworld.holder))
    signed["validUntil"] = "2099-12-31T16:00:00Z"  # a date changed after signing
    result = js_verify(signed)
    assert result["proof"]["verified"] is False
    assert result["full"]["verified"] is False

    renamed = openbadge.credential_signed(issue(cworld, holder=cworld.other), include_name=True)
    renamed["credentialSubject"]["achievement"]["name"] = "AI 應用規劃師 高級 (Expert)"
    assert js_verify(renamed)["proof"]["verified"] is False


def test_revoked_credential_has_its_bit_set(cworld):
    certificate = issue(cworld)
    signed = openbadge.credential_signed(certificate)
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.REVOKED,
        reason="fraud",
        actor=cworld.admin,
    )
    result = js_verify(signed)
    assert result["proof"]["verified"] is True
    assert result["status"]["revocation"] == {"verified": True, "set": True, "error": None}
    assert result["status"]["suspension"]["set"] is False
    assert result["full"]["verified"] is False


def test_suspended_credential_has_its_suspension_bit_set(cworld):
    certificate = issue(cworld)
    signed = openbadge.credential_signed(certificate)
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.SUSPENDED,
        reason="audit",
        actor=cworld.admin,
    )
    result = js_verify(signed)
    assert result["proof"]["verified"] is True
    assert result["status"]["suspension"]["set"] is True
    assert result["status"]["revocation"]["set"] is False


def test_expired_credential_reports_validuntil_past(cworld):
    certificate = issue(cworld, passed_on=timezone.localdate() - dt.timedelta(days=4 * 366))
    services.certificates_expire_due()
    result = js_verify(openbadge.credential_signed(certificate))
    assert result["proof"]["verified"] is True
    assert result["validity"]["expired"] is True
    assert (
        result["full"]["verified"] is False
        and 'after "validuntil"' in result["full"]["error"].lower()
    )


def test_credential_signed_before_a_rotation_still_verifies(cworld):
    certificate = issue(cworld)
    old = openbadge.credential_signed(certificate)
    keys.signing_key_rotate(actor=None)
    new = openbadge.credential_signed(certificate)
    assert js_verify(old)["full"]["verified"] is True
    assert js_verify(new)["full"]["verified"] is True
