"""A form of 24 items (20 single choice, one of each other objective type) in a 300-seat session,
with the people who analyse it and those who must never see the analysis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.catalog.models import Subject
from aicert.delivery.models import Form
from aicert.scheduling.models import Session
from tests.factories import (
    CONTENT,
    BlueprintEntryFactory,
    CompetencyDomainFactory,
    FoundationFactory,
    ItemVersionFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    choice,
    form_of,
    form_publish,
    person,
    planner_subject,
)

T0 = dt.datetime(2026, 5, 16, 1, 0, tzinfo=dt.UTC)  # 09:00 in Taipei


def _without(content: dict, *keys: str) -> dict:
    return {k: v for k, v in content.items() if k not in keys}


# The other objective types, scored all-or-nothing and without answer normalisation.
OTHER_TYPES = {
    "multiple_response": _without(CONTENT["multiple_response"], "partial_credit"),
    "true_false": CONTENT["true_false"],
    "numeric": CONTENT["numeric"],
    "short_text": _without(CONTENT["short_text"], "normalise"),
}


@dataclass
class AnalysisWorld:
    foundation: Organisation
    subject: Subject
    form: Form
    session: Session
    admin: User
    psychometrician: User
    writer: User
    center_manager: User
    invigilator: User
    employer: User
    candidate: User


@pytest.fixture
def aworld(db) -> AnalysisWorld:
    foundation = FoundationFactory()
    subject = planner_subject(foundation, duration_minutes=60, item_count=24)
    domain = CompetencyDomainFactory(
        certification=subject.level.certification,
        code="1.1",
        name_zh="機器學習",
        name_en="Machine learning",
    )
    BlueprintEntryFactory(subject=subject, domain=domain, weight_percent=100, item_count=24)
    room = RoomFactory()
    center = room.venue.center
    admin = person("admin", Role.FOUNDATION_ADMIN, foundation)
    psychometrician = person("psychometrician", Role.PSYCHOMETRICIAN, foundation)
    writer = person("writer", Role.ITEM_WRITER, foundation)
    employer_org = OrganisationFactory(kind=OrganisationKind.EMPLOYER)
    world_people = {
        "center_manager": person("manager", Role.CENTER_MANAGER, center.organisation),
        "invigilator": person("invigilator", Role.INVIGILATOR, center.organisation),
        "employer": person("employer", Role.EMPLOYER, employer_org),
        "candidate": person("candidate"),
    }
    difficulties = ["easy", "medium", "hard"]
    contents = [
        ("single_choice", choice(f"題目 {k}：下列何者正確？", key=k % 4)) for k in range(20)
    ]
    contents += list(OTHER_TYPES.items())
    versions = [
        ItemVersionFactory(
            item__subject=subject,
            item__domain=domain,
            item__difficulty=difficulties[position % 3],
            item__author=writer,
            item_type=item_type,
            content_zh=content,
        )
        for position, (item_type, content) in enumerate(contents, start=1)
    ]
    form = form_of(versions, subject=subject, code="foundations-001", created_by=psychometrician)
    form = form_publish(form, actor=psychometrician, now=T0 - dt.timedelta(days=2))
    session = SessionFactory(subject=subject, room=room, starts_at=T0, capacity=300)
    return AnalysisWorld(
        foundation=foundation,
        subject=subject,
        form=form,
        session=session,
        admin=admin,
        psychometrician=psychometrician,
        writer=writer,
        **world_people,
    )
