"""The audit trail: an append-only record of every state change that matters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyModel(models.Model):
    """A row written once and never changed (the records other rows and people rely on).

    ``save()`` on a stored row raises, and so does ``delete()`` when ``undeletable_message``
    is set: a guard against code that would rewrite history by mistake. Bulk queryset updates
    bypass it; review keeps them out, and database triggers do where it matters most.
    """

    immutable_message = "This record is append-only."
    undeletable_message: str | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(self.immutable_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.undeletable_message:
            raise ValueError(self.undeletable_message)
        return super().delete(*args, **kwargs)


class AuditEvent(AppendOnlyModel):
    """One state change: who did what to which object, when, and what changed.

    Rows are written only by :func:`aicert.audit.services.audit_record` and never updated.
    """

    immutable_message = "Audit events are append-only."

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target id"), max_length=64)
    target_repr = models.CharField(_("target"), max_length=255)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"
