"""The demo seed schedules sessions at the three centers and registers the demo candidate."""

import pytest
from django.urls import reverse

from aicert.demo.seed import demo_seed
from aicert.registration.models import Registration
from aicert.scheduling.models import Session

pytestmark = pytest.mark.django_db


def test_demo_sessions_and_registered_candidate(client, demo_user):
    centers = set(
        Session.objects.filter(status="published").values_list(
            "room__venue__center__organisation__slug", flat=True
        )
    )
    assert centers == {"center-north", "center-central", "center-south"}
    candidate = demo_user("candidate@aicert.example")
    registration = Registration.objects.get(candidate=candidate)
    assert registration.status == "pending_payment"
    assert candidate.candidate_profile.id_number_masked == "A12****789"
    counts = (Session.objects.count(), Registration.objects.count())
    demo_seed()
    assert (Session.objects.count(), Registration.objects.count()) == counts
    client.force_login(candidate)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert f"#registration-{registration.pk}" in page
    assert client.get(reverse("scheduling:session_calendar")).status_code == 200
