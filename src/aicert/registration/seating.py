"""Seat planning for a session's room, computed purely on plain data (no database).

Candidates are spread out so that nobody reads a neighbour's screen: seats are taken in tiers,
sparsest first —

1. every other seat in every other row (no neighbour in front, behind, left or right, nor
   diagonally);
2. the rest of the checkerboard (``(row + column)`` even: no neighbour in front, behind, left or
   right);
3. the remaining seats, only when the session has more candidates than the checkerboard holds.

Within a tier seats go front to back, left to right. Wheelchair-accessible seats are kept for
candidates with an approved accommodation (those who need an accessible seat first); others sit
there only when nothing else is free.

Planning is stable: a candidate who already has a valid seat keeps it; only candidates without
one (late registrations, newly confirmed) are placed, in registration order, on free seats.

Candidates whose approved accommodation includes a separate room take no seat in the room's
grid: they get a place in their own series, ``SR-1``, ``SR-2``… (see
:func:`separate_room_seat`). The label keeps the registration's one seat field (and its
uniqueness per session) and needs no second room on the session: the center arranges the
separate room and the invigilator takes the candidate there from check-in. The hyphen keeps the
series apart from grid labels, which are only letters then digits (even a grid with hundreds of
rows has a row ``SR`` but never a seat ``SR-1``). A main-room seat held before the accommodation
was approved is given up; when the accommodation lapses, the candidate goes back into the grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _row_letters(row: int) -> str:
    # The same labels as centers.models.Room.seat_label: 0 -> A, 25 -> Z, 26 -> AA.
    letters = ""
    n = row
    while True:
        letters = chr(ord("A") + n % 26) + letters
        n = n // 26 - 1
        if n < 0:
            return letters


def seat_label(row: int, column: int) -> str:
    return f"{_row_letters(row)}{column + 1}"


SEPARATE_ROOM_PREFIX = "SR-"


def separate_room_seat(number: int) -> str:
    """``1`` -> ``"SR-1"``: the ``number``-th place in the session's separate room."""
    return f"{SEPARATE_ROOM_PREFIX}{number}"


def separate_room_number(label: str | None) -> int | None:
    """``"SR-2"`` -> ``2``; None for a grid seat, no seat or anything malformed."""
    if not label or not label.startswith(SEPARATE_ROOM_PREFIX):
        return None
    digits = label[len(SEPARATE_ROOM_PREFIX) :]
    if not digits.isdigit() or not digits.isascii() or int(digits) < 1:
        return None
    return int(digits)


def is_separate_room_seat(label: str | None) -> bool:
    return separate_room_number(label) is not None


@dataclass(frozen=True)
class RoomGrid:
    """A room's seats: ``rows`` x ``columns``, minus ``blocked``; ``accessible`` by wheelchair."""

    rows: int
    columns: int
    blocked: frozenset[str] = frozenset()
    accessible: frozenset[str] = frozenset()

    def seats_in_preference_order(self) -> list[str]:
        """Every usable seat label, sparsest tier first (see the module docstring)."""
        tiers: tuple[list[str], list[str], list[str]] = ([], [], [])
        for r in range(self.rows):
            for c in range(self.columns):
                label = seat_label(r, c)
                if label in self.blocked:
                    continue
                if r % 2 == 0 and c % 2 == 0:
                    tiers[0].append(label)
                elif (r + c) % 2 == 0:
                    tiers[1].append(label)
                else:
                    tiers[2].append(label)
        return [*tiers[0], *tiers[1], *tiers[2]]

    def usable(self) -> set[str]:
        return set(self.seats_in_preference_order())


@dataclass(frozen=True)
class SeatRequest:
    """One candidate to seat: ``key`` identifies them (a registration id), ``seat`` is the
    current seat (None when unseated); ``needs_accessible`` / ``has_accommodation`` /
    ``separate_room`` from the approved accommodation in force on the exam day."""

    key: int
    seat: str | None = None
    needs_accessible: bool = False
    has_accommodation: bool = False
    separate_room: bool = False


@dataclass
class SeatPlan:
    """The outcome: seat per key (only for candidates that got a new seat), who kept theirs,
    who could not be seated (room full), and who needs an accessible seat but did not get one.
    Separate-room places (``SR-n``) appear in ``new_seats`` and ``kept`` like grid seats."""

    new_seats: dict[int, str] = field(default_factory=dict)
    kept: dict[int, str] = field(default_factory=dict)
    unseated: list[int] = field(default_factory=list)
    accessible_missing: list[int] = field(default_factory=list)


def plan_seats(grid: RoomGrid, requests: list[SeatRequest]) -> SeatPlan:
    """Seat the unseated ``requests`` (given in registration order) without moving anyone seated.

    A current seat that no longer exists (blocked since, or outside the grid) or that two
    candidates share counts as no seat: that candidate is placed again. So does a grid seat of a
    candidate who now needs a separate room, and a separate-room place of one who no longer
    does: the seat they give up is free for others in the same run. Separate-room candidates
    take the lowest free ``SR-n`` in registration order and never a grid seat (nor an accessible
    one: the center arranges an accessible separate room), so the grid holds at most its usable
    seats whoever needs what.
    """
    plan = SeatPlan()
    usable = grid.usable()
    taken: set[str] = set()
    taken_separate: set[int] = set()
    waiting: list[SeatRequest] = []
    waiting_separate: list[SeatRequest] = []
    for request in requests:
        if request.separate_room:
            number = separate_room_number(request.seat)
            if number is not None and number not in taken_separate:
                taken_separate.add(number)
                plan.kept[request.key] = separate_room_seat(number)
            else:
                waiting_separate.append(request)
        elif request.seat and request.seat in usable and request.seat not in taken:
            taken.add(request.seat)
            plan.kept[request.key] = request.seat
        else:
            waiting.append(request)

    number = 0
    for request in waiting_separate:
        number += 1
        while number in taken_separate:
            number += 1
        plan.new_seats[request.key] = separate_room_seat(number)

    order = grid.seats_in_preference_order()
    accessible_free = [s for s in order if s in grid.accessible and s not in taken]
    ordinary_free = [s for s in order if s not in grid.accessible and s not in taken]

    def take(pool: list[str]) -> str | None:
        return pool.pop(0) if pool else None

    # Accessible-seat needs first, then other accommodations, then everyone else — each group
    # in registration order.
    def rank(request: SeatRequest) -> int:
        return 0 if request.needs_accessible else 1 if request.has_accommodation else 2

    for request in sorted(waiting, key=rank):  # sorted() is stable: registration order kept
        if request.needs_accessible:
            seat = take(accessible_free)
            if seat is None:
                plan.accessible_missing.append(request.key)
                seat = take(ordinary_free)
        elif request.has_accommodation:
            seat = take(accessible_free) or take(ordinary_free)
        else:
            seat = take(ordinary_free) or take(accessible_free)
        if seat is None:
            plan.unseated.append(request.key)
        else:
            plan.new_seats[request.key] = seat
    return plan
