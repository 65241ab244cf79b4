"""Row locks of scheduling (order: :mod:`aicert.shared.locking`).

Sessions come before anything that hangs off them (rosters, group bookings, registrations,
result releases); several sessions are locked in primary-key order. ``of=("self",)`` keeps
PostgreSQL from locking joined rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from aicert.centers.models import Invigilator
from aicert.scheduling.models import InvigilatorAssignment, InvigilatorAvailability, Session


def session_row_lock(*, pk: int) -> Session:
    """Lock one session row and return it fresh. Needs ``transaction.atomic``."""
    return (
        Session.objects.select_for_update(of=("self",)).select_related("room", "subject").get(pk=pk)
    )


def session_rows_lock(*, session_ids: Iterable[int]) -> dict[int, Session]:
    """Lock the given sessions in pk order; returns them fresh by pk. Needs ``atomic``.

    The one way to lock several sessions (a transfer's two, a day's roster, a bank statement's):
    in pk order, so two of them never wait for each other.
    """
    ids = sorted(set(session_ids))
    rows = (
        Session.objects.filter(pk__in=ids)
        .select_related("subject__level", "room__venue")
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    return {session.pk: session for session in rows}


def invigilator_assignment_row_lock(*, pk: int) -> InvigilatorAssignment:
    """Lock an invigilator assignment after its session (the session is locked here first)."""
    session_id = InvigilatorAssignment.objects.values_list("session_id", flat=True).get(pk=pk)
    session_row_lock(pk=session_id)
    return (
        InvigilatorAssignment.objects.select_for_update(of=("self",))
        .select_related("invigilator__user", "invigilator__center", "session__room__venue")
        .get(pk=pk)
    )


def invigilator_availability_rows_lock(
    *, invigilator: Invigilator, dates: Iterable[dt.date]
) -> list[InvigilatorAvailability]:
    """Lock a pool member's answers for these dates (after the member, if locked)."""
    return list(
        InvigilatorAvailability.objects.select_for_update()
        .filter(invigilator=invigilator, date__in=set(dates))
        .order_by("pk")
    )
