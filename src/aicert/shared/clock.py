"""The services' clock: ``now`` passed in (tests, simulations) or the current time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def aware_now(now: dt.datetime | None = None) -> dt.datetime:
    """``now``, or the current time when it is None; a naive datetime is refused, because the
    services store deadlines computed from it and compare them across time zones."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("now must be timezone-aware")
    return now
