"""Reads of promotion: a region's or county's public page, feeds, who may write where.

Everything here only reads (# read-only: these may be answered by a replica)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from aicert.accounts.permissions import user_can, user_center_ids
from aicert.accounts.roles import Role
from aicert.accounts.types import RequestUser
from aicert.catalog.models import TrainingCourse
from aicert.centers.models import Center, County, Region, Venue
from aicert.promotion.models import Announcement, Event, RsvpStatus, Subscription
from aicert.scheduling.selectors import CalendarFilters, session_list_public
from aicert.shared.clock import aware_now

UPCOMING_SESSIONS = 20
UPCOMING_EVENTS = 20
ANNOUNCEMENTS = 20
COURSES = 12


def announcements_live(*, region: Region, now: dt.datetime | None = None) -> QuerySet[Announcement]:
    """Announcements of ``region`` and of all regions, published and not expired; pinned first."""
    now = aware_now(now)
    return Announcement.objects.filter(
        Q(region=region) | Q(region__isnull=True),
        publish_at__lte=now,
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def events_with_places(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate ``places_taken`` (confirmed RSVPs) and the place and county (one query)."""
    return (
        queryset.select_related("region", "county")
        .annotate(places_taken=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.CONFIRMED)))
        .annotate(places_left=F("capacity") - F("places_taken"))
    )


def events_upcoming(
    *, region: Region, county: County | None = None, now: dt.datetime | None = None
) -> QuerySet[Event]:
    """Events of a region (or a county) that have not ended, soonest first."""
    events = Event.objects.filter(region=region, ends_at__gt=aware_now(now))
    if county is not None:
        events = events.filter(Q(county=county) | Q(county__isnull=True))
    return events_with_places(events).order_by("starts_at", "pk")


def event_get_public(*, pk: int) -> Event:
    """One event with its places taken (raises ``Event.DoesNotExist``)."""
    return events_with_places(Event.objects.all()).get(pk=pk)


@dataclass
class RegionalPage:
    """What a region's (or a county's) public page shows."""

    region: Region
    county: County | None
    counties: list[County]
    centers: list[Center]
    venues: list[Venue]
    sessions: list[Any]
    announcements: list[Announcement]
    events: list[Event]
    courses: list[TrainingCourse] = field(default_factory=list)


def regional_page(
    *, region_code: str, county_code: str = "", now: dt.datetime | None = None
) -> RegionalPage:
    """The page of a region, or of one of its counties (raises ``DoesNotExist``); a fixed
    number of queries whatever the rows."""
    region = Region.objects.get(code=region_code)
    county = County.objects.get(code=county_code, region=region) if county_code else None
    counties = list(region.counties.order_by("position", "pk"))
    centers = list(Center.objects.filter(region=region).select_related("organisation"))
    venues = Venue.objects.filter(is_active=True, county__region=region).select_related(
        "county", "center"
    )
    if county is not None:
        venues = venues.filter(county=county)
    sessions = session_list_public(
        filters=CalendarFilters(region=region.code, county=county.code if county else ""),
        now=now,
    )[:UPCOMING_SESSIONS]
    # Courses near by: those given in person or blended (the catalog has no place for a course).
    courses = TrainingCourse.objects.order_by("code")[:COURSES]
    return RegionalPage(
        region=region,
        county=county,
        counties=counties,
        centers=centers,
        venues=list(venues.order_by("county__position", "pk")),
        sessions=list(sessions),
        announcements=list(
            announcements_live(region=region, now=now).select_related("region")[:ANNOUNCEMENTS]
        ),
        events=list(events_upcoming(region=region, county=county, now=now)[:UPCOMING_EVENTS]),
        courses=list(courses),
    )


def regions_writable(*, user: RequestUser, perm: str) -> tuple[bool, set[int]]:
    """Where ``user`` may use ``perm``: (every region, foundation-wide too; the region ids of
    their own centers)."""
    if not user_can(user, perm):
        return False, set()
    if user.is_superuser or any(m.role == Role.FOUNDATION_ADMIN for m in user.active_memberships):
        return True, set()
    ids = set(
        Center.objects.filter(pk__in=user_center_ids(user)).values_list("region_id", flat=True)
    )
    return False, ids


def region_may_write(*, user: RequestUser, perm: str, region: Region | None) -> bool:
    """May ``user`` write (``perm``) for ``region`` (None: all regions, the foundation only)?"""
    everywhere, ids = regions_writable(user=user, perm=perm)
    return everywhere or (region is not None and region.pk in ids)


def subscriptions_of(*, user: RequestUser) -> list[Subscription]:
    """A signed-in person's subscriptions (theirs, or to their account's address), live first."""
    if user.is_anonymous:
        return []
    return list(
        Subscription.objects.filter(Q(user_id=user.pk) | Q(email=user.email.lower()))
        .select_related("region", "level")
        .order_by("status", "pk")
    )
