"""Candidate profile: identity number encrypted at rest, unique through its keyed hash, masked;
PDPA consent, data export and deletion requests."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from aicert.registration import crypto, services
from aicert.registration.models import (
    PRIVACY_NOTICE_VERSION,
    CandidateProfile,
    ConsentRecord,
    DeletionRequest,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _profile(user, number="A123456789", **extra):
    data = {
        "legal_name_zh": "王小明",
        "legal_name_en": "WANG, HSIAO-MING",
        "birth_date": dt.date(1999, 9, 9),
        "phone": "0912-345-678",
        "id_number": number,
    }
    data.update(extra)
    return services.candidate_profile_save(user=user, **data)


def test_identity_number_is_encrypted_at_rest(db):
    profile = _profile(UserFactory())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM registration_candidateprofile WHERE id = %s", [profile.pk])
        row = cursor.fetchone()
    raw = " ".join(str(value) for value in row)
    assert "A123456789" not in raw and "123456789" not in raw
    stored = CandidateProfile.objects.get(pk=profile.pk)
    assert stored.id_number == "A123456789"
    assert stored.id_number_encrypted.startswith("gAAAA")  # a Fernet token
    assert stored.id_number_hash == crypto.index_hash("A123456789")
    assert stored.id_kind == "national_id"


def test_identity_number_is_shown_masked(client, db):
    user = UserFactory()
    profile = _profile(user)
    assert profile.id_number_masked == "A12****789"
    client.force_login(user)
    for url in [reverse("registration:profile"), reverse("registration:my_registrations")]:
        text = client.get(url).content.decode()
        assert "A12****789" in text and "A123456789" not in text, url
    export = client.get(reverse("registration:data_export"))
    assert "A123456789" not in export.content.decode()
    assert json.loads(export.content)["profile"]["id_number"] == "A12****789"


def test_one_identity_number_one_account(db, english):
    _profile(UserFactory())
    with pytest.raises(ValidationError) as error:
        _profile(UserFactory(), number="a123456789")  # the same number, typed differently
    assert "already registered to another account" in str(error.value)


def test_database_enforces_the_unique_hash(db):
    first = _profile(UserFactory())
    clone = CandidateProfile(
        user=UserFactory(),
        legal_name_zh="X",
        birth_date=dt.date(2000, 1, 1),
        phone="1",
        id_kind="national_id",
        id_number_encrypted=crypto.encrypt("A123456789"),
        id_number_hash=first.id_number_hash,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_bad_checksum_is_refused_with_a_clear_message(db, english):
    with pytest.raises(ValidationError) as error:
        _profile(UserFactory(), number="A123456788")
    assert "check digit is wrong" in str(error.value.message_dict["id_number"])


def test_resident_certificates_are_accepted(db):
    assert _profile(UserFactory(), number="A800000014").id_kind == "arc_new"
    assert _profile(UserFactory(), number="HD12345678").id_kind == "arc_old"


def test_profile_update_keeps_the_number_when_left_empty(db):
    user = UserFactory()
    _profile(user)
    updated = _profile(user, number=None, phone="0987-654-321")
    assert updated.id_number == "A123456789" and updated.phone == "0987-654-321"


def test_profile_page_requires_consent_and_keeps_what_was_typed(client, db):
    user = UserFactory()
    client.force_login(user)
    data = {
        "legal_name_zh": "林小華",
        "id_number": "A123456789",
        "birth_date": "2000-02-29",
        "phone": "0911-111-111",
    }
    response = client.post(reverse("registration:profile"), data)
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert 'value="林小華"' in response.content.decode()
    assert not CandidateProfile.objects.exists() and not ConsentRecord.objects.exists()

    response = client.post(reverse("registration:profile"), {**data, "consent": "on"})
    assert response.status_code == 302
    assert CandidateProfile.objects.get(user=user).legal_name_zh == "林小華"
    consent = ConsentRecord.objects.get(user=user)
    assert consent.notice_version == PRIVACY_NOTICE_VERSION
    assert consent.purpose == "exam_registration" and consent.given_at


def test_profile_page_shows_checksum_error_on_the_field(client, db):
    client.force_login(UserFactory())
    client.cookies["aicert_language"] = "en"
    response = client.post(
        reverse("registration:profile"),
        {
            "legal_name_zh": "林小華",
            "id_number": "A123456780",
            "birth_date": "2000-01-01",
            "phone": "1",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "check digit is wrong" in str(response.context["form"].errors["id_number"])
    assert not ConsentRecord.objects.exists()  # nothing half-saved


def test_deletion_request_recorded_once_and_processed_by_the_foundation(client, world):
    user = UserFactory()
    _profile(user)
    client.force_login(user)
    assert (
        client.post(reverse("registration:deletion_request"), {"reason": "移民"}).status_code == 302
    )
    request = DeletionRequest.objects.get(user=user)
    assert request.status == "pending" and request.user_email == user.email
    with pytest.raises(ValidationError):
        services.deletion_request_create(user=user)
    services.deletion_request_process(actor=world.admin, request=request, approve=True)
    request.refresh_from_db()
    assert request.status == "processed" and request.processed_by == world.admin
    assert not CandidateProfile.objects.filter(user=user).exists()


def test_only_the_foundation_processes_deletion_requests(world, make_candidate):
    from django.core.exceptions import PermissionDenied

    user = make_candidate()
    request = services.deletion_request_create(user=user)
    with pytest.raises(PermissionDenied):
        services.deletion_request_process(actor=world.manager, request=request, approve=True)
    with pytest.raises(PermissionDenied):  # nor the system: only a person of the foundation
        services.deletion_request_process(actor=None, request=request, approve=True)
