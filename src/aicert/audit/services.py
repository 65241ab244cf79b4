"""Writing the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from aicert.audit.models import AuditEvent


def audit_record(
    *, actor: Any, action: str, target: models.Model, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one audit event; call it inside the service's transaction so both commit together."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        changes=changes or {},
    )
