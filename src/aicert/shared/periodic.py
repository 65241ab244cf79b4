"""Jobs that run on a schedule, and the loop that runs them (``aicert run_periodic``).

Each job names a keyword-only service taking no required arguments (it may take ``now``) by
its dotted path, so registering a job imports nothing. Each app registers its own jobs in its
``AppConfig.ready`` with :func:`periodic_job_register`. The runner is deliberately simple: one
process, jobs run one after the other when due, each failure is logged and the loop carries on
(the next run retries).
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


# Filled by each app's ``AppConfig.ready`` (:func:`periodic_job_register`), in app order.
PERIODIC_JOBS: list[PeriodicJob] = []


def periodic_job_register(job: PeriodicJob) -> None:
    """Add an app's job to :data:`PERIODIC_JOBS` (once: ``ready`` may run more than once)."""
    for known in PERIODIC_JOBS:
        if known.name == job.name:
            if known != job:
                raise ValueError(f"Periodic job {job.name!r} is registered twice.")
            return
    PERIODIC_JOBS.append(job)


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
