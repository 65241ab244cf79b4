"""Writes of promotion: announcements, events, RSVPs with a waiting list, reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.centers.models import County, Region
from aicert.promotion import locks
from aicert.promotion.models import (
    Announcement,
    Event,
    EventRsvp,
    MailingKind,
    PartnerCampaign,
    RsvpStatus,
)
from aicert.promotion.selectors import region_may_write
from aicert.promotion.subscription_services import mailing_open
from aicert.shared.clock import aware_now

REMINDER_AHEAD = dt.timedelta(hours=24)


def _require_region(actor: Actor, perm: str, region: Region | None) -> None:
    if actor is None or not region_may_write(user=actor, perm=perm, region=region):
        raise PermissionDenied


@transaction.atomic
def announcement_create(
    *,
    actor: Actor,
    region: Region | None,
    title_zh: str,
    body_zh: str,
    publish_at: dt.datetime,
    title_en: str = "",
    body_en: str = "",
    expires_at: dt.datetime | None = None,
    pinned: bool = False,
) -> Announcement:
    """Write an announcement for ``region`` (a center manager: their own region only; the
    foundation: any region or all of them)."""
    _require_region(actor, "promotion.add_announcement", region)
    announcement = Announcement(
        region=region,
        title_zh=title_zh,
        title_en=title_en,
        body_zh=body_zh,
        body_en=body_en,
        publish_at=aware_now(publish_at),
        expires_at=expires_at,
        pinned=pinned,
        author=actor,
    )
    announcement.full_clean()
    announcement.save()
    audit_record(
        actor=actor,
        action="promotion.announcement_create",
        target=announcement,
        changes={"region": region.code if region else None, "pinned": pinned},
    )
    if announcement.publish_at <= aware_now():
        # Visible now: subscribers hear of it (a scheduled one: when the periodic job sees it).
        mailing_open(
            kind=MailingKind.ANNOUNCEMENT,
            object_id=announcement.pk,
            region_id=announcement.region_id,
        )
    return announcement


@transaction.atomic
def event_create(
    *,
    actor: Actor,
    region: Region,
    kind: str,
    title_zh: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    county: County | None = None,
    title_en: str = "",
    description_zh: str = "",
    description_en: str = "",
    place: str = "",
    online_url: str = "",
) -> Event:
    """Put an event on a region's page (a center manager: their own region only)."""
    _require_region(actor, "promotion.add_event", region)
    if county is not None and county.region_id != region.pk:
        raise ValidationError({"county": _("The county is not in the event's region.")})
    if not place and not online_url:
        raise ValidationError({"place": _("Give a place or an online link.")})
    event = Event(
        region=region,
        county=county,
        kind=kind,
        title_zh=title_zh,
        title_en=title_en,
        description_zh=description_zh,
        description_en=description_en,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        capacity=capacity,
        created_by=actor,
    )
    event.full_clean()
    event.save()
    audit_record(
        actor=actor,
        action="promotion.event_create",
        target=event,
        changes={"region": region.code, "capacity": capacity},
    )
    mailing_open(kind=MailingKind.EVENT, object_id=event.pk, region_id=region.pk)
    return event


def _local(value: dt.datetime) -> str:
    # Times in mails are Taipei's (settings.TIME_ZONE), as on the pages.
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _mail_on_commit(subject: str, body: str, to: str) -> None:
    transaction.on_commit(lambda: send_mail(f"[aicert] {subject}", body, None, [to]))


def _rsvp_mail(rsvp: EventRsvp, event: Event) -> None:
    when = _local(event.starts_at)
    where = event.place or event.online_url
    if rsvp.status == RsvpStatus.CONFIRMED:
        subject = _("Your place at %(event)s") % {"event": event.title}
        body = _("You have a place at %(event)s on %(when)s, %(where)s.") % {
            "event": event.title,
            "when": when,
            "where": where,
        }
    else:
        subject = _("Waiting list for %(event)s") % {"event": event.title}
        body = _(
            "%(event)s is full; you are on its waiting list and will be told by e-mail "
            "when a place frees up."
        ) % {"event": event.title}
    _mail_on_commit(subject, body, rsvp.email)


