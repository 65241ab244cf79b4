"""What delivery tells the apps above it (see :mod:`aicert.shared.events`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttemptEnded:
    """An attempt was handed in or auto-submitted, and its objective items are scored.

    Published inside the hand-in's transaction; subscribers hear it on commit, so a slow
    follow-up (queueing written answers for markers, computing the result) never delays or
    fails the hand-in. The periodic jobs catch up if a follow-up does not run.
    """

    attempt_id: int
    needs_marking: bool
