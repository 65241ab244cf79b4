"""Only one scheduler runs the periodic jobs: a second one does nothing while the first lives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from aicert.ops.models import SchedulerLease
from aicert.ops.services import scheduler_lease_acquire, scheduler_lease_release
from aicert.shared import periodic
from aicert.shared.periodic import PeriodicJob

CALLS: list[str] = []


def count_run():
    CALLS.append("ran")
    return 1


@pytest.mark.django_db
def test_a_second_scheduler_waits_until_the_lease_runs_out():
    now = timezone.now()
    assert scheduler_lease_acquire(holder="a", seconds=60, now=now)
    assert not scheduler_lease_acquire(holder="b", seconds=60, now=now + dt.timedelta(seconds=30))
    assert scheduler_lease_acquire(holder="a", seconds=60, now=now + dt.timedelta(seconds=30))
    # a dies: after its lease runs out, b takes over (and keeps its own acquisition time)
    later = now + dt.timedelta(seconds=91)
    assert scheduler_lease_acquire(holder="b", seconds=60, now=later)
    lease = SchedulerLease.objects.get()
    assert lease.holder == "b" and lease.acquired_at == later
    assert not scheduler_lease_acquire(holder="a", seconds=60, now=later)


@pytest.mark.django_db
def test_a_clean_stop_hands_the_lease_over_at_once():
    now = timezone.now()
    assert scheduler_lease_acquire(holder="a", now=now)
    scheduler_lease_release(holder="a")
    assert scheduler_lease_acquire(holder="b", now=now + dt.timedelta(seconds=1))


@pytest.mark.django_db
def test_run_periodic_does_nothing_while_another_scheduler_holds_the_lease(monkeypatch, capsys):
    CALLS.clear()
    monkeypatch.setattr(
        periodic, "PERIODIC_JOBS", [PeriodicJob("count", 10, f"{__name__}.count_run")]
    )
    assert scheduler_lease_acquire(holder="elsewhere:1:abcd", seconds=120)
    call_command("run_periodic", "--once")
    assert CALLS == [] and "Another scheduler holds the lease" in capsys.readouterr().out
    scheduler_lease_release(holder="elsewhere:1:abcd")
    call_command("run_periodic", "--once")
    assert CALLS == ["ran"]
    assert SchedulerLease.objects.get().holder == ""  # given up when the command ended
