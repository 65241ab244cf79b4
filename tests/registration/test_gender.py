"""The optional, self-declared gender on the candidate profile (read by the DIF analysis)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aicert.registration.models import CandidateProfile, Gender
from aicert.registration.services import candidate_profile_save

pytestmark = pytest.mark.django_db


def test_gender_is_optional_and_saved_from_the_profile_page(client, make_candidate):
    candidate = make_candidate()
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.gender == ""  # not asked: blank
    client.force_login(candidate)
    page = client.get(reverse("registration:profile")).content.decode()
    assert 'name="gender"' in page and "差異試題功能分析" in page
    data = {
        "legal_name_zh": profile.legal_name_zh,
        "legal_name_en": profile.legal_name_en,
        "birth_date": "2000-01-01",
        "phone": "0912-000-000",
        "gender": "female",
    }
    assert client.post(reverse("registration:profile"), data).status_code == 302
    profile.refresh_from_db()
    assert profile.gender == Gender.FEMALE
    # Leaving it unanswered clears it; a made-up value is refused by the form.
    assert client.post(reverse("registration:profile"), {**data, "gender": ""}).status_code == 302
    profile.refresh_from_db()
    assert profile.gender == ""
    response = client.post(reverse("registration:profile"), {**data, "gender": "x"})
    assert response.status_code == 200 and "gender" in response.context["form"].errors


def test_service_keeps_gender_unless_given_and_validates_it(make_candidate):
    candidate = make_candidate()
    profile = candidate.candidate_profile
    kwargs = {
        "user": candidate,
        "legal_name_zh": profile.legal_name_zh,
        "legal_name_en": profile.legal_name_en,
        "birth_date": profile.birth_date,
        "phone": profile.phone,
    }
    assert candidate_profile_save(**kwargs, gender="another").gender == "another"
    assert candidate_profile_save(**kwargs).gender == "another"  # None keeps it
    with pytest.raises(ValidationError):
        candidate_profile_save(**kwargs, gender="unknown")
