"""Writes for operations: taking, renewing and giving up the scheduler's lease."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When

from aicert.ops.models import SchedulerLease
from aicert.shared.clock import aware_now

LEASE_SECONDS = 120


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
