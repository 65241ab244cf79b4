"""What the delivery services share: the server's clock and status shorthands."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from aicert.delivery.models import (
    AttemptStatus,
    FormStatus,
)

AS = AttemptStatus
FS = FormStatus


def _now(now: dt.datetime | None) -> dt.datetime:
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("now must be timezone-aware")
    return now