def event_rsvp(
    *,
    event_id: int,
    name: str,
    email: str,
    user: Any = None,
    now: dt.datetime | None = None,
) -> EventRsvp:
    """Reply to an event: a place while places remain, else the waiting list.

    Locks the event first (lock order), so two replies at once never both take the last place.
    """
    now = aware_now(now)
    email = email.strip().lower()
    with transaction.atomic():
        event = locks.event_row_lock(pk=event_id)
        if event.ends_at <= now:
            raise ValidationError(_("This event has ended."))
        if event.rsvps.filter(email=email).exclude(status=RsvpStatus.CANCELLED).exists():
            raise ValidationError(_("This e-mail address has already replied to this event."))
        taken = event.rsvps.filter(status=RsvpStatus.CONFIRMED).count()
        status = RsvpStatus.CONFIRMED if taken < event.capacity else RsvpStatus.WAITLISTED
        rsvp = EventRsvp(
            event=event, name=name.strip(), email=email, user=user or None, status=status
        )
        rsvp.full_clean()
        rsvp.save()
        audit_record(
            actor=user or None,
            action="promotion.event_rsvp",
            target=rsvp,
            changes={"status": status},
        )
        _rsvp_mail(rsvp, event)
    return rsvp


def event_rsvp_cancel(*, rsvp_id: int, actor: Any = None) -> EventRsvp:
    """Cancel a reply; a place it held goes to the first on the waiting list (told by e-mail).

    Locks the event, then the RSVP (lock order)."""
    with transaction.atomic():
        event_pk = EventRsvp.objects.values_list("event_id", flat=True).get(pk=rsvp_id)
        event = locks.event_row_lock(pk=event_pk)
        rsvp = locks.event_rsvp_row_lock(pk=rsvp_id)
        if rsvp.status == RsvpStatus.CANCELLED:
            return rsvp
        held_place = rsvp.status == RsvpStatus.CONFIRMED
        rsvp.status = RsvpStatus.CANCELLED
        rsvp.save(update_fields=["status"])
        audit_record(actor=actor, action="promotion.event_rsvp_cancel", target=rsvp, changes={})
        if held_place:
            taken = event.rsvps.filter(status=RsvpStatus.CONFIRMED).count()
            first = event.rsvps.filter(status=RsvpStatus.WAITLISTED).order_by("created_at", "pk")
            for waiting in list(first[: max(event.capacity - taken, 0)]):
                waiting = locks.event_rsvp_row_lock(pk=waiting.pk)
                waiting.status = RsvpStatus.CONFIRMED
                waiting.save(update_fields=["status"])
                audit_record(
                    actor=None,
                    action="promotion.event_rsvp_promote",
                    target=waiting,
                    changes={"status": RsvpStatus.CONFIRMED},
                )
                _rsvp_mail(waiting, event)
    return rsvp


def event_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind those with a place of events starting within a day (once per event); how many
    events were reminded. Run by the scheduler."""
    now = aware_now(now)
    due = Event.objects.filter(
        reminder_sent_at__isnull=True, starts_at__gt=now, starts_at__lte=now + REMINDER_AHEAD
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            event = locks.event_row_lock(pk=pk)
            if event.reminder_sent_at is not None:
                continue
            for rsvp in event.rsvps.filter(status=RsvpStatus.CONFIRMED):
                _mail_on_commit(
                    _("Reminder: %(event)s") % {"event": event.title},
                    _("%(event)s starts on %(when)s, %(where)s. We look forward to seeing you.")
                    % {
                        "event": event.title,
                        "when": _local(event.starts_at),
                        "where": event.place or event.online_url,
                    },
                    rsvp.email,
                )
            event.reminder_sent_at = now
            event.save(update_fields=["reminder_sent_at"])
            audit_record(actor=None, action="promotion.event_remind", target=event, changes={})
        reminded += 1
    return reminded


@transaction.atomic
def partner_campaign_create(
    *,
    actor: Actor,
    organisation: Any,
    region: Region,
    name_zh: str,
    starts_on: dt.date,
    group_bookings: Any,
    name_en: str = "",
    ends_on: dt.date | None = None,
) -> PartnerCampaign:
    """Follow a partner school's (or employer's) group codes as a campaign of ``region`` (a
    center manager: their own region only; the foundation: any). Every code must be the
    organisation's own."""
    _require_region(actor, "promotion.add_partnercampaign", region)
    codes = list(group_bookings)
    if not codes:
        raise ValidationError({"group_bookings": _("Choose at least one group code.")})
    foreign = [c.code for c in codes if c.organisation_id != organisation.pk]
    if foreign:
        raise ValidationError(
            {
                "group_bookings": _("Not this organisation's group codes: %(codes)s")
                % {"codes": ", ".join(foreign)}
            }
        )
    campaign = PartnerCampaign(
        organisation=organisation,
        region=region,
        name_zh=name_zh,
        name_en=name_en,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    campaign.group_bookings.set(codes)
    audit_record(
        actor=actor,
        action="promotion.partner_campaign_create",
        target=campaign,
        changes={"region": region.code, "codes": sorted(c.code for c in codes)},
    )
    return campaign
