"""Each app registers its own periodic jobs; a name is taken once."""

from __future__ import annotations

import pytest

from aicert.shared import periodic
from aicert.shared.periodic import PeriodicJob


def test_every_app_registers_its_jobs_once():
    names = [job.name for job in periodic.PERIODIC_JOBS]
    assert len(names) == len(set(names))
    owners = {job.name: job.callable.split(".")[1] for job in periodic.PERIODIC_JOBS}
    assert owners == {
        "attempts_auto_submit": "delivery",
        "sessions_absentees_mark": "delivery",
        "waitlist_expire_offers": "registration",
        "tickets_release_due": "registration",
        "exam_reminders_send": "registration",
        "payment_deadlines_enforce": "payments",
        "results_release_due": "results",
        "results_compute_pending": "results",
        "report_facts_refresh": "reports",
        "event_reminders_send": "promotion",
        "credentials_expire_due": "credentials",
        "promotion_mailings_open": "promotion",
        "promotion_subscriptions_purge": "promotion",
        "credentials_reminders_send": "credentials",
        "task_results_requeue_stale": "ops",
    }
    for job in periodic.PERIODIC_JOBS:
        assert callable(job.load()), job.name


def test_a_job_name_cannot_be_registered_for_two_services(monkeypatch):
    monkeypatch.setattr(periodic, "PERIODIC_JOBS", [])
    job = PeriodicJob(
        "tidy", 60, "tests.shared.test_periodic_registry.test_every_app_registers_its_jobs_once"
    )
    periodic.periodic_job_register(job)
    periodic.periodic_job_register(job)
    assert periodic.PERIODIC_JOBS == [job]
    with pytest.raises(ValueError, match="registered twice"):
        periodic.periodic_job_register(PeriodicJob("tidy", 30, job.callable))
