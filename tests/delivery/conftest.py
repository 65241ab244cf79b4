"""A small delivery world: a subject with a two-domain blueprint, a bank of every item type,
the people who assemble and sit forms, and checked-in registrations at one center.

Built from the factories (``tests/factories``); the item contents are theirs too
(:data:`CONTENT`, :func:`choice`, re-exported here for the delivery tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import Role
from aicert.catalog.models import CompetencyDomain, Subject
from aicert.centers.models import Center
from aicert.delivery import services
from aicert.delivery.models import Attempt, Form
from aicert.itembank.models import Item, ItemStatus, ItemVersion
from aicert.registration.models import Registration
from aicert.scheduling.models import Session
from tests.factories import (
    CONTENT,
    BlueprintEntryFactory,
    CompetencyDomainFactory,
    FoundationFactory,
    ItemFactory,
    ItemVersionFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    choice,
    form_of,
    form_publish,
    person,
    planner_subject,
    roster,
)

__all__ = ["CONTENT", "choice", "roster"]  # the delivery tests import them from here

T0 = dt.datetime(2026, 5, 16, 9, 0, tzinfo=dt.UTC)  # 17:00 in Taipei; any fixed instant works


@dataclass
class DeliveryWorld:
    foundation: Organisation
    subject: Subject
    domain_a: CompetencyDomain
    domain_b: CompetencyDomain
    center: Center
    admin: User
    psychometrician: User
    writer: User
    invigilator: User
    other_invigilator: User
    candidate: User
    other_candidate: User
    session: Session
    registrations: dict[int, Registration] = field(default_factory=dict)


@pytest.fixture
def dworld(db) -> DeliveryWorld:
    foundation = FoundationFactory()
    subject = planner_subject(foundation, duration_minutes=60, item_count=5)
    certification = subject.level.certification
    domain_a = CompetencyDomainFactory(
        certification=certification, code="1.1", name_zh="機器學習", name_en="Machine learning"
    )
    domain_b = CompetencyDomainFactory(
        certification=certification, code="1.2", name_zh="生成式 AI", name_en="Generative AI"
    )
    BlueprintEntryFactory(subject=subject, domain=domain_a, weight_percent=60, item_count=3)
    BlueprintEntryFactory(subject=subject, domain=domain_b, weight_percent=40, item_count=2)
    room = RoomFactory()
    center = room.venue.center
    other_room = RoomFactory()
    session = SessionFactory(subject=subject, room=room, starts_at=T0)
    world = DeliveryWorld(
        foundation=foundation,
        subject=subject,
        domain_a=domain_a,
        domain_b=domain_b,
        center=center,
        admin=person("admin", Role.FOUNDATION_ADMIN, foundation),
        psychometrician=person("psychometrician", Role.PSYCHOMETRICIAN, foundation),
        writer=person("writer", Role.ITEM_WRITER, foundation),
        invigilator=person("invigilator", Role.INVIGILATOR, center.organisation),
        other_invigilator=person(
            "other_invigilator", Role.INVIGILATOR, other_room.venue.center.organisation
        ),
        candidate=person("candidate"),
        other_candidate=person("other_candidate"),
        session=session,
    )
    # The invigilator is rostered for the world's session: invigilators act only where they
    # hold a published place (accounts.permissions); tests of other sessions roster them too.
    roster(world.invigilator, session)
    return world


@pytest.fixture
def manager(dworld) -> User:
    """The manager of the world's center."""
    return person("manager", Role.CENTER_MANAGER, dworld.center.organisation)


@pytest.fixture
def make_item(dworld):
    def make(
        domain=None,
        item_type="single_choice",
        content=None,
        status=ItemStatus.ACTIVE,
        difficulty="medium",
        content_en=None,
    ) -> ItemVersion:
        item = ItemFactory(
            subject=dworld.subject,
            domain=domain or dworld.domain_a,
            difficulty=difficulty,
            author=dworld.writer,
            status=status,
        )
        return ItemVersionFactory(
            item=item,
            item_type=item_type,
            content_zh=content or choice(f"題目 {Item.objects.count()}：下列何者正確？"),
            content_en=content_en or {},
        )

    return make


@pytest.fixture
def bank(dworld, make_item) -> list[ItemVersion]:
    """Eight active items in domain A and six in B (of mixed difficulty), plus items that must
    never be used: a draft, a retired item and an item of another domain outside the blueprint."""
    difficulties = ["easy", "medium", "hard"]
    versions = [make_item(domain=dworld.domain_a, difficulty=difficulties[i % 3]) for i in range(8)]
    versions += [
        make_item(
            domain=dworld.domain_b, difficulty=difficulties[i % 3], status=ItemStatus.APPROVED
        )
        for i in range(6)
    ]
    make_item(domain=dworld.domain_a, status=ItemStatus.DRAFT)
    make_item(domain=dworld.domain_a, status=ItemStatus.RETIRED)
    return versions


def publish_form(dworld, versions: list[ItemVersion], points=None) -> Form:
    """A published form with the given versions in order, built directly (no optimiser)."""
    form = form_of(versions, points, subject=dworld.subject, created_by=dworld.psychometrician)
    return form_publish(form, actor=dworld.psychometrician, now=T0 - dt.timedelta(days=1))


@pytest.fixture
def mixed_form(dworld, make_item) -> Form:
    """A published form with one item of every type, in the order of ``CONTENT``."""
    versions = [make_item(item_type=t, content=c) for t, c in CONTENT.items()]
    return publish_form(dworld, versions)


def checked_in(dworld, candidate: User) -> Registration:
    return RegistrationFactory(candidate=candidate, session=dworld.session, checked_in=True)


@pytest.fixture
def make_attempt(dworld, mixed_form):
    def make(candidate=None, form=None, extra_time_seconds=0) -> Attempt:
        registration = checked_in(dworld, candidate or dworld.candidate)
        return services.attempt_authorize(
            actor=dworld.invigilator,
            registration=registration,
            form=form or mixed_form,
            extra_time_seconds=extra_time_seconds,
            now=T0 - dt.timedelta(minutes=5),
        )

    return make


@pytest.fixture
def started(dworld, make_attempt) -> Attempt:
    attempt = make_attempt()
    return services.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)


def now_plus(**delta) -> dt.datetime:
    return T0 + dt.timedelta(**delta)
