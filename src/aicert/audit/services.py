"""Writing the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from aicert.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


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
    return AuditEvent.objects.create(
        # By id: the column points at the project's user model, which this layer cannot name.
        actor_id=actor.pk if actor is not None else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        changes=changes or {},
    )
