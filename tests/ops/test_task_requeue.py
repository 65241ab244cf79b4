"""A task left RUNNING by a worker that was killed is queued again; a live one is left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from aicert.ops.contributions import PERIODIC_JOB
from aicert.ops.services import task_results_requeue_stale
from aicert.shared import periodic


def _task(status: str, started_seconds_ago: float | None) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="aicert.reports.tasks.report_facts_refresh",
        backend_name="default",
        queue_name="default",
        run_after=now,
        started_at=None
        if started_seconds_ago is None
        else now - dt.timedelta(seconds=started_seconds_ago),
        worker_ids=["killed-worker"] if started_seconds_ago is not None else [],
    )


@pytest.mark.django_db
def test_only_tasks_running_past_the_limit_are_requeued(settings):
    settings.TASKS_RUNNING_STALE_SECONDS = 60
    abandoned = _task(TaskResultStatus.RUNNING, 61)
    running = _task(TaskResultStatus.RUNNING, 5)
    waiting = _task(TaskResultStatus.READY, None)
    done = _task(TaskResultStatus.SUCCESSFUL, 600)

    assert task_results_requeue_stale() == 1

    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.READY and abandoned.started_at is None
    assert abandoned.worker_ids == ["killed-worker"]  # who had it stays on record
    for row, status in ((running, "RUNNING"), (waiting, "READY"), (done, "SUCCESSFUL")):
        row.refresh_from_db()
        assert row.status == status
    assert task_results_requeue_stale() == 0  # nothing left to requeue


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks
def test_a_requeued_task_is_run_by_the_next_worker(settings):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    abandoned = _task(TaskResultStatus.RUNNING, 3600)
    assert task_results_requeue_stale(seconds=60) == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.SUCCESSFUL


def test_the_scheduler_runs_the_requeue_often():
    assert PERIODIC_JOB in periodic.PERIODIC_JOBS
    assert PERIODIC_JOB.every_seconds <= 30
    assert PERIODIC_JOB.load() is task_results_requeue_stale
