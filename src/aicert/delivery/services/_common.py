"""What the delivery services share: status shorthands."""

from __future__ import annotations

from aicert.delivery.models import (
    AttemptStatus,
    FormStatus,
)

AS = AttemptStatus
FS = FormStatus
