"""Row locks for registration, always in one order (DESIGN.md convention 6).

1. session rows, in primary-key order (``sessions_lock``);
2. then the group booking, if any (``group_booking_lock``);
3. then registration rows (``registration_lock``).

Seat counts are read only after step 1, so two transactions racing for the last seat of a
session queue on its row and the second one counts the first one's seat. On PostgreSQL this is
``SELECT … FOR UPDATE OF`` the session table; SQLite serialises writers anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from aicert.registration.models import AccommodationRequest, GroupBooking, Registration
from aicert.scheduling.models import Session


def sessions_lock(*, session_ids: Iterable[int]) -> dict[int, Session]:
    """Lock the given sessions in pk order; returns them fresh by pk. Needs ``atomic``."""
    ids = sorted(set(session_ids))
    rows = (
        Session.objects.filter(pk__in=ids)
        .select_related("subject__level", "room__venue")
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    return {session.pk: session for session in rows}


def group_booking_lock(*, code: str) -> GroupBooking | None:
    """Lock a group booking by code (after the session). Needs ``atomic``."""
    return GroupBooking.objects.select_for_update().filter(code=code).first()


def registration_lock(*, pk: int) -> Registration:
    """Lock one registration (after its session). Needs ``atomic``."""
    return (
        Registration.objects.select_for_update(of=("self",)).select_related("candidate").get(pk=pk)
    )


def accommodation_lock(*, pk: int):
    """Lock one accommodation request (no session lock involved). Needs ``atomic``."""

    return AccommodationRequest.objects.select_for_update().get(pk=pk)
