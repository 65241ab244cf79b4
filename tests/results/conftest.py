"""A results world: a two-subject level (pass rule 70 average, 60 per subject), a domain tree
(1 > 1.1, 1.2; 2), two centers' sessions, and a helper that makes a scored, ended attempt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.catalog.models import (
    Certification,
    CompetencyDomain,
    Level,
    PassRule,
    Subject,
    TrainingCourse,
)
from aicert.centers.models import Center
from aicert.delivery.models import Attempt, AttemptStatus, Form, FormItem, Response, ScoreStatus
from aicert.itembank.models import Item, ItemStatus, ItemVersion
from aicert.registration.models import Registration, RegistrationStatus
from aicert.scheduling.models import Session, SessionStatus
from tests.factories import OrganisationFactory, RoomFactory, UserFactory, grant

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
    return Session.objects.create(
        subject=subject,
        room=room,
        starts_at=starts_at,
        duration_minutes=60,
        capacity=10,
        registration_opens_at=starts_at - dt.timedelta(days=30),
        registration_closes_at=starts_at - dt.timedelta(days=7),
        ticket_release_on=(starts_at - dt.timedelta(days=3)).date(),
        status=SessionStatus.PUBLISHED,
    )


@pytest.fixture
def rworld(db) -> ResultsWorld:
    foundation = OrganisationFactory(kind=OrganisationKind.FOUNDATION, slug="foundation")
    cert = Certification.objects.create(
        code="aap", name_zh="AI 應用規劃師", name_en="AI Application Planner", issuer=foundation
    )
    level = Level.objects.create(
        certification=cert, code="associate", rank=1, name_zh="初級", name_en="Associate"
    )
    rule = PassRule.objects.create(level=level, average_min=Decimal(70), subject_min=Decimal(60))
    subject_a = Subject.objects.create(
        level=level,
        code="foundations",
        name_zh="人工智慧基礎概論",
        name_en="AI foundations",
        duration_minutes=60,
        item_count=4,
        position=1,
    )
    subject_b = Subject.objects.create(
        level=level,
        code="generative",
        name_zh="生成式 AI 應用與規劃",
        name_en="Generative AI planning",
        duration_minutes=60,
        item_count=4,
        position=2,
    )
    d1 = CompetencyDomain.objects.create(
        certification=cert, code="1", name_zh="人工智慧概念", name_en="AI concepts"
    )
    d11 = CompetencyDomain.objects.create(
        certification=cert, code="1.1", parent=d1, name_zh="機器學習", name_en="Machine learning"
    )
    d12 = CompetencyDomain.objects.create(
        certification=cert, code="1.2", parent=d1, name_zh="資料處理", name_en="Data handling"
    )
    d2 = CompetencyDomain.objects.create(
        certification=cert, code="2", name_zh="生成式 AI", name_en="Generative AI"
    )
    course = TrainingCourse.objects.create(
        code="ml-basics",
        title_zh="機器學習入門",
        title_en="Machine learning basics",
        provider="Open University",
        hours=12,
        mode=TrainingCourse.Mode.ONLINE,
    )
    course.domains.add(d11)
    room = RoomFactory()
    other_room = RoomFactory()
    center = room.venue.center
    other_center = other_room.venue.center

    def person(name: str, role: Role | None = None, organisation=foundation) -> User:
        user = UserFactory(email=f"{name}@example.org", display_name=name)
        if role:
            grant(user, organisation, role)
        return user

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
        admin=person("admin", Role.FOUNDATION_ADMIN),
        psychometrician=person("psychometrician", Role.PSYCHOMETRICIAN),
        manager=person("manager", Role.CENTER_MANAGER, center.organisation),
        other_manager=person("other_manager", Role.CENTER_MANAGER, other_center.organisation),
        candidate=person("candidate"),
        other_candidate=person("other_candidate"),
        writer=person("writer", Role.ITEM_WRITER),
        session_a=make_session(subject_a, room, T0),
        session_b=make_session(subject_b, room, T0 + dt.timedelta(hours=3)),
        other_session_a=make_session(subject_a, other_room, T0 + dt.timedelta(days=1)),
        course=course,
    )


def make_form(world: ResultsWorld, subject: Subject, domains: list[CompetencyDomain], points):
    """A (draft) form whose item i is in ``domains[i]`` and worth ``points[i]``."""
    form = Form.objects.create(
        subject=subject,
        code=f"{subject.code}-{Form.objects.count() + 1:03d}",
        assembly_batch="00000000-0000-0000-0000-000000000001",
        created_by=world.psychometrician,
    )
    for position, (domain, value) in enumerate(zip(domains, points, strict=True), start=1):
        item = Item.objects.create(
            level=subject.level,
            subject=subject,
            domain=domain,
            cognitive_level="understand",
            difficulty="medium",
            author=world.writer,
            status=ItemStatus.ACTIVE,
        )
        version = ItemVersion.objects.create(
            item=item,
            number=1,
            item_type="single_choice",
            content_zh={"stem": "題目", "options": [{"text": "甲", "correct": True}]},
            content_en={},
            created_by=world.writer,
        )
        FormItem.objects.create(
            form=form, item_version=version, position=position, points=Decimal(value)
        )
    return form


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
    registration = Registration.objects.create(
        candidate=candidate, session=session, subject=subject, status=RegistrationStatus.SAT
    )
    start = session.starts_at
    total = sum((Decimal(str(e)) for e in earned if e is not None), Decimal(0))
    attempt = Attempt.objects.create(
        registration=registration,
        candidate=candidate,
        form=form,
        seed="seed",
        status=AttemptStatus.SUBMITTED,
        time_allowed_seconds=3600,
        started_at=start,
        deadline_at=start + dt.timedelta(hours=1),
        submitted_at=start + dt.timedelta(minutes=50),
        score_points=total,
        score_max=sum((Decimal(str(m)) for m in maxima), Decimal(0)),
        needs_marking=needs_marking,
    )
    for fi, value in zip(form.items.order_by("position"), earned, strict=True):
        if value is None:
            continue
        Response.objects.create(
            attempt=attempt,
            form_item=fi,
            answer=0,
            seq=1,
            saved_at=start + dt.timedelta(minutes=5),
            points=None if needs_marking else Decimal(str(value)),
            score_status=ScoreStatus.NEEDS_MARKING if needs_marking else ScoreStatus.SCORED,
        )
    return attempt


def now_after(session: Session, **delta) -> dt.datetime:
    return session.starts_at + dt.timedelta(hours=2, **delta)
