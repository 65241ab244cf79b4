"""Row locks for scheduling, always taken in the same order (see DESIGN.md, convention 6).

Order across the platform: session rows first (in primary-key order), then anything hanging off
them (registrations, group bookings). ``of=("self",)`` keeps PostgreSQL from locking joined rows.
"""

from __future__ import annotations

from aicert.scheduling.models import InvigilatorAssignment, Session


def session_lock(*, pk: int) -> Session:
    """Lock one session row for the rest of the transaction and return it fresh.

    Must be called inside ``transaction.atomic``.
    """
    return (
        Session.objects.select_for_update(of=("self",)).select_related("room", "subject").get(pk=pk)
    )


def sessions_lock(*, pks: list[int]) -> list[Session]:
    """Lock several session rows in primary-key order (a day's roster); inside a transaction."""
    return list(Session.objects.filter(pk__in=pks).order_by("pk").select_for_update(of=("self",)))


def assignment_lock(*, pk: int):
    """Lock an invigilator assignment after its session (parent first, as everywhere)."""

    session_id = InvigilatorAssignment.objects.values_list("session_id", flat=True).get(pk=pk)
    session_lock(pk=session_id)
    return (
        InvigilatorAssignment.objects.select_for_update(of=("self",))
        .select_related("invigilator__user", "invigilator__center", "session__room__venue")
        .get(pk=pk)
    )
