"""Certificates: the credential a level pass earns, its validity periods and its status history."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.registration.models import private_storage

# One bitstring status list holds this many entries (the W3C minimum for herd privacy, 16 KiB).
STATUS_LIST_SIZE = 131_072


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("certificate status", "Valid")
    EXPIRED = "expired", pgettext_lazy("certificate status", "Expired")
    SUSPENDED = "suspended", pgettext_lazy("certificate status", "Suspended")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")


class Publication(models.TextChoices):
    """What the public verification page shows of the holder (the holder chooses)."""

    # Default: the name is never shown; a visitor who typed the right name is told it matches.
    TYPED = "typed", _("My name only to someone who types it")
    NAME = "name", _("My name to anyone with the link")
    STATUS_ONLY = "status_only", _("Only whether it is valid")


class Certificate(models.Model):
    """A person's certificate of one level: one per holder and level, renewed in place.

    The number never changes: a renewal extends the same certificate with a newer validity
    period (``valid_from``/``expires_on``; each period is a :class:`CertificateEvent`). A revoked
    certificate stays (its number must keep answering "revoked"); passing again later issues a
    new certificate with a new number.
    """

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # The names printed on the certificate, as they were when it was issued (legal names).
    holder_name_zh = models.CharField(_("holder's name (Chinese)"), max_length=100, blank=True)
    holder_name_en = models.CharField(_("holder's name (English)"), max_length=100, blank=True)
    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ACTIVE,
    )
    issued_on = models.DateField(_("first issued on"))
    valid_from = models.DateField(_("valid from"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"))
    status_reason = models.TextField(_("reason for the status"), blank=True)
    # The level result (or other basis: "import:...", "renewal:...") the current period rests on.
    basis = models.CharField(_("basis"), max_length=200)
    # Its entry in the bitstring status lists (revocation and suspension share the index).
    status_list_number = models.PositiveIntegerField(_("status list"), default=1)
    status_list_index = models.PositiveIntegerField(_("status list index"))
    publication = models.CharField(
        _("public verification page shows"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.TYPED,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list_number", "status_list_index"],
                name="certificate_unique_status_entry",
            ),
            # At most one certificate of a level that is not revoked per holder.
            models.UniqueConstraint(
                fields=["holder", "level"],
                condition=~models.Q(status="revoked"),
                name="certificate_one_standing_per_level",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("valid_from")),
                name="certificate_expires_after_valid_from",
            ),
            models.CheckConstraint(
                condition=models.Q(status_list_index__lt=STATUS_LIST_SIZE),
                name="certificate_status_index_in_list",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_on"], name="certificate_status_exp")]
        permissions = [
            ("change_certificate_status", _("Can suspend, reinstate and revoke certificates")),
        ]

    def __str__(self) -> str:
        return self.number


class CertificateEventKind(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("certificate event", "Issued")
    RENEWED = "renewed", pgettext_lazy("certificate event", "Renewed")
    EXPIRED = "expired", pgettext_lazy("certificate event", "Expired")
    SUSPENDED = "suspended", pgettext_lazy("certificate event", "Suspended")
    REINSTATED = "reinstated", pgettext_lazy("certificate event", "Reinstated")
    REVOKED = "revoked", pgettext_lazy("certificate event", "Revoked")


class CertificateEvent(models.Model):
    """One entry of a certificate's history, shown to its holder (the audit trail has the rest)."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    kind = models.CharField(_("event"), max_length=20, choices=CertificateEventKind.choices)
    at = models.DateTimeField(_("at"))
    valid_from = models.DateField(_("valid from"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["certificate", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.kind}"


class CpdStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("CPD record", "Submitted")
    APPROVED = "approved", pgettext_lazy("CPD record", "Approved")
    REJECTED = "rejected", pgettext_lazy("CPD record", "Rejected")


# A CPD record's certificate of attendance: a PDF or an image, at most this big.
CPD_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def _cpd_evidence_path(instance: CpdRecord, filename: str) -> str:
    # A random name: the original one stays in the database only.
    return f"cpd/{instance.holder_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:8]}"


class CpdRecord(models.Model):
    """Training hours (continuing professional development) a holder reports to renew.

    A record counts toward the validity period it was submitted in (``period_expires_on``, the
    certificate's expiry then): once the certificate is renewed, its hours are spent.
    """

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="cpd_records",
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="cpd_records",
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    activity = models.CharField(_("activity"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    completed_on = models.DateField(_("completed on"))
    period_expires_on = models.DateField(_("counts toward the period ending"))
    status = models.CharField(
        _("status"), max_length=20, choices=CpdStatus.choices, default=CpdStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(pgettext_lazy("CPD record", "submitted at"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("CPD record", "reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    # The certificate of attendance the holder attached (private storage, no URL: served only
    # to the holder and the foundation's reviewers by ``credentials:cpd_evidence``).
    evidence = models.FileField(
        pgettext_lazy("CPD record", "certificate of attendance"),
        storage=private_storage,
        upload_to=_cpd_evidence_path,
        max_length=200,
        blank=True,
    )
    evidence_name = models.CharField(
        pgettext_lazy("CPD record", "file name"), max_length=200, blank=True
    )
    evidence_content_type = models.CharField(
        pgettext_lazy("CPD record", "file type"), max_length=50, blank=True
    )

    class Meta:
        verbose_name = _("CPD record")
        verbose_name_plural = _("CPD records")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=200),
                name="cpd_hours_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status="submitted") | models.Q(decided_at__isnull=False),
                name="cpd_decided_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="cpd_status_submitted")]
        permissions = [("review_cpdrecord", _("Can approve and reject CPD records"))]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.hours} h · {self.activity}"


class ReminderOffset(models.Model):
    """How many days before expiry a holder is reminded to renew (data: 90, 30, 7 by default)."""

    days_before = models.PositiveSmallIntegerField(_("days before expiry"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        ordering = ["-days_before"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days_before__gte=1), name="reminder_offset_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.days_before}"


class ReminderSent(models.Model):
    """One expiry reminder sent: a certificate is reminded once per offset and period."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    expires_on = models.DateField(_("expires on"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("expiry reminder sent")
        verbose_name_plural = _("expiry reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before", "expires_on"],
                name="reminder_once_per_offset_and_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.days_before}"


class SigningKey(models.Model):
    """A public key the platform signs credentials with, published at the issuer profile.

    The private key is never stored here: it comes from ``AICERT_SIGNING_KEY`` or the file
    ``AICERT_SIGNING_KEY_FILE`` (:mod:`aicert.credentials.keys`). One key is current (no
    ``retired_at``); a rotation retires it, and retired keys stay published so every credential
    they signed still verifies.
    """

    # The fragment of the verificationMethod URL (``<issuer>#<kid>``): the public Multikey itself.
    kid = models.CharField(_("key id"), max_length=64, unique=True)
    public_key_multibase = models.CharField(_("public key (Multikey)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    retired_at = models.DateTimeField(
        pgettext_lazy("signing key", "retired at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["retired_at"],
                condition=models.Q(retired_at__isnull=True),
                name="signingkey_one_current",
            ),
        ]

    def __str__(self) -> str:
        return self.kid
