"""A small exam world shared by the scheduling and registration tests.

One certification with two levels (professional needs associate), two centers with a room each,
and helpers that make sessions and candidates (profile + consent) in a line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import Role
from aicert.catalog.models import Level, Subject
from aicert.centers.models import Center, County, Region, Room
from aicert.registration import identity
from aicert.registration.services import candidate_profile_save, consent_give
from aicert.scheduling.models import Session, SessionStatus
from tests.factories import (
    CenterFactory,
    FoundationFactory,
    LevelFactory,
    RoomFactory,
    SessionFactory,
    SubjectFactory,
    UserFactory,
    VenueFactory,
    grant,
)

TAIPEI = ZoneInfo("Asia/Taipei")


def national_id(n: int, letter: str = "A", sex: str = "1") -> str:
    """The ``n``-th valid national ID for a letter (its check digit computed)."""
    body = f"{letter}{sex}{n:07d}"
    for check in range(10):
        if identity.checksum_ok(body + str(check)):
            return body + str(check)
    raise AssertionError("no check digit fits")  # pragma: no cover


@dataclass
class World:
    foundation: Organisation
    associate: Level
    professional: Level
    foundations: Subject  # associate subject 1
    genai: Subject  # associate subject 2
    advanced: Subject  # professional subject
    south: Center
    north: Center
    south_room: Room
    north_room: Room
    manager: User  # center manager of the south
    admin: User  # foundation admin


@pytest.fixture
def world(db) -> World:
    foundation = FoundationFactory()
    associate = LevelFactory(
        associate=True, certification__planner=True, certification__issuer=foundation
    )
    professional = LevelFactory(professional=True, certification=associate.certification)
    professional.prerequisites.set([associate])

    def subject(level, code, zh, en, position=1):
        return SubjectFactory(
            level=level,
            code=code,
            name_zh=zh,
            name_en=en,
            position=position,
            duration_minutes=90,
            item_count=50,
        )

    south = CenterFactory(organisation__slug="south", organisation__name_en="Southern Center")
    north = CenterFactory(
        organisation__slug="north",
        organisation__name_en="Northern Center",
        region=Region.objects.get(code="north"),
    )
    south_room = RoomFactory(venue=VenueFactory(center=south), seat_count=20)
    north_room = RoomFactory(
        venue=VenueFactory(center=north, county=County.objects.get(code="taipei-city")),
        seat_count=20,
    )
    manager = UserFactory(email="manager@example.org", display_name="Manager")
    grant(manager, south.organisation, Role.CENTER_MANAGER)
    admin = UserFactory(email="admin@example.org", display_name="Admin")
    grant(admin, foundation, Role.FOUNDATION_ADMIN)
    return World(
        foundation=foundation,
        associate=associate,
        professional=professional,
        foundations=subject(associate, "foundations", "人工智慧基礎概論", "Introduction to AI"),
        genai=subject(associate, "genai", "生成式 AI 應用", "Generative AI", 2),
        advanced=subject(professional, "advanced", "機器學習進階", "Advanced ML"),
        south=south,
        north=north,
        south_room=south_room,
        north_room=north_room,
        manager=manager,
        admin=admin,
    )


@pytest.fixture
def make_session(world):
    """A published session, by default in 30 days at 09:30 Taipei, window open now."""

    def make(
        *,
        subject=None,
        room=None,
        days: int = 30,
        capacity: int = 10,
        fee: int = 1000,
        status: str = SessionStatus.PUBLISHED,
        opens_in_days: float = -10,
        closes_before_days: float = 7,
        hour: int = 9,
    ) -> Session:
        day = timezone.localdate() + dt.timedelta(days=days)
        starts_at = dt.datetime(day.year, day.month, day.day, hour, 30, tzinfo=TAIPEI)
        return SessionFactory(
            subject=subject or world.foundations,
            room=room or world.south_room,
            starts_at=starts_at,
            capacity=capacity,
            fee=fee,
            registration_opens_at=timezone.now() + dt.timedelta(days=opens_in_days),
            registration_closes_at=starts_at - dt.timedelta(days=closes_before_days),
            ticket_release_on=day - dt.timedelta(days=10),
            status=status,
        )

    return make


@pytest.fixture
def make_candidate(db):
    """A candidate with a profile and consent to the current privacy notice."""
    counter = iter(range(1, 10_000))

    def make(email: str | None = None, language: str = "zh-hant", consent: bool = True) -> User:
        n = next(counter)
        user = UserFactory(
            email=email or f"candidate{n}@example.org",
            display_name=f"考生{n}",
            preferred_language=language,
        )
        candidate_profile_save(
            user=user,
            legal_name_zh=f"考生{n}",
            legal_name_en=f"Candidate {n}",
            id_number=national_id(1000 + n),
            birth_date=dt.date(2000, 1, 1),
            phone="0912-000-000",
        )
        if consent:
            consent_give(user=user)
        return user

    return make
