"""Employers and talent: employer sign-up, certificate verification (one, bulk, API) and the
consent-first talent search with its logs and contact requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.audit.models import AppendOnlyModel


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("employer application", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("employer application", "Approved")
    REJECTED = "rejected", pgettext_lazy("employer application", "Rejected")


class EmployerApplication(models.Model):
    """A company's request to use the employer pages; the applicant becomes its recruiter once
    the foundation approves it (an employer :class:`~aicert.accounts.models.Organisation` is
    created then)."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="employer_applications",
    )
    name_zh = models.CharField(_("company name (Chinese)"), max_length=200)
    name_en = models.CharField(_("company name (English)"), max_length=200)
    tax_id = models.CharField(_("business number"), max_length=8)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note to the applicant"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("employer application")
        verbose_name_plural = _("employer applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=Q(status="pending"),
                name="employerapplication_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="employerapplication_status_valid",
            ),
        ]
        permissions = [("decide_employerapplication", _("Can approve employer applications"))]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.tax_id})"


class BulkStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("bulk verification", "Queued")
    RUNNING = "running", pgettext_lazy("bulk verification", "Running")
    DONE = "done", pgettext_lazy("bulk verification", "Done")
    FAILED = "failed", pgettext_lazy("bulk verification", "Failed")


class BulkVerification(models.Model):
    """One uploaded file of (certificate number, holder name) rows, checked in the background.

    ``rows`` holds the parsed rows (``{"line", "cells", "number", "name"}``) and ``errors`` the
    lines that could not be checked; what each row answered is in its
    :class:`BulkVerificationChunk` (one row per chunk checked, so saving the progress of a
    10,000-row file writes each answer once instead of rewriting all of them every chunk).
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=200)
    header = models.JSONField(_("header"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BulkStatus.choices, default=BulkStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    valid_count = models.PositiveIntegerField(_("valid"), default=0)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    errors = models.JSONField(_("bad rows"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk verification")
        verbose_name_plural = _("bulk verifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed_rows__lte=models.F("total_rows")),
                name="bulkverification_progress_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == BulkStatus.DONE else 0
        return int(100 * self.processed_rows / self.total_rows)


class BulkVerificationChunk(AppendOnlyModel):
    """The answers to one chunk of a bulk verification's rows (``index`` 0, 1, ... in file
    order), written once when the chunk has been checked.

    ``results`` holds one ``{"line", "status", "level", "issued_on", "valid_from",
    "expires_on", "status_changed_on"}`` per row of the chunk.
    """

    bulk = models.ForeignKey(
        BulkVerification,
        verbose_name=_("bulk verification"),
        on_delete=models.CASCADE,
        related_name="chunks",
    )
    index = models.PositiveIntegerField(_("chunk"))
    results = models.JSONField(_("answers"), default=list, blank=True)

    class Meta:
        verbose_name = _("bulk verification chunk")
        verbose_name_plural = _("bulk verification chunks")
        ordering = ["bulk", "index"]
        constraints = [
            models.UniqueConstraint(fields=["bulk", "index"], name="bulkverificationchunk_once"),
        ]

    def __str__(self) -> str:
        return f"{self.bulk_id}#{self.index}"


class ApiKey(models.Model):
    """A secret an organisation's systems send as ``Authorization: Bearer <key>``.

    Only the SHA-256 of the key is stored: the key is 32 random bytes (256 bits), so no guessing
    or dictionary attack is possible and a slow password hash would only slow every call down.
    ``prefix`` (the first characters) lets people tell their keys apart.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=16)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiCall(models.Model):
    """One call of the verification API (refused ones too), for the foundation to see."""

    key = models.ForeignKey(
        ApiKey, verbose_name=_("API key"), on_delete=models.CASCADE, related_name="calls"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), db_index=True)
    count = models.PositiveIntegerField(_("certificates checked"), default=0)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(_("response status"))

    class Meta:
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["key", "at"], name="apicall_key_at")]

    def __str__(self) -> str:
        return f"{self.key_id} · {self.at:%Y-%m-%d %H:%M:%S} · {self.status_code}"


