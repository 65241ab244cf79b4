"""The demo world lets the southern manager staff a demo day with the optimiser."""

from __future__ import annotations

import pytest
from django.utils import timezone

from aicert.centers.models import Center
from aicert.demo.invigilation_seed import invigilation_demo_seed
from aicert.registration.models import Registration
from aicert.scheduling import invigilation_selectors as sel
from aicert.scheduling import invigilation_services as svc
from aicert.scheduling.models import InvigilatorAssignment

pytestmark = pytest.mark.django_db


def test_demo_day_is_staffable_and_respects_the_declared_school(demo, demo_user):
    manager = demo_user("manager.south@aicert.example")
    south = Center.objects.get(organisation__slug="center-south")
    candidate_session = Registration.objects.get(
        candidate__email="candidate@aicert.example"
    ).session
    day = timezone.localtime(candidate_session.starts_at, sel.TAIPEI).date()
    summary = svc.roster_propose(actor=manager, center=south, day=day)
    assert summary.created == 2 * len(sel.invigilation_day_sessions(center=south, day=day))
    demo_invigilator = demo_user("invigilator.south@aicert.example")
    assert not InvigilatorAssignment.objects.filter(
        session=candidate_session, invigilator__user=demo_invigilator
    ).exists()
    assert InvigilatorAssignment.objects.filter(invigilator__user=demo_invigilator).exists()
    svc.roster_publish(actor=manager, center=south, day=day)
    assert sel.my_duties(user=demo_invigilator).exists()
    assert invigilation_demo_seed() == 4  # idempotent
