"""What scoring contributes: its permissions, markers for the written answers of every ended
attempt, and its dashboard panel and links."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.delivery.events import AttemptEnded
from aicert.scoring import dashboard as panels
from aicert.scoring import grants, tasks
from aicert.shared.dashboard import Section, dashboard
from aicert.shared.events import event_subscribe


def _queue_for_markers(event: AttemptEnded) -> None:
    # On commit of the hand-in; ``marking_assign_pending`` catches up if the task never runs.
    if event.needs_marking:
        tasks.marking_assign_for_attempt_task.enqueue(attempt_id=event.attempt_id)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    event_subscribe(AttemptEnded, _queue_for_markers)
    dashboard.panel("marker", panels.marker_panel, order=500)
    dashboard.links(
        "foundation_admin", panels.scoring_links_for_dashboard, order=50, section=Section.RESULTS
    )
    dashboard.links("psychometrician", panels.scoring_links_for_dashboard, order=30)
    dashboard.links("my_registrations", panels.candidate_links_for_dashboard, order=10)
