"""A national ID number is masked on every screen: no page of the site or the Django admin shows
it in full, to anyone (the candidate included), and the candidate's data download carries it
masked too (they know their own number; a downloaded file travels)."""

from __future__ import annotations

import pytest

from aicert.accounts.roles import Role
from aicert.registration import identity
from aicert.registration.models import CandidateProfile
from tests.factories import UserFactory, enrol_totp, grant
from tests.itembank.test_confidentiality import _paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(world, make_session, make_candidate):
    candidate = make_candidate(email="idholder@example.org")
    from aicert.registration.services import registration_create

    registration = registration_create(candidate=candidate, session=make_session())
    profile = CandidateProfile.objects.get(user=candidate)
    return candidate, registration, profile


def test_no_page_shows_the_full_national_id(client, world, registered):
    candidate, registration, profile = registered
    full = profile.id_number
    assert identity.checksum_ok(full)
    # (Stored encrypted: tests/registration/test_profile.py checks the column.)
    admin = UserFactory(email="foundation.admin@example.org")
    grant(admin, world.foundation, Role.FOUNDATION_ADMIN)
    invigilator = UserFactory(email="invig@example.org")
    grant(invigilator, world.south.organisation, Role.INVIGILATOR)
    people = {
        "candidate": candidate,
        "foundation admin": admin,
        "center manager": world.manager,
        "invigilator": invigilator,
    }
    for user in (admin, world.manager, invigilator):
        enrol_totp(user)
    ids = sorted({candidate.pk, registration.pk, profile.pk, registration.session_id})
    shown, opened = [], 0
    for who, user in people.items():
        client.force_login(user)
        for path in _paths(ids):
            response = client.get(path)
            if response.status_code != 200 or response.streaming:
                continue
            opened += 1
            if full in response.content.decode("utf-8", errors="replace"):
                shown.append((who, path))
    assert opened > 50
    assert shown == []
    client.force_login(candidate)
    export = client.get("/registration/my-data.json").content.decode()
    assert full not in export and profile.id_number_masked in export
