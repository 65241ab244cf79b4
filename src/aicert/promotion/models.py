"""A regional center's promotion: announcements and events (with RSVPs and a waiting list)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aicert.centers.models import County, Region
from aicert.shared.i18n import localized


class Announcement(models.Model):
    """News of a region (or, without a region, of all regions), in Markdown, both languages;
    shown from ``publish_at`` until ``expires_at``, pinned ones first."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="announcements",
        help_text=_("Empty: every region (the foundation only)."),
    )
    title_zh = models.CharField(
        pgettext_lazy("announcement or event", "title (Chinese)"), max_length=200
    )
    title_en = models.CharField(
        pgettext_lazy("announcement or event", "title (English)"), max_length=200, blank=True
    )
    body_zh = models.TextField(_("text (Chinese, Markdown)"))
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    publish_at = models.DateTimeField(_("published from"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("announcement", "author"),
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-publish_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="announcement_expires_after_publish",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def body(self) -> str:
        return localized(self, "body")


class EventKind(models.TextChoices):
    INFO_SESSION = "info_session", _("Information session")
    PREP_WORKSHOP = "prep_workshop", _("Preparation workshop")
    CAMPUS_DAY = "campus_day", _("Campus day")


class Event(models.Model):
    """A promotion event of a region: at a place or online, with a capacity for RSVPs."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="events"
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title_zh = models.CharField(
        pgettext_lazy("announcement or event", "title (Chinese)"), max_length=200
    )
    title_en = models.CharField(
        pgettext_lazy("announcement or event", "title (English)"), max_length=200, blank=True
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = pgettext_lazy("promotion events", "event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="event_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")


class RsvpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventRsvp(models.Model):
    """One person's reply to an event: a place, a place on the waiting list, or cancelled."""

    event = models.ForeignKey(
        Event,
        verbose_name=pgettext_lazy("promotion events", "event"),
        on_delete=models.CASCADE,
        related_name="rsvps",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=RsvpStatus.choices)
    created_at = models.DateTimeField(_("replied"), auto_now_add=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="eventrsvp_one_live_reply_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.email}"


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("subscription", "Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class ConsentSource(models.TextChoices):
    WEB_FORM = "web_form", _("Subscription form (confirmed by e-mail)")
    ACCOUNT = "account", _("Signed-in account (verified e-mail)")
    DEMO = "demo", _("Demo data")


def subscription_scope_key(region_id: int | None, level_id: int | None) -> str:
    """One key per (region, level) choice, empty ones included, for the uniqueness rule
    (NULLs are never equal in a unique constraint)."""
    return f"{region_id or 0}:{level_id or 0}"


class Subscription(models.Model):
    """A person's wish to hear, by e-mail, of new sessions, announcements and events of a region
    (empty: every region) and level (empty: every level).

    Double opt-in: a subscription gets nothing until ``confirmed`` (a signed link in a mail, or a
    signed-in person's verified address). ``consent_at`` and ``consent_source`` record when and
    how the person agreed (PDPA); an unsubscribed row is kept (with its time) so a retried mail
    never reaches them.
    """

    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promotion_subscriptions",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subscriptions",
        help_text=_("Empty: every region."),
    )
    level = models.ForeignKey(
        "catalog.Level",
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every level."),
    )
    scope_key = models.CharField(max_length=24, editable=False)
    sessions = models.BooleanField(_("new exam sessions"), default=True)
    announcements = models.BooleanField(
        pgettext_lazy("subscription", "announcements"), default=True
    )
    events = models.BooleanField(pgettext_lazy("subscription", "events"), default=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hant"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
    )
    consent_at = models.DateTimeField(_("consent given at"))
    consent_source = models.CharField(
        _("consent given through"), max_length=20, choices=ConsentSource.choices
    )
    confirm_sent_at = models.DateTimeField(_("confirmation mail sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["email", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "scope_key"], name="subscription_one_per_email_and_scope"
            ),
            models.CheckConstraint(
                condition=Q(sessions=True) | Q(announcements=True) | Q(events=True),
                name="subscription_wants_something",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SubscriptionStatus.values),
                name="subscription_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="subscription_confirmed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "region", "level"])]

    def __str__(self) -> str:
        # Masked: audit entries and admin lists must not spell out the address.
        return f"{self.email_masked} · {self.scope_label}"

    @property
    def email_masked(self) -> str:
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}"

    @property
    def scope_label(self) -> str:
        region = self.region.name if self.region_id and self.region else _("All regions")
        level = str(self.level) if self.level_id and self.level else _("All levels")
        return f"{region} · {level}"


class MailingKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", pgettext_lazy("subscription", "announcement")
    EVENT = "event", pgettext_lazy("promotion events", "event")
    SESSION = "session", _("exam session")


class Mailing(models.Model):
    """One item (an announcement that became visible, a new event, a session whose registration
    opened) sent to the subscribers it concerns; made once per item (unique), then sent in
    batches by the task queue."""

    kind = models.CharField(_("kind"), max_length=20, choices=MailingKind.choices)
    object_id = models.PositiveBigIntegerField(pgettext_lazy("mailing", "item"))
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    level = models.ForeignKey(
        "catalog.Level",
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("all sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="mailing_once_per_item"),
            models.CheckConstraint(
                condition=Q(kind__in=MailingKind.values), name="mailing_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.object_id}"


class MailingDelivery(models.Model):
    """One subscriber's copy of a mailing: written before the mail goes, so a retried batch
    never sends it twice (unique per subscription and item)."""

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mailing delivery")
        verbose_name_plural = _("mailing deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "mailing"], name="delivery_once_per_subscription_and_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mailing} → {self.subscription}"


class PartnerCampaign(models.Model):
    """A partner school's (or employer's) campaign: its group registration codes over a period,
    followed by the school's contact people, the center managers of its region and the
    foundation."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("partner school or employer"),
        on_delete=models.PROTECT,
        related_name="partner_campaigns",
        limit_choices_to={"kind__in": ["school", "employer"]},
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="campaigns"
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    group_bookings = models.ManyToManyField(
        "registration.GroupBooking",
        verbose_name=_("group codes"),
        related_name="partner_campaigns",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner campaign")
        verbose_name_plural = _("partner campaigns")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")
