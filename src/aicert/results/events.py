"""What results tells the apps above it (see :mod:`aicert.shared.events`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aicert.accounts.types import Actor


@dataclass(frozen=True)
class LevelAchieved:
    """A candidate now holds a level: a released result set passes the level's rule.

    Published inside the transaction that recorded the :class:`LevelAchievement`; the
    credentials app issues (or renews) the certificate in that same transaction.
    """

    achievement_id: int
    user_id: int
    level_id: int
    achieved_on: dt.date
    level_result_id: int
    actor: Actor


@dataclass(frozen=True)
class LevelPassedAgain:
    """A candidate who already holds the level passed it again: a new passing level result
    (new results combined, or a rescore that turned a fail into a pass) while the
    :class:`LevelAchievement` already stood.

    Published inside the transaction that decided the level result; the credentials app renews
    the certificate (re-exam renewal) in that same transaction when the level's rule allows it.
    """

    user_id: int
    level_id: int
    passed_on: dt.date
    level_result_id: int
    actor: Actor


@dataclass(frozen=True)
class LevelAchievementWithdrawn:
    """A rescore or withdrawn release means the candidate no longer holds the level.

    Published inside the transaction that removed the achievement, before its row is deleted;
    the certificate it supported is revoked with ``reason`` in that same transaction.
    """

    user_id: int
    level_id: int
    achieved_on: dt.date
    level_result_id: int
    reason: str
    actor: Actor
