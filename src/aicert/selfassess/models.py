"""The practice bank (apart from the secure exam bank) and adaptive practice attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PracticeItem(models.Model):
    """An item version released for practice, with its calibrated 3PL parameters.

    Parameters are in slope-intercept form (``P = c + (1-c) logistic(a theta + d)``), from the
    item analysis (``irt_a``/``irt_b``) or a pretest calibration. A version on a form in use or
    planned can never be flagged (``practice_item_flag``) nor reach an attempt.
    """

    class Source(models.TextChoices):
        ITEM_ANALYSIS = "item_analysis", _("Item analysis")
        PRETEST = "pretest", _("Pretest calibration")

    version = models.OneToOneField(
        "itembank.ItemVersion",
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="practice",
    )
    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    domain = models.ForeignKey(
        "catalog.CompetencyDomain",
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="practice_items",
    )
    a = models.FloatField(_("slope a"))
    d = models.FloatField(_("intercept d"))
    c = models.FloatField(_("guessing c"), default=0.0)
    source = models.CharField(_("calibration source"), max_length=20, choices=Source.choices)
    is_active = models.BooleanField(_("in use for practice"), default=True)
    #: Sympson–Hetter exposure parameter (1 = no control).
    exposure_k = models.FloatField(_("exposure parameter"), default=1.0)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("flagged by"), on_delete=models.PROTECT
    )
    flagged_at = models.DateTimeField(_("flagged"))

    class Meta:
        verbose_name = _("practice item")
        verbose_name_plural = _("practice items")
        ordering = ["level", "domain", "pk"]
        permissions = [("manage_practice_bank", _("Can manage the practice bank"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(a__gt=0, c__gte=0, c__lt=1, exposure_k__gte=0, exposure_k__lte=1),
                name="practiceitem_params_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.domain.code})"


class PracticeMode(models.TextChoices):
    SHORT = "short", _("Short (10–15 minutes)")
    # In context: a bare "Full" is already 額滿 ("no seats left") in the registration catalogue.
    FULL = "full", pgettext_lazy("practice test mode", "Full")


class PracticeAttempt(models.Model):
    """One person's adaptive practice test for a level; ``current`` is the item now shown."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="practice_attempts",
    )
    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(
        pgettext_lazy("practice test", "mode"), max_length=10, choices=PracticeMode.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    seed = models.PositiveIntegerField(_("seed"))
    current = models.ForeignKey(
        PracticeItem,
        verbose_name=_("current item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    theta = models.FloatField(_("ability"), default=0.0)
    se = models.FloatField(_("standard error"), default=1.0)
    stop_reason = models.CharField(_("stop reason"), max_length=20, blank=True)
    #: Domain profile and readiness computed when the attempt finished.
    profile = models.JSONField(_("profile"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice attempt")
        verbose_name_plural = _("practice attempts")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="in_progress", finished_at__isnull=True)
                | Q(status="finished", finished_at__isnull=False),
                name="practiceattempt_finished_consistent",
            ),
        ]
        indexes = [models.Index(fields=["user", "level", "status"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.level} · {self.started_at:%Y-%m-%d}"


class PracticeAnswer(models.Model):
    """One answer of a practice attempt, scored 0/1 against the version's key."""

    attempt = models.ForeignKey(
        PracticeAttempt,
        verbose_name=_("attempt"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    item = models.ForeignKey(
        PracticeItem, verbose_name=_("practice item"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    answer = models.JSONField(_("answer"))
    correct = models.BooleanField(_("correct"))
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        verbose_name = _("practice answer")
        verbose_name_plural = _("practice answers")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="practiceanswer_unique_position"
            ),
            models.UniqueConstraint(fields=["attempt", "item"], name="practiceanswer_unique_item"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} #{self.position}"


class TrainingPlan(models.Model):
    """A person's own training plan for a level: courses saved from the recommendations."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_plans",
    )
    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    #: The practice attempt whose profile the plan was first saved from.
    attempt = models.ForeignKey(
        PracticeAttempt,
        verbose_name=_("practice attempt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "level"], name="trainingplan_one_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.level}"


class TrainingPlanCourse(models.Model):
    """One course of a training plan; ``done_on`` is set when the person marks it done."""

    plan = models.ForeignKey(
        TrainingPlan,
        verbose_name=_("training plan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    course = models.ForeignKey(
        "catalog.TrainingCourse",
        verbose_name=_("training course"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    #: The weak domains (codes) the course was recommended for.
    domains = models.JSONField(_("domains"), default=list, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("course in a plan")
        verbose_name_plural = _("courses in a plan")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "course"], name="trainingplancourse_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.course_id}"
