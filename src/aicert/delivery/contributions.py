"""What delivery contributes: its permissions (invigilators scoped to their roster), periodic
jobs, the check-in times registration prints, the open exam on "My registrations", item images
during an attempt, and its dashboard panel and links."""

from __future__ import annotations

from typing import Any

from aicert.accounts.permissions import extra_scope_register, permissions_grant
from aicert.accounts.roles import sees_candidate_dashboard
from aicert.delivery import dashboard as panels
from aicert.delivery import grants, selectors
from aicert.itembank.assets import asset_access_rule_register
from aicert.registration import extensions
from aicert.shared.dashboard import DashboardPanel, dashboard
from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOBS = (
    # Attempts whose time and grace period ran out end on the server, not in the browser.
    PeriodicJob(
        "attempts_auto_submit", 15, "aicert.delivery.services.attempts_auto_submit_expired"
    ),
    # Confirmed candidates of ended sessions who never checked in are marked absent.
    PeriodicJob(
        "sessions_absentees_mark", 300, "aicert.delivery.services.sessions_absentees_mark_ended"
    ),
)


def _annotate_open_attempts(*, user: Any, registrations: list[Any]) -> None:
    open_attempts = selectors.attempt_links_for_candidate(user=user)
    for registration in registrations:
        registration.open_attempt_id = open_attempts.get(registration.pk)


def _exam_ready_panel(*, user: Any) -> DashboardPanel | None:
    if not sees_candidate_dashboard(user.roles):
        return None
    return panels.dashboard_panel_for_candidate_exam(user=user)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    extra_scope_register(grants.INVIGILATOR_ROSTER_SCOPE)
    for job in PERIODIC_JOBS:
        periodic_job_register(job)
    extensions.arrival_rules_register(selectors.check_in_policy_current)
    extensions.my_registrations_annotator_register(_annotate_open_attempts)
    extensions.fragment_register(extensions.SLOT_ACTIONS, "delivery/_my_registration_exam.html")
    asset_access_rule_register(selectors.asset_visible_in_attempt)
    # "Your exam is ready" comes first on a candidate's dashboard.
    dashboard.panel("exam_ready", _exam_ready_panel, order=10)
    dashboard.links("psychometrician", panels.form_links_for_dashboard, order=10)
    dashboard.links("center_manager", panels.room_links_for_dashboard, order=20)
    dashboard.links("invigilator", panels.room_links_for_dashboard, order=-10)
