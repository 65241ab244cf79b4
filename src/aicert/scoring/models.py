"""Scoring after the sitting: human marking, item challenges with re-key or drop, and appeals.

Objective items are scored on submit by :mod:`aicert.delivery.scoring`. Here:

* **Marking**: every constructed response of an ended attempt gets two independent
  :class:`MarkingTask` rows (``first`` and ``second``), each for a different marker chosen by
  load. Markers see only the item, its rubric and the answer. When the two rubric totals differ
  by more than the adjudication threshold (:class:`ScoringPolicy` / :class:`ItemMarkingRule`)
  a third, ``adjudication`` task is opened for a senior marker or a foundation administrator.
* **Item challenges**: a candidate who sat challenges an item of their attempt
  (:class:`ItemChallenge`); the psychometrician decides per form item
  (:class:`ChallengeDecision`): reject, re-key, accept several keys or drop. A decision other
  than reject becomes the form item's :class:`ScoringOverride` (the item version itself never
  changes) and every affected attempt is rescored (:class:`RescoreRecord`).
* **Appeals**: a candidate asks for a rescore of their attempt after results are released
  (:class:`Appeal`); fresh markers re-mark the written answers, objective scoring is rechecked,
  and the foundation records the outcome.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicert.audit.models import AppendOnlyModel

DEFAULT_ADJUDICATION_THRESHOLD = Decimal(1)
DEFAULT_CHALLENGE_WINDOW_DAYS = 3
DEFAULT_APPEAL_WINDOW_DAYS = 14


class ScoringPolicy(models.Model):
    """Marking and window rules: one default row (``subject`` empty) and optional per-subject rows.

    ``adjudication_threshold`` is in rubric points: two marks whose totals differ by more than it
    go to adjudication. The challenge window runs from the end of the session for
    ``challenge_window_days``; the appeal window from the release of results for
    ``appeal_window_days``.
    """

    subject = models.OneToOneField(
        "catalog.Subject",
        verbose_name=_("subject"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scoring_policy",
        help_text=_("Empty for the program-wide default."),
    )
    adjudication_threshold = models.DecimalField(
        _("adjudication threshold (rubric points)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_ADJUDICATION_THRESHOLD,
        validators=[MinValueValidator(Decimal(0))],
    )
    challenge_window_days = models.PositiveSmallIntegerField(
        _("item challenge window (days after the session)"), default=DEFAULT_CHALLENGE_WINDOW_DAYS
    )
    appeal_window_days = models.PositiveSmallIntegerField(
        _("appeal window (days after results are released)"), default=DEFAULT_APPEAL_WINDOW_DAYS
    )

    class Meta:
        verbose_name = _("scoring policy")
        verbose_name_plural = _("scoring policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(adjudication_threshold__gte=0), name="scoringpolicy_threshold_nonneg"
            ),
            # At most one default row: a NULL subject is mapped to 0 for uniqueness.
            models.UniqueConstraint(
                models.functions.Coalesce("subject", models.Value(0)),
                name="scoringpolicy_one_per_subject",
            ),
        ]

    def __str__(self) -> str:
        return str(self.subject) if self.subject_id else str(_("Default"))


class ItemMarkingRule(models.Model):
    """An item's own adjudication threshold (all its versions), overriding the policy's."""

    item = models.OneToOneField(
        "itembank.Item",
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="marking_rule",
    )
    adjudication_threshold = models.DecimalField(
        _("adjudication threshold (rubric points)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("item marking rule")
        verbose_name_plural = _("item marking rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(adjudication_threshold__gte=0), name="itemmarkingrule_threshold_nonneg"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.adjudication_threshold}"


class MarkerProfile(models.Model):
    """A marker's standing: senior markers adjudicate; inactive markers get no new work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marker"),
        on_delete=models.CASCADE,
        related_name="marker_profile",
    )
    senior = models.BooleanField(_("senior marker (adjudicates)"), default=False)
    active = models.BooleanField(_("takes new marking"), default=True)

    class Meta:
        verbose_name = _("marker profile")
        verbose_name_plural = _("marker profiles")

    def __str__(self) -> str:
        return str(self.user)


class MarkingKind(models.TextChoices):
    FIRST = "first", _("First mark")
    SECOND = "second", _("Second mark")
    ADJUDICATION = "adjudication", _("Adjudication")
    APPEAL = "appeal", _("Appeal re-mark")


