"""A certificate's signed OpenBadgeCredential, the issuer profile and its keys (rotation)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from aicert.audit.models import AuditEvent
from aicert.credentials import keys, openbadge, verification
from aicert.credentials.models import SigningKey
from aicert.credentials.signing import eddsa_rdfc_2022, jsonld, multikey
from tests.credentials.conftest import issue


def test_credential_is_an_open_badge_signed_with_the_current_key(cworld):
    certificate = issue(cworld)
    signed = openbadge.credential_signed(certificate)
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["@context"] == [jsonld.VC_V2, jsonld.OB_V3_0_3]
    assert signed["issuer"]["id"] == "https://aicert.test/credentials/issuer"
    proof = signed["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    key = SigningKey.objects.get(retired_at__isnull=True)
    assert proof["verificationMethod"] == f"https://aicert.test/credentials/issuer#{key.kid}"
    assert eddsa_rdfc_2022.proof_verify(signed, resolve_key=keys.public_key_for)
    # Validity in Taipei days: from midnight of valid_from to the midnight after expires_on.
    assert signed["validFrom"].endswith("T16:00:00Z")
    assert signed["validUntil"].endswith("T16:00:00Z")
    achievement = signed["credentialSubject"]["achievement"]
    assert achievement["name"] == "AI 應用規劃師 初級 (AI Application Planner Associate)"
    assert "70" in achievement["criteria"]["narrative"]
    entries = {e["statusPurpose"]: e for e in signed["credentialStatus"]}
    assert set(entries) == {"revocation", "suspension"}
    for purpose, entry in entries.items():
        assert entry["statusListIndex"] == str(certificate.status_list_index)
        assert entry["statusListCredential"] == (
            f"https://aicert.test/credentials/status/{purpose}/{certificate.status_list_number}"
        )


def test_holder_is_a_salted_email_hash_and_named_only_on_request(cworld):
    certificate = issue(cworld)
    plain = openbadge.credential_build(certificate)
    identity = plain["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True and identity["identityType"] == "emailAddress"
    assert identity["identityHash"] == openbadge.identity_hash(
        "holder@example.org", identity["salt"]
    )
    text = json.dumps(plain, ensure_ascii=False)
    assert "holder@example.org" not in text and "王小明" not in text
    assert "name" not in plain["credentialSubject"]
    named = openbadge.credential_build(certificate, include_name=True)
    assert named["credentialSubject"]["name"] == "王小明 / Wang Hsiao-ming"
    # The salt is stable for one certificate (downloads agree) and differs between them.
    assert openbadge.identity_salt(certificate) == identity["salt"]
    other = issue(cworld, holder=cworld.other)
    assert openbadge.identity_salt(other) != identity["salt"]


def test_credential_json_is_for_the_holder_and_staff_only(cworld, client, staff_login):
    certificate = issue(cworld)
    url = reverse("credentials:credential_json", args=[certificate.number])
    assert url == f"/certificates/{certificate.number}/credential.json"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(cworld.other)
    assert client.get(url).status_code == 404
    client.force_login(cworld.holder)
    response = client.get(url + "?name=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert f'filename="{certificate.number}.json"' in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["credentialSubject"]["name"] == "王小明 / Wang Hsiao-ming"
    assert verification.credential_verify(response.content).ok
    staff = staff_login(cworld.admin)
    response = staff.get(url + "?name=1")
    assert response.status_code == 200
    assert "name" not in json.loads(response.content)["credentialSubject"]  # the holder's choice
    assert client.get("/certificates/AIC-0000-0000000-X/credential.json").status_code == 404


def test_issuer_profile_lists_every_key_as_multikey(cworld, client):
    issue(cworld)
    openbadge.credential_signed(issue(cworld, holder=cworld.other))
    response = client.get("/credentials/issuer")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    profile = json.loads(response.content)
    assert profile["id"] == "https://aicert.test/credentials/issuer"
    (method,) = profile["verificationMethod"]
    assert method["type"] == "Multikey" and method["controller"] == profile["id"]
    assert profile["assertionMethod"] == [method["id"]]
    assert method["publicKeyMultibase"].startswith("z6Mk")
    # Well-formed JSON-LD with no term left undefined (canonicalising refuses those).
    assert "Multikey" in jsonld.canonicalize(profile)
    kid = method["id"].split("#", 1)[1]
    key_doc = json.loads(client.get(f"/credentials/issuer/keys/{kid}").content)
    assert key_doc["@context"] == jsonld.MULTIKEY_V1 and key_doc["id"] == method["id"]
    assert jsonld.canonicalize(key_doc)
    assert client.get("/credentials/issuer/keys/z6MkNoSuchKey").status_code == 404


def test_private_key_never_reaches_the_database(cworld, signing_key_file):
    openbadge.credential_signed(issue(cworld))
    secret = signing_key_file.read_text().strip()
    assert secret.startswith("z3u2")
    assert oct(signing_key_file.stat().st_mode & 0o777) == "0o600"
    for key in SigningKey.objects.all():
        assert secret not in json.dumps([key.kid, key.public_key_multibase])
    assert not AuditEvent.objects.filter(changes__icontains=secret).exists()


def test_key_from_the_environment(cworld, settings, signing_key_file):
    secret = multikey.secret_key_generate()
    settings.AICERT_SIGNING_KEY = secret
    signed = openbadge.credential_signed(issue(cworld))
    assert signed["proof"]["verificationMethod"].endswith("#" + multikey.public_of_secret(secret))
    assert not signing_key_file.exists()
    with pytest.raises(ImproperlyConfigured, match="AICERT_SIGNING_KEY"):
        keys.signing_key_rotate(actor=None)


def test_production_refuses_a_missing_key_file(cworld, settings, signing_key_file):
    settings.IS_PRODUCTION = True
    with pytest.raises(ImproperlyConfigured, match="does not exist"):
        keys.signer_current()


def test_rotation_keeps_old_credentials_verifiable(cworld, capsys):
    certificate = issue(cworld)
    old = openbadge.credential_signed(certificate)
    call_command("signing_key_rotate")
    assert "Current signing key" in capsys.readouterr().out
    new = openbadge.credential_signed(certificate)
    assert old["proof"]["verificationMethod"] != new["proof"]["verificationMethod"]
    assert SigningKey.objects.filter(retired_at__isnull=True).count() == 1
    assert SigningKey.objects.count() == 2
    assert verification.credential_verify(json.dumps(old)).ok
    assert verification.credential_verify(json.dumps(new)).ok
    profile = keys.issuer_profile()
    assert len(profile["assertionMethod"]) == 2
    assert AuditEvent.objects.filter(action="credentials.signing_key_retire").count() == 1
    # A retired key configured again is refused rather than silently made current.
    with pytest.raises(ImproperlyConfigured, match="retired"):
        keys.signing_key_register(
            public_key_multibase=old["proof"]["verificationMethod"].split("#")[1], actor=None
        )
