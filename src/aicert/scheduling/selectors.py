"""Reads of exam sessions: the public calendar, a center's list and seats left."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.db import connections, router
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from aicert.accounts.models import User
from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.catalog.models import Level, Subject
from aicert.centers.models import Room, Venue
from aicert.scheduling.models import AssignmentStatus, Session, SessionStatus
from aicert.scheduling.occupancy import occupancy
from aicert.shared import rows

if TYPE_CHECKING:
    # django-stubs-ext is a test (type-checking) dependency only: never imported at run time.
    from django_stubs_ext import WithAnnotations


class SeatCounts(TypedDict):
    """The annotations :func:`with_seats` adds to each session."""

    seats_held: int
    seats_left: int


# A session row as :func:`with_seats` returns it (mypy then knows ``seats_left`` is there).
SessionWithSeats: TypeAlias = "WithAnnotations[Session, SeatCounts]"


def _seat_holding_statuses() -> list[str]:
    return list(occupancy().seat_holding_statuses)


def with_seats(queryset: QuerySet[Session]) -> QuerySet[SessionWithSeats]:
    """Annotate ``seats_held`` and ``seats_left`` (one aggregate, no query per row)."""
    return queryset.annotate(
        seats_held=Count(
            "registrations", filter=Q(registrations__status__in=_seat_holding_statuses())
        )
    ).annotate(seats_left=F("capacity") - F("seats_held"))


def _related(queryset: QuerySet[Session]) -> QuerySet[Session]:
    return queryset.select_related(
        "subject__level__certification",
        "room__venue__county__region",
        "room__venue__center__organisation",
    )


@dataclass(frozen=True)
class CalendarFilters:
    region: str = ""
    county: str = ""
    level: int | None = None


def session_list_public(
    *, filters: CalendarFilters | None = None, now: dt.datetime | None = None
) -> QuerySet[SessionWithSeats]:
    """Published sessions still to come, soonest first, with seats left; filtered by place/level."""
    filters = filters or CalendarFilters()
    now = now or timezone.now()
    sessions = Session.objects.filter(status=SessionStatus.PUBLISHED, starts_at__gt=now)
    if filters.region:
        sessions = sessions.filter(room__venue__county__region__code=filters.region)
    if filters.county:
        sessions = sessions.filter(room__venue__county__code=filters.county)
    if filters.level:
        sessions = sessions.filter(subject__level_id=filters.level)
    return with_seats(_related(sessions)).order_by("starts_at", "pk")


def session_get_public(*, pk: int) -> SessionWithSeats:
    """One published session with its seats left (raises ``Session.DoesNotExist``)."""
    return with_seats(_related(Session.objects.filter(status=SessionStatus.PUBLISHED))).get(pk=pk)


# What registering reads of a published session's parents: the names that make the session's
# name in the audit record (subject, room, venue) and the level whose prerequisites apply.
# Their other columns are deferred (loaded on first use, which the registration POST never makes).
def _for_registering() -> list[tuple[type[Any], list[str]]]:
    own = [field.name for field in Session._meta.concrete_fields]
    return [
        (Session, own),
        (Subject, ["id", "name_zh", "name_en", "level"]),
        (Level, ["id", "name_zh", "name_en"]),
        (Room, ["id", "venue", "name"]),
        (Venue, ["id", "name_zh", "name_en"]),
    ]


def session_get_for_registering(*, pk: int) -> Session:
    """A published session as registering for it needs it (raises ``Session.DoesNotExist``):
    every column of its own, its subject, level, room and venue by name.

    One join written as SQL (standard, for PostgreSQL and SQLite alike; names from the models'
    meta), made back into instances by :mod:`aicert.shared.rows`: the same read through the
    ORM's ``select_related`` cost the registration POST more Python time than anything else it
    does.
    """
    connection = connections[router.db_for_read(Session)]
    quote = connection.ops.quote_name
    specs = _for_registering()
    aliases = ["s", "sj", "lv", "rm", "vn"]
    select = ", ".join(
        rows.columns(connection, alias, model, names)
        for alias, (model, names) in zip(aliases, specs, strict=True)
    )

    def table(model: type[Any]) -> str:
        return quote(model._meta.db_table)

    def column(model: type[Any], name: str) -> str:
        return quote(model._meta.get_field(name).column)

    sql = (
        f"SELECT {select} FROM {table(Session)} s "
        f"JOIN {table(Subject)} sj ON sj.{column(Subject, 'id')} = s.{column(Session, 'subject')} "
        f"JOIN {table(Level)} lv ON lv.{column(Level, 'id')} = sj.{column(Subject, 'level')} "
        f"JOIN {table(Room)} rm ON rm.{column(Room, 'id')} = s.{column(Session, 'room')} "
        f"JOIN {table(Venue)} vn ON vn.{column(Venue, 'id')} = rm.{column(Room, 'venue')} "
        f"WHERE s.{column(Session, 'id')} = %s AND s.{column(Session, 'status')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, str(SessionStatus.PUBLISHED)])
        row = cursor.fetchone()
    if row is None:
        raise Session.DoesNotExist(f"No published session {pk}.")
    session, subject, level, room, venue = rows.instances(connection, row, specs)
    subject.level = level
    room.venue = venue
    session.subject = subject
    session.room = room
    return session


def session_list_for_user(
    *, user: RequestUser, perm: str = "scheduling.view_session"
) -> QuerySet[SessionWithSeats]:
    """Sessions a user holds ``perm`` on (a center manager: their own center's only)."""
    return with_seats(_related(scope_queryset(user, perm, Session.objects.all()))).order_by(
        "starts_at", "pk"
    )


def session_seats_held(*, session: Session) -> int:
    """Seats held now (pending payment, confirmed, offered, checked in, sat, absent)."""
    return session.registrations.filter(status__in=_seat_holding_statuses()).count()


# A roster place that lets an invigilator act in a session: published or confirmed (a proposed
# place is not yet theirs; a declined one is not theirs any more).
ROSTERED_STATUSES = (AssignmentStatus.PUBLISHED, AssignmentStatus.CONFIRMED)


def session_rostered_q(*, path: str, user: User) -> Q:
    """Rows whose session (at ORM ``path``, "" for a session) has ``user`` on its roster."""
    prefix = f"{path}__" if path else ""
    return Q(
        **{
            f"{prefix}invigilator_assignments__invigilator__user": user,
            f"{prefix}invigilator_assignments__status__in": ROSTERED_STATUSES,
        }
    )
