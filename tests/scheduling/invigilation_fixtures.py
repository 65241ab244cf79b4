"""A southern center's exam day for invigilation tests.

Two rooms; sessions A (room 1) and B (room 2) at 09:30–11:00 and C (room 1) at 13:30–15:00,
30 days ahead. Five invigilators: Chen and Lin may be chief, Wang and Huang may not, and Tsai
(chief-eligible, reads English) is free in the afternoon only. Morning needs four people and two chiefs, so the
morning is exactly Chen, Lin, Wang and Huang.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from aicert.centers.models import Invigilator, Room
from aicert.centers.services import invigilator_enrol
from aicert.scheduling.invigilation_services import availability_set
from aicert.scheduling.models import HalfDay, Session
from tests.factories import RoomFactory, UserFactory, enrol_totp
from tests.scheduling.fixtures import TAIPEI


@dataclass
class Day:
    date: dt.date
    a: Session
    b: Session
    c: Session
    room2: Room
    chen: Invigilator
    lin: Invigilator
    wang: Invigilator
    huang: Invigilator
    tsai: Invigilator

    @property
    def pool(self) -> list[Invigilator]:
        return [self.chen, self.lin, self.wang, self.huang, self.tsai]


def _invigilator(world, name: str, chief: bool, **kw) -> Invigilator:
    user = UserFactory(email=f"{name.lower()}@example.org", display_name=name, **kw)
    enrol_totp(user)
    return invigilator_enrol(actor=None, center=world.south, user=user, chief_eligible=chief)


@pytest.fixture
def day(world, make_session) -> Day:
    room2 = RoomFactory(venue=world.south_room.venue, name="R-two", seat_count=20)
    a = make_session(hour=9, capacity=20)
    b = make_session(hour=9, room=room2, capacity=20, subject=world.genai)
    c = make_session(hour=13, capacity=20, subject=world.genai)
    date = a.starts_at.astimezone(TAIPEI).date()
    chen = _invigilator(world, "Chen", True)
    lin = _invigilator(world, "Lin", True)
    wang = _invigilator(world, "Wang", False)
    huang = _invigilator(world, "Huang", False)
    tsai = _invigilator(world, "Tsai", True, preferred_language="en")
    both = {(date, HalfDay.MORNING): True, (date, HalfDay.AFTERNOON): True}
    for inv in (chen, lin, wang, huang):
        availability_set(actor=inv.user, invigilator=inv, answers=both)
    availability_set(
        actor=tsai.user,
        invigilator=tsai,
        answers={(date, HalfDay.MORNING): False, (date, HalfDay.AFTERNOON): True},
    )
    return Day(date, a, b, c, room2, chen, lin, wang, huang, tsai)
