"""Reads for invigilation: availability calendars, a day's roster and the optimiser's problem.

Load, then compute purely (DESIGN.md, convention 8): :func:`invigilation_problem` turns a
center's sessions of one day, its invigilator pool, their half-day availability and their
declared affiliations and relatives into the dataclasses of :mod:`aicert.optimize.invigilation`;
the services run the optimiser and :func:`~aicert.optimize.invigilation.validate_assignment` on it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from aicert.accounts.permissions import scope_queryset, user_can
from aicert.accounts.types import RequestUser
from aicert.centers.models import Center, Invigilator
from aicert.optimize.invigilation import (
    Assignment,
    InvigilationProblem,
    RoomSession,
    TimeWindow,
)
from aicert.optimize.invigilation import Invigilator as PoolMember
from aicert.scheduling.models import (
    HALF_DAY_BOUNDARY,
    STAFFING_STATUSES,
    AssignmentStatus,
    HalfDay,
    InvigilatorAssignment,
    InvigilatorAvailability,
    InvigilatorRole,
    Session,
    SessionStatus,
)
from aicert.scheduling.occupancy import occupancy
from aicert.scheduling.selectors import SessionWithSeats, with_seats

TAIPEI = ZoneInfo("Asia/Taipei")


def invigilation_ratio() -> int:
    """Candidates per invigilator (``settings.INVIGILATION_RATIO``, default 30)."""
    return int(getattr(settings, "INVIGILATION_RATIO", 30))


def invigilation_min_per_room() -> int:
    """Invigilators every room needs at least (``settings.INVIGILATION_MIN_PER_ROOM``, 2)."""
    return int(getattr(settings, "INVIGILATION_MIN_PER_ROOM", 2))


def half_day_window(day: dt.date, half_day: str) -> TimeWindow:
    """The Taiwan-time window of a half-day: morning until 13:00, afternoon from 13:00."""
    midnight = dt.datetime.combine(day, dt.time(0, 0), tzinfo=TAIPEI)
    boundary = dt.datetime.combine(day, HALF_DAY_BOUNDARY, tzinfo=TAIPEI)
    if half_day == HalfDay.MORNING:
        return TimeWindow(midnight, boundary)
    return TimeWindow(boundary, midnight + dt.timedelta(days=1))


def half_days_of(session: Session) -> list[str]:
    """The half-days a session touches (both when it runs across 13:00)."""
    start = timezone.localtime(session.starts_at, TAIPEI)
    end = timezone.localtime(session.ends_at, TAIPEI)
    boundary = dt.datetime.combine(start.date(), HALF_DAY_BOUNDARY, tzinfo=TAIPEI)
    out = []
    if start < boundary:
        out.append(HalfDay.MORNING.value)
    if end > boundary:
        out.append(HalfDay.AFTERNOON.value)
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _relative_token(name: str) -> str:
    return f"relative {name}"


def invigilator_tokens(invigilator: Invigilator) -> frozenset[str]:
    """What the optimiser compares with the candidates: declared schools/employers as written,
    and ``"relative <name>"`` for each declared relative."""
    return frozenset(invigilator.affiliation_list) | frozenset(
        _relative_token(r) for r in invigilator.relative_list
    )


@dataclass(frozen=True)
class CandidateMark:
    """What identifies a seated candidate for conflicts of interest."""

    organisation: str
    names: frozenset[str]  # normalised legal names and email


def _conflict_tokens(marks: list[CandidateMark], pool: list[Invigilator]) -> frozenset[str]:
    """The pool's tokens that a session's candidates share.

    A declared school or employer matches a candidate whose school/employer contains it or is
    contained in it, ignoring case and spacing ("南臺科技大學" matches "南臺科技大學 資訊工程系");
    a declared relative matches a candidate's legal name (Chinese or English) or email.
    """
    found: set[str] = set()
    orgs = [_norm(m.organisation) for m in marks if m.organisation.strip()]
    names: set[str] = set().union(*(m.names for m in marks)) if marks else set()
    for inv in pool:
        for aff in inv.affiliation_list:
            key = _norm(aff)
            if key and any(key in org or org in key for org in orgs):
                found.add(aff)
        for rel in inv.relative_list:
            if _norm(rel) in names:
                found.add(_relative_token(rel))
    return frozenset(found)


def _candidate_marks(session_ids: list[int]) -> dict[int, list[CandidateMark]]:
    marks: dict[int, list[CandidateMark]] = defaultdict(list)
    for seated in occupancy().seated_candidates(session_ids):
        names = {_norm(seated.email)}
        names |= {_norm(n) for n in (seated.legal_name_zh, seated.legal_name_en) if n}
        marks[seated.session_id].append(CandidateMark(seated.organisation, frozenset(names)))
    return marks


def invigilation_day_sessions(*, center: Center, day: dt.date) -> list[SessionWithSeats]:
    """The center's sessions (not cancelled) starting on ``day`` in Taiwan time, with seats held."""

    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=TAIPEI)
    qs = Session.objects.filter(
        room__venue__center=center,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
    ).exclude(status=SessionStatus.CANCELLED)
    return list(
        with_seats(qs.select_related("subject__level", "room__venue")).order_by(
            "starts_at", "room__venue__name_en", "room__name", "pk"
        )
    )


