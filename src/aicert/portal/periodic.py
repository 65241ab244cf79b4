"""Jobs that run on a schedule, and the loop that runs them (``aicert run_periodic``).

Each job names a keyword-only service taking no required arguments (it may take ``now``) by
its dotted path, so this module imports no app at load time. Other apps append their jobs to
:data:`PERIODIC_JOBS`. The runner is deliberately simple: one process, jobs run one after the
other when due, each failure is logged and the loop carries on (the next run retries).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """Run the service at ``callable`` every ``every_seconds`` seconds."""

    name: str
    every_seconds: int
    callable: str

    def load(self) -> Callable[[], object]:
        return import_string(self.callable)


PERIODIC_JOBS: list[PeriodicJob] = [
    # Attempts whose time and grace period ran out end on the server, not in the browser.
    PeriodicJob(
        "attempts_auto_submit", 15, "aicert.delivery.services.attempts_auto_submit_expired"
    ),
    # Confirmed candidates of ended sessions who never checked in are marked absent.
    PeriodicJob(
        "sessions_absentees_mark", 300, "aicert.delivery.services.sessions_absentees_mark_ended"
    ),
    # Waiting-list offers that expired pass to the next person.
    PeriodicJob(
        "waitlist_expire_offers", 900, "aicert.registration.services.waitlist_expire_offers"
    ),
    # Registrations unpaid by their payment deadline release their seat to the waiting list.
    PeriodicJob(
        "payment_deadlines_enforce", 900, "aicert.payments.services.payment_deadlines_enforce"
    ),
    # From a session's ticket release date: seat its candidates (late ones too), email tickets.
    PeriodicJob("tickets_release_due", 900, "aicert.registration.services.tickets_release_due"),
    # The reminder email a few days before each exam, once per registration.
    PeriodicJob("exam_reminders_send", 3600, "aicert.registration.services.exam_reminders_send"),
    # Scheduled result releases whose time has come (blocked ones retry while marking is pending).
    PeriodicJob("results_release_due", 60, "aicert.results.services.result_releases_run_due"),
    # Results of attempts scored on submit (no marking needed), for the summaries before release.
    PeriodicJob("results_compute_pending", 120, "aicert.results.services.results_compute_pending"),
]


@dataclass
class JobRun:
    """What one run of a job did: its result, or the error it raised."""

    job: str
    ok: bool
    result: object = None
    error: str = ""


def run_job(job: PeriodicJob) -> JobRun:
    """Run one job now; an exception is logged and reported, never raised."""
    try:
        result = job.load()()
    except Exception as exc:  # a failing job must not stop the others; it is logged in full
        logger.exception("Periodic job %s failed", job.name)
        return JobRun(job.name, False, error=f"{type(exc).__name__}: {exc}")
    return JobRun(job.name, True, result=result)


def due_jobs(
    jobs: list[PeriodicJob], last_run: dict[str, float], clock: float
) -> list[PeriodicJob]:
    """The jobs never run or last run at least ``every_seconds`` before ``clock`` (monotonic)."""
    return [
        job
        for job in jobs
        if job.name not in last_run or clock - last_run[job.name] >= job.every_seconds
    ]


def run_due(
    jobs: list[PeriodicJob], last_run: dict[str, float], clock: float | None = None
) -> list[JobRun]:
    """Run the jobs that are due and note when (in ``last_run``)."""
    clock = time.monotonic() if clock is None else clock
    runs = []
    for job in due_jobs(jobs, last_run, clock):
        runs.append(run_job(job))
        last_run[job.name] = clock
    return runs


def seconds_until_next(jobs: list[PeriodicJob], last_run: dict[str, float], clock: float) -> float:
    """How long the loop may sleep before the next job is due (at least 1 second)."""
    waits = [
        last_run[job.name] + job.every_seconds - clock if job.name in last_run else 0
        for job in jobs
    ]
    return max(1.0, min(waits, default=60.0))
