"""The certification catalogue: certifications, levels, subjects, domains, blueprints, courses."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.shared.i18n import BilingualName, localized


class Certification(BilingualName):
    """A certification program, e.g. "AI Application Planner"."""

    code = models.SlugField(_("code"), unique=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    issuer = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="certifications",
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["code"]

    @property
    def description(self) -> str:
        return localized(self, "description")


class Level(BilingualName):
    """A level of a certification (Associate, Professional, Expert) with its rules."""

    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certification"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    code = models.SlugField(_("code"))
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the entry level."))
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"), null=True, blank=True, help_text=_("Empty: never expires.")
    )
    renewal_cpd_hours = models.PositiveSmallIntegerField(
        _("training hours required to renew"), default=0
    )
    renewal_window_months = models.PositiveSmallIntegerField(
        _("renewal window before expiry (months)"), default=6
    )
    renewal_by_reexam = models.BooleanField(_("renewal by passing the exam again"), default=True)
    prerequisites = models.ManyToManyField(
        "self",
        verbose_name=_("prerequisite levels"),
        symmetrical=False,
        blank=True,
        related_name="unlocks",
        help_text=_("Levels a candidate must hold before registering."),
    )

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["certification", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "code"], name="level_unique_code"),
            models.UniqueConstraint(fields=["certification", "rank"], name="level_unique_rank"),
        ]

    @property
    def summary(self) -> str:
        return localized(self, "summary")


class PassRule(models.Model):
    """When a candidate passes a level, as data: a compensatory average plus a per-subject floor.

    The iPAS beginner level, for example, passes with an average of at least 70 over its subjects
    and every subject at least 60.
    """

    level = models.OneToOneField(
        Level, verbose_name=_("level"), on_delete=models.CASCADE, related_name="pass_rule"
    )
    average_min = models.DecimalField(
        _("minimum average score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    subject_min = models.DecimalField(
        _("minimum score in every subject"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    max_score = models.PositiveSmallIntegerField(_("maximum score per subject"), default=100)

    class Meta:
        verbose_name = _("pass rule")
        verbose_name_plural = _("pass rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    average_min__gte=0,
                    average_min__lte=100,
                    subject_min__gte=0,
                    subject_min__lte=100,
                ),
                name="passrule_scores_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.level}: ≥{self.average_min} / ≥{self.subject_min}"

    def evaluate(self, subject_scores: dict[str, Decimal]) -> bool:
        """Does a set of subject scores (one per subject of the level) pass this rule?"""
        if not subject_scores:
            return False
        scores = list(subject_scores.values())
        average = sum(scores, Decimal(0)) / len(scores)
        return average >= self.average_min and min(scores) >= self.subject_min


class Subject(BilingualName):
    """A paper of a level, sat as one exam session."""

    level = models.ForeignKey(
        Level, verbose_name=_("level"), on_delete=models.CASCADE, related_name="subjects"
    )
    code = models.SlugField(_("code"))
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(10)]
    )
    item_count = models.PositiveSmallIntegerField(
        _("number of items"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["level", "position"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="subject_unique_code"),
            models.CheckConstraint(
                condition=Q(item_count__gte=1), name="subject_item_count_positive"
            ),
        ]


class CompetencyDomain(BilingualName):
    """A node of the skills taxonomy (e.g. Machine learning > Model evaluation)."""

    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certification"),
        on_delete=models.CASCADE,
        related_name="domains",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent domain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("code"), max_length=32, help_text=_("Dotted outline number, e.g. 2.3")
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("competency domain")
        verbose_name_plural = _("competency domains")
        ordering = ["certification", "code"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "code"], name="domain_unique_code"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="domain_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def depth(self) -> int:
        return self.code.count(".")


class BlueprintEntry(models.Model):
    """How much of a subject's exam covers one competency domain."""

    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.CASCADE, related_name="blueprint"
    )
    domain = models.ForeignKey(
        CompetencyDomain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="blueprint_entries",
    )
    weight_percent = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    item_count = models.PositiveSmallIntegerField(_("number of items"))

    class Meta:
        verbose_name = _("blueprint entry")
        verbose_name_plural = _("blueprint entries")
        ordering = ["subject", "domain__code"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "domain"], name="blueprint_unique_domain"),
            models.CheckConstraint(
                condition=Q(weight_percent__gte=0, weight_percent__lte=100),
                name="blueprint_weight_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.domain} {self.weight_percent}%"


class TrainingCourse(models.Model):
    """A course that builds skills in some competency domains, recommended after self-assessment."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        CLASSROOM = "classroom", _("Classroom")
        BLENDED = "blended", _("Blended")

    code = models.SlugField(_("code"), unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"))
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    url = models.URLField(_("link"), blank=True)
    domains = models.ManyToManyField(
        CompetencyDomain, verbose_name=_("domains"), related_name="courses"
    )
    levels = models.ManyToManyField(
        Level, verbose_name=_("levels"), related_name="courses", blank=True
    )
    #: Where the course is given: no region = nationwide or online (the foundation's to edit);
    #: a region's center managers add and edit that region's courses.
    region = models.ForeignKey(
        "centers.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="training_courses",
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "centers.County",
        verbose_name=_("county or city"),
        on_delete=models.PROTECT,
        related_name="training_courses",
        null=True,
        blank=True,
    )
    price = models.PositiveIntegerField(_("price (NT$, 0 = free)"), default=0)
    starts_on = models.DateField(pgettext_lazy("course dates", "starts"), null=True, blank=True)
    ends_on = models.DateField(pgettext_lazy("course dates", "ends"), null=True, blank=True)
    #: The foundation can withdraw a course from the recommendations without deleting plans.
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="trainingcourse_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(county__isnull=True) | Q(region__isnull=False),
                name="trainingcourse_county_needs_region",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")
