"""Results: per-attempt scores (raw, scaled, domain sub-scores), level outcomes and releases.

A :class:`Result` is computed from an ended attempt's scored responses by
:func:`aicert.results.services.result_refresh` (on submit, after marking, after a re-key or an
appeal). Its scaled score comes from the subject's :class:`ScaleTransform` *version* in force
when the result was first computed; a result keeps that version for good, so publishing a new
transform never silently changes an old score.

Results stay hidden from the candidate until their session's :class:`ResultRelease` has run
(``Result.released_at`` set). After release a result changes only through ``result_refresh``,
which audits before/after and notifies the candidate.

A :class:`LevelResult` applies the level's :class:`~aicert.catalog.models.PassRule` to the
latest released result of each subject of the level (see
:func:`aicert.results.services.level_result_evaluate` for the rules).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)


class ScaleBasis(models.TextChoices):
    PERCENT = "percent", _("Percent of the maximum points")
    POINTS = "points", _("Raw points")


class ScaleTransform(models.Model):
    """A linear raw -> scaled transformation for one subject, as versioned data.

    ``scaled = slope * raw + intercept``, with ``raw`` the percent correct (0-100) or the raw
    points (``basis``), then clamped to ``[scaled_min, scaled_max]`` and rounded half up to
    ``decimals`` places. Versions of a subject are numbered 1, 2, ...; the highest active
    version applies to new results; rows are never edited once a result uses them.
    """

    subject = models.ForeignKey(
        "catalog.Subject",
        verbose_name=_("subject"),
        on_delete=models.PROTECT,
        related_name="scale_transforms",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    basis = models.CharField(
        _("raw score basis"), max_length=10, choices=ScaleBasis.choices, default=ScaleBasis.PERCENT
    )
    slope = models.DecimalField(_("slope"), max_digits=10, decimal_places=6)
    intercept = models.DecimalField(_("intercept"), max_digits=10, decimal_places=4)
    scaled_min = models.DecimalField(_("lowest scaled score"), max_digits=7, decimal_places=2)
    scaled_max = models.DecimalField(_("highest scaled score"), max_digits=7, decimal_places=2)
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("applies to new results"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("scale transformation")
        verbose_name_plural = _("scale transformations")
        ordering = ["subject", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "version"], name="scale_unique_version"),
            models.CheckConstraint(
                condition=Q(scaled_min__lt=models.F("scaled_max")), name="scale_range_ordered"
            ),
            models.CheckConstraint(condition=Q(decimals__lte=2), name="scale_decimals_max_2"),
            models.CheckConstraint(condition=Q(version__gte=1), name="scale_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} v{self.version}: {self.slope}·x + {self.intercept}"

    def apply(self, *, points: Decimal, maximum: Decimal) -> Decimal:
        """The scaled score of ``points`` out of ``maximum``."""
        raw = points if self.basis == ScaleBasis.POINTS else percent_of(points, maximum)
        value = self.slope * raw + self.intercept
        value = min(max(value, self.scaled_min), self.scaled_max)
        return value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


def percent_of(points: Decimal, maximum: Decimal) -> Decimal:
    """Percent correct, exact to 2 places (half up); 0 when nothing could be scored."""
    if not maximum:
        return Decimal(0).quantize(Decimal("0.01"))
    return (points * HUNDRED / maximum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class ResultStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Not yet released")
    RELEASED = "released", _("Released")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Result(models.Model):
    """The score of one ended attempt: raw, percent, scaled, per-domain and pass/fail.

    ``passed`` is whether the scaled score reaches the level pass rule's per-subject minimum;
    whether the candidate passes the *level* is :class:`LevelResult`. ``revision`` counts
    recomputations (1 for the first).
    """

    center_scope = "session__room__venue__center"

    attempt = models.OneToOneField(
        "delivery.Attempt",
        verbose_name=_("attempt"),
        on_delete=models.PROTECT,
        related_name="result",
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    subject = models.ForeignKey(
        "catalog.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        "scheduling.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    raw_points = models.DecimalField(_("raw points"), max_digits=7, decimal_places=2)
    raw_max = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    percent = models.DecimalField(_("percent correct"), max_digits=5, decimal_places=2)
    scaled_score = models.DecimalField(_("scaled score"), max_digits=7, decimal_places=2)
    scale_transform = models.ForeignKey(
        ScaleTransform,
        verbose_name=_("scale transformation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        help_text=_("Empty: the scaled score is the percent correct."),
    )
    subject_min = models.DecimalField(
        _("subject minimum applied"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("subject minimum reached"))
    status = models.CharField(
        _("status"), max_length=20, choices=ResultStatus.choices, default=ResultStatus.PROVISIONAL
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["-computed_at", "-pk"]
        permissions = [
            ("release_result", _("Can release results")),
            ("export_result", _("Can export results")),
            ("view_session_summary", _("Can see result counts of sessions")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ResultStatus.values), name="result_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="provisional", released_at__isnull=True)
                | (~Q(status="provisional") & Q(released_at__isnull=False)),
                name="result_released_has_time",
            ),
            models.CheckConstraint(
                condition=Q(raw_points__gte=0, raw_points__lte=models.F("raw_max")),
                name="result_points_in_range",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return f"{self.subject} · {self.candidate} · {self.scaled_score}"

    @property
    def is_released(self) -> bool:
        return self.status == ResultStatus.RELEASED


class DomainScore(models.Model):
    """Points and percent in one competency domain, rolled up: a domain counts its subtree."""

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="domain_scores"
    )
    domain = models.ForeignKey(
        "catalog.CompetencyDomain",
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2)
    item_count = models.PositiveSmallIntegerField(_("number of items"))

    class Meta:
        verbose_name = _("domain sub-score")
        verbose_name_plural = _("domain sub-scores")
        ordering = ["result", "domain__code"]
        constraints = [
            models.UniqueConstraint(fields=["result", "domain"], name="domainscore_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.domain.code}: {self.percent}%"


class LevelOutcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")


class LevelResult(models.Model):
    """The pass rule of a level applied to one released result per subject of the level."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="level_results",
    )
    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=LevelOutcome.choices)
    average = models.DecimalField(_("average scaled score"), max_digits=7, decimal_places=2)
    lowest = models.DecimalField(_("lowest subject score"), max_digits=7, decimal_places=2)
    average_min = models.DecimalField(_("average required"), max_digits=5, decimal_places=2)
    subject_min = models.DecimalField(_("subject minimum"), max_digits=5, decimal_places=2)
    results = models.ManyToManyField(
        Result, verbose_name=_("results"), related_name="level_results"
    )
    basis = models.CharField(_("results combined"), max_length=200)
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("level result")
        verbose_name_plural = _("level results")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "level", "basis"], name="levelresult_unique_basis"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=LevelOutcome.values), name="levelresult_outcome_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} · {self.candidate} · {self.outcome}"

    @property
    def passed(self) -> bool:
        return self.outcome == LevelOutcome.PASSED


class ResultRelease(models.Model):
    """The foundation's decision to release one session's results at a date and time.

    ``released_at`` is set when the release has run (by the periodic job, or at once when
    ``release_at`` is not in the future). A forced release (marking still pending) records why.
    """

    center_scope = "session__room__venue__center"

    session = models.OneToOneField(
        "scheduling.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="result_release",
    )
    release_at = models.DateTimeField(_("release at"))
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    forced = models.BooleanField(_("released with marking pending"), default=False)
    force_reason = models.TextField(_("reason for releasing with marking pending"), blank=True)
    blocked_reason = models.CharField(_("why it has not run"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("scheduled at"), auto_now_add=True)
    counts = models.JSONField(_("counts at release"), default=dict, blank=True)

    class Meta:
        verbose_name = _("result release")
        verbose_name_plural = _("result releases")
        ordering = ["release_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(forced=False) | ~Q(force_reason=""), name="release_forced_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} @ {self.release_at:%Y-%m-%d %H:%M}"
