"""Writes for operations: taking, renewing and giving up the scheduler's lease."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from aicert.ops.models import SchedulerLease
from aicert.shared.clock import aware_now

LEASE_SECONDS = 120
logger = logging.getLogger(__name__)


def scheduler_lease_acquire(
    *,
    holder: str,
    name: str = "periodic",
    seconds: int = LEASE_SECONDS,
    now: dt.datetime | None = None,
) -> bool:
    """Take the lease ``name`` for ``holder`` (or renew it) unless another holds it unexpired.

    One conditional UPDATE decides, so two schedulers asking at the same moment cannot both get
    it (on every database, with no lock held between runs). Returns whether ``holder`` holds it.
    """
    now = aware_now(now)
    try:
        with transaction.atomic():
            SchedulerLease.objects.get_or_create(name=name)
    except IntegrityError:  # created by the other scheduler meanwhile: it exists now
        pass
    taken = (
        SchedulerLease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(holder="") | Q(expires_at__lt=now) | Q(expires_at=None))
        .update(
            holder=holder,
            expires_at=now + dt.timedelta(seconds=seconds),
            # A renewal keeps when the holder took it; a new holder took it now (the right-hand
            # side sees the row as it was before this UPDATE).
            acquired_at=Case(When(holder=holder, then=F("acquired_at")), default=Value(now)),
        )
    )
    return bool(taken)


def scheduler_lease_release(*, holder: str, name: str = "periodic") -> None:
    """Give the lease up at once (a clean stop), so another scheduler need not wait it out."""
    SchedulerLease.objects.filter(name=name, holder=holder).update(
        holder="", expires_at=None, acquired_at=None
    )


def task_results_requeue_stale(
    *, now: dt.datetime | None = None, seconds: int | None = None
) -> int:
    """Put back in the queue the tasks a worker claimed and never finished (it was killed).

    ``aicert db_worker`` marks a task RUNNING when it claims it and SUCCESSFUL or FAILED when it
    is done; a worker killed in between (SIGKILL, out of memory, the machine lost) leaves the
    task RUNNING for ever. One RUNNING for longer than ``TASKS_RUNNING_STALE_SECONDS`` (far
    longer than any of our tasks takes: e-mails, report refreshes) is made READY again, so
    another worker runs it: delivery is at least once, and the tasks are written to bear a
    second run (an e-mail may, rarely, arrive twice). Returns how many were requeued.
    """
    now = aware_now(now)
    seconds = settings.TASKS_RUNNING_STALE_SECONDS if seconds is None else seconds
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - dt.timedelta(seconds=seconds)
    )
    requeued = stale.update(status=TaskResultStatus.READY, started_at=None)
    if requeued:
        logger.warning("Requeued %d task(s) left running by a worker that stopped", requeued)
    return requeued
