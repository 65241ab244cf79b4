"""Verifying a pasted or uploaded credential names the check that failed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aicert.credentials import openbadge, services, verification
from aicert.credentials.models import CertificateStatus
from tests.credentials.conftest import issue
from tests.credentials.reference import ref_json

URL = "/verify/credential/"


def _results(report):
    return {c.name: c.passed for c in report.checks}


def test_a_valid_credential_passes_every_check(cworld):
    report = verification.credential_verify(json.dumps(openbadge.credential_signed(issue(cworld))))
    assert report.ok
    assert _results(report) == dict.fromkeys(verification.CHECK_LABELS, True)


def test_tampered_fails_the_signature_and_stops(cworld, english):
    signed = openbadge.credential_signed(issue(cworld))
    signed["credentialSubject"]["achievement"]["name"] = "AI 大師"
    report = verification.credential_verify(json.dumps(signed))
    assert _results(report) == {
        "well_formed": True,
        "proof": False,
        "status": None,
        "validity": None,
    }
    assert "signature does not match" in report.check("proof").detail


def test_a_later_validuntil_breaks_the_signature(cworld):
    signed = openbadge.credential_signed(issue(cworld))
    signed["validUntil"] = "2099-01-01T00:00:00Z"
    assert verification.credential_verify(json.dumps(signed)).failed == ["proof"]


def test_revoked_and_suspended_fail_the_status_check(cworld, english):
    certificate = issue(cworld)
    signed = json.dumps(openbadge.credential_signed(certificate))
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.SUSPENDED,
        reason="audit",
        actor=cworld.admin,
    )
    report = verification.credential_verify(signed)
    assert report.failed == ["status"] and "suspended" in report.check("status").detail
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.REVOKED,
        reason="fraud",
        actor=cworld.admin,
    )
    report = verification.credential_verify(signed)
    assert report.failed == ["status"] and "revoked" in report.check("status").detail
    assert report.check("proof").passed and report.check("validity").passed


def test_expired_fails_the_validity_check(cworld, english):
    certificate = issue(cworld, passed_on=timezone.localdate() - dt.timedelta(days=4 * 366))
    assert services.certificates_expire_due() == 1
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.EXPIRED
    report = verification.credential_verify(json.dumps(openbadge.credential_signed(certificate)))
    assert report.failed == ["validity"] and "Expired" in report.check("validity").detail


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("", "Not valid JSON"),
        ("{not json", "Not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"@context": ["https://www.w3.org/2018/credentials/v1"]}', "VC 2.0"),
        ("\ud800", "Not valid JSON"),
        (b"\xff\xfe\x00", "Not valid JSON"),
        ("x" * (verification.MAX_BYTES + 1), "256 KB"),
    ],
)
def test_malformed_input_fails_the_first_check(db, english, text, detail):
    report = verification.credential_verify(text)
    assert report.failed == ["well_formed"] and detail in report.check("well_formed").detail


def test_another_issuers_credential_is_not_ours(cworld, english):
    report = verification.credential_verify(json.dumps(ref_json("openbadges/ob-signed.json")))
    assert (
        report.failed == ["proof"] and "not issued by this platform" in report.check("proof").detail
    )


def test_status_entries_must_be_ours_and_both_present(cworld):
    signed = openbadge.credential_signed(issue(cworld))
    # Unsigned changes would fail the proof first; check the status reader on its own.
    doc = json.loads(json.dumps(signed))
    doc["credentialStatus"] = doc["credentialStatus"][:1]
    assert not verification._status(doc)[0]
    doc["credentialStatus"] = [
        {
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "x",
            "statusListCredential": "https://evil.example/credentials/status/revocation/1",
        }
    ]
    assert not verification._status(doc)[0]
    doc["credentialStatus"] = "nope"
    assert not verification._status(doc)[0]


def test_public_page_pasted_and_uploaded(cworld, client):
    assert client.get(URL).status_code == 200
    signed = json.dumps(openbadge.credential_signed(issue(cworld)))
    response = client.post(URL, {"credential": signed})
    assert response.status_code == 200
    assert b'data-ok="true"' in response.content
    upload = SimpleUploadedFile("cred.json", signed.replace("Associate", "Expert").encode())
    response = client.post(URL, {"file": upload})
    assert b'data-ok="false"' in response.content
    assert b'data-check="proof" data-passed="false"' in response.content
    assert b'data-check="status" data-passed="skipped"' in response.content
    response = client.post(URL, {})
    assert response.status_code == 400 and "請貼上憑證內容".encode() in response.content
    big = SimpleUploadedFile("big.json", b"{" + b" " * (verification.MAX_BYTES + 10) + b"}")
    response = client.post(URL, {"file": big})
    assert response.status_code == 400 and "檔案超過 256 KB".encode() in response.content
    response = client.post(URL, {"credential": "{oops"})
    assert (
        response.status_code == 200
        and b'data-check="well_formed" data-passed="false"' in response.content
    )


def test_public_page_in_chinese(cworld, client):
    signed = openbadge.credential_signed(issue(cworld))
    response = client.post(URL, {"credential": json.dumps(signed)}, HTTP_ACCEPT_LANGUAGE="zh-hant")
    text = response.content.decode()
    assert "簽章" in text and "效期" in text


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutation=st.dictionaries(
        st.sampled_from(
            [
                "@context",
                "type",
                "issuer",
                "proof",
                "validFrom",
                "validUntil",
                "credentialStatus",
                "credentialSubject",
            ]
        ),
        _json,
        max_size=3,
    )
)
def test_any_mangled_credential_gets_an_answer_not_an_exception(cworld, mutation):
    signed = openbadge.credential_signed(issue(cworld))
    report = verification.credential_verify(json.dumps({**signed, **mutation}))
    assert all(c.passed in (True, False, None) for c in report.checks)
    if mutation and any(signed.get(k) != v for k, v in mutation.items()):
        assert not report.ok
