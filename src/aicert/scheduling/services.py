"""Writes for exam sessions: schedule, edit, publish, close, cancel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.catalog.models import Subject
from aicert.centers.models import Room
from aicert.scheduling.locks import session_row_lock
from aicert.scheduling.models import Session, SessionStatus
from aicert.scheduling.selectors import session_seats_held

SESSION_FIELDS = (
    "subject",
    "room",
    "starts_at",
    "capacity",
    "language",
    "fee",
    "registration_opens_at",
    "registration_closes_at",
    "ticket_release_on",
    "status",
)

# Which status may follow which; anything else is refused.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    SessionStatus.DRAFT: {SessionStatus.PUBLISHED, SessionStatus.CANCELLED},
    SessionStatus.PUBLISHED: {SessionStatus.CLOSED, SessionStatus.CANCELLED, SessionStatus.DRAFT},
    SessionStatus.CLOSED: {SessionStatus.PUBLISHED},
    SessionStatus.CANCELLED: set(),
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


@transaction.atomic
def session_create(
    *,
    actor: Actor,
    subject: Subject,
    room: Room,
    starts_at: dt.datetime,
    capacity: int,
    registration_opens_at: dt.datetime,
    registration_closes_at: dt.datetime,
    ticket_release_on: dt.date,
    language: str = "zh-hant",
    fee: int = 0,
    status: str = SessionStatus.DRAFT,
) -> Session:
    """Schedule a session in a room; the actor must be allowed to schedule in that room's center.

    The duration comes from the subject; capacity must fit the room's usable seats.
    """
    session = Session(
        subject=subject,
        room=room,
        starts_at=starts_at,
        duration_minutes=subject.duration_minutes,
        capacity=capacity,
        language=language,
        fee=fee,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        ticket_release_on=ticket_release_on,
        status=status,
    )
    if actor is not None and not user_can(actor, "scheduling.add_session", session):
        raise PermissionDenied
    if status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        raise ValidationError({"status": _("A new session is a draft or published.")})
    session.full_clean()
    session.save()
    audit_record(
        actor=actor,
        action="session.create",
        target=session,
        changes={k: _jsonable(getattr(session, k)) for k in SESSION_FIELDS},
    )
    return session


@transaction.atomic
def session_update(*, actor: Actor, session: Session, **data: Any) -> Session:
    """Change a session under its row lock.

    Refuses capacity below the seats already held, a move to a room of another center, and
    status changes that :data:`STATUS_TRANSITIONS` does not allow.
    """
    locked = session_row_lock(pk=session.pk)
    data = {k: v for k, v in data.items() if k in SESSION_FIELDS}
    changes = {
        k: [_jsonable(getattr(locked, k)), _jsonable(v)]
        for k, v in data.items()
        if getattr(locked, k) != v
    }
    if not changes:
        return locked
    if actor is not None and not user_can(actor, "scheduling.change_session", locked):
        raise PermissionDenied
    if "status" in changes and data["status"] not in STATUS_TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "status": _("A %(old)s session cannot become %(new)s.")
                % {
                    "old": locked.get_status_display(),
                    "new": SessionStatus(data["status"]).label,
                }
            }
        )
    for key, value in data.items():
        setattr(locked, key, value)
    if actor is not None and not user_can(actor, "scheduling.change_session", locked):
        raise PermissionDenied  # moved to a room of another center
    held = session_seats_held(session=locked)
    if "capacity" in changes and locked.capacity < held:
        raise ValidationError(
            {
                "capacity": _("%(held)d seats are already taken: capacity cannot go below that.")
                % {"held": held}
            }
        )
    if changes.get("status", [None, None])[1] in (SessionStatus.CANCELLED, SessionStatus.DRAFT):
        if held:
            raise ValidationError(
                {
                    "status": _(
                        "Candidates hold seats in this session: transfer or cancel their "
                        "registrations first."
                    )
                }
            )
    locked.full_clean()
    locked.save(update_fields=[*changes, "updated_at"])
    audit_record(actor=actor, action="session.update", target=locked, changes=changes)
    return locked
