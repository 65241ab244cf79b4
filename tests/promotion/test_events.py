"""Events: RSVPs with a waiting list, promotion on cancellation, reminders, iCal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from aicert.promotion import services
from aicert.promotion.models import RsvpStatus


def test_manager_of_another_region_refused(world, make_event):
    with pytest.raises(PermissionDenied):
        make_event(actor=world.manager_north)


def test_waiting_list_and_promotion(world, make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.event_rsvp(event_id=event.pk, name="甲", email="a@example.org")
        second = services.event_rsvp(event_id=event.pk, name="乙", email="b@example.org")
    assert (first.status, second.status) == (RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    with pytest.raises(ValidationError):
        services.event_rsvp(event_id=event.pk, name="甲", email="A@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_rsvp_cancel(rsvp_id=first.pk)
    second.refresh_from_db()
    assert second.status == RsvpStatus.CONFIRMED
    assert mail.outbox[-1].to == ["b@example.org"]


def test_rsvp_page(world, make_event, client):
    event = make_event(capacity=1)
    url = reverse("promotion:event", args=[event.pk])
    assert client.post(url, {"name": "甲", "email": "bad"}).status_code == 200  # form error
    response = client.post(url, {"name": "甲", "email": "a@example.org"})
    assert response.status_code == 302
    assert event.rsvps.get().status == RsvpStatus.CONFIRMED
    assert 'data-places-left="0"' in client.get(url).content.decode()


def test_reminders_once(world, make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=5)
    services.event_rsvp(event_id=event.pk, name="甲", email="a@example.org")
    mail.outbox.clear()
    at = event.starts_at - dt.timedelta(hours=12)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_reminders_send(now=at) == 1
        assert services.event_reminders_send(now=at) == 0
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_ical_per_event_and_region(world, make_event, client):
    event = make_event()
    make_event(actor=world.admin, region=world.north, county=None, title_zh="北區")
    one = Calendar.from_ical(client.get(reverse("promotion:event_ics", args=[event.pk])).content)
    assert [str(e["summary"]) for e in one.walk("VEVENT")] == ["考試說明會"]
    feed = client.get(reverse("promotion:region_ics", args=["south"]))
    assert feed["Content-Type"].startswith("text/calendar")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert summaries == ["考試說明會"]


def test_ended_event_refuses(world, make_event):
    event = make_event()
    with pytest.raises(ValidationError):
        services.event_rsvp(
            event_id=event.pk,
            name="甲",
            email="a@example.org",
            now=event.ends_at + dt.timedelta(minutes=1),
        )
    assert timezone.now() < event.starts_at
