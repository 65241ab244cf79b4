"""Writes of subscriptions: subscribe (double opt-in), confirm, change, unsubscribe; and the
fan-out of new announcements, events and sessions to confirmed subscribers, in batches.

A subscriber hears of an item once: each item gets one :class:`Mailing` (unique per item) and
each copy one :class:`MailingDelivery` (unique per subscription and mailing), written before the
mail goes, so a retried batch never mails anybody twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.catalog.models import Level
from aicert.centers.models import Region
from aicert.promotion import locks
from aicert.promotion.models import (
    Announcement,
    ConsentSource,
    Event,
    Mailing,
    MailingDelivery,
    MailingKind,
    Subscription,
    SubscriptionStatus,
    subscription_scope_key,
)
from aicert.scheduling.models import Session, SessionStatus
from aicert.shared.clock import aware_now
from aicert.shared.links import absolute_url

logger = logging.getLogger(__name__)

KINDS = ("sessions", "announcements", "events")
CONFIRM_SALT = "aicert.promotion.subscription.confirm"
UNSUBSCRIBE_SALT = "aicert.promotion.subscription.unsubscribe"
# A confirmation link works for three days; a second request within ten minutes sends no mail
# (so the form cannot be used to flood somebody's inbox).
CONFIRM_MAX_AGE = dt.timedelta(days=3)
CONFIRM_RESEND_AFTER = dt.timedelta(minutes=10)
# Items older than this when the periodic job first sees them are not mailed (a new install or
# a long outage must not mail a month of news at once).
CATCH_UP = dt.timedelta(days=2)
# A mailing still unfinished this long after its last batch is enqueued again (a lost task).
RETRY_AFTER = dt.timedelta(minutes=15)

_KIND_OF_ITEM = {
    MailingKind.ANNOUNCEMENT: "announcements",
    MailingKind.EVENT: "events",
    MailingKind.SESSION: "sessions",
}


def batch_size() -> int:
    return int(getattr(settings, "PROMOTION_MAILING_BATCH", 200))


def mails_per_minute() -> int:
    return int(getattr(settings, "PROMOTION_MAILS_PER_MINUTE", 600))


# --- tokens ---------------------------------------------------------------------------------


def confirm_token(subscription: Subscription, kinds: Iterable[str]) -> str:
    """A signed, expiring link token confirming ``kinds`` for ``subscription``."""
    return signing.dumps({"s": subscription.pk, "k": sorted(kinds)}, salt=CONFIRM_SALT)


def unsubscribe_token(subscription: Subscription) -> str:
    """A signed token that never expires: an old mail's unsubscribe link must keep working."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def subscription_from_unsubscribe_token(token: str) -> Subscription:
    """The subscription a token names (``ValidationError`` for a forged or unknown one)."""
    try:
        pk = int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
        return Subscription.objects.select_related("region", "level").get(pk=pk)
    except (signing.BadSignature, ValueError, Subscription.DoesNotExist) as bad:
        raise ValidationError(_("This unsubscribe link is not valid."), code="bad_token") from bad


