"""What scheduling shows on dashboards: a center's upcoming sessions, an invigilator's duties."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aicert.scheduling.invigilation_selectors import TAIPEI, my_duties
from aicert.scheduling.models import (
    AssignmentStatus,
    InvigilatorRole,
    SessionStatus,
)
from aicert.scheduling.occupancy import occupancy
from aicert.scheduling.selectors import session_list_for_user
from aicert.shared.dashboard import DashboardPanel, DashboardTable


def dashboard_panel_for_center_manager(*, user):
    """The center manager's "Sessions" panel: upcoming sessions with their seats taken, seats
    offered and waiting list, each column headed."""

    upcoming = list(
        session_list_for_user(user=user)
        .filter(starts_at__gt=timezone.now())
        .exclude(status=SessionStatus.CANCELLED)
        .annotate(
            waiting=Count(
                "registrations",
                filter=Q(registrations__status__in=occupancy().waiting_statuses),
            )
        )[:5]
    )
    table = DashboardTable(
        header=[
            _("Session"),
            # Short headings: the panel is a narrow card.
            pgettext("session panel", "Seats taken"),
            pgettext("session panel", "Seats offered"),
            pgettext("session panel", "Waiting list"),
        ],
        rows=[
            [
                f"{timezone.localtime(s.starts_at):%Y-%m-%d %H:%M} {s.subject}",
                s.seats_held,
                s.capacity,
                s.waiting,
            ]
            for s in upcoming
        ],
    )
    return DashboardPanel(
        key="sessions",
        title=_("Exam sessions"),
        empty_text="" if upcoming else _("No upcoming sessions. Schedule one for your center."),
        table=table if upcoming else None,
        links=[
            (_("Sessions of my center"), reverse("scheduling:session_manage")),
            (_("Schedule a session"), reverse("scheduling:session_create")),
            (_("Invigilation rosters"), reverse("scheduling:roster_days")),
        ],
    )


def dashboard_panel_for_invigilator(*, user):
    """The invigilator's "My duties" panel: upcoming duties and those awaiting an answer."""

    duties = list(my_duties(user=user).exclude(status=AssignmentStatus.DECLINED)[:5])
    figures: list = []
    for a in duties:
        when = timezone.localtime(a.session.starts_at, TAIPEI)
        figures.append(
            (
                f"{when:%Y-%m-%d %H:%M} {a.session.room.venue} {a.session.room.local_name}",
                f"{InvigilatorRole(a.role).label} · {AssignmentStatus(a.status).label}",
            )
        )
    waiting = sum(1 for a in duties if a.status == AssignmentStatus.PUBLISHED)
    if waiting:
        figures.insert(0, (str(_("Duties awaiting your answer")), waiting))
    return DashboardPanel(
        key="invigilator",
        title=_("My duties"),
        empty_text=""
        if duties
        else _("Rooms and sessions you are assigned to invigilate will appear here."),
        figures=figures,
        links=[
            (_("My duties"), reverse("scheduling:my_duties")),
            (_("My availability"), reverse("scheduling:my_availability")),
        ],
    )
