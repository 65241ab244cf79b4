"""The periodic-job runner and ``aicert run_periodic``."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from aicert.shared import periodic
from aicert.shared.periodic import PeriodicJob

CALLS: list[str] = []


def job_ok():
    CALLS.append("ok")
    return 3


def job_broken():
    CALLS.append("broken")
    raise RuntimeError("disk full")


OK = PeriodicJob("ok", 10, "tests.ops.test_run_periodic.job_ok")
BROKEN = PeriodicJob("broken", 60, "tests.ops.test_run_periodic.job_broken")


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()


def test_registered_jobs_resolve_to_services():
    names = {job.name: job for job in periodic.PERIODIC_JOBS}
    assert names["attempts_auto_submit"].every_seconds == 15
    assert {"attempts_auto_submit", "waitlist_expire_offers", "sessions_absentees_mark"} <= set(
        names
    )
    from aicert.delivery.services import attempts_auto_submit_expired
    from aicert.registration.services import waitlist_expire_offers

    assert names["attempts_auto_submit"].load() is attempts_auto_submit_expired
    assert names["waitlist_expire_offers"].load() is waitlist_expire_offers
    assert len(names) == len(periodic.PERIODIC_JOBS)  # names are unique


def test_jobs_run_when_due_and_a_failure_does_not_stop_the_others():
    last_run: dict[str, float] = {}
    runs = periodic.run_due([BROKEN, OK], last_run, clock=100.0)
    assert [(r.job, r.ok) for r in runs] == [("broken", False), ("ok", True)]
    assert runs[0].error == "RuntimeError: disk full" and runs[1].result == 3
    assert periodic.run_due([BROKEN, OK], last_run, clock=109.0) == []
    assert [r.job for r in periodic.run_due([BROKEN, OK], last_run, clock=110.0)] == ["ok"]
    assert [r.job for r in periodic.run_due([BROKEN, OK], last_run, clock=160.0)] == [
        "broken",
        "ok",
    ]
    assert CALLS == ["broken", "ok", "ok", "broken", "ok"]
    assert periodic.seconds_until_next([BROKEN, OK], last_run, clock=165.0) == 5.0
    assert periodic.seconds_until_next([OK], {}, clock=0.0) == 1.0


@pytest.mark.django_db
def test_command_reports_unknown_and_failed_jobs(monkeypatch):
    with pytest.raises(CommandError, match="Unknown job"):
        call_command("run_periodic", "--once", "--job", "nope")
    monkeypatch.setattr(periodic, "PERIODIC_JOBS", [OK, BROKEN])
    with pytest.raises(CommandError, match="broken"):
        call_command("run_periodic", "--once")
    assert CALLS == ["ok", "broken"]
