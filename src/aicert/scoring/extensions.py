"""What scoring needs from the results app above it, plugged in at start-up.

Appeals open when a result is released, and results (which builds on scoring) owns releases.
The results app registers how to read that date in its ``contributions.py``; without it no
result is ever released, so no appeal window opens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

ReleasedAt = Callable[..., dt.datetime | None]  # (*, attempt) -> when its result was released

_released_at: list[ReleasedAt] = []


def result_released_at_register(provider: ReleasedAt) -> None:
    _released_at[:] = [provider]


def result_released_at(*, attempt: Any) -> dt.datetime | None:
    """When this attempt's result was released (None: not released, or no result yet)."""
    return _released_at[0](attempt=attempt) if _released_at else None
