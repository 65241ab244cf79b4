"""Reports in the demo: a year of history for the charts, then the pre-aggregated facts.

With the full sitting seeded (``seed_demo``: the demo bank, a published form of the first
associate subject and its 0-100 scale), :func:`reports_history_seed` adds past sittings of that
subject at every venue of the demo centers, on the second Saturday of every other month over
the last year (:data:`HISTORY_MONTHS_AGO`), each sat by simulated candidates through
:func:`aicert.analysis.simulation.sitting_simulate` (real registrations, attempts, scores and
released results; candidates' counties and genders drawn as that simulation draws them). The
numbers grow over the year (:data:`HISTORY_CANDIDATES`) so the trend lines show a trend; the
Chiayi County classroom stays under the suppression threshold. Idempotent: a sitting already
there is skipped. Then the facts are refreshed (every family, so the released results' domain
sub-scores give the domain strengths chart its three domains in every region).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from aicert.accounts.models import User
from aicert.analysis.simulation import sitting_simulate
from aicert.catalog.models import Subject
from aicert.centers.models import Room
from aicert.delivery.models import Form, FormStatus, SessionForm
from aicert.delivery.services import session_form_attach
from aicert.reports.services import facts_refresh
from aicert.results.services import result_release_schedule
from aicert.scheduling.models import Session, SessionStatus
from aicert.scheduling.services import session_create

TAIPEI = ZoneInfo("Asia/Taipei")
#: Past sittings, in months before today (oldest first); the demo's own past sitting (three
#: weeks ago) and the coming sessions complete the year.
HISTORY_MONTHS_AGO = (10, 8, 6, 4, 2)
#: Simulated candidates of each of those sittings (over all venues), growing over the year.
HISTORY_CANDIDATES = (30, 36, 42, 50, 58)
HISTORY_SEED = 4100
CENTER_SLUGS = ("center-north", "center-central", "center-south")


def _second_saturday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(5 - first.weekday()) % 7 + 7)


def _months_ago(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return _second_saturday(index // 12, index % 12 + 1)


def _rooms() -> list[Room]:
    """The largest regular room of every venue of the demo centers (one per county or so)."""
    rooms: dict[int, Room] = {}
    for room in (
        Room.objects.filter(venue__center__organisation__slug__in=CENTER_SLUGS, seat_count__gte=20)
        .select_related("venue__county")
        .order_by("venue__pk", "-seat_count", "name")
    ):
        rooms.setdefault(room.venue_id, room)
    return list(rooms.values())


def _sitting(form: Form, day: dt.date, room: Room, admin: User, psychometrician: User) -> Session:
    starts_at = dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=TAIPEI)
    session = Session.objects.filter(room=room, starts_at=starts_at).first()
    if session is None:
        # session_create accepts past dates (it validates the room, seats and windows only).
        session = session_create(
            actor=admin,
            subject=form.subject,
            room=room,
            starts_at=starts_at,
            capacity=room.seat_count,
            registration_opens_at=starts_at - dt.timedelta(days=60),
            registration_closes_at=starts_at - dt.timedelta(days=7),
            ticket_release_on=day - dt.timedelta(days=10),
            fee=1200,
            status=SessionStatus.PUBLISHED,
        )
    if not SessionForm.objects.filter(session=session, form=form).exists():
        session_form_attach(
            actor=psychometrician, session=session, form=form, now=starts_at - dt.timedelta(days=3)
        )
    return session


def _candidates(room: Room, total: int, k: int, n_rooms: int) -> int:
    """Candidates of sitting ``k`` in ``room``: the sitting's number shared over the rooms; the
    Chiayi County classroom stays small (3 to 6), under the suppression threshold."""
    if room.venue.county.code == "chiayi-county":
        return 3 + k % 4
    share = total // max(n_rooms - 1, 1)
    return max(4, min(room.seat_count, share + (room.pk * 7 + k * 5) % 9))


def reports_history_seed(
    *,
    now: dt.datetime | None = None,
    months_ago: tuple[int, ...] = HISTORY_MONTHS_AGO,
    candidates: tuple[int, ...] = HISTORY_CANDIDATES,
) -> dict[str, int]:
    """Past sittings over the last year (see the module docstring); none without the sitting."""
    now = now or timezone.now()
    subject = Subject.objects.filter(level__code="associate").order_by("position", "pk").first()
    form = (
        Form.objects.filter(subject=subject, status=FormStatus.PUBLISHED).order_by("pk").first()
        if subject
        else None
    )
    if form is None:
        return {"history_sessions": 0, "history_attempts": 0}
    admin = User.objects.get(email="admin@aicert.example")
    psychometrician = User.objects.get(email="psychometrician@aicert.example")
    today = timezone.localtime(now).date()
    rooms = _rooms()
    attempts = 0
    for k, months in enumerate(months_ago):
        day = _months_ago(today, months)
        for j, room in enumerate(rooms):
            session = _sitting(form, day, room, admin, psychometrician)
            report = sitting_simulate(
                actor=admin,
                form=form,
                sessions=[session],
                n_candidates=_candidates(room, candidates[k], k, len(rooms)),
                seed=HISTORY_SEED + 100 * k + j,
            )
            attempts += report.attempts_created
            if report.attempts_created:
                result_release_schedule(actor=admin, session=session, release_at=now, now=now)
    return {"history_sessions": len(months_ago) * len(rooms), "history_attempts": attempts}


def reports_seed(*, history: bool = False) -> dict[str, int]:
    """The report history (when asked for) and the facts of whatever the demo holds."""
    counts = reports_history_seed() if history else {}
    counts["report_facts"] = int(facts_refresh()["facts"])
    return counts
