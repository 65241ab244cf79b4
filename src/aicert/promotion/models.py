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
