"""Exam sessions: a sitting of one subject in one room at one time, with its registration window."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXAM_LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
# The choices above name each language in itself (as a language switch does); pages that state
# a session's exam language say it in the reader's language instead.
EXAM_LANGUAGE_NAMES = {"zh-hant": _("Traditional Chinese"), "en": _("English")}


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Session(models.Model):
    """A sitting of a subject in a room at a time (Asia/Taipei), with seats and a registration window.

    ``capacity`` never exceeds the room's usable seats: the room lives in another table, so
    :meth:`clean` (called by every service that writes a session) checks it, and the database
    keeps the checks that fit one row (positive capacity, window before the exam, fee >= 0).
    ``duration_minutes`` is copied from the subject when the session is created, so a later
    change to the subject does not move sessions already announced.
    """

    center_scope = "room__venue__center"

    subject = models.ForeignKey(
        "catalog.Subject",
        verbose_name=_("subject"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    room = models.ForeignKey(
        "centers.Room", verbose_name=_("room"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(10)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("seats offered"), validators=[MinValueValidator(1)]
    )
    language = models.CharField(
        _("exam language"), max_length=10, choices=EXAM_LANGUAGES, default="zh-hant"
    )
    fee = models.PositiveIntegerField(_("fee (NTD)"), default=0)
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    ticket_release_on = models.DateField(_("admission tickets released on"))
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("exam session")
        verbose_name_plural = _("exam sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=10), name="session_duration_minimum"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="session_window_order",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__lte=F("starts_at")),
                name="session_window_before_exam",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values), name="session_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.subject} · {local:%Y-%m-%d %H:%M} · {self.room}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def language_name(self) -> str:
        """The exam language, named in the reader's language ("Traditional Chinese", "繁體中文")."""
        return str(EXAM_LANGUAGE_NAMES.get(self.language, self.get_language_display()))

    def registration_open(self, now: dt.datetime | None = None) -> bool:
        """Is the registration window open at ``now``, for a published session?"""
        now = now or timezone.now()
        return (
            self.status == SessionStatus.PUBLISHED
            and self.registration_opens_at <= now < self.registration_closes_at
        )

    def clean(self):
        errors: dict[str, str] = {}
        if self.room_id and self.capacity and self.capacity > self.room.seat_count:
            errors["capacity"] = _("The room has only %(seats)d usable seats.") % {
                "seats": self.room.seat_count
            }
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        elif closes and self.starts_at and closes > self.starts_at:
            errors["registration_closes_at"] = _("Registration must close before the exam starts.")
        if (
            self.ticket_release_on
            and self.starts_at
            and self.ticket_release_on > timezone.localtime(self.starts_at).date()
        ):
            errors["ticket_release_on"] = _(
                "Admission tickets must be released on or before the exam day."
            )
        if self.room_id and self.starts_at and self.duration_minutes:
            clash = (
                Session.objects.filter(
                    room_id=self.room_id,
                    starts_at__lt=self.ends_at,
                    starts_at__gt=self.starts_at - dt.timedelta(hours=12),
                )
                .exclude(status=SessionStatus.CANCELLED)
                .exclude(pk=self.pk)
            )
            if any(other.ends_at > self.starts_at for other in clash):
                errors["starts_at"] = _("The room is already booked for another session then.")
        if errors:
            raise ValidationError(errors)


# --- Invigilation: availability calendars and assignments -------------------------------------

# Half-days of an invigilator's availability calendar, in Taiwan time. The boundary is 13:00 so
# morning sittings (e.g. 09:30–11:00) and afternoon sittings (from 13:30) each fall in one half;
# a sitting across 13:00 needs both halves (adjacent windows merge in the optimiser).
HALF_DAY_BOUNDARY = dt.time(13, 0)


class HalfDay(models.TextChoices):
    MORNING = "am", _("Morning (until 13:00)")
    AFTERNOON = "pm", _("Afternoon and evening (from 13:00)")


class InvigilatorAvailability(models.Model):
    """An invigilator's answer for one half-day: available or not.

    No row means the invigilator has not said, which the optimiser treats as not available:
    nobody is rostered on a day they never offered.
    """

    center_scope = "invigilator__center"

    invigilator = models.ForeignKey(
        "centers.Invigilator",
        verbose_name=_("invigilator"),
        on_delete=models.CASCADE,
        related_name="availability",
    )
    date = models.DateField(_("date"))
    half_day = models.CharField(_("half-day"), max_length=2, choices=HalfDay.choices)
    available = models.BooleanField(_("available"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invigilator availability")
        verbose_name_plural = _("invigilator availability")
        ordering = ["invigilator", "date", "half_day"]
        permissions = [("declare_availability", _("Can declare own availability"))]
        constraints = [
            models.UniqueConstraint(
                fields=["invigilator", "date", "half_day"], name="availability_unique_half_day"
            ),
            models.CheckConstraint(
                condition=Q(half_day__in=HalfDay.values), name="availability_half_day_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invigilator} {self.date:%Y-%m-%d} {self.half_day}"


class InvigilatorRole(models.TextChoices):
    CHIEF = "chief", _("Chief invigilator")
    ASSISTANT = "assistant", _("Invigilator")


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


# Assignments that count as staff in the room (a declined one leaves its place open).
STAFFING_STATUSES = (
    AssignmentStatus.PROPOSED,
    AssignmentStatus.PUBLISHED,
    AssignmentStatus.CONFIRMED,
)


class InvigilatorAssignment(models.Model):
    """Who watches which session's room, as chief or assistant, and where the roster stands.

    proposed (by the optimiser or the manager) -> published (the roster is out) -> confirmed or
    declined by the invigilator. A declined place stays on record and re-opens the slot.
    """

    center_scope = "session__room__venue__center"

    session = models.ForeignKey(
        Session,
        verbose_name=_("exam session"),
        on_delete=models.CASCADE,
        related_name="invigilator_assignments",
    )
    invigilator = models.ForeignKey(
        "centers.Invigilator",
        verbose_name=_("invigilator"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=InvigilatorRole.choices, default=InvigilatorRole.ASSISTANT
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.PROPOSED,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invigilator assignment")
        verbose_name_plural = _("invigilator assignments")
        ordering = ["session", "role", "invigilator"]
        permissions = [("respond_invigilatorassignment", _("Can confirm or decline own duties"))]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "invigilator"], name="assignment_unique_invigilator"
            ),
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(role="chief") & ~Q(status="declined"),
                name="assignment_one_chief",
            ),
            models.CheckConstraint(
                condition=Q(role__in=InvigilatorRole.values), name="assignment_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssignmentStatus.values), name="assignment_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invigilator} · {self.session} · {self.role}"

    @property
    def is_chief(self) -> bool:
        return self.role == InvigilatorRole.CHIEF