class MarkingStatus(models.TextChoices):
    ASSIGNED = "assigned", _("To mark")
    SUBMITTED = "submitted", _("Marked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MarkingTask(models.Model):
    """One marker's mark of one constructed response, per rubric criterion.

    ``criterion_scores`` holds one score per rubric criterion (in rubric order), each one of the
    criterion's score levels; ``total`` is their sum in rubric points. An adjudication task may
    wait without a marker until a senior marker or a foundation administrator takes it.
    """

    response = models.ForeignKey(
        "delivery.Response",
        verbose_name=_("response"),
        on_delete=models.PROTECT,
        related_name="marking_tasks",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MarkingKind.choices)
    appeal = models.ForeignKey(
        "scoring.Appeal",
        verbose_name=_("appeal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="marking_tasks",
    )
    marker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="marking_tasks",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MarkingStatus.choices, default=MarkingStatus.ASSIGNED
    )
    criterion_scores = models.JSONField(_("scores per criterion"), default=list, blank=True)
    total = models.DecimalField(
        _("rubric total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    assigned_at = models.DateTimeField(_("assigned at"))
    submitted_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("marking task")
        verbose_name_plural = _("marking tasks")
        ordering = ["assigned_at", "pk"]
        permissions = [
            ("mark_response", _("Can mark constructed responses")),
            ("adjudicate_response", _("Can adjudicate differing marks")),
            ("view_marking_statistics", _("Can see marker agreement statistics")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MarkingKind.values), name="markingtask_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MarkingStatus.values), name="markingtask_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted")
                | Q(total__isnull=False, submitted_at__isnull=False, marker__isnull=False),
                name="markingtask_submitted_has_mark",
            ),
            models.CheckConstraint(
                condition=Q(kind="appeal", appeal__isnull=False)
                | (~Q(kind="appeal") & Q(appeal__isnull=True)),
                name="markingtask_appeal_only_for_appeals",
            ),
            models.CheckConstraint(
                condition=Q(kind="adjudication") | Q(marker__isnull=False),
                name="markingtask_marker_unless_adjudication",
            ),
            # One live task of each initial kind per response...
            models.UniqueConstraint(
                fields=["response", "kind"],
                condition=Q(appeal__isnull=True) & ~Q(status="withdrawn"),
                name="markingtask_one_live_kind_per_response",
            ),
            models.UniqueConstraint(
                fields=["response", "appeal"],
                condition=Q(appeal__isnull=False) & ~Q(status="withdrawn"),
                name="markingtask_one_live_per_appeal_response",
            ),
            # ...and a marker never marks the same response twice (independent marks).
            models.UniqueConstraint(
                fields=["response", "marker"],
                condition=~Q(status="withdrawn"),
                name="markingtask_marker_once_per_response",
            ),
        ]
        indexes = [models.Index(fields=["marker", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.get_kind_display()}"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Under review")
    REJECTED = "rejected", _("Rejected")
    UPHELD = "upheld", _("Upheld")


class ItemChallenge(models.Model):
    """A candidate's challenge of one item of their attempt, with a reason.

    The candidate names the item by the number it had **on their screen** (their shuffled order,
    ``displayed_number``); the item's content is never shown again after the exam.
    """

    attempt = models.ForeignKey(
        "delivery.Attempt",
        verbose_name=_("attempt"),
        on_delete=models.PROTECT,
        related_name="item_challenges",
    )
    form_item = models.ForeignKey(
        "delivery.FormItem",
        verbose_name=_("form item"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    displayed_number = models.PositiveSmallIntegerField(_("question number as shown"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    decision = models.ForeignKey(
        "scoring.ChallengeDecision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
    )
    created_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("item challenge")
        verbose_name_plural = _("item challenges")
        ordering = ["-created_at", "-pk"]
        permissions = [("decide_challenge", _("Can decide item challenges"))]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "form_item"], name="itemchallenge_one_per_item"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ChallengeStatus.values), name="itemchallenge_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open", decision__isnull=True)
                | (~Q(status="open") & Q(decision__isnull=False)),
                name="itemchallenge_decided_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · #{self.displayed_number}"


class ChallengeAction(models.TextChoices):
    REJECT = "reject", _("Reject (the key stands)")
    REKEY = "rekey", _("Re-key (a different key)")
    MULTIPLE_KEYS = "multiple_keys", _("Accept several keys")
    DROP = "drop", _("Drop the item (not counted for anyone)")


class ChallengeDecision(models.Model):
    """The psychometrician's decision on one form item (an item version on one form).

    ``keys`` lists the accepted keys for re-key (one) and several keys (two or more), each a key
    patch in the item type's terms (see :mod:`aicert.scoring.keys`).
    """

    form_item = models.ForeignKey(
        "delivery.FormItem",
        verbose_name=_("form item"),
        on_delete=models.PROTECT,
        related_name="challenge_decisions",
    )
    action = models.CharField(_("decision"), max_length=20, choices=ChallengeAction.choices)
    keys = models.JSONField(_("accepted keys"), default=list, blank=True)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("challenge decision")
        verbose_name_plural = _("challenge decisions")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ChallengeAction.values),
                name="challengedecision_action_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_item} · {self.get_action_display()}"


class ScoringOverride(models.Model):
    """How a form item is scored instead of by its version's key: other key(s), or dropped."""

    form_item = models.OneToOneField(
        "delivery.FormItem",
        verbose_name=_("form item"),
        on_delete=models.PROTECT,
        related_name="scoring_override",
    )
    action = models.CharField(_("override"), max_length=20, choices=ChallengeAction.choices)
    keys = models.JSONField(_("accepted keys"), default=list, blank=True)
    decision = models.ForeignKey(
        ChallengeDecision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("scoring override")
        verbose_name_plural = _("scoring overrides")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["rekey", "multiple_keys", "drop"]),
                name="scoringoverride_action_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_item} · {self.get_action_display()}"

    @property
    def dropped(self) -> bool:
        return self.action == ChallengeAction.DROP


class AppealStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("Being re-marked")
    UPHELD = "upheld", _("Upheld: score changed")
    DISMISSED = "dismissed", _("Dismissed: score unchanged")


class Appeal(models.Model):
    """A candidate's request to rescore their attempt, and its recorded outcome."""

    attempt = models.OneToOneField(
        "delivery.Attempt",
        verbose_name=_("attempt"),
        on_delete=models.PROTECT,
        related_name="appeal",
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=AppealStatus.choices, default=AppealStatus.SUBMITTED
    )
    recheck = models.JSONField(_("objective scoring recheck"), default=dict, blank=True)
    outcome_note = models.TextField(_("outcome"), blank=True)
    score_before = models.DecimalField(
        _("score before"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    score_after = models.DecimalField(
        _("score after"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    review_started_at = models.DateTimeField(_("re-marking started"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("handle_appeal", _("Can handle appeals"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AppealStatus.values), name="appeal_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "in_review"], decided_at__isnull=True)
                | Q(
                    status__in=["upheld", "dismissed"],
                    decided_at__isnull=False,
                    decided_by__isnull=False,
                ),
                name="appeal_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.get_status_display()}"


class RescoreCause(models.TextChoices):
    MARKING = "marking", _("Marking completed")
    CHALLENGE = "challenge", _("Item challenge decision")
    APPEAL = "appeal", _("Appeal upheld")


class RescoreRecord(AppendOnlyModel):
    """An attempt's score before and after a rescore, with the items that changed. Append-only."""

    immutable_message = "Rescore records are append-only."

    attempt = models.ForeignKey(
        "delivery.Attempt",
        verbose_name=_("attempt"),
        on_delete=models.PROTECT,
        related_name="rescores",
    )
    cause = models.CharField(_("cause"), max_length=20, choices=RescoreCause.choices)
    decision = models.ForeignKey(
        ChallengeDecision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rescores",
    )
    appeal = models.ForeignKey(
        Appeal,
        verbose_name=_("appeal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rescores",
    )
    points_before = models.DecimalField(
        _("points before"), max_digits=7, decimal_places=2, null=True
    )
    max_before = models.DecimalField(_("maximum before"), max_digits=7, decimal_places=2, null=True)
    points_after = models.DecimalField(_("points after"), max_digits=7, decimal_places=2)
    max_after = models.DecimalField(_("maximum after"), max_digits=7, decimal_places=2)
    items = models.JSONField(_("changed items"), default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("rescore record")
        verbose_name_plural = _("rescore records")
        ordering = ["attempt", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cause__in=RescoreCause.values), name="rescorerecord_cause_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.points_before} → {self.points_after}"
