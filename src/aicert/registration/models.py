"""Candidates' profiles and consent, registrations for sessions, the waitlist, refunds, groups.

Identity numbers are stored encrypted (:mod:`aicert.registration.crypto`) with a keyed hash for
uniqueness; they are shown only masked (``A12****789``).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from aicert.registration import crypto, identity, seating
from aicert.shared.i18n import is_english, localized

# The privacy notice in force; consent is recorded against this version, and a new version asks
# everyone again before their next registration.
PRIVACY_NOTICE_VERSION = "2026-01"


class IdKind(models.TextChoices):
    NATIONAL_ID = identity.IdKind.NATIONAL_ID.value, _("National ID")
    ARC_NEW = identity.IdKind.ARC_NEW.value, _("Resident certificate (since 2021)")
    ARC_OLD = identity.IdKind.ARC_OLD.value, _("Resident certificate (older format)")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another gender")
    NOT_STATED = "not_stated", _("Prefer not to say")


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
    # Optional and self-declared; used only to check that questions are fair to all groups
    # (differential item functioning analysis), never shown to centers or employers.
    gender = models.CharField(
        _("gender (optional)"),
        max_length=20,
        choices=Gender.choices,
        blank=True,
        help_text=_(
            "Optional. Used only, without your name, to check that exam questions are equally "
            "fair to everyone (differential item functioning analysis)."
        ),
    )
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
        return localized(self, "legal_name")

    def set_id_number(self, normalised: str, kind: str) -> None:
        """Store a validated, normalised number encrypted, with its lookup hash."""
        self.id_kind = kind
        self.id_number_encrypted = crypto.encrypt(normalised)
        self.id_number_hash = crypto.index_hash(normalised)


class ConsentPurpose(models.TextChoices):
    EXAM_REGISTRATION = "exam_registration", _("Exam registration and certification")
    HEALTH_DATA = "health_data", _("Health data for exam accommodations")


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

    Without a row here, a candidate does not hold the level; with one, the level counts unless
    its certificate is revoked or suspended (:func:`aicert.registration.selectors.candidate_holds_level`
    asks the credentials app through :mod:`aicert.registration.extensions`).
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
# Registrations that get a seat and an admission ticket.
TICKET_STATUSES = (S.CONFIRMED, S.CHECKED_IN, S.SAT, S.ABSENT)
# A candidate's outstanding booking for a subject: at most one at a time (the "sitting" rule).
ACTIVE_STATUSES = (S.PENDING_PAYMENT, S.CONFIRMED, S.OFFERED, S.WAITLISTED, S.CHECKED_IN)


class CancellationKind(models.TextChoices):
    CANDIDATE = "candidate", _("Cancelled by the candidate")
    DOCUMENTED = "documented", _("Cancelled for a documented reason")
    OFFER_EXPIRED = "offer_expired", _("Waiting-list offer expired")
    STAFF = "staff", _("Cancelled by staff")
    UNPAID = "unpaid", _("Not paid by the payment deadline")


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
        permissions = [
            ("assign_seats", _("Can assign seats")),
            ("print_tickets", _("Can print admission tickets")),
        ]
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
    def in_separate_room(self) -> bool:
        """Seated in the session's separate room (``SR-n``), not in the room's grid."""
        return seating.is_separate_room_seat(self.seat_label)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


# --- Accommodations ---------------------------------------------------------------------------

# The written consent to processing health data (PDPA Art. 6: "sensitive" data needs its own,
# separate written consent). Bump the version when the text in
# ``registration/health_consent_notice.html`` changes: candidates are then asked again.
HEALTH_CONSENT_VERSION = "2026-01"

# Supporting documents: what a candidate may upload (checked by extension AND by content).
ACCOMMODATION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
ACCOMMODATION_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
ACCOMMODATION_DOCUMENTS_PER_REQUEST = 5


class PrivateFileStorage(FileSystemStorage):
    """Files kept outside ``MEDIA_ROOT`` and without any URL: served only by permission-checked views.

    The directory is ``settings.PRIVATE_FILES_ROOT`` (default ``<VAR_DIR>/private``), read on
    each access so tests can point it at a temporary directory.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(getattr(settings, "PRIVATE_FILES_ROOT", Path(settings.VAR_DIR) / "private"))

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):  # noqa: ARG002
        raise ValueError("Private files have no public URL; use the permission-checked view.")


