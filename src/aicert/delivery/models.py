"""Exam delivery: forms (assembled, locked sets of pinned item versions) and attempts.

A **form** goes draft -> locked -> published -> retired. Its items (:class:`FormItem`) pin
:class:`~aicert.itembank.models.ItemVersion` rows, which never change; once a form is locked
its items never change either: the services refuse, and database triggers (migration
``0002_form_immutability_triggers``) refuse writes to the items of a non-draft form.

An **attempt** is one candidate's sitting of a form for a registration: ready -> in progress
<-> paused -> submitted | auto-submitted, and voided from any state. The clock belongs to the
server (:mod:`aicert.delivery.clock`); the item and option order comes from the stored seed
(:mod:`aicert.delivery.presentation`). Every change is written by :mod:`aicert.delivery.services`
and logged in :class:`AttemptEvent`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicert.audit.models import AppendOnlyModel
from aicert.delivery.clock import AttemptClock


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LOCKED = "locked", _("Locked")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class Form(models.Model):
    """An assembled set of item versions for one subject; parallel forms share an assembly batch.

    ``assembly_report`` keeps what the optimiser reported for this form (information and test
    characteristic curve at the report abilities, information at the cut, solver status and
    gap) and the settings it was assembled with, so the choice can be explained later.
    """

    subject = models.ForeignKey(
        "catalog.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="forms"
    )
    code = models.CharField(_("code"), max_length=40)
    assembly_batch = models.UUIDField(_("assembly batch"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    assembly_report = models.JSONField(_("assembly report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assembled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assembled at"), auto_now_add=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["subject", "code"]
        permissions = [
            ("assemble_form", _("Can assemble forms")),
            ("lock_form", _("Can lock, publish and retire forms")),
            ("view_form_key", _("Can see the keys of form items")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["subject", "code"], name="form_unique_code"),
            models.CheckConstraint(
                condition=Q(status__in=FormStatus.values), name="form_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", locked_at__isnull=True, locked_by__isnull=True)
                | (~Q(status="draft") & Q(locked_at__isnull=False, locked_by__isnull=False)),
                name="form_locked_unless_draft",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="form_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="retired") | Q(retired_at__isnull=False),
                name="form_retired_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_editable(self) -> bool:
        return self.status == FormStatus.DRAFT


class FormItem(models.Model):
    """One pinned item version at one position of a form, worth ``points``."""

    form = models.ForeignKey(
        Form, verbose_name=_("form"), on_delete=models.CASCADE, related_name="items"
    )
    item_version = models.ForeignKey(
        "itembank.ItemVersion",
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="form_items",
    )
    position = models.PositiveSmallIntegerField(_("position"), validators=[MinValueValidator(1)])
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, default=Decimal(1))

    class Meta:
        verbose_name = _("form item")
        verbose_name_plural = _("form items")
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="formitem_unique_position"),
            models.UniqueConstraint(
                fields=["form", "item_version"], name="formitem_unique_version"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="formitem_position_positive"),
            models.CheckConstraint(condition=Q(points__gt=0), name="formitem_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.form} #{self.position}"


class AttemptStatus(models.TextChoices):
    READY = "ready", _("Ready")
    IN_PROGRESS = "in_progress", _("In progress")
    PAUSED = "paused", _("Paused")
    SUBMITTED = "submitted", _("Submitted")
    AUTO_SUBMITTED = "auto_submitted", _("Submitted when time ran out")
    VOIDED = "voided", _("Voided")


A = AttemptStatus
STARTED_STATUSES = (A.IN_PROGRESS, A.PAUSED, A.SUBMITTED, A.AUTO_SUBMITTED)
ENDED_STATUSES = (A.SUBMITTED, A.AUTO_SUBMITTED)


class Attempt(models.Model):
    """One candidate's sitting of a form for a registration, with a server-owned clock.

    ``time_allowed_seconds`` includes approved extra time (``extra_time_seconds`` records how
    much of it was extra); ``extended_seconds`` are extensions granted during the sitting;
    ``paused_seconds`` the total of completed pauses. ``deadline_at`` is recomputed by every
    service that changes the clock (see :class:`~aicert.delivery.clock.AttemptClock`).
    """

    center_scope = "registration__session__room__venue__center"

    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    form = models.ForeignKey(
        Form, verbose_name=_("form"), on_delete=models.PROTECT, related_name="attempts"
    )
    language = models.CharField(_("exam language"), max_length=10, default="zh-hant")
    seed = models.CharField(_("order seed"), max_length=64)
    order_version = models.PositiveSmallIntegerField(_("order algorithm version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.READY
    )
    time_allowed_seconds = models.PositiveIntegerField(_("time allowed (seconds)"))
    extra_time_seconds = models.PositiveIntegerField(_("approved extra time (seconds)"), default=0)
    extended_seconds = models.PositiveIntegerField(_("extensions (seconds)"), default=0)
    paused_seconds = models.PositiveIntegerField(_("paused (seconds)"), default=0)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    score_points = models.DecimalField(
        _("points scored"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    score_max = models.DecimalField(
        _("maximum points"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    needs_marking = models.BooleanField(_("awaiting markers"), default=False)
    # The one browser allowed to save answers: set when the candidate opens the exam on a
    # computer, cleared when the invigilator moves the attempt to another computer. Saves that
    # carry an older key are refused, so two computers can never write the same attempt.
    device_key = models.CharField(_("exam computer key"), max_length=64, blank=True)
    device_bound_at = models.DateTimeField(_("exam computer bound at"), null=True, blank=True)
    authorized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authorised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("authorize_attempt", _("Can let a checked-in candidate start an attempt")),
            ("invigilate_attempt", _("Can pause, resume and extend attempts")),
            ("void_attempt", _("Can void attempts")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AttemptStatus.values), name="attempt_status_valid"
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=~Q(status="voided"),
                name="attempt_one_live_per_registration",
            ),
            models.CheckConstraint(condition=~Q(seed=""), name="attempt_has_seed"),
            models.CheckConstraint(
                condition=Q(time_allowed_seconds__gte=60), name="attempt_time_allowed_minimum"
            ),
            models.CheckConstraint(
                condition=Q(status="ready", started_at__isnull=True, deadline_at__isnull=True)
                | Q(status="voided")
                | Q(
                    status__in=[s.value for s in STARTED_STATUSES],
                    started_at__isnull=False,
                    deadline_at__isnull=False,
                ),
                name="attempt_clock_when_started",
            ),
            models.CheckConstraint(
                condition=Q(status="paused", paused_at__isnull=False)
                | (~Q(status="paused") & Q(paused_at__isnull=True)),
                name="attempt_paused_has_time",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[s.value for s in ENDED_STATUSES], submitted_at__isnull=False
                )
                | Q(status__in=["ready", "in_progress", "paused"], submitted_at__isnull=True)
                | Q(status="voided"),
                name="attempt_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(status="voided", voided_at__isnull=False)
                | (~Q(status="voided") & Q(voided_at__isnull=True)),
                name="attempt_voided_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline_at"])]

    def __str__(self) -> str:
        return f"{self.form} · {self.candidate}"

    @property
    def clock(self) -> AttemptClock:
        return AttemptClock(
            started_at=self.started_at,
            time_allowed_seconds=self.time_allowed_seconds,
            extended_seconds=self.extended_seconds,
            paused_seconds=self.paused_seconds,
            paused_at=self.paused_at,
        )

    @property
    def is_running(self) -> bool:
        """Started and not yet ended (in progress or paused)."""
        return self.status in (A.IN_PROGRESS, A.PAUSED)


class ScoreStatus(models.TextChoices):
    SCORED = "scored", _("Scored")
    UNANSWERED = "unanswered", _("Unanswered")
    NEEDS_MARKING = "needs_marking", _("Awaiting markers")


class Response(models.Model):
    """A candidate's latest answer to one form item; ``seq`` numbers the browser's saves.

    The browser numbers each change of an answer; a save whose ``seq`` is not above the stored
    one is acknowledged without overwriting (retries and out-of-order arrivals are harmless).
    Every accepted save is also logged as an :class:`AttemptEvent`.
    """

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.PROTECT, related_name="responses"
    )
    form_item = models.ForeignKey(
        FormItem, verbose_name=_("form item"), on_delete=models.PROTECT, related_name="responses"
    )
    answer = models.JSONField(_("answer"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("save number"))
    saved_at = models.DateTimeField(_("saved at"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    score_status = models.CharField(
        _("scoring"), max_length=20, choices=ScoreStatus.choices, blank=True
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["attempt", "form_item__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "form_item"], name="response_one_per_item"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="response_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.form_item} · #{self.seq}"


class AttemptEventKind(models.TextChoices):
    AUTHORIZE = "authorize", _("Authorised")
    START = "start", _("Started")
    PAUSE = "pause", _("Paused")
    RESUME = "resume", _("Resumed")
    EXTEND = "extend", _("Extended")
    SAVE = "save", _("Answer saved")
    SUBMIT = "submit", _("Submitted")
    AUTO_SUBMIT = "auto_submit", _("Submitted when time ran out")
    VOID = "void", _("Voided")
    DEVICE_BIND = "device_bind", _("Opened on an exam computer")
    DEVICE_RELEASE = "device_release", _("Released to move to another computer")


class AttemptEvent(AppendOnlyModel):
    """What happened to an attempt, by whom and when (server time). Append-only."""

    immutable_message = "Attempt events are append-only."

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=20, choices=AttemptEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("attempt event")
        verbose_name_plural = _("attempt events")
        ordering = ["attempt", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttemptEventKind.values), name="attemptevent_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.kind} · {self.at:%H:%M:%S}"


# --- the exam-day room: forms attached to sessions, check-in, incidents ----------------------------


class SessionForm(models.Model):
    """A published form attached to a session; each authorised candidate sits one of them.

    With several parallel forms attached, neighbouring seats get different forms
    (:func:`aicert.delivery.selectors.session_form_for_registration`).
    """

    center_scope = "session__room__venue__center"

    session = models.ForeignKey(
        "scheduling.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="session_forms",
    )
    form = models.ForeignKey(
        Form, verbose_name=_("form"), on_delete=models.PROTECT, related_name="session_forms"
    )
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attached by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    attached_at = models.DateTimeField(_("attached at"))

    class Meta:
        verbose_name = _("session form")
        verbose_name_plural = _("session forms")
        ordering = ["session", "form__code"]
        permissions = [("attach_session_form", _("Can attach forms to sessions"))]
        constraints = [
            models.UniqueConstraint(fields=["session", "form"], name="sessionform_unique_form")
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.form}"


class CheckInPolicy(models.Model):
    """When check-in opens and when a late candidate is turned away, as data (one in force).

    A candidate checked in after the session's start is marked late; after
    ``late_cutoff_minutes`` check-in is refused unless a center manager overrides it with a
    reason.
    """

    name = models.CharField(_("name"), max_length=100)
    opens_minutes_before = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), default=60
    )
    late_cutoff_minutes = models.PositiveSmallIntegerField(
        _("late arrivals admitted for (minutes after the start)"), default=15
    )
    is_active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in policy")
        verbose_name_plural = _("check-in policies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="checkin_policy_one_active"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CheckInOutcome(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class CheckIn(models.Model):
    """How a registration was handled at the door: present (perhaps late) or absent, by whom.

    One row per registration, updated if an absent candidate arrives after all; the audit
    trail keeps every change.
    """

    center_scope = "registration__session__room__venue__center"

    registration = models.OneToOneField(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="check_in",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=CheckInOutcome.choices)
    late = models.BooleanField(_("late"), default=False)
    id_checked = models.BooleanField(_("photo ID checked"), default=False)
    override_reason = models.TextField(_("reason for admitting after the cut-off"), blank=True)
    # Empty when the session-end job marked the candidate absent.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-recorded_at"]
        permissions = [
            ("check_in_candidate", _("Can check candidates in and mark them absent")),
            ("override_check_in_cutoff", _("Can admit a candidate after the late cut-off")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=CheckInOutcome.values), name="checkin_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome="present", id_checked=True) | Q(outcome="absent", late=False),
                name="checkin_present_has_id_checked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} · {self.outcome}"


class IncidentKind(models.TextChoices):
    ENVIRONMENT = "environment", _("Environment")
    EXAMINEE = "examinee", _("Examinee")
    INVIGILATOR = "invigilator", _("Invigilator")
    TECHNICAL = "technical", _("Technical")


class Incident(models.Model):
    """Something that happened in the room during a session, reported by an invigilator."""

    center_scope = "session__room__venue__center"

    session = models.ForeignKey(
        "scheduling.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    occurred_at = models.DateTimeField(_("time"))
    description = models.TextField(_("description"))
    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["session", "occurred_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=IncidentKind.values), name="incident_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(description=""), name="incident_has_description"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.kind} · {self.occurred_at:%H:%M}"
