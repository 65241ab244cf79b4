"""Row locks for scheduling, always taken in the same order (see DESIGN.md, convention 6).

Order across the platform: session rows first (in primary-key order), then anything hanging off
them (registrations, group bookings). ``of=("self",)`` keeps PostgreSQL from locking joined rows.
"""

from __future__ import annotations

from aicert.scheduling.models import Session


def session_lock(*, pk: int) -> Session:
    """Lock one session row for the rest of the transaction and return it fresh.

    Must be called inside ``transaction.atomic``.
    """
    return (
        Session.objects.select_for_update(of=("self",)).select_related("room", "subject").get(pk=pk)
    )