class TalentConsent(models.Model):
    """A holder's agreement (to one version of the text) to be found by employers.

    Withdrawal sets ``withdrawn_at``; the row stays as the record of what was agreed and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="talent_consents",
    )
    version = models.PositiveSmallIntegerField(_("version of the text"))
    text = models.TextField(_("text agreed to"))
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("talent search consent")
        verbose_name_plural = _("talent search consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(withdrawn_at__isnull=True),
                name="talentconsent_one_standing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · v{self.version}"


class TalentProfile(models.Model):
    """What a holder lets employers see about them (nothing of it is contact data)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="talent_profile",
    )
    show_name = models.BooleanField(_("my name"), default=False)
    show_county = models.BooleanField(_("my county or city"), default=True)
    show_levels = models.BooleanField(_("the levels I hold"), default=True)
    show_domains = models.BooleanField(
        _("my domain strengths from released score reports"), default=True
    )
    show_selfassess = models.BooleanField(_("my latest self-assessment profile"), default=False)
    headline = models.CharField(_("headline"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")

    def __str__(self) -> str:
        return f"#{self.pk}"


class ViewKind(models.TextChoices):
    SEARCH_RESULT = "search", pgettext_lazy("talent view", "Shown in search results")
    PROFILE = "profile", pgettext_lazy("talent view", "Profile opened")


class TalentSearch(models.Model):
    """One search a recruiter ran: who, for which organisation, with which filters."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filters = models.JSONField(_("filters"), default=dict)
    result_count = models.PositiveIntegerField(_("people found"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("talent search")
        verbose_name_plural = _("talent searches")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation_id} · {self.at:%Y-%m-%d %H:%M}"


class TalentView(models.Model):
    """A holder shown to an organisation (in a search's results, or their profile opened)."""

    profile = models.ForeignKey(
        TalentProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="views"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    search = models.ForeignKey(
        TalentSearch,
        verbose_name=_("search"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="views",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ViewKind.choices)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("talent view")
        verbose_name_plural = _("talent views")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["profile", "at"], name="talentview_profile_at")]

    def __str__(self) -> str:
        return f"{self.profile_id} · {self.organisation_id} · {self.kind}"


class ContactStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("contact request", "Awaiting your answer")
    ACCEPTED = "accepted", pgettext_lazy("contact request", "Accepted")
    DECLINED = "declined", pgettext_lazy("contact request", "Declined")


class ContactRequest(models.Model):
    """A recruiter's message to a holder, delivered through the platform.

    The holder sees only the organisation's name until they accept; then the message, and they
    may share their e-mail address (``shared_email``), which only then reaches the recruiter.
    """

    profile = models.ForeignKey(
        TalentProfile,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    shared_email = models.EmailField(_("e-mail shared"), blank=True)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organisation"],
                condition=Q(status="pending"),
                name="contactrequest_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ContactStatus.values), name="contactrequest_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(shared_email="") | Q(status="accepted"),
                name="contactrequest_email_only_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.profile_id} · {self.status}"


class JobPosting(models.Model):
    """An approved employer's opening: which levels (and, optionally, competency domains) it
    hires for, where, until when. Holders with a valid certificate of one of the levels who
    live in its region (its county, when one is given) see it on their talent page; it shows
    nothing but what the employer wrote here and the organisation's name. The foundation can
    hide one (it stays, for the record, and the employer sees why)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="job_postings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("job posting", "posted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    title = models.CharField(pgettext_lazy("job posting", "job title"), max_length=120)
    description = models.TextField(pgettext_lazy("job posting", "description"), max_length=4000)
    link = models.URLField(pgettext_lazy("job posting", "link to the full posting"), blank=True)
    levels = models.ManyToManyField(
        "catalog.Level",
        verbose_name=pgettext_lazy("job posting", "levels wanted"),
        related_name="+",
    )
    domains = models.ManyToManyField(
        "catalog.CompetencyDomain",
        verbose_name=pgettext_lazy("job posting", "competency domains wanted"),
        related_name="+",
        blank=True,
    )
    region = models.ForeignKey(
        "centers.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    county = models.ForeignKey(
        "centers.County",
        verbose_name=pgettext_lazy("job posting", "county or city (empty: the whole region)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closes_on = models.DateField(pgettext_lazy("job posting", "open until"))
    hidden_at = models.DateTimeField(
        pgettext_lazy("job posting", "hidden at"), null=True, blank=True
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("job posting", "hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.TextField(pgettext_lazy("job posting", "why it is hidden"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["closes_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="jobposting_hidden_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["region", "closes_on"], name="jobposting_region_closes")]
        permissions = [("hide_jobposting", _("Can hide job postings"))]

    def __str__(self) -> str:
        return self.title
