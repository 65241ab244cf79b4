"""What running the platform needs in the database: the scheduler's lease."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchedulerLease(models.Model):
    """Who runs the periodic jobs now: one holder at a time, until ``expires_at``.

    A production site may start the scheduler on more than one machine (by mistake, or for
    failover); only the holder of an unexpired lease runs jobs, and renews it as it goes. When
    the holder dies its lease runs out and another scheduler takes over.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    holder = models.CharField(_("holder"), max_length=200, blank=True)
    acquired_at = models.DateTimeField(_("acquired"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler lease")
        verbose_name_plural = _("scheduler leases")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder or '-'}"
