"""What scoring tells the apps above it (see :mod:`aicert.shared.events`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aicert.accounts.types import Actor


@dataclass(frozen=True)
class AttemptScoreChanged:
    """An ended attempt's score changed (its last mark, a re-key, an appeal) and no mark is
    outstanding.

    Published inside the rescoring transaction: the results app recomputes the result there,
    so a score and the result built on it never disagree.
    """

    attempt: Any
    actor: Actor
    reason: str
