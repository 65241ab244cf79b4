"""Bitstring status lists: a status change flips exactly its own bit, in its own transaction."""

from __future__ import annotations

import json

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from aicert.credentials import keys, services, status_list
from aicert.credentials.models import CertificateStatus
from aicert.credentials.signing import bitstring, eddsa_rdfc_2022
from tests.credentials.conftest import issue


def _bits(purpose, number):
    document = status_list.status_list_credential(purpose=purpose, number=number)
    return bitstring.decode(document["credentialSubject"]["encodedList"])


def test_revoking_flips_its_bit_and_no_other(cworld):
    mine = issue(cworld)
    other = issue(cworld, holder=cworld.other)
    number = mine.status_list_number
    before = _bits("revocation", number)
    assert len(before) * 8 == 131_072 and not any(before)
    with transaction.atomic():
        services.certificate_status_change(
            certificate=mine, status=CertificateStatus.REVOKED, reason="fraud", actor=cworld.admin
        )
        # Inside the status change's transaction the list already says revoked.
        assert status_list.status_bit(
            purpose="revocation", number=number, index=mine.status_list_index
        )
    after = _bits("revocation", number)
    changed = [i for i in range(131_072) if bitstring.bit(before, i) != bitstring.bit(after, i)]
    assert changed == [mine.status_list_index]
    assert not bitstring.bit(after, other.status_list_index)
    assert not any(_bits("suspension", number))


def test_suspension_uses_the_suspension_list_and_reinstating_clears_it(cworld):
    certificate = issue(cworld)
    number, index = certificate.status_list_number, certificate.status_list_index
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.SUSPENDED,
        reason="audit",
        actor=cworld.admin,
    )
    assert bitstring.bit(_bits("suspension", number), index)
    assert not bitstring.bit(_bits("revocation", number), index)
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.ACTIVE,
        reason="cleared",
        actor=cworld.admin,
    )
    assert not bitstring.bit(_bits("suspension", number), index)


def test_the_list_is_a_signed_credential_served_publicly(cworld, client):
    certificate = issue(cworld)
    url = f"/credentials/status/revocation/{certificate.status_list_number}"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"]
    document = json.loads(response.content)
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["id"] == "https://aicert.test" + url
    subject = document["credentialSubject"]
    assert subject["statusPurpose"] == "revocation" and subject["encodedList"].startswith("u")
    assert subject["ttl"] == 300_000
    assert document["validUntil"] > document["validFrom"]
    assert eddsa_rdfc_2022.proof_verify(document, resolve_key=keys.public_key_for)
    assert client.get("/credentials/status/revocation/999").status_code == 404
    assert client.get("/credentials/status/expiry/1").status_code == 404
    assert client.get("/credentials/status/revocation/0").status_code == 404


def test_an_unchanged_list_is_not_signed_again(cworld):
    certificate = issue(cworld)
    number = certificate.status_list_number
    first = status_list.status_list_credential(purpose="revocation", number=number)
    with CaptureQueriesContext(connection) as queries:
        again = status_list.status_list_credential(purpose="revocation", number=number)
    assert again == first  # the same signed document (same proof, same created)
    assert len(queries) <= 3  # the key and the list's version, not its rows
    services.certificate_status_change(
        certificate=certificate,
        status=CertificateStatus.REVOKED,
        reason="fraud",
        actor=cworld.admin,
    )
    changed = status_list.status_list_credential(purpose="revocation", number=number)
    assert changed["credentialSubject"]["encodedList"] != first["credentialSubject"]["encodedList"]
