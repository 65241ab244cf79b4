"""Writing the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import models

from aicert.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

# The events of the innermost open :func:`audit_batch` (None: none open, write at once).
_BATCH: ContextVar[list[AuditEvent] | None] = ContextVar("audit_batch", default=None)


@contextmanager
def audit_batch() -> Iterator[None]:
    """Write the audit events recorded inside the block in one INSERT, as it ends.

    For a hot service that records several events in one transaction (the registration rush
    records the registration and its virtual account): one round trip and one statement for
    the ORM to build instead of one each. Open it inside the service's transaction, so the
    events still commit (or roll back) with the changes they record; an error leaving the
    block drops them, since the transaction it rolls back held their changes. Inside the block
    ``audit_record`` returns the event unsaved (no pk until the block ends). A block opened
    inside another joins it.
    """
    if _BATCH.get() is not None:
        yield
        return
    events: list[AuditEvent] = []
    token = _BATCH.set(events)
    try:
        yield
    finally:
        _BATCH.reset(token)
    if events:
        AuditEvent.objects.bulk_create(events)


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event; call it inside the service's transaction so both commit together.

    ``actor`` is the services' ``Actor`` (a user, or None for the system); this layer sits below
    ``aicert.accounts`` and so names only Django's base user class.
    """
    event = AuditEvent(
        # By id: the column points at the project's user model, which this layer cannot name.
        actor_id=actor.pk if actor is not None else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        changes=changes or {},
    )
    batch = _BATCH.get()
    if batch is not None:
        batch.append(event)  # written when the batch ends (see audit_batch)
    else:
        event.save(force_insert=True)
    return event
