"""The server-owned exam clock (pure): deadline and time left from an attempt's stored fields.

The browser only displays what the server computes. The time a candidate gets is
``time_allowed_seconds`` (the subject's duration plus approved extra time) plus any extensions
granted by an invigilator; pauses stop the clock, so the deadline is

    deadline = started_at + time_allowed + extended + (sum of completed pauses)

and while a pause is running the time left stays frozen at ``deadline - paused_at``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AttemptClock:
    started_at: dt.datetime | None
    time_allowed_seconds: int
    extended_seconds: int = 0
    paused_seconds: int = 0
    paused_at: dt.datetime | None = None

    @property
    def deadline(self) -> dt.datetime | None:
        """When the attempt ends if no further pause or extension happens (None before start)."""
        if self.started_at is None:
            return None
        return self.started_at + dt.timedelta(
            seconds=self.time_allowed_seconds + self.extended_seconds + self.paused_seconds
        )

    def seconds_left(self, now: dt.datetime) -> int:
        """Whole seconds left at ``now`` (frozen while paused, never negative)."""
        deadline = self.deadline
        if deadline is None:
            return self.time_allowed_seconds + self.extended_seconds
        reference = self.paused_at or now
        return max(0, int((deadline - reference).total_seconds()))

    def pause_seconds_until(self, now: dt.datetime) -> int:
        """Length of the running pause at ``now``, in whole seconds (0 when not paused)."""
        if self.paused_at is None:
            return 0
        return max(0, round((now - self.paused_at).total_seconds()))
