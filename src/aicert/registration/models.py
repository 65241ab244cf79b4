"""Candidates' profiles and consent, registrations for sessions, the waitlist, refunds, groups.

Identity numbers are stored encrypted (:mod:`aicert.registration.crypto`) with a keyed hash for
uniqueness; they are shown only masked (``A12****789``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from aicert.registration import crypto, identity

# The privacy notice in force; consent is recorded against this version, and a new version asks
# everyone again before their next registration.
PRIVACY_NOTICE_VERSION = "2026-01"


class IdKind(models.TextChoices):
    NATIONAL_ID = identity.IdKind.NATIONAL_ID.value, _("National ID")
    ARC_NEW = identity.IdKind.ARC_NEW.value, _("Resident certificate (since 2021)")
    ARC_OLD = identity.IdKind.ARC_OLD.value, _("Resident certificate (older format)")


class CandidateProfile(models.Model):
    """What a candidate tells us once: legal names, identity number, birth date, contact.

    ``id_number_encrypted`` holds a Fernet token; ``id_number_hash`` an HMAC-SHA256 of the
    normalised number (unique: one person, one profile). Read the number through
    :attr:`id_number` and show it through :attr:`id_number_masked`.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="candidate_profile",
    )
    legal_name_zh = models.CharField(_("legal name (Chinese)"), max_length=100, blank=True)
    legal_name_en = models.CharField(
        _("legal name (English, as in passport)"), max_length=150, blank=True
    )
    id_kind = models.CharField(_("identity document"), max_length=20, choices=IdKind.choices)
    id_number_encrypted = models.TextField(_("identity number (encrypted)"), editable=False)
    id_number_hash = models.CharField(
        _("identity number lookup hash"), max_length=64, unique=True, editable=False
    )
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=30)
    county = models.ForeignKey(
        "centers.County",
        verbose_name=_("county or city of residence"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    organisation_name = models.CharField(_("school or employer"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_name_zh="") | ~Q(legal_name_en=""),
                name="profile_has_a_legal_name",
            ),
            models.CheckConstraint(condition=Q(id_kind__in=IdKind.values), name="profile_id_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.legal_name_zh or self.legal_name_en} ({self.id_number_masked})"

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_encrypted) if self.id_number_encrypted else ""

    @property
    def id_number_masked(self) -> str:
        return identity.mask(self.id_number)

    @property
    def legal_name(self) -> str:
        from aicert.portal.i18n import localized

        return localized(self, "legal_name")

    def set_id_number(self, normalised: str, kind: str) -> None:
        """Store a validated, normalised number encrypted, with its lookup hash."""
        self.id_kind = kind
        self.id_number_encrypted = crypto.encrypt(normalised)
        self.id_number_hash = crypto.index_hash(normalised)


class ConsentPurpose(models.TextChoices):
    EXAM_REGISTRATION = "exam_registration", _("Exam registration and certification")


class ConsentRecord(models.Model):
    """Explicit consent to a version of the privacy notice for a purpose (PDPA Art. 8). Append-only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose.choices)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "notice_version", "purpose"], name="consent_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.notice_version} · {self.purpose}"


class DeletionRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSED = "processed", _("Processed")
    REFUSED = "refused", _("Refused")


class DeletionRequest(models.Model):
    """A candidate's request to delete their personal data, processed later by the foundation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="deletion_requests",
    )
    user_email = models.EmailField(_("email at the time of the request"))
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeletionRequestStatus.choices,
        default=DeletionRequestStatus.PENDING,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("processed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_note = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="deletion_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_email} · {self.get_status_display()}"


class LevelAchievement(models.Model):
    """A level a person holds (passed), checked for prerequisites.

    A stand-in until the credentials app issues certificates: then the "holds level" selector
    (:func:`aicert.registration.selectors.candidate_holds_level`) will also read certificates.
    Without a row here, a candidate does not hold the level.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="level_achievements",
    )
    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    achieved_on = models.DateField(_("passed on"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("level achievement")
        verbose_name_plural = _("level achievements")
        constraints = [
            models.UniqueConstraint(fields=["user", "level"], name="achievement_unique_level")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.level}"


class RefundPolicy(models.Model):
    """How much of a paid fee comes back on cancellation, as data the foundation edits.

    Full refund until ``full_refund_days_before`` days before the exam; after that,
    ``documented_reason_percent`` for a documented reason (illness, bereavement…), else nothing.
    Exactly one policy is active at a time.
    """

    name = models.CharField(_("name"), max_length=100)
    full_refund_days_before = models.PositiveSmallIntegerField(
        _("full refund until (days before the exam)"), default=14
    )
    documented_reason_percent = models.PositiveSmallIntegerField(
        _("refund for a documented reason (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    is_active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("refund policy")
        verbose_name_plural = _("refund policies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="refund_policy_one_active"
            ),
            models.CheckConstraint(
                condition=Q(documented_reason_percent__lte=100), name="refund_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GroupBooking(models.Model):
    """A school or employer registering its people together with a shared code.

    Candidates enter the code when they register; ``seats_reserved`` (if set) caps how many
    registrations may use it, counted under the booking's row lock.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("school or employer"),
        on_delete=models.PROTECT,
        related_name="group_bookings",
        limit_choices_to={"kind__in": ["school", "employer"]},
    )
    code = models.SlugField(_("group code"), max_length=20, unique=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    seats_reserved = models.PositiveSmallIntegerField(
        _("places for this group"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("group booking")
        verbose_name_plural = _("group bookings")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.organisation}"


class RegistrationStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Pending payment")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Seat offered from the waiting list")
    CHECKED_IN = "checked_in", _("Checked in")
    SAT = "sat", _("Sat the exam")
    ABSENT = "absent", _("Absent")
    CANCELLED = "cancelled", _("Cancelled")
    TRANSFERRED = "transferred", _("Transferred")


S = RegistrationStatus
# Registrations that occupy a seat in their session (counted against capacity).
SEAT_HOLDING_STATUSES = (S.PENDING_PAYMENT, S.CONFIRMED, S.OFFERED, S.CHECKED_IN, S.SAT, S.ABSENT)
# A candidate's outstanding booking for a subject: at most one at a time (the "sitting" rule).
ACTIVE_STATUSES = (S.PENDING_PAYMENT, S.CONFIRMED, S.OFFERED, S.WAITLISTED, S.CHECKED_IN)


class CancellationKind(models.TextChoices):
    CANDIDATE = "candidate", _("Cancelled by the candidate")
    DOCUMENTED = "documented", _("Cancelled for a documented reason")
    OFFER_EXPIRED = "offer_expired", _("Waiting-list offer expired")
    STAFF = "staff", _("Cancelled by staff")


class Registration(models.Model):
    """A candidate's place in a session, or on its waiting list.

    pending_payment -> confirmed -> checked_in -> sat | absent (later apps); waitlisted ->
    offered (a freed seat, until ``offer_expires_at``) -> pending_payment/confirmed; any active
    one -> cancelled | transferred. ``subject`` repeats the session's subject so the database can
    enforce one active registration per candidate and subject. ``seat_label`` and the fee fields
    are for seat assignment and payment reconciliation.
    """

    center_scope = "session__room__venue__center"

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    session = models.ForeignKey(
        "scheduling.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    subject = models.ForeignKey(
        "catalog.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    group = models.ForeignKey(
        GroupBooking,
        verbose_name=_("group booking"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    fee_amount = models.PositiveIntegerField(_("fee (NTD)"), default=0)
    amount_paid = models.PositiveIntegerField(_("amount paid (NTD)"), default=0)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refund_amount = models.PositiveIntegerField(_("refund (NTD)"), null=True, blank=True)
    # NULL until a seat is assigned: unique per session only among assigned seats.
    seat_label = models.CharField(_("seat"), max_length=8, null=True, blank=True)  # noqa: DJ001
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    cancellation_kind = models.CharField(
        _("cancellation"), max_length=20, choices=CancellationKind.choices, blank=True
    )
    cancellation_reason = models.TextField(_("cancellation reason"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    transferred_to = models.OneToOneField(
        "self",
        verbose_name=_("transferred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_from",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "subject"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active_per_subject",
            ),
            models.UniqueConstraint(
                fields=["session", "seat_label"],
                condition=Q(seat_label__isnull=False),
                name="registration_unique_seat",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_deadline",
            ),
            models.CheckConstraint(
                condition=Q(refund_amount__isnull=True) | Q(refund_amount__lte=F("amount_paid")),
                name="registration_refund_within_paid",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.session} · {self.get_status_display()}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
