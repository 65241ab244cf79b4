"""Background work for reports, run through django-tasks."""

from __future__ import annotations

from django_tasks import task

from aicert.reports import services


@task()
def report_facts_refresh() -> dict[str, float | int]:
    """Rebuild the pre-aggregated facts (the periodic job runs the service directly)."""
    return services.facts_refresh()
