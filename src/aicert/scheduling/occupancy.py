"""Who is booked into a session, as the registration app (above scheduling) tells it.

Scheduling needs facts it does not own: which registration statuses hold a seat (seats
left on the calendar, a capacity that may not drop below the seats taken) and who the seated
candidates are (an invigilator must not watch a relative or a colleague). The registration
app registers both in its ``contributions.py``; scheduling never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SeatedCandidate:
    """What identifies a candidate holding a seat in a session (for conflicts of interest)."""

    session_id: int
    email: str
    legal_name_zh: str = ""
    legal_name_en: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class Occupancy:
    """``seat_holding_statuses``: statuses of ``Session.registrations`` that hold a seat;
    ``seated_candidates(session_ids)``: the candidates holding one in those sessions;
    ``waiting_statuses``: those of a place on the waiting list (the manager's panel counts them)."""

    seat_holding_statuses: tuple[str, ...]
    seated_candidates: Callable[[list[int]], list[SeatedCandidate]]
    waiting_statuses: tuple[str, ...] = ()


_occupancy: list[Occupancy] = []


def occupancy_register(occupancy: Occupancy) -> None:
    _occupancy[:] = [occupancy]


def occupancy() -> Occupancy:
    if not _occupancy:
        raise ImproperlyConfigured(
            "No app told scheduling who holds seats: install aicert.registration."
        )
    return _occupancy[0]