def private_storage() -> PrivateFileStorage:
    return PrivateFileStorage()


class ExtraTime(models.IntegerChoices):
    NONE = 0, _("No extra time")
    QUARTER = 25, _("+25 % time")
    HALF = 50, _("+50 % time")


class AccommodationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Replaced by a newer decision")


class AccommodationRequest(models.Model):
    """A candidate's request for exam accommodations, decided by the foundation.

    It belongs to the candidate, not to one registration: an approved accommodation applies to
    every sitting up to ``valid_until`` (empty: no end). Most conditions that need one last, and
    one review per person means the health documents are handled once, not once per exam
    (data minimisation); a temporary need (a broken arm) gets an end date from the approver.

    ``details`` and the documents are health data: only the candidate and foundation admins see
    them. Center managers see only the resulting needs (:meth:`needs_summary`).
    At most one request is pending and one approved per candidate (a new approval supersedes
    the previous one).
    """

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="accommodation_requests",
    )
    extra_time_percent = models.PositiveSmallIntegerField(
        _("extra time"), choices=ExtraTime.choices, default=ExtraTime.NONE
    )
    separate_room = models.BooleanField(_("separate room"), default=False)
    large_print = models.BooleanField(_("large print"), default=False)
    accessible_seat = models.BooleanField(_("wheelchair-accessible seat"), default=False)
    details = models.TextField(_("what you need and why"), blank=True)
    health_consent = models.ForeignKey(
        ConsentRecord,
        verbose_name=_("consent to processing health data"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccommodationStatus.choices,
        default=AccommodationStatus.PENDING,
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("accommodation request")
        verbose_name_plural = _("accommodation requests")
        ordering = ["-created_at", "-pk"]
        permissions = [("decide_accommodationrequest", _("Can decide accommodation requests"))]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(status="pending"),
                name="accommodation_one_pending",
            ),
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(status="approved"),
                name="accommodation_one_approved",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AccommodationStatus.values),
                name="accommodation_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(extra_time_percent__in=ExtraTime.values),
                name="accommodation_extra_time_valid",
            ),
            models.CheckConstraint(
                condition=Q(extra_time_percent__gt=0)
                | Q(separate_room=True)
                | Q(large_print=True)
                | Q(accessible_seat=True),
                name="accommodation_asks_for_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.needs_summary()} · {self.get_status_display()}"

    def needs_summary(self) -> str:
        """The needs without any health detail, e.g. "+25 % time, separate room"."""

        return (", " if is_english() else "、").join(str(need) for need in self.needs())

    def needs(self) -> list:
        parts: list = []
        if self.extra_time_percent:
            parts.append(ExtraTime(self.extra_time_percent).label)
        if self.separate_room:
            parts.append(_("separate room"))
        if self.large_print:
            parts.append(_("large print"))
        if self.accessible_seat:
            parts.append(_("wheelchair-accessible seat"))
        return parts


def _accommodation_document_path(instance: AccommodationDocument, filename: str) -> str:
    # A random name: the original one (often the diagnosis) stays in the database only.
    suffix = Path(filename).suffix.lower()
    return f"accommodations/{instance.request.candidate_id}/{uuid.uuid4().hex}{suffix}"


class AccommodationDocument(models.Model):
    """A supporting document (medical certificate, disability card) for an accommodation request.

    Stored in :class:`PrivateFileStorage`, never under ``MEDIA_ROOT``; downloaded only through
    ``registration:accommodation_document`` by the candidate or a foundation admin.
    """

    request = models.ForeignKey(
        AccommodationRequest,
        verbose_name=_("accommodation request"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=_accommodation_document_path, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class RegistrationNotice(models.Model):
    """A once-only email sent about a registration (ticket ready, reminder): the idempotency marker.

    The row is created in the same transaction that enqueues the email; the unique constraint
    makes a second run of the periodic job (or two at once) send nothing more.
    """

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=30)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration notice")
        verbose_name_plural = _("registration notices")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="notice_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} · {self.kind}"
