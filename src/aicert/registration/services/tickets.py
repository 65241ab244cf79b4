"""Writes for seats and admission tickets: seat assignment, ticket release with its e-mails, and the
reminder a few days before the exam."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.registration import locks, seating, selectors
from aicert.registration.models import (
    TICKET_STATUSES,
    Registration,
    RegistrationNotice,
    RegistrationStatus,
)
from aicert.registration.services._common import S, _notify
from aicert.scheduling.locks import session_rows_lock
from aicert.scheduling.models import Session, SessionStatus


@dataclass
class SeatAssignment:
    """What one run of :func:`session_seats_assign` did, for the manager's message."""

    session_id: int
    assigned: dict[int, str]
    kept: int
    released: int
    unseated: list[int]
    accessible_missing: list[int]
    moved: int = 0  # seated candidates given another seat (into or out of the separate room)


def _notice_once(registration: Registration, kind: str) -> bool:
    """Record and send the ``kind`` email for a registration unless it was already sent."""
    try:
        with transaction.atomic():
            RegistrationNotice.objects.create(registration=registration, kind=kind)
    except IntegrityError:
        return False
    _notify(registration, kind)
    return True


@transaction.atomic
def session_seats_assign(
    *, session_id: int, actor: Actor = None, now: dt.datetime | None = None
) -> SeatAssignment:
    """Give every confirmed candidate of a session a seat in its room, spread out.

    Stable (see :mod:`aicert.registration.seating`): seated candidates keep their seats, so the
    manager's button and the periodic job can run any number of times; late registrations fill
    free seats. Seats of cancelled, transferred or waitlisted registrations are freed first.
    Accessible seats go to candidates with an approved accommodation; candidates whose approved
    accommodation (in force on the exam day) includes a separate room get a separate-room place
    ``SR-n`` instead of a grid seat, and go back into the grid when it lapses. Every seat given
    or changed is audited (a change with the old and the new seat). From the ticket release date
    on, newly seated candidates get the ticket-ready email (once).

    Locks the session, then its registrations (pk order). ``actor`` None is the periodic job;
    otherwise it needs ``registration.assign_seats`` on the session (its center's manager).
    """
    now = now or timezone.now()
    session = session_rows_lock(session_ids=[session_id]).get(session_id)
    if session is None:
        raise Session.DoesNotExist
    if actor is not None and not user_can(actor, "registration.assign_seats", session):
        raise PermissionDenied
    if session.status in (SessionStatus.DRAFT, SessionStatus.CANCELLED):
        raise ValidationError(_("Seats are assigned only for published sessions."))
    registrations = locks.registration_rows_lock(
        queryset=Registration.objects.filter(session_id=session_id)
        .exclude(seat_label__isnull=True, status__in=_NO_SEAT_STATUSES)
        .order_by("pk")
        .select_related("candidate")
    )
    released = 0
    seat_holders = []
    for registration in registrations:
        if registration.status in TICKET_STATUSES:
            seat_holders.append(registration)
        elif registration.seat_label is not None:
            old = registration.seat_label
            registration.seat_label = None
            registration.save(update_fields=["seat_label", "updated_at"])
            audit_record(
                actor=actor,
                action="registration.seat_release",
                target=registration,
                changes={"seat": [old, None]},
            )
            released += 1
    seat_holders.sort(key=lambda r: (r.created_at, r.pk))
    exam_day = timezone.localtime(session.starts_at).date()
    needs = selectors.accommodations_by_candidate(
        user_ids=[r.candidate_id for r in seat_holders], on=exam_day
    )
    room = session.room
    grid = seating.RoomGrid(
        rows=room.seat_rows,
        columns=room.seat_columns,
        blocked=frozenset(room.seat_layout.get("blocked", [])),
        accessible=frozenset(room.seat_layout.get("accessible", [])),
    )
    plan = seating.plan_seats(
        grid,
        [
            seating.SeatRequest(
                key=r.pk,
                seat=r.seat_label,
                needs_accessible=bool(
                    needs.get(r.candidate_id) and needs[r.candidate_id].accessible_seat
                ),
                has_accommodation=r.candidate_id in needs,
                separate_room=bool(
                    needs.get(r.candidate_id) and needs[r.candidate_id].separate_room
                ),
            )
            for r in seat_holders
        ],
    )
    by_pk = {r.pk: r for r in seat_holders}
    # Clear invalid seats first so a seat moving between two candidates never clashes.
    previous: dict[int, str] = {}
    for pk in plan.new_seats:
        registration = by_pk[pk]
        if registration.seat_label is not None:
            previous[pk] = registration.seat_label
            registration.seat_label = None
            registration.save(update_fields=["seat_label", "updated_at"])
    for pk, seat in plan.new_seats.items():
        registration = by_pk[pk]
        registration.seat_label = seat
        registration.save(update_fields=["seat_label", "updated_at"])
        audit_record(
            actor=actor,
            action="registration.seat_assign",
            target=registration,
            # A move (e.g. into or out of the separate room) records the seat given up.
            changes={"seat": [previous[pk], seat] if pk in previous else seat},
        )
    if session.ticket_release_on <= timezone.localtime(now).date():
        for registration in seat_holders:
            if registration.seat_label and registration.status == S.CONFIRMED:
                _notice_once(registration, "ticket_ready")
    return SeatAssignment(
        session_id=session_id,
        assigned=plan.new_seats,
        kept=len(plan.kept),
        released=released,
        unseated=plan.unseated,
        accessible_missing=plan.accessible_missing,
        moved=len(previous),
    )


_NO_SEAT_STATUSES = tuple(s for s in RegistrationStatus.values if s not in TICKET_STATUSES)


def tickets_release_due(*, now: dt.datetime | None = None) -> int:
    """Periodic: assign seats (and send ticket-ready emails) for sessions whose tickets are out.

    Runs every published or closed session from its ticket release date until it starts, so late
    registrations are seated too. Returns how many seats were assigned.
    """
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    session_ids = list(
        Session.objects.filter(
            status__in=(SessionStatus.PUBLISHED, SessionStatus.CLOSED),
            ticket_release_on__lte=today,
            starts_at__gt=now,
        )
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
    )
    assigned = 0
    for session_id in session_ids:
        assigned += len(session_seats_assign(session_id=session_id, now=now).assigned)
    return assigned


REMINDER_DAYS_BEFORE = 3


@transaction.atomic
def exam_reminders_send(
    *, now: dt.datetime | None = None, days_before: int = REMINDER_DAYS_BEFORE
) -> int:
    """Periodic: remind confirmed candidates of their exam ``days_before`` days ahead, once.

    Every confirmed registration whose session starts within the next ``days_before`` days
    (and has not started) gets one reminder; re-runs send nothing more. Returns emails queued.
    """
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=S.CONFIRMED,
            session__status__in=(SessionStatus.PUBLISHED, SessionStatus.CLOSED),
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(days=days_before),
        )
        .exclude(notices__kind="reminder")
        .order_by("pk")
    )
    return sum(1 for registration in due if _notice_once(registration, "reminder"))
