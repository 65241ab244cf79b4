"""Many replies at once never give more places than the event has (PostgreSQL)."""

from __future__ import annotations

from aicert.promotion import services
from aicert.promotion.models import EventRsvp, RsvpStatus
from tests.race import RACE, run_together

pytestmark = RACE


def test_capacity_never_exceeded(world, make_event):
    event = make_event(capacity=2)
    jobs = [
        (lambda n=n: services.event_rsvp(event_id=event.pk, name=f"p{n}", email=f"p{n}@x.org"))
        for n in range(6)
    ]
    run_together(jobs)
    confirmed = EventRsvp.objects.filter(event=event, status=RsvpStatus.CONFIRMED).count()
    waiting = EventRsvp.objects.filter(event=event, status=RsvpStatus.WAITLISTED).count()
    assert (confirmed, waiting) == (2, 4)
