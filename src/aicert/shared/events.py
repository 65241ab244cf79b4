"""Domain events: how an app tells the apps above it that something happened.

A lower layer never imports a higher one (the layer map in the README). When a change in a
lower app matters to a higher one (an attempt ended, so scoring queues its written answers and
results computes the score), the lower app *publishes* an event it defines, and the higher app
*subscribes* a handler to it in its ``AppConfig.ready``. The handler calls that app's services;
no business rule lives in this module.

Two phases, chosen by the subscriber:

* :data:`ON_COMMIT` (the default): the handler runs once the publishing transaction has
  committed (Zulip's ``send_event_on_commit``), so a slow or failing follow-up never undoes or
  delays the change itself. Use it for what can catch up later: tasks, e-mails.
* :data:`IN_TRANSACTION`: the handler runs at once, inside the publisher's transaction, and an
  error in it rolls the change back. Use it only where the two changes must stand or fall
  together (a rescore and the released result it changes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)

ON_COMMIT = "on_commit"
IN_TRANSACTION = "in_transaction"
_PHASES = (ON_COMMIT, IN_TRANSACTION)

E = TypeVar("E")


@dataclass(frozen=True)
class _Subscription:
    handler: Callable[[Any], object]
    phase: str


_subscriptions: dict[type, list[_Subscription]] = {}


def event_subscribe(
    event_type: type[E], handler: Callable[[E], object], *, phase: str = ON_COMMIT
) -> None:
    """Run ``handler(event)`` for every published ``event_type`` (idempotent per handler)."""
    if phase not in _PHASES:
        raise ValueError(f"Unknown event phase {phase!r}; use ON_COMMIT or IN_TRANSACTION.")
    subscriptions = _subscriptions.setdefault(event_type, [])
    if any(s.handler is handler for s in subscriptions):
        return  # AppConfig.ready may run more than once
    subscriptions.append(_Subscription(handler, phase))


def event_publish(event: object) -> None:
    """Tell every subscriber of ``type(event)``: in-transaction handlers now, the rest on commit.

    Outside a transaction (autocommit) on-commit handlers run at once, as Django's
    ``transaction.on_commit`` does.
    """
    for subscription in _subscriptions.get(type(event), ()):
        if subscription.phase == IN_TRANSACTION:
            subscription.handler(event)
        else:
            transaction.on_commit(partial(subscription.handler, event))


def event_subscribers(event_type: type) -> list[Callable[[Any], object]]:
    """The handlers subscribed to ``event_type``, in subscription order (for tests and docs)."""
    return [s.handler for s in _subscriptions.get(event_type, ())]
