"""Reads of exam sessions: the public calendar, a center's list and seats left."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from aicert.accounts.permissions import scope_queryset
from aicert.scheduling.models import Session, SessionStatus


def _seat_holding_statuses() -> list[str]:
    # Registration depends on scheduling, not the reverse: import at call time.
    from aicert.registration.models import SEAT_HOLDING_STATUSES

    return list(SEAT_HOLDING_STATUSES)


def with_seats(queryset: QuerySet[Session]) -> QuerySet[Session]:
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
) -> QuerySet[Session]:
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


def session_get_public(*, pk: int) -> Session:
    """One published session with its seats left (raises ``Session.DoesNotExist``)."""
    return with_seats(_related(Session.objects.filter(status=SessionStatus.PUBLISHED))).get(pk=pk)


def session_list_for_user(*, user, perm: str = "scheduling.view_session") -> QuerySet[Session]:
    """Sessions a user holds ``perm`` on (a center manager: their own center's only)."""
    return with_seats(_related(scope_queryset(user, perm, Session.objects.all()))).order_by(
        "starts_at", "pk"
    )


def session_seats_held(*, session: Session) -> int:
    """Seats held now (pending payment, confirmed, offered, checked in, sat, absent)."""
    return session.registrations.filter(status__in=_seat_holding_statuses()).count()


def dashboard_panel_for_center_manager(*, user):
    """The center manager's "Sessions" panel: upcoming sessions and seats taken."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from aicert.portal.selectors import DashboardPanel

    upcoming = list(
        session_list_for_user(user=user)
        .filter(starts_at__gt=timezone.now())
        .exclude(status=SessionStatus.CANCELLED)[:5]
    )
    return DashboardPanel(
        key="sessions",
        title=_("Exam sessions"),
        empty_text="" if upcoming else _("No upcoming sessions. Schedule one for your center."),
        figures=[
            (
                f"{timezone.localtime(s.starts_at):%Y-%m-%d %H:%M} {s.subject}",
                s.seats_held,
            )
            for s in upcoming
        ],
        links=[
            (_("Sessions of my center"), reverse("scheduling:session_manage")),
            (_("Schedule a session"), reverse("scheduling:session_create")),
            (_("Invigilation rosters"), reverse("scheduling:roster_days")),
        ],
    )
