"""Pre-aggregated report facts: dashboards read only these rows (never the raw tables)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFact(models.Model):
    """One count of a metric for one cell (period x region x county x level x subject x sitting x
    gender x age band x competency domain). Rebuilt as a whole by :func:`aicert.reports.services.facts_refresh`."""

    metric = models.CharField(_("metric"), max_length=40)
    period = models.CharField(_("period"), max_length=7)  # "YYYY-MM" (Asia/Taipei)
    region_code = models.CharField(_("region"), max_length=20)
    county_code = models.CharField(_("county"), max_length=20, blank=True)
    level_code = models.CharField(_("level"), max_length=40, blank=True)
    subject_code = models.CharField(_("subject"), max_length=40, blank=True)
    sitting = models.CharField(_("sitting"), max_length=10, blank=True)  # session date
    gender = models.CharField(_("gender"), max_length=20, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, blank=True)
    #: "<certification code>:<domain code>" (a domain's code is unique within its certification
    #: only); empty for every family but the domain strengths.
    domain_code = models.CharField(_("competency domain"), max_length=90, blank=True)
    value = models.PositiveIntegerField(_("count"))
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("report fact")
        verbose_name_plural = _("report facts")
        indexes = [
            models.Index(fields=["metric", "region_code", "period"]),
            models.Index(fields=["metric", "county_code"]),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.period} {self.region_code}/{self.county_code}: {self.value}"
