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


def test_batches_run_twice_at_once_mail_each_subscriber_once(world):
    from django.core import mail
    from django.utils import timezone

    from aicert.promotion import subscription_services as subs
    from aicert.promotion.models import Mailing, MailingDelivery

    announcement = services.announcement_create(
        actor=world.manager_south,
        region=world.south,
        title_zh="公告",
        body_zh="內容",
        publish_at=timezone.now(),
    )
    mailing = Mailing.objects.get(object_id=announcement.pk)  # done: nobody subscribed yet
    for n in range(8):
        subs.subscription_seed(email=f"s{n}@x.org", kinds=["announcements"], region=world.south)
    mailing.finished_at = None
    mailing.save(update_fields=["finished_at"])
    mail.outbox.clear()
    sent = run_together(
        [lambda: subs.mailing_batch_send(mailing_id=mailing.pk, after_id=0) for _ in range(4)]
    )
    assert sum(sent) == 8
    assert sorted(m.to[0] for m in mail.outbox) == [f"s{n}@x.org" for n in range(8)]
    assert MailingDelivery.objects.filter(mailing=mailing).count() == 8


def test_the_same_address_subscribing_at_once_makes_one_subscription(world):
    from django.core.exceptions import ValidationError

    from aicert.promotion import subscription_services as subs
    from aicert.promotion.models import Subscription

    results = run_together(
        [
            lambda: subs.subscription_request(
                email="twice@x.org", kinds=["events"], region=world.south
            )
            for _ in range(4)
        ],
        returning=ValidationError,
    )
    assert Subscription.objects.filter(email="twice@x.org").count() == 1
    assert all(isinstance(r, Subscription | ValidationError) for r in results)
