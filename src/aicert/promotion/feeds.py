"""Feeds of a region: announcements as Atom (and RSS), events as iCalendar (# read-only)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from aicert.centers.models import Region
from aicert.promotion.models import Announcement, Event
from aicert.promotion.rendering import markdown_safe
from aicert.promotion.selectors import announcements_live


class AnnouncementsRss(Feed):
    """A region's live announcements (and the foundation's for all regions)."""

    def get_object(self, request, code: str) -> Region:
        try:
            return Region.objects.get(code=code)
        except Region.DoesNotExist as missing:
            raise Http404 from missing

    def title(self, obj: Region) -> str:
        return _("Announcements · %(region)s") % {"region": obj.name}

    def link(self, obj: Region) -> str:
        return reverse("promotion:region", args=[obj.code])

    def description(self, obj: Region) -> str:
        return _("News of the certification in %(region)s.") % {"region": obj.name}

    def items(self, obj: Region):
        return announcements_live(region=obj)[:30]

    def item_title(self, item: Announcement) -> str:
        return item.title

    def item_description(self, item: Announcement) -> str:
        return markdown_safe(item.body)

    def item_link(self, item: Announcement) -> str:
        return reverse("promotion:announcement", args=[item.pk])

    def item_pubdate(self, item: Announcement) -> dt.datetime:
        return item.publish_at


class AnnouncementsAtom(AnnouncementsRss):
    feed_type = Atom1Feed
    subtitle = AnnouncementsRss.description


def events_calendar(events: list[Event], *, name: str, base_url: str) -> bytes:
    """``events`` as an iCalendar file (RFC 5545) that calendar apps subscribe to."""
    calendar = Calendar()
    calendar.add("prodid", "-//aicert//promotion//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@aicert")
        entry.add("summary", event.title)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("dtstamp", event.starts_at)
        entry.add("location", event.place or event.online_url)
        entry.add("description", event.description)
        entry.add("url", base_url + reverse("promotion:event", args=[event.pk]))
        calendar.add_component(entry)
    return calendar.to_ical()
