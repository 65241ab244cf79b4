"""What registration contributes: its permissions and periodic jobs, who holds seats (to
scheduling), and the candidate's registrations and the accommodation queue on dashboards."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.accounts.roles import sees_candidate_dashboard
from aicert.registration import dashboard as panels
from aicert.registration import grants, selectors
from aicert.registration.models import SEAT_HOLDING_STATUSES, RegistrationStatus
from aicert.scheduling.occupancy import Occupancy, occupancy_register
from aicert.shared.dashboard import DashboardPanel, Section, dashboard
from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOBS = (
    # Waiting-list offers that expired pass to the next person.
    PeriodicJob(
        "waitlist_expire_offers", 900, "aicert.registration.services.waitlist_expire_offers"
    ),
    # From a session's ticket release date: seat its candidates (late ones too), email tickets.
    PeriodicJob("tickets_release_due", 900, "aicert.registration.services.tickets_release_due"),
    # The reminder email a few days before each exam, once per registration.
    PeriodicJob("exam_reminders_send", 3600, "aicert.registration.services.exam_reminders_send"),
)


def _my_registrations_panel(*, user) -> DashboardPanel | None:
    if not sees_candidate_dashboard(user.roles):
        return None
    return panels.dashboard_panel_for_candidate(user=user)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    for job in PERIODIC_JOBS:
        periodic_job_register(job)
    occupancy_register(
        Occupancy(
            seat_holding_statuses=tuple(SEAT_HOLDING_STATUSES),
            seated_candidates=selectors.seated_candidates,
            waiting_statuses=(RegistrationStatus.WAITLISTED,),
        )
    )
    dashboard.links(
        "foundation_admin",
        panels.accommodation_links_for_dashboard,
        order=40,
        section=Section.SESSIONS,
    )
    dashboard.panel("my_registrations", _my_registrations_panel, order=950)