def invigilator_pool(*, center: Center) -> list[Invigilator]:
    """The center's active invigilators."""
    return list(
        Invigilator.objects.filter(center=center, is_active=True)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def session_label(session: Session) -> str:
    """How the rules name a room-session: venue, room and subject (the time is added by them)."""
    return f"{session.room.venue} {session.room.local_name} · {session.subject}"


def person_label(invigilator: Invigilator) -> str:
    user = invigilator.user
    return user.display_name or user.email


@dataclass
class DayProblem:
    """Everything the optimiser and the roster page need for one center's day."""

    center: Center
    day: dt.date
    sessions: list[SessionWithSeats]
    pool: list[Invigilator]
    problem: InvigilationProblem
    availability: dict[tuple[int, str], bool] = field(default_factory=dict)

    def session(self, pk: int) -> Session | None:
        return next((s for s in self.sessions if s.pk == pk), None)

    def invigilator(self, pk: int) -> Invigilator | None:
        return next((j for j in self.pool if j.pk == pk), None)


def invigilation_problem(*, center: Center, day: dt.date) -> DayProblem:
    """Load a center's day into an :class:`InvigilationProblem` (ids are primary keys as text)."""
    sessions = invigilation_day_sessions(center=center, day=day)
    pool = invigilator_pool(center=center)
    marks = _candidate_marks([s.pk for s in sessions])
    answers = {
        (a.invigilator_id, a.half_day): a.available
        for a in InvigilatorAvailability.objects.filter(
            invigilator__in=[j.pk for j in pool], date=day
        )
    }
    region = center.region.code
    room_sessions = tuple(
        RoomSession(
            id=str(s.pk),
            room=session_label(s),
            center=str(center),
            region=region,
            # Taiwan time, so the optimiser's explanations name the times people read.
            window=TimeWindow(
                timezone.localtime(s.starts_at, TAIPEI), timezone.localtime(s.ends_at, TAIPEI)
            ),
            candidates=s.seats_held,
            candidate_affiliations=_conflict_tokens(marks.get(s.pk, []), pool),
        )
        for s in sessions
    )
    members = tuple(
        PoolMember(
            id=str(j.pk),
            region=region,
            name=person_label(j),
            chief_eligible=j.chief_eligible,
            availability=tuple(
                half_day_window(day, half)
                for half in HalfDay.values
                if answers.get((j.pk, half), False)
            ),
            affiliations=invigilator_tokens(j),
        )
        for j in pool
    )
    problem = InvigilationProblem(
        sessions=room_sessions,
        invigilators=members,
        ratio=invigilation_ratio(),
        min_per_room=invigilation_min_per_room(),
    )
    return DayProblem(center, day, sessions, pool, problem, answers)


def day_assignments(*, sessions: Sequence[Session]) -> list[InvigilatorAssignment]:
    """Every assignment (declined too) of these sessions, chief first."""
    return list(
        InvigilatorAssignment.objects.filter(session__in=[s.pk for s in sessions])
        .select_related("invigilator__user")
        .order_by("session__starts_at", "session_id", "role", "invigilator__user__display_name")
    )


def as_plan_rows(assignments: list[InvigilatorAssignment]) -> list[Assignment]:
    """The staffing assignments (declined ones left out) as the optimiser's rows."""
    return [
        Assignment(str(a.session_id), str(a.invigilator_id), a.role == InvigilatorRole.CHIEF)
        for a in assignments
        if a.status in STAFFING_STATUSES
    ]


@dataclass
class RosterRow:
    session: Session
    required: int
    team: list[InvigilatorAssignment]
    declined: list[InvigilatorAssignment]

    @property
    def open_places(self) -> int:
        return max(0, self.required - len(self.team))

    @property
    def chief(self) -> InvigilatorAssignment | None:
        return next((a for a in self.team if a.role == InvigilatorRole.CHIEF), None)


@dataclass
class PoolRow:
    """One invigilator of the pool on the day: sessions worked and half-day answers."""

    invigilator: Invigilator
    load: int
    halves: list[tuple[str, str, bool | None]]  # (half-day, label, answer or None if unsaid)


@dataclass
class Roster:
    """A day's roster as the manager sees it: rooms × people, workload, and where it stands."""

    day: DayProblem
    rows: list[RosterRow]
    pool: list[PoolRow]
    state: str  # "empty", "proposed", "published"

    @property
    def published(self) -> bool:
        return self.state == "published"


def roster_for_day(*, center: Center, day: dt.date) -> Roster:
    """The roster of a center's day (three queries for the assignments, pool and availability)."""
    problem = invigilation_problem(center=center, day=day)
    assignments = day_assignments(sessions=problem.sessions)
    by_session: dict[int, list[InvigilatorAssignment]] = defaultdict(list)
    for a in assignments:
        by_session[a.session_id].append(a)
    rows = []
    loads: dict[int, int] = {j.pk: 0 for j in problem.pool}
    for s, rs in zip(problem.sessions, problem.problem.sessions, strict=True):
        team = [a for a in by_session[s.pk] if a.status in STAFFING_STATUSES]
        team.sort(key=lambda a: (a.role != InvigilatorRole.CHIEF, person_label(a.invigilator)))
        for a in team:
            loads[a.invigilator_id] = loads.get(a.invigilator_id, 0) + 1
        declined = [a for a in by_session[s.pk] if a.status == AssignmentStatus.DECLINED]
        rows.append(RosterRow(s, problem.problem.required(rs), team, declined))
    staffing = [a for a in assignments if a.status in STAFFING_STATUSES]
    if not staffing:
        state = "empty"
    elif any(a.status == AssignmentStatus.PROPOSED for a in staffing):
        state = "proposed"
    else:
        state = "published"
    pool = [
        PoolRow(
            j,
            loads.get(j.pk, 0),
            [
                (value, str(label), problem.availability.get((j.pk, value)))
                for value, label in HalfDay.choices
            ],
        )
        for j in problem.pool
    ]
    return Roster(problem, rows, pool, state)


# --- Availability calendars ---------------------------------------------------------------------


def availability_days(*, center: Center, start: dt.date, days: int = 120) -> list[dt.date]:
    """Dates with sessions at the center from ``start`` on (what invigilators are asked about)."""
    begin = dt.datetime.combine(start, dt.time(0, 0), tzinfo=TAIPEI)
    starts = (
        Session.objects.filter(
            room__venue__center=center,
            starts_at__gte=begin,
            starts_at__lt=begin + dt.timedelta(days=days),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("starts_at", flat=True)
    )
    return sorted({timezone.localtime(t, TAIPEI).date() for t in starts})


def availability_for(
    *, invigilators: list[Invigilator], dates: list[dt.date]
) -> dict[tuple[int, dt.date, str], bool]:
    """Answers of these invigilators on these dates: ``(invigilator pk, date, half) -> bool``."""
    rows = InvigilatorAvailability.objects.filter(
        invigilator__in=[j.pk for j in invigilators], date__in=dates
    )
    return {(a.invigilator_id, a.date, a.half_day): a.available for a in rows}


def invigilator_profiles_for_user(*, user: RequestUser) -> list[Invigilator]:
    """The user's own places in invigilator pools (one per center they invigilate for)."""
    if user.is_anonymous:
        return []
    return list(
        Invigilator.objects.filter(user=user, is_active=True)
        .select_related("center__organisation", "center__region")
        .order_by("center__pk")
    )


def centers_managed_by(*, user: RequestUser, perm: str = "scheduling.view_invigilatorassignment"):
    """Centers whose rosters the user may see (a center manager: their own)."""
    return scope_queryset(user, perm, Center.objects.select_related("organisation", "region"))


def roster_days(*, center: Center, start: dt.date, days: int = 120) -> list[dict]:
    """Upcoming exam days of a center with their session count and roster state."""
    dates = availability_days(center=center, start=start, days=days)
    out = []
    for day in dates:
        begin = dt.datetime.combine(day, dt.time(0, 0), tzinfo=TAIPEI)
        sessions = Session.objects.filter(
            room__venue__center=center,
            starts_at__gte=begin,
            starts_at__lt=begin + dt.timedelta(days=1),
        ).exclude(status=SessionStatus.CANCELLED)
        counts = InvigilatorAssignment.objects.filter(session__in=sessions).aggregate(
            proposed=Count("pk", filter=Q(status=AssignmentStatus.PROPOSED)),
            live=Count(
                "pk",
                filter=Q(status__in=[AssignmentStatus.PUBLISHED, AssignmentStatus.CONFIRMED]),
            ),
            declined=Count("pk", filter=Q(status=AssignmentStatus.DECLINED)),
        )
        state = "proposed" if counts["proposed"] else "published" if counts["live"] else "empty"
        out.append(
            {
                "date": day,
                "sessions": sessions.count(),
                "state": state,
                "declined": counts["declined"],
            }
        )
    return out


# --- Duties of one invigilator --------------------------------------------------------------


def my_duties(*, user: RequestUser, upcoming_only: bool = True) -> QuerySet[InvigilatorAssignment]:
    """The user's own published, confirmed or declined duties (never proposals), soonest first."""
    if user.is_anonymous:
        return InvigilatorAssignment.objects.none()
    qs = InvigilatorAssignment.objects.filter(
        invigilator__user=user,
        status__in=[
            AssignmentStatus.PUBLISHED,
            AssignmentStatus.CONFIRMED,
            AssignmentStatus.DECLINED,
        ],
    ).exclude(session__status=SessionStatus.CANCELLED)
    if upcoming_only:
        qs = qs.filter(session__starts_at__gte=timezone.now() - dt.timedelta(hours=12))
    return qs.select_related(
        "session__subject__level",
        "session__room__venue__center__organisation",
        "invigilator__center",
    ).order_by("session__starts_at", "session_id")


def invigilator_duties(user: RequestUser, session: Session) -> list[InvigilatorAssignment]:
    """The user's live duties (published or confirmed) in ``session``: which room, which role.

    For the exam-day console: ``session.room`` is the room the duty covers; an empty list means
    the user is not rostered there.
    """
    if user.is_anonymous:
        return []
    return list(
        InvigilatorAssignment.objects.filter(
            session=session,
            invigilator__user=user,
            status__in=[AssignmentStatus.PUBLISHED, AssignmentStatus.CONFIRMED],
        ).select_related("session__room__venue", "invigilator")
    )


def session_invigilators(*, session: Session) -> list[InvigilatorAssignment]:
    """The live team of a session (published or confirmed), chief first."""
    return session_teams(sessions=[session])[session.pk]


def session_teams(*, sessions) -> dict[int, list[InvigilatorAssignment]]:
    """The live teams of several sessions in one query: session pk -> team, chief first."""
    teams: dict[int, list[InvigilatorAssignment]] = {session.pk: [] for session in sessions}
    assignments = InvigilatorAssignment.objects.filter(
        session__in=list(teams),
        status__in=[AssignmentStatus.PUBLISHED, AssignmentStatus.CONFIRMED],
    ).select_related("invigilator__user")
    for assignment in assignments:
        teams[assignment.session_id].append(assignment)
    for team in teams.values():
        team.sort(key=lambda a: (a.role != InvigilatorRole.CHIEF, person_label(a.invigilator)))
    return teams


def can_manage_center_roster(user: RequestUser, center: Center) -> bool:
    """May the user run and edit the rosters of ``center``?"""
    return user_can(user, "scheduling.change_invigilatorassignment", center)
