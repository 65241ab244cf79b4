"""What registration tells the apps above it (see :mod:`aicert.shared.events`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RegistrationAwaitingPayment:
    """A registration now waits for its fee (registered, offer accepted, or transferred).

    Published inside the registration's transaction: the payments app opens the means of
    payment (a virtual account) in the same transaction, so no seat waits without one.
    """

    registration: Any
    now: dt.datetime
    # The registration row was inserted in this transaction just now, so it can have no means
    # of payment yet: the subscriber may skip looking for one (a query on the rush's path).
    new: bool = False
