"""A results world: a two-subject level (pass rule 70 average, 60 per subject), a domain tree
(1 > 1.1, 1.2; 2), two centers' sessions, and a helper that makes a scored, ended attempt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import Role
from aicert.catalog.models import CompetencyDomain, Level, PassRule, Subject, TrainingCourse
from aicert.centers.models import Center
from aicert.delivery.models import Attempt, ScoreStatus
from aicert.scheduling.models import Session
from tests.factories import (
    AttemptFactory,
    CompetencyDomainFactory,
    FoundationFactory,
    ItemVersionFactory,
    PassRuleFactory,
    RegistrationFactory,
    ResponseFactory,
    RoomFactory,
    SessionFactory,
    SubjectFactory,
    TrainingCourseFactory,
    form_of,
    person,
    planner_subject,
)

T0 = dt.datetime(2026, 5, 16, 1, 0, tzinfo=dt.UTC)  # 09:00 in Taipei


@dataclass
class ResultsWorld:
    foundation: Organisation
    level: Level
    rule: PassRule
    subject_a: Subject
    subject_b: Subject
    d1: CompetencyDomain
    d11: CompetencyDomain
    d12: CompetencyDomain
    d2: CompetencyDomain
    center: Center
    other_center: Center
    admin: User
    psychometrician: User
    manager: User
    other_manager: User
    candidate: User
    other_candidate: User
    writer: User
    session_a: Session
    session_b: Session
    other_session_a: Session
    course: TrainingCourse


def make_session(subject: Subject, room, starts_at: dt.datetime) -> Session:
    return SessionFactory(subject=subject, room=room, starts_at=starts_at)


@pytest.fixture
def rworld(db) -> ResultsWorld:
    foundation = FoundationFactory()
    subject_a = planner_subject(foundation, duration_minutes=60, item_count=4, position=1)
    level = subject_a.level
    cert = level.certification
    rule = PassRuleFactory(level=level, average_min=Decimal(70), subject_min=Decimal(60))
    subject_b = SubjectFactory(
        level=level,
        code="generative",
        name_zh="生成式 AI 應用與規劃",
        name_en="Generative AI planning",
        duration_minutes=60,
        item_count=4,
        position=2,
    )
    d1 = CompetencyDomainFactory(
        certification=cert, code="1", name_zh="人工智慧概念", name_en="AI concepts"
    )
    d11 = CompetencyDomainFactory(
        certification=cert, code="1.1", parent=d1, name_zh="機器學習", name_en="Machine learning"
    )
    d12 = CompetencyDomainFactory(
        certification=cert, code="1.2", parent=d1, name_zh="資料處理", name_en="Data handling"
    )
    d2 = CompetencyDomainFactory(
        certification=cert, code="2", name_zh="生成式 AI", name_en="Generative AI"
    )
    course = TrainingCourseFactory(
        code="ml-basics",
        title_zh="機器學習入門",
        title_en="Machine learning basics",
        provider="Open University",
        hours=12,
        mode=TrainingCourse.Mode.ONLINE,
        domains=[d11],
    )
    room = RoomFactory()
    other_room = RoomFactory()
    center = room.venue.center
    other_center = other_room.venue.center
    return ResultsWorld(
        foundation=foundation,
        level=level,
        rule=rule,
        subject_a=subject_a,
        subject_b=subject_b,
        d1=d1,
        d11=d11,
        d12=d12,
        d2=d2,
        center=center,
        other_center=other_center,
        admin=person("admin", Role.FOUNDATION_ADMIN, foundation),
        psychometrician=person("psychometrician", Role.PSYCHOMETRICIAN, foundation),
        manager=person("manager", Role.CENTER_MANAGER, center.organisation),
        other_manager=person("other_manager", Role.CENTER_MANAGER, other_center.organisation),
        candidate=person("candidate"),
        other_candidate=person("other_candidate"),
        writer=person("writer", Role.ITEM_WRITER, foundation),
        session_a=make_session(subject_a, room, T0),
        session_b=make_session(subject_b, room, T0 + dt.timedelta(hours=3)),
        other_session_a=make_session(subject_a, other_room, T0 + dt.timedelta(days=1)),
        course=course,
    )


def make_form(world: ResultsWorld, subject: Subject, domains: list[CompetencyDomain], points):
    """A (draft) form whose item i is in ``domains[i]`` and worth ``points[i]``."""
    versions = [
        ItemVersionFactory(
            item__subject=subject,
            item__domain=domain,
            item__author=world.writer,
            content_zh={"stem": "題目", "options": [{"text": "甲", "correct": True}]},
        )
        for domain in domains
    ]
    return form_of(versions, points, subject=subject, created_by=world.psychometrician)


def sit(
    world: ResultsWorld,
    *,
    candidate: User,
    session: Session,
    earned: list,
    domains: list[CompetencyDomain] | None = None,
    maxima: list | None = None,
    needs_marking: bool = False,
) -> Attempt:
    """An ended attempt of ``session`` whose item i earned ``earned[i]`` (None: unanswered)."""
    subject = session.subject
    cycle = [world.d11, world.d11, world.d12, world.d2]
    domains = domains or [cycle[i % 4] for i in range(len(earned))]
    maxima = maxima or [1] * len(earned)
    form = make_form(world, subject, domains, maxima)
    attempt = AttemptFactory(
        submitted=True,
        registration=RegistrationFactory(candidate=candidate, session=session, sat=True),
        form=form,
        score_points=sum((Decimal(str(e)) for e in earned if e is not None), Decimal(0)),
        score_max=sum((Decimal(str(m)) for m in maxima), Decimal(0)),
        needs_marking=needs_marking,
    )
    for fi, value in zip(form.items.order_by("position"), earned, strict=True):
        if value is None:
            continue
        ResponseFactory(
            attempt=attempt,
            form_item=fi,
            points=None if needs_marking else Decimal(str(value)),
            score_status=ScoreStatus.NEEDS_MARKING if needs_marking else ScoreStatus.SCORED,
        )
    return attempt


def now_after(session: Session, **delta) -> dt.datetime:
    return session.starts_at + dt.timedelta(hours=2, **delta)