def confirm_token_read(token: str) -> tuple[int, list[str]]:
    """The subscription and kinds a confirmation token names (``ValidationError`` when it has
    expired or was forged)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as old:
        raise ValidationError(
            _("This confirmation link has expired: please subscribe again."), code="expired"
        ) from old
    except signing.BadSignature as bad:
        raise ValidationError(_("This confirmation link is not valid."), code="bad_token") from bad
    kinds = [k for k in data.get("k", []) if k in KINDS]
    if not isinstance(data.get("s"), int) or not kinds:
        raise ValidationError(_("This confirmation link is not valid."), code="bad_token")
    return data["s"], kinds


def _unsubscribe_url(subscription: Subscription) -> str:
    return absolute_url(
        reverse("promotion:unsubscribe", kwargs={"token": unsubscribe_token(subscription)})
    )


def _list_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 2369 / RFC 8058: mail programs show an unsubscribe button that POSTs once."""
    return {
        "List-Unsubscribe": f"<{_unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- subscribe, confirm, change, unsubscribe ------------------------------------------------


def _kinds_of(subscription: Subscription) -> list[str]:
    return [k for k in KINDS if getattr(subscription, k)]


def _apply_kinds(subscription: Subscription, kinds: Iterable[str]) -> None:
    chosen = set(kinds)
    for kind in KINDS:
        setattr(subscription, kind, kind in chosen)


def _verified_address(user: Any, email: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def subscription_request(
    *,
    email: str,
    kinds: Iterable[str],
    region: Region | None = None,
    level: Level | None = None,
    language: str = "zh-hant",
    user: Any = None,
    now: dt.datetime | None = None,
) -> Subscription:
    """Ask to hear of ``kinds`` (sessions, announcements, events) of ``region`` and ``level``.

    Double opt-in: the subscription stays pending (and gets nothing) until the link mailed to
    ``email`` is followed; the chosen kinds travel in that signed link, so nobody can change a
    confirmed subscription of somebody else's address. A signed-in person subscribing their own
    verified address is confirmed at once (that address has already answered a mail of ours).
    """
    now = aware_now(now)
    email = email.strip().lower()
    chosen = [k for k in KINDS if k in set(kinds)]
    if not chosen:
        raise ValidationError(_("Choose at least one kind of news."), code="no_kind")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    verified = _verified_address(user, email)
    key = subscription_scope_key(region.pk if region else None, level.pk if level else None)
    try:
        with transaction.atomic():
            existing = Subscription.objects.filter(email=email, scope_key=key).first()
            if existing is None:
                subscription = Subscription(
                    email=email,
                    user=user if verified else None,
                    region=region,
                    level=level,
                    scope_key=key,
                    language=language,
                    consent_at=now,
                    consent_source=ConsentSource.WEB_FORM,
                )
                _apply_kinds(subscription, chosen)
                subscription.full_clean()
                subscription.save()
            else:
                subscription = locks.subscription_row_lock(pk=existing.pk)
                if subscription.status != SubscriptionStatus.CONFIRMED:
                    _apply_kinds(subscription, chosen)
                    subscription.status = SubscriptionStatus.PENDING
                    subscription.language = language
                    subscription.unsubscribed_at = None
                    subscription.consent_at = now
                    subscription.consent_source = ConsentSource.WEB_FORM
                    subscription.save(
                        update_fields=[
                            *KINDS,
                            "status",
                            "language",
                            "unsubscribed_at",
                            "consent_at",
                            "consent_source",
                        ]
                    )
            audit_record(
                actor=user if verified else None,
                action="promotion.subscription_request",
                target=subscription,
                changes={"kinds": chosen, "verified_account": verified},
            )
            if verified:
                _confirm(subscription, chosen, now=now, source=ConsentSource.ACCOUNT, actor=user)
                if subscription.user_id is None:
                    subscription.user = user
                    subscription.save(update_fields=["user"])
            elif (
                subscription.confirm_sent_at is None
                or now - subscription.confirm_sent_at >= CONFIRM_RESEND_AFTER
            ):
                subscription.confirm_sent_at = now
                subscription.save(update_fields=["confirm_sent_at"])
                token = confirm_token(subscription, chosen)
                pk = subscription.pk
                transaction.on_commit(lambda: _enqueue_confirmation(pk, token))
    except IntegrityError as twice:
        # The same address asked twice at the same moment: the other request stands.
        raise ValidationError(
            _("This request crossed another one for the same address: please try again."),
            code="race",
        ) from twice
    return subscription


def _enqueue_confirmation(subscription_id: int, token: str) -> None:
    from aicert.promotion import tasks

    tasks.subscription_confirmation_send.enqueue(subscription_id=subscription_id, token=token)


def _confirm(
    subscription: Subscription,
    kinds: Iterable[str],
    *,
    now: dt.datetime,
    source: str,
    actor: Actor = None,
) -> None:
    # The caller holds the subscription's row lock (or has just created it).
    _apply_kinds(subscription, kinds)
    was = subscription.status
    subscription.status = SubscriptionStatus.CONFIRMED
    subscription.confirmed_at = now
    subscription.unsubscribed_at = None
    subscription.consent_at = now
    subscription.consent_source = source
    subscription.save(
        update_fields=[
            *KINDS,
            "status",
            "confirmed_at",
            "unsubscribed_at",
            "consent_at",
            "consent_source",
        ]
    )
    audit_record(
        actor=actor,
        action="promotion.subscription_confirm",
        target=subscription,
        changes={"status": [was, SubscriptionStatus.CONFIRMED], "kinds": list(kinds)},
    )


def subscription_confirm(*, token: str, now: dt.datetime | None = None) -> Subscription:
    """Confirm a subscription (and the kinds chosen) from its mailed link; refuses an expired or
    forged link in words."""
    now = aware_now(now)
    pk, kinds = confirm_token_read(token)
    with transaction.atomic():
        try:
            subscription = locks.subscription_row_lock(pk=pk)
        except Subscription.DoesNotExist as gone:
            raise ValidationError(_("This confirmation link is not valid."), code="gone") from gone
        _confirm(subscription, kinds, now=now, source=ConsentSource.WEB_FORM)
    return subscription


def subscription_seed(
    *,
    email: str,
    kinds: Iterable[str],
    region: Region | None = None,
    level: Level | None = None,
    language: str = "zh-hant",
    user: Any = None,
    now: dt.datetime | None = None,
) -> Subscription:
    """A confirmed subscription of the demo (consent source: demo data; no mail); refreshed in
    place when it exists."""
    now = aware_now(now)
    email = email.strip().lower()
    key = subscription_scope_key(region.pk if region else None, level.pk if level else None)
    with transaction.atomic():
        existing = Subscription.objects.filter(email=email, scope_key=key).first()
        if existing is None:
            subscription = Subscription(
                email=email,
                user=user,
                region=region,
                level=level,
                scope_key=key,
                language=language,
                consent_at=now,
                consent_source=ConsentSource.DEMO,
            )
            _apply_kinds(subscription, kinds)
            subscription.full_clean()
            subscription.save()
        else:
            subscription = locks.subscription_row_lock(pk=existing.pk)
        if subscription.status != SubscriptionStatus.CONFIRMED:
            _confirm(subscription, kinds, now=now, source=ConsentSource.DEMO)
    return subscription


def _owned(actor: Actor, subscription: Subscription) -> bool:
    if actor is None:
        return False
    return subscription.user_id == actor.pk or subscription.email == actor.email.lower()


def subscription_unsubscribe(
    *,
    subscription_id: int,
    via: str,
    actor: Actor = None,
    now: dt.datetime | None = None,
) -> Subscription:
    """End a subscription (``via``: ``link``, ``one_click`` from a mail program, ``account``).
    The row stays, unsubscribed, so no batch sends to it again."""
    now = aware_now(now)
    with transaction.atomic():
        subscription = locks.subscription_row_lock(pk=subscription_id)
        if via == "account" and not _owned(actor, subscription):
            raise PermissionDenied
        if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
            return subscription
        was = subscription.status
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.unsubscribed_at = now
        subscription.save(update_fields=["status", "unsubscribed_at"])
        audit_record(
            actor=actor,
            action="promotion.subscription_unsubscribe",
            target=subscription,
            changes={"status": [was, SubscriptionStatus.UNSUBSCRIBED], "via": via},
        )
    return subscription


def subscription_change(
    *, actor: Actor, subscription_id: int, kinds: Iterable[str], language: str | None = None
) -> Subscription:
    """A signed-in person changes what one of their own subscriptions brings."""
    chosen = [k for k in KINDS if k in set(kinds)]
    if not chosen:
        raise ValidationError(_("Choose at least one kind of news."), code="no_kind")
    with transaction.atomic():
        subscription = locks.subscription_row_lock(pk=subscription_id)
        if not _owned(actor, subscription):
            raise PermissionDenied
        before = _kinds_of(subscription)
        _apply_kinds(subscription, chosen)
        fields = list(KINDS)
        if language in dict(settings.LANGUAGES):
            subscription.language = language
            fields.append("language")
        subscription.save(update_fields=fields)
        audit_record(
            actor=actor,
            action="promotion.subscription_change",
            target=subscription,
            changes={"kinds": [before, chosen]},
        )
    return subscription


def subscription_confirmation_mail(*, subscription_id: int, token: str) -> None:
    """Mail the confirmation link (run by the task queue), in the subscriber's language."""
    # Sent to a confirmed subscription too: its link carries the newly chosen kinds.
    subscription = Subscription.objects.select_related("region", "level").get(pk=subscription_id)
    with translation.override(subscription.language):
        subject = _("Please confirm your subscription")
        body = render_to_string(
            "promotion/email/confirm.txt",
            {
                "subscription": subscription,
                "confirm_url": absolute_url(
                    reverse("promotion:subscription_confirm", kwargs={"token": token})
                ),
                "unsubscribe_url": _unsubscribe_url(subscription),
                "hours": int(CONFIRM_MAX_AGE.total_seconds() // 3600),
            },
        )
    EmailMessage(
        f"[aicert] {subject}", body, None, [subscription.email], headers=_list_headers(subscription)
    ).send()


# --- fan-out --------------------------------------------------------------------------------


def mailing_open(
    *, kind: str, object_id: int, region_id: int | None, level_id: int | None = None
) -> Mailing:
    """The mailing of one item, made once (a second call finds it); its first batch is enqueued
    after commit."""
    with transaction.atomic():
        mailing, created = Mailing.objects.get_or_create(
            kind=kind,
            object_id=object_id,
            defaults={"region_id": region_id, "level_id": level_id},
        )
        if created:
            pk = mailing.pk
            transaction.on_commit(lambda: _enqueue_batch(pk, 0))
    return mailing


def _enqueue_batch(mailing_id: int, after_id: int, *, delay: dt.timedelta | None = None) -> None:
    from aicert.promotion import tasks

    task = tasks.mailing_batch_send
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(mailing_id=mailing_id, after_id=after_id)


def _recipients(mailing: Mailing) -> QuerySet[Subscription]:
    """Confirmed subscriptions that want this kind of item, for its region (and, for a session,
    its level)."""
    wants = {_KIND_OF_ITEM[MailingKind(mailing.kind)]: True}
    subscriptions = Subscription.objects.filter(status=SubscriptionStatus.CONFIRMED, **wants)
    if mailing.region_id is not None:
        subscriptions = subscriptions.filter(
            Q(region_id=mailing.region_id) | Q(region__isnull=True)
        )
    if mailing.kind == MailingKind.SESSION and mailing.level_id is not None:
        subscriptions = subscriptions.filter(Q(level_id=mailing.level_id) | Q(level__isnull=True))
    return subscriptions.order_by("pk")


def _item(mailing: Mailing, now: dt.datetime) -> Any:
    """The item still worth mailing, or None (withdrawn, expired, cancelled, past)."""
    if mailing.kind == MailingKind.ANNOUNCEMENT:
        return (
            Announcement.objects.filter(pk=mailing.object_id, publish_at__lte=now)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .select_related("region")
            .first()
        )
    if mailing.kind == MailingKind.EVENT:
        return (
            Event.objects.filter(pk=mailing.object_id, ends_at__gt=now)
            .select_related("region", "county")
            .first()
        )
    return (
        Session.objects.filter(
            pk=mailing.object_id, status=SessionStatus.PUBLISHED, registration_closes_at__gt=now
        )
        .select_related("subject__level", "room__venue__county")
        .first()
    )


def _item_path(mailing: Mailing) -> str:
    name = {
        MailingKind.ANNOUNCEMENT: "promotion:announcement",
        MailingKind.EVENT: "promotion:event",
        MailingKind.SESSION: "scheduling:session_detail",
    }[MailingKind(mailing.kind)]
    return reverse(name, args=[mailing.object_id])


def _mailing_message(
    mailing: Mailing, item: Any, subscription: Subscription, connection: Any
) -> EmailMessage:
    with translation.override(subscription.language):
        if mailing.kind == MailingKind.ANNOUNCEMENT:
            subject = _("News: %(title)s") % {"title": item.title}
        elif mailing.kind == MailingKind.EVENT:
            subject = _("New event: %(title)s") % {"title": item.title}
        else:
            subject = _("Registration is open: %(subject)s") % {"subject": item.subject}
        body = render_to_string(
            "promotion/email/mailing.txt",
            {
                "kind": mailing.kind,
                "item": item,
                "subscription": subscription,
                "url": absolute_url(_item_path(mailing)),
                "unsubscribe_url": _unsubscribe_url(subscription),
                "manage_url": absolute_url(reverse("promotion:subscriptions")),
            },
        )
    return EmailMessage(
        f"[aicert] {subject}",
        body,
        None,
        [subscription.email],
        headers=_list_headers(subscription),
        connection=connection,
    )


def mailing_batch_send(
    *, mailing_id: int, after_id: int = 0, now: dt.datetime | None = None
) -> int:
    """Send one batch of a mailing (subscriptions after ``after_id`` in pk order) and enqueue
    the next one, paced at ``PROMOTION_MAILS_PER_MINUTE``; how many mails went.

    Each copy's delivery row is written (unique) before its mail goes: a retried or doubled
    task finds it and skips that subscriber; a mail that fails to go removes its row again and
    the task fails, to be retried."""
    now = aware_now(now)
    mailing = Mailing.objects.get(pk=mailing_id)
    if mailing.finished_at is not None:
        return 0
    item = _item(mailing, now)
    size = batch_size()
    batch = [] if item is None else list(_recipients(mailing).filter(pk__gt=after_id)[:size])
    sent = 0
    connection = get_connection()
    for subscription in batch:
        with transaction.atomic():
            delivery, created = MailingDelivery.objects.get_or_create(
                mailing=mailing, subscription=subscription
            )
        if not created:
            continue
        try:
            _mailing_message(mailing, item, subscription, connection).send()
        except Exception:
            delivery.delete()
            raise
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
        sent += 1
    if len(batch) == size:
        pace = dt.timedelta(seconds=60 * size / max(mails_per_minute(), 1))
        _enqueue_batch(mailing.pk, batch[-1].pk, delay=pace)
    else:
        mailing.finished_at = timezone.now()
        mailing.save(update_fields=["finished_at"])
    logger.info("mailing %s: %s sent after #%s", mailing.pk, sent, after_id)
    return sent


def subscriptions_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Periodic (daily): forget addresses that never confirmed once their link has expired (a
    day's grace): nothing was ever sent to them and nothing may be kept without consent (PDPA).
    How many were removed; each removal is audited (masked)."""
    now = aware_now(now)
    stale = Subscription.objects.filter(
        status=SubscriptionStatus.PENDING,
        confirmed_at__isnull=True,
        consent_at__lt=now - CONFIRM_MAX_AGE - dt.timedelta(days=1),
    ).values_list("pk", flat=True)
    removed = 0
    for pk in list(stale):
        with transaction.atomic():
            subscription = locks.subscription_row_lock(pk=pk)
            if subscription.status != SubscriptionStatus.PENDING or subscription.confirmed_at:
                continue
            audit_record(
                actor=None,
                action="promotion.subscription_purge",
                target=subscription,
                changes={"reason": "never confirmed"},
            )
            subscription.delete()
        removed += 1
    return removed


def _new_announcements(now: dt.datetime) -> QuerySet[Announcement]:
    mailed = Mailing.objects.filter(kind=MailingKind.ANNOUNCEMENT, object_id=OuterRef("pk"))
    return (
        Announcement.objects.filter(publish_at__lte=now, publish_at__gt=now - CATCH_UP)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exclude(Exists(mailed))
    )


def _opened_sessions(now: dt.datetime) -> QuerySet[Session]:
    mailed = Mailing.objects.filter(kind=MailingKind.SESSION, object_id=OuterRef("pk"))
    return (
        Session.objects.filter(
            status=SessionStatus.PUBLISHED,
            registration_opens_at__lte=now,
            registration_opens_at__gt=now - CATCH_UP,
            registration_closes_at__gt=now,
        )
        .exclude(Exists(mailed))
        .select_related("subject", "room__venue__county")
    )


def mailings_open_due(*, now: dt.datetime | None = None) -> int:
    """Periodic: open the mailings of announcements that became visible and of sessions whose
    registration opened (scheduling knows nothing of subscribers; this job looks), and enqueue
    again a mailing whose batches stopped (a lost task). How many mailings it started."""
    now = aware_now(now)
    started = 0
    for announcement in _new_announcements(now):
        mailing_open(
            kind=MailingKind.ANNOUNCEMENT,
            object_id=announcement.pk,
            region_id=announcement.region_id,
        )
        started += 1
    for session in _opened_sessions(now):
        mailing_open(
            kind=MailingKind.SESSION,
            object_id=session.pk,
            region_id=session.room.venue.county.region_id,
            level_id=session.subject.level_id,
        )
        started += 1
    stalled = Mailing.objects.filter(finished_at__isnull=True, created_at__lte=now - RETRY_AFTER)
    for mailing in stalled:
        last = (
            MailingDelivery.objects.filter(mailing=mailing)
            .order_by("-subscription_id")
            .values_list("subscription_id", "created_at")
            .first()
        )
        if last is not None and last[1] > now - RETRY_AFTER:
            continue  # still going
        # From the start: the delivery rows skip whoever already has their copy.
        _enqueue_batch(mailing.pk, 0)
        started += 1
    return started
