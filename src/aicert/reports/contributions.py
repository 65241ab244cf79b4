"""What reports contribute: the hourly refresh of the facts and the dashboard links."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.shared.dashboard import Section, dashboard
from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOB = PeriodicJob("report_facts_refresh", 3600, "aicert.reports.services.facts_refresh")


def report_links(*, user: Any) -> list[tuple[str, str]]:
    return [
        (_("Regional reports"), reverse("reports:dashboard")),
        (_("Open data"), reverse("open_data:index")),
    ]


def register() -> None:
    periodic_job_register(PERIODIC_JOB)
    dashboard.links("foundation_admin", report_links, order=50, section=Section.REPORTS)
    dashboard.links("center_manager", report_links, order=50)
