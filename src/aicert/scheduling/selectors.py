"""Reads of exam sessions: the public calendar, a center's list and seats left."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from aicert.accounts.models import User
from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.scheduling.models import AssignmentStatus, Session, SessionStatus
from aicert.scheduling.occupancy import occupancy

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
