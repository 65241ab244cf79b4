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


# What deciding a seat reads of a session: whether it is open, and how many seats at what fee.
_SEAT_FIELDS = (
    "status",
    "starts_at",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "fee",
)


def session_seat_row_lock(*, session: Session) -> Session:
    """Lock ``session``'s row and refresh on it what a seat depends on (status, window, capacity,
    fee), as of the lock; returns it. Its subject, room and venue (loaded by the caller, and no
    part of the decision) are not read again: the registration rush takes this lock once per
    seat, one after another, so the locked read is kept to the row itself. Needs ``atomic``.
    """
    fresh = (
        Session.objects.filter(pk=session.pk).select_for_update().values_list(*_SEAT_FIELDS).get()
    )
    for name, value in zip(_SEAT_FIELDS, fresh, strict=True):
        setattr(session, name, value)
    return session


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
