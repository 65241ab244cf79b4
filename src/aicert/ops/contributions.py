"""What operations contributes at start-up: its periodic job."""

from __future__ import annotations

from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOB = PeriodicJob(
    "task_results_requeue_stale", 10, "aicert.ops.services.task_results_requeue_stale"
)


def register() -> None:
    periodic_job_register(PERIODIC_JOB)
