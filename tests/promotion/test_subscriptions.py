"""Subscriptions: double opt-in, one-click unsubscribe, the manage page, and the fan-out of
announcements, events and opened sessions in idempotent batches."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.centers.models import Region
from aicert.promotion import subscription_services as subs
from aicert.promotion.models import (
    ConsentSource,
    Mailing,
    MailingDelivery,
    MailingKind,
    Subscription,
    SubscriptionStatus,
)
from aicert.promotion.services import announcement_create
from tests.factories import LevelFactory, RoomFactory, SessionFactory, SubjectFactory, UserFactory

# Real commits: the confirmation mails and the batches go after commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

ALL = ["sessions", "announcements", "events"]


def _link(body: str, name: str) -> str:
    """The path of the first link to ``/regions/<name>/...`` in a mail body."""
    match = re.search(rf"https?://[^/\s]+(/regions/{name}/\S+/)", body)
    assert match, body
    return match.group(1)


def _subscribe(client, email="visitor@example.org", region="south", kinds=ALL, **extra):
    data = {"email": email, "region": region, "kinds": kinds, "consent": "on", **extra}
    return client.post(reverse("promotion:subscribe"), data)


def _confirm(client, email="visitor@example.org"):
    body = next(m.body for m in reversed(mail.outbox) if email in m.to)
    path = _link(body, "subscriptions/confirm")
    assert client.get(path).status_code == 200  # a button, nothing confirmed yet
    return client.post(path)


def _confirmed(email, region, **fields):
    subscription = subs.subscription_request(email=email, kinds=ALL, region=region, **fields)
    return subs.subscription_confirm(token=subs.confirm_token(subscription, ALL))


def _announce(world, region=None, **fields):
    data = {
        "actor": world.manager_south,
        "region": world.south if region is None else region,
        "title_zh": "報名開始",
        "title_en": "Registration opens",
        "body_zh": "歡迎報名",
        "body_en": "Welcome",
        "publish_at": timezone.now() - dt.timedelta(minutes=1),
    }
    data.update(fields)
    return announcement_create(**data)


def test_double_opt_in_confirms_only_through_the_button(world, client):
    response = _subscribe(client)
    assert response.status_code == 200
    subscription = Subscription.objects.get(email="visitor@example.org")
    assert subscription.status == SubscriptionStatus.PENDING
    assert subscription.consent_source == ConsentSource.WEB_FORM and subscription.consent_at
    [confirmation] = mail.outbox
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/regions/unsubscribe/" in confirmation.extra_headers["List-Unsubscribe"]
    # Unconfirmed: an announcement reaches nobody.
    _announce(world)
    assert len(mail.outbox) == 1
    _confirm(client)
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED and subscription.confirmed_at
    actions = set(
        AuditEvent.objects.filter(target_id=str(subscription.pk)).values_list("action", flat=True)
    )
    assert {"promotion.subscription_request", "promotion.subscription_confirm"} <= actions
    assert (
        "visitor@example.org"
        not in AuditEvent.objects.filter(target_id=str(subscription.pk)).values_list(
            "target_repr", flat=True
        )[0]
    )  # masked


def test_expired_or_forged_confirmation_is_refused_in_words(world, client, monkeypatch):
    _subscribe(client)
    subscription = Subscription.objects.get()
    token = subs.confirm_token(subscription, ALL)
    forged = client.post(reverse("promotion:subscription_confirm", args=[token + "x"]))
    assert forged.status_code == 400 and "data-error" in forged.content.decode()
    # Signed with another salt (an unsubscribe token): refused too.
    other = signing.dumps({"s": subscription.pk, "k": ALL}, salt="elsewhere")
    assert client.get(reverse("promotion:subscription_confirm", args=[other])).status_code == 400
    monkeypatch.setattr(subs, "CONFIRM_MAX_AGE", dt.timedelta(seconds=-1))
    expired = client.post(reverse("promotion:subscription_confirm", args=[token]))
    assert expired.status_code == 400
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PENDING


def test_a_second_request_neither_floods_nor_changes_a_confirmed_subscription(world, client):
    _subscribe(client, kinds=["events"])
    _subscribe(client, kinds=["events"])  # within ten minutes: no second mail
    assert len(mail.outbox) == 1
    _confirm(client)
    # Somebody else asks for announcements only on this address: nothing changes until the
    # owner follows the new link.
    subscription = Subscription.objects.get()
    subscription.confirm_sent_at = timezone.now() - dt.timedelta(hours=1)
    subscription.save(update_fields=["confirm_sent_at"])
    _subscribe(client, kinds=["announcements"])
    subscription.refresh_from_db()
    assert (subscription.events, subscription.announcements) == (True, False)
    assert subscription.status == SubscriptionStatus.CONFIRMED
    _confirm(client)
    subscription.refresh_from_db()
    assert (subscription.events, subscription.announcements) == (False, True)


def test_form_errors_are_words_not_500(world, client):
    response = client.post(reverse("promotion:subscribe"), {"email": "nope", "region": "mars"})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"email", "region", "kinds", "consent"} <= set(form.errors)
    assert not Subscription.objects.exists()


def test_signed_in_verified_address_is_confirmed_at_once(world, client):
    user = UserFactory(email="reader@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    _subscribe(client, email="reader@example.org")
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.CONFIRMED
    assert subscription.consent_source == ConsentSource.ACCOUNT and subscription.user == user
    assert mail.outbox == []
    # Another address typed by the same person still needs its own confirmation.
    _subscribe(client, email="other@example.org")
    assert Subscription.objects.get(email="other@example.org").status == "pending"


def test_unsubscribe_get_shows_a_button_post_unsubscribes_and_one_click_works(world, client):
    subscription = _confirmed("fan@example.org", world.south)
    path = reverse("promotion:unsubscribe", args=[subs.unsubscribe_token(subscription)])
    page = client.get(path)
    assert page.status_code == 200 and "<form" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED  # a scanner's GET changes nothing
    # A mail program's RFC 8058 one-click POST (no CSRF token: the signed link is the proof).
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    assert subscription.unsubscribed_at is not None
    assert AuditEvent.objects.filter(
        action="promotion.subscription_unsubscribe", changes__via="one_click"
    ).exists()
    mail.outbox.clear()
    _announce(world)
    assert mail.outbox == []
    forged = client.get(reverse("promotion:unsubscribe", args=["1:forged"]))
    assert forged.status_code == 400


def test_announcement_event_and_opened_session_reach_matching_subscribers(world, make_event):
    south = _confirmed("south@example.org", world.south)
    everywhere = _confirmed("all@example.org", None)
    north = _confirmed("north@example.org", world.north)
    events_only = _confirmed("events@example.org", world.south)
    subs.subscription_change(
        actor=UserFactory(email="events@example.org"),
        subscription_id=events_only.pk,
        kinds=["events"],
    )
    mail.outbox.clear()
    _announce(world, title_en="Registration opens", title_zh="報名開始")
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["all@example.org", "south@example.org"]
    message = mail.outbox[0]
    assert "List-Unsubscribe" in message.extra_headers
    assert "/regions/unsubscribe/" in message.body
    mail.outbox.clear()
    make_event()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "all@example.org",
        "events@example.org",
        "south@example.org",
    ]
    mail.outbox.clear()
    # A session of the south whose registration has just opened, for one level.
    level = LevelFactory()
    other_level = LevelFactory()
    south.level = other_level  # a level the session is not of: not told
    south.save(update_fields=["level"])
    room = RoomFactory(venue=world.venue)
    now = timezone.now()
    SessionFactory(
        subject=SubjectFactory(level=level),
        room=room,
        starts_at=now + dt.timedelta(days=20),
        registration_opens_at=now - dt.timedelta(minutes=5),
        registration_closes_at=now + dt.timedelta(days=10),
    )
    assert subs.mailings_open_due() == 1
    assert [m.to[0] for m in mail.outbox] == ["all@example.org"]
    assert subs.mailings_open_due() == 0  # once per item
    assert north.deliveries.count() == 0
    assert everywhere.deliveries.count() == 3


def test_scheduled_announcement_is_mailed_when_it_becomes_visible(world):
    _confirmed("south@example.org", world.south)
    mail.outbox.clear()
    soon = timezone.now() + dt.timedelta(hours=1)
    announcement = _announce(world, publish_at=soon)
    assert mail.outbox == []
    assert subs.mailings_open_due() == 0
    assert subs.mailings_open_due(now=soon + dt.timedelta(minutes=1)) == 1
    assert Mailing.objects.filter(kind=MailingKind.ANNOUNCEMENT, object_id=announcement.pk).exists()


@override_settings(PROMOTION_MAILING_BATCH=2)
def test_batches_are_idempotent_a_retry_never_mails_twice(world):
    for n in range(5):
        _confirmed(f"reader{n}@example.org", world.south)
    mail.outbox.clear()
    announcement = _announce(world)
    assert len(mail.outbox) == 5  # three batches of at most two, each enqueuing the next
    mailing = Mailing.objects.get(object_id=announcement.pk, kind=MailingKind.ANNOUNCEMENT)
    assert mailing.finished_at is not None
    assert MailingDelivery.objects.filter(mailing=mailing, sent_at__isnull=False).count() == 5
    # The same batch run again (a retried task) sends nothing.
    mailing.finished_at = None
    mailing.save(update_fields=["finished_at"])
    assert subs.mailing_batch_send(mailing_id=mailing.pk, after_id=0) == 0
    assert len(mail.outbox) == 5


def test_a_failed_send_leaves_no_delivery_so_the_retry_sends_it(world, monkeypatch):
    _confirmed("reader@example.org", world.south)
    mail.outbox.clear()
    from django.core.mail import EmailMessage

    real = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", lambda self, **kw: (_ for _ in ()).throw(OSError))
    _announce(world)  # the task fails (the queue records it); the announcement stands
    assert not MailingDelivery.objects.exists()
    assert Mailing.objects.get().finished_at is None
    monkeypatch.setattr(EmailMessage, "send", real)
    mailing = Mailing.objects.get()
    later = timezone.now() + subs.RETRY_AFTER + dt.timedelta(minutes=1)
    assert subs.mailings_open_due(now=later) == 1  # the stalled mailing goes again
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    mailing.refresh_from_db()
    assert mailing.finished_at is not None


def test_mail_is_in_the_subscribers_language(world):
    _confirmed("en@example.org", world.south, language="en")
    _confirmed("zh@example.org", world.south, language="zh-hant")
    mail.outbox.clear()
    _announce(world, title_en="Registration opens", title_zh="報名開始")
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "Registration opens" in by_to["en@example.org"].subject
    assert "Unsubscribe" in by_to["en@example.org"].body
    assert "報名開始" in by_to["zh@example.org"].subject


def test_manage_page_changes_and_ends_own_subscriptions_only(world, client):
    user = UserFactory(email="me@example.org")
    mine = _confirmed("me@example.org", world.south)
    theirs = _confirmed("them@example.org", world.south)
    client.force_login(user)
    page = client.get(reverse("promotion:subscriptions"))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'data-subscription="{mine.pk}"' in body and "them@example.org" not in body
    url = reverse("promotion:subscriptions")
    client.post(url, {"subscription": mine.pk, "action": "change", "kinds": ["events"]})
    mine.refresh_from_db()
    assert (mine.sessions, mine.announcements, mine.events) == (False, False, True)
    assert client.post(url, {"subscription": theirs.pk, "action": "unsubscribe"}).status_code == 404
    assert client.post(url, {"subscription": "x"}).status_code == 400
    client.post(url, {"subscription": mine.pk, "action": "unsubscribe"})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "unsubscribed" and theirs.status == "confirmed"
    client.logout()
    assert client.get(url).status_code == 302


def test_admin_shows_subscriptions_masked_to_the_foundation_only(world, client, staff_login):
    _confirmed("private.person@example.org", world.south)
    staff_login(world.admin)
    page = client.get(reverse("admin:promotion_subscription_changelist"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "p***@example.org" in body and "private.person@example.org" not in body
    assert client.get(reverse("admin:promotion_mailing_changelist")).status_code == 200
    staff_login(world.manager_south)
    assert client.get(reverse("admin:promotion_subscription_changelist")).status_code == 403


def test_unconfirmed_addresses_are_forgotten_after_their_link_expired(world, client):
    _subscribe(client, email="never@example.org")
    kept = _confirmed("kept@example.org", world.south)
    assert subs.subscriptions_purge_unconfirmed() == 0  # the link still works
    later = timezone.now() + subs.CONFIRM_MAX_AGE + dt.timedelta(days=2)
    assert subs.subscriptions_purge_unconfirmed(now=later) == 1
    assert list(Subscription.objects.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEvent.objects.filter(action="promotion.subscription_purge").count() == 1


def test_one_network_address_cannot_flood_the_form(world, client, monkeypatch):
    from aicert.promotion import views

    monkeypatch.setattr(views, "SUBSCRIBE_REQUESTS_PER_HOUR", 2)
    assert _subscribe(client, email="a@example.org").status_code == 200
    assert _subscribe(client, email="b@example.org").status_code == 200
    refused = _subscribe(client, email="c@example.org")
    assert refused.status_code == 429
    assert not Subscription.objects.filter(email="c@example.org").exists()


def test_subscriptions_page_queries_do_not_grow(world, client):
    from tests.queries import assert_queries_do_not_grow, matches

    user = UserFactory(email="many@example.org")
    client.force_login(user)
    regions = list(Region.objects.order_by("position"))

    def add_rows(start, stop):
        for n in range(start, stop):
            subs.subscription_seed(
                email="many@example.org",
                kinds=ALL,
                region=regions[n % len(regions)],
                level=LevelFactory(),
                user=user,
            )

    assert_queries_do_not_grow(
        client,
        reverse("promotion:subscriptions"),
        add_rows,
        rows_shown=matches(r'<tr data-subscription="\d+"'),
    )
