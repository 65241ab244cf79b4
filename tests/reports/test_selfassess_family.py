import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from aicert.accounts.roles import Role
from aicert.reports.models import ReportFact
from aicert.reports.services import facts_refresh
from aicert.selfassess.models import PracticeAttempt
from tests.factories import CenterFactory, person
from tests.factories.catalog import LevelFactory

pytestmark = pytest.mark.django_db
TAIPEI = ZoneInfo("Asia/Taipei")


def _practice(user, level, finished: dt.datetime | None):
    return PracticeAttempt.objects.create(
        user=user,
        level=level,
        mode="short",
        seed=1,
        status="finished" if finished else "in_progress",
        started_at=finished or dt.datetime(2026, 3, 1, tzinfo=TAIPEI),
        finished_at=finished,
    )


def test_practice_participation_per_month_for_the_foundation_only(staff_login):
    level = LevelFactory()
    people = [person(f"p{i}") for i in range(12)]
    for p in people:  # 12 people finish in March (Taipei time: 31 March 23:30 is still March)
        _practice(p, level, dt.datetime(2026, 3, 31, 23, 30, tzinfo=TAIPEI))
    _practice(people[0], level, dt.datetime(2026, 3, 5, tzinfo=TAIPEI))
    for p in people[:3]:
        _practice(p, level, dt.datetime(2026, 4, 2, tzinfo=TAIPEI))
    _practice(people[5], level, None)  # not finished: not counted
    facts_refresh()
    facts = {
        (f.metric, f.period): f.value
        for f in ReportFact.objects.filter(metric__startswith="selfassess")
    }
    assert facts == {
        ("selfassess_attempts", "2026-03"): 13,
        ("selfassess_people", "2026-03"): 12,
        ("selfassess_attempts", "2026-04"): 3,
        ("selfassess_people", "2026-04"): 3,
    }
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    body = staff_login(admin).get(reverse("reports:dashboard")).content.decode()
    section = body.split('id="table-selfassess"')[1].split("</table>")[0]
    assert "<td>13</td><td>12</td>" in section and "<td>&lt;10</td><td>&lt;10</td>" in section
    # The practice facts have no region: they never add an "unknown" row to the exam tables.
    assert "不明" not in body.split('id="table-selfassess"')[0]
    manager = person("m", Role.CENTER_MANAGER, CenterFactory().organisation)
    assert (
        'id="table-selfassess"'
        not in staff_login(manager).get(reverse("reports:dashboard")).content.decode()
    )
