"""What results contributes: its permissions and periodic jobs, the result of every ended
attempt and every rescore, the release date appeals open from, and its dashboard links."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.delivery.events import AttemptEnded
from aicert.results import dashboard as panels
from aicert.results import grants, selectors, services, tasks
from aicert.scoring.events import AttemptScoreChanged
from aicert.scoring.extensions import result_released_at_register
from aicert.shared.dashboard import Section, dashboard
from aicert.shared.events import IN_TRANSACTION, event_subscribe
from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOBS = (
    # Scheduled result releases whose time has come (blocked ones retry while marking is pending).
    PeriodicJob("results_release_due", 60, "aicert.results.services.result_releases_run_due"),
    # Results of attempts scored on submit (no marking needed), for the summaries before release.
    PeriodicJob("results_compute_pending", 120, "aicert.results.services.results_compute_pending"),
)


def _compute_after_hand_in(event: AttemptEnded) -> None:
    # On commit of the hand-in; ``results_compute_pending`` catches up if the task never runs.
    if not event.needs_marking:
        tasks.result_compute_task.enqueue(attempt_id=event.attempt_id)


def _recompute_after_rescore(event: AttemptScoreChanged) -> None:
    services.result_refresh(attempt=event.attempt, actor=event.actor, reason=event.reason)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    for job in PERIODIC_JOBS:
        periodic_job_register(job)
    event_subscribe(AttemptEnded, _compute_after_hand_in)
    event_subscribe(AttemptScoreChanged, _recompute_after_rescore, phase=IN_TRANSACTION)
    result_released_at_register(selectors.result_released_at)
    dashboard.links(
        "foundation_admin", panels.results_links_for_dashboard, order=60, section=Section.RESULTS
    )
    dashboard.links("psychometrician", panels.results_links_for_dashboard, order=40)
    dashboard.links("center_manager", panels.results_links_for_dashboard, order=30)
    dashboard.links("my_registrations", panels.candidate_results_links_for_dashboard, order=20)
