"""What registration shows on dashboards: the candidate's registrations, accommodation requests."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.registration.models import (
    ACTIVE_STATUSES,
    AccommodationRequest,
    AccommodationStatus,
    RegistrationStatus,
)
from aicert.registration.selectors import registration_list_for_candidate
from aicert.shared.dashboard import DashboardPanel


def dashboard_panel_for_candidate(*, user):
    """The candidate's "My registrations" panel."""

    active = list(
        registration_list_for_candidate(user=user)
        .filter(status__in=ACTIVE_STATUSES)
        .order_by("session__starts_at")[:5]
    )
    offers = any(r.status == RegistrationStatus.OFFERED for r in active)
    mine = reverse("registration:my_registrations")
    links = [
        (
            f"{timezone.localtime(r.session.starts_at):%Y-%m-%d} {r.session.subject} · "
            f"{r.get_status_display()}",
            f"{mine}#registration-{r.pk}",
        )
        for r in active
    ]
    if active:
        empty = ""
    elif registration_list_for_candidate(user=user).exists():
        # Someone who has sat (or cancelled) before has registrations: none is coming up.
        empty = _("You have no upcoming registrations. Find a session in the calendar.")
    else:
        empty = _("You have no registrations yet. Find a session in the calendar.")
    if offers:
        empty = _("A seat is offered to you from the waiting list: accept it before it expires.")
    return DashboardPanel(
        key="my_registrations",
        title=_("My registrations"),
        empty_text=empty,
        links=[
            *links,
            (_("My registrations"), mine),
            (_("Exam sessions"), reverse("scheduling:session_calendar")),
            (_("My candidate profile"), reverse("registration:profile")),
            (_("Exam accommodations"), reverse("registration:accommodations")),
        ],
    )


def accommodation_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    """The accommodation queue link for reviewers' dashboards (with how many wait)."""

    if not user_can(user, "registration.view_accommodationrequest"):
        return []
    waiting = AccommodationRequest.objects.filter(status=AccommodationStatus.PENDING).count()
    return [
        (
            _("Accommodation requests (%(count)s waiting)") % {"count": waiting},
            reverse("registration:accommodation_review_list"),
        )
    ]
