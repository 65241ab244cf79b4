from __future__ import annotations

from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOB = PeriodicJob("report_facts_refresh", 3600, "aicert.reports.services.facts_refresh")


def register() -> None:
    periodic_job_register(PERIODIC_JOB)
