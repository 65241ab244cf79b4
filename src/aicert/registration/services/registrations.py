"""Writes for registering: seats, the waiting list, payment confirmation, cancellation, transfer,
group bookings, and a registration's exam-day states (checked in, absent, sat)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_batch, audit_record
from aicert.registration import locks, selectors
from aicert.registration.events import RegistrationAwaitingPayment
from aicert.registration.extensions import fee_adjustments
from aicert.registration.models import (
    ACTIVE_STATUSES,
    SEAT_HOLDING_STATUSES,
    CancellationKind,
    GroupBooking,
    Registration,
)
from aicert.registration.services._common import S, _notify
from aicert.scheduling.locks import session_rows_lock, session_seat_row_lock
from aicert.scheduling.models import Session, SessionStatus
from aicert.shared.events import event_publish

# An offer shorter than this (the exam is about to start) is not worth making.
_MIN_OFFER = dt.timedelta(hours=1)


def _local(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def _fee_waived(registration: Registration) -> int:
    """What fee waivers took off ``registration``, with those it brought along by transfer."""
    chain = selectors.registration_chain_ids(registration=registration)
    return fee_adjustments().waived(registration_ids=chain)


def _payment_open(
    registration: Registration, now: dt.datetime | None = None, *, new: bool = False
) -> None:
    """Tell the payments app a registration awaits payment (it opens a virtual account, in this
    transaction). ``new``: the row was inserted in this transaction (it has no account yet)."""
    if registration.status == S.PENDING_PAYMENT:
        event_publish(
            RegistrationAwaitingPayment(
                registration=registration, now=now or timezone.now(), new=new
            )
        )


def _check_window(session: Session, now: dt.datetime) -> None:
    if session.status != SessionStatus.PUBLISHED or session.starts_at <= now:
        raise ValidationError(_("This session is not open for registration."), code="closed")
    if now < session.registration_opens_at:
        raise ValidationError(
            _("Registration for this session opens on %(date)s.")
            % {"date": _local(session.registration_opens_at)},
            code="not_yet_open",
        )
    if now >= session.registration_closes_at:
        raise ValidationError(
            _("Registration for this session closed on %(date)s.")
            % {"date": _local(session.registration_closes_at)},
            code="closed",
        )


def _seats_held(session: Session) -> int:
    """Seats taken in ``session``; call only while holding its row lock."""
    return Registration.objects.filter(session=session, status__in=SEAT_HOLDING_STATUSES).count()


def _seats_held_and_waiting(session: Session) -> tuple[int, bool]:
    """Seats taken in ``session`` and whether anyone waits, in one query; call only while
    holding its row lock (read after the lock, so they include every committed registration)."""
    return selectors.session_seats_held_and_waiting(session_id=session.pk)


def _status_for_seat(*, fee: int, amount_paid: int = 0) -> str:
    return S.CONFIRMED if amount_paid >= fee else S.PENDING_PAYMENT


def _duplicate_error(existing: Registration) -> ValidationError:
    return ValidationError(
        _(
            "You already have a registration for %(subject)s (%(session)s, %(status)s). "
            "Cancel or transfer it instead."
        )
        % {
            "subject": existing.session.subject,
            "session": _local(existing.session.starts_at),
            "status": existing.get_status_display(),
        },
        code="duplicate",
    )


def _registration_insert(
    *, candidate: User, session: Session, group: Any, status: str
) -> Registration:
    """Write the registration row. A duplicate made meanwhile (the same candidate registering
    twice at once) breaks the partial unique constraint: :func:`registration_create` turns
    that into words after the transaction has rolled back, so no savepoint is needed here."""
    registration = Registration(
        candidate=candidate,
        session=session,
        subject=session.subject,
        group=group,
        fee_amount=session.fee,
        status=status,
    )
    registration.save()
    return registration


def _registration_take_seat(
    *,
    candidate: User,
    session: Session,
    group_code: str,
    join_waitlist: bool,
    now: dt.datetime,
) -> tuple[Registration, bool]:
    """Under the session's row lock: a seat if one is free, else the waiting list (or "full").

    Freed seats go to the people already waiting before anyone new (a seat freed while a
    waiting-list place was being written without the lock is offered here).
    """
    session = session_seat_row_lock(session=session)
    _check_window(session, now)  # again, on the locked row: it may have been closed meanwhile
    group = None
    if group_code.strip():
        group = locks.group_booking_row_lock(code=group_code.strip().lower())
        if group is None or not group.is_active:
            raise ValidationError(_("There is no active group with this code."), code="group")
        if group.seats_reserved is not None:
            used = group.registrations.filter(status__in=ACTIVE_STATUSES).count()
            if used >= group.seats_reserved:
                raise ValidationError(
                    _("All the places of this group are taken."), code="group_full"
                )
    held, waiting = _seats_held_and_waiting(session)
    free = session.capacity - held
    if free > 0 and waiting:
        free -= len(_offer_free_seats(session, now))
    full = free <= 0
    if full and not join_waitlist:
        raise ValidationError(
            _("This session is full. You can join its waiting list."), code="full"
        )
    registration = _registration_insert(
        candidate=candidate,
        session=session,
        group=group,
        status=S.WAITLISTED if full else _status_for_seat(fee=session.fee),
    )
    return registration, full


def registration_create(
    *,
    candidate: User,
    session: Session,
    group_code: str = "",
    join_waitlist: bool = False,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a candidate for a session, or put them on its waiting list.

    Rules, in order: a complete profile and current consent; the session published and its
    window open; the level's prerequisites held; no other active registration for the subject;
    a valid group code (if given). A seat is taken only if one is free under the session's row
    lock, after the people already waiting; when none is, ``join_waitlist`` decides between the
    waiting list and a "full" error. Joining the waiting list of a session that is visibly full
    takes no lock.
    """
    try:
        return _registration_create(
            candidate=candidate,
            session=session,
            group_code=group_code,
            join_waitlist=join_waitlist,
            now=now,
        )
    except IntegrityError as exc:  # the same candidate registering twice at once
        existing = (
            Registration.objects.filter(
                candidate=candidate, subject=session.subject, status__in=ACTIVE_STATUSES
            )
            .select_related("session__subject")
            .first()
        )
        raise (_duplicate_error(existing) if existing else ValidationError(str(exc))) from exc


@transaction.atomic
def _registration_create(
    *,
    candidate: User,
    session: Session,
    group_code: str,
    join_waitlist: bool,
    now: dt.datetime | None,
) -> Registration:
    """:func:`registration_create` in one transaction (a duplicate rolls it back whole); its
    audit events (the registration's, the virtual account's) are written together at the end."""
    with audit_batch():
        return _registration_write(
            candidate=candidate,
            session=session,
            group_code=group_code,
            join_waitlist=join_waitlist,
            now=now,
        )


def _registration_write(
    *,
    candidate: User,
    session: Session,
    group_code: str,
    join_waitlist: bool,
    now: dt.datetime | None,
) -> Registration:
    """The body of :func:`_registration_create`, inside its transaction and audit batch."""
    now = now or timezone.now()
    level = session.subject.level
    lock_free = join_waitlist and not group_code.strip()
    # One read answers every check made before the lock (profile, consent, duplicate,
    # prerequisites, and -- for the no-lock waiting-list path -- the seats held).
    standing = selectors.registration_standing(
        user=candidate,
        subject_id=session.subject_id,
        level_id=level.pk,
        session_id=session.pk if lock_free else None,
    )
    if not standing.has_profile:
        raise ValidationError(
            _("Complete your candidate profile before registering."), code="no_profile"
        )
    if not standing.has_consent:
        raise ValidationError(
            _("Please read and accept the privacy notice before registering."), code="no_consent"
        )
    # Rules about the candidate alone are checked before the lock, to keep it short; the
    # partial unique constraint catches a duplicate created meanwhile.
    _check_window(session, now)
    missing = (
        selectors.missing_prerequisites(user=candidate, level=level)
        if standing.missing_prerequisite
        else []
    )
    if missing:
        raise ValidationError(
            _("%(level)s requires you to hold %(required)s first.")
            % {"level": level, "required": "、".join(str(lv) for lv in missing)},
            code="prerequisite",
        )
    if standing.active_registration_id is not None:
        raise _duplicate_error(
            Registration.objects.select_related("session__subject").get(
                pk=standing.active_registration_id
            )
        )
    if lock_free and standing.seats_held is not None and standing.seats_held >= session.capacity:
        # Full as far as any committed registration shows: a waiting-list place takes no
        # seat, so it cannot oversell and needs no lock (in a rush most registrations end
        # here, and they no longer queue behind the seat-takers). A seat freed meanwhile is
        # offered by the canceller, or by the next registration under the lock (below).
        registration = _registration_insert(
            candidate=candidate, session=session, group=None, status=S.WAITLISTED
        )
        full = True
    else:
        registration, full = _registration_take_seat(
            candidate=candidate,
            session=session,
            group_code=group_code,
            join_waitlist=join_waitlist,
            now=now,
        )
    audit_record(
        actor=candidate,
        action="registration.create",
        target=registration,
        changes={
            "session": session.pk,
            "status": registration.status,
            "group": group_code,
        },
    )
    _payment_open(registration, now, new=True)
    _notify(registration, "waitlisted" if full else "registered")
    return registration


@transaction.atomic
def registration_confirm_payment(
    *, actor: Actor, registration: Registration, amount: int, paid_at: dt.datetime | None = None
) -> Registration:
    """Record a payment (for the later reconciliation app); full payment confirms the seat."""
    if actor is not None and not user_can(actor, "registration.change_registration", registration):
        raise PermissionDenied
    session_rows_lock(session_ids=[registration.session_id])
    registration = locks.registration_row_lock(pk=registration.pk)
    if registration.status not in (S.PENDING_PAYMENT, S.CONFIRMED):
        raise ValidationError(_("Only a registration awaiting payment can be paid."))
    registration.amount_paid += amount
    registration.paid_at = paid_at or timezone.now()
    fields = ["amount_paid", "paid_at", "updated_at"]
    newly_confirmed = False
    if registration.status == S.PENDING_PAYMENT and registration.amount_paid >= (
        registration.fee_amount
    ):
        registration.status = S.CONFIRMED
        fields.append("status")
        newly_confirmed = True
    registration.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="registration.payment",
        target=registration,
        changes={"amount": amount, "status": registration.status},
    )
    if newly_confirmed:
        _notify(registration, "confirmed")
    return registration


def _offer_free_seats(session: Session, now: dt.datetime) -> list[Registration]:
    """Offer freed seats to the waiting list, oldest first. Needs the session's row lock."""
    if session.status != SessionStatus.PUBLISHED:
        return []
    # The seat offered to the next person on the waiting list is kept this long for them.
    hours = getattr(settings, "REGISTRATION_WAITLIST_OFFER_HOURS", 48)
    deadline = min(now + dt.timedelta(hours=hours), session.starts_at)
    if deadline - now < _MIN_OFFER:
        return []
    free = session.capacity - _seats_held(session)
    if free <= 0:
        return []
    waiting = locks.registration_rows_lock(
        queryset=Registration.objects.filter(session=session, status=S.WAITLISTED).order_by(
            "created_at", "pk"
        ),
        limit=free,
    )
    for registration in waiting:
        registration.status = S.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit_record(
            actor=None,
            action="registration.offer",
            target=registration,
            changes={"offer_expires_at": deadline.isoformat()},
        )
        _notify(registration, "offer")
    return waiting


def _may_act_on(actor: Actor, registration: Registration) -> bool:
    return actor is not None and (
        actor.pk == registration.candidate_id
        or user_can(actor, "registration.change_registration", registration)
    )


@transaction.atomic
def registration_cancel(
    *,
    actor: Actor,
    registration: Registration,
    documented: bool = False,
    reason: str = "",
    now: dt.datetime | None = None,
    kind: str = "",
) -> Registration:
    """Cancel a registration (or leave the waiting list); the refund follows the policy.

    A freed seat is offered to the next person on the waiting list in the same transaction.
    ``actor=None`` is the system (e.g. the payment-deadline job), which must name the ``kind``.
    """
    now = now or timezone.now()
    if actor is None:
        if not kind:
            raise PermissionDenied
    elif not _may_act_on(actor, registration):
        raise PermissionDenied
    session = session_rows_lock(session_ids=[registration.session_id])[registration.session_id]
    registration = locks.registration_row_lock(pk=registration.pk)
    registration.session = session
    if registration.status not in (S.PENDING_PAYMENT, S.CONFIRMED, S.OFFERED, S.WAITLISTED):
        raise ValidationError(
            _("A registration that is %(status)s cannot be cancelled.")
            % {"status": registration.get_status_display()}
        )
    if session.starts_at <= now:
        raise ValidationError(
            _("The exam has started: the registration can no longer be cancelled.")
        )
    if documented and not reason.strip():
        raise ValidationError(
            {"reason": _("Describe the documented reason (e.g. a medical certificate).")}
        )
    quote = selectors.refund_quote(registration=registration, documented=documented, now=now)
    held = registration.holds_seat
    registration.status = S.CANCELLED
    registration.cancelled_at = now
    if kind:
        registration.cancellation_kind = kind
    else:
        assert actor is not None  # the system always names the kind (refused above otherwise)
        registration.cancellation_kind = (
            CancellationKind.STAFF
            if actor.pk != registration.candidate_id
            else CancellationKind.DOCUMENTED
            if documented
            else CancellationKind.CANDIDATE
        )
    registration.cancellation_reason = reason.strip()
    registration.refund_amount = quote.amount
    registration.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancellation_kind",
            "cancellation_reason",
            "refund_amount",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="registration.cancel",
        target=registration,
        changes={"refund": quote.amount, "rule": quote.rule},
    )
    _notify(registration, "cancelled")
    if held:
        _offer_free_seats(session, now)
    return registration


@transaction.atomic
def registration_accept_offer(
    *, actor: Actor, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """Take the seat offered from the waiting list, before the offer expires."""
    now = now or timezone.now()
    if actor is None or actor.pk != registration.candidate_id:
        raise PermissionDenied
    session = session_rows_lock(session_ids=[registration.session_id])[registration.session_id]
    registration = locks.registration_row_lock(pk=registration.pk)
    if registration.status != S.OFFERED:
        raise ValidationError(_("There is no seat offer to accept on this registration."))
    # An offer always has its expiry (a check constraint).
    assert registration.offer_expires_at is not None
    if registration.offer_expires_at <= now:
        raise ValidationError(
            _("This offer expired on %(date)s.") % {"date": _local(registration.offer_expires_at)}
        )
    registration.status = _status_for_seat(
        fee=registration.fee_amount, amount_paid=registration.amount_paid
    )
    registration.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="registration.accept_offer", target=registration)
    registration.session = session
    _payment_open(registration, now)
    _notify(registration, "registered")
    return registration


@transaction.atomic
def registration_transfer(
    *,
    actor: Actor,
    registration: Registration,
    target_session: Session,
    now: dt.datetime | None = None,
) -> Registration:
    """Move a seat to another session of the same subject; returns the new registration.

    Both sessions are locked in pk order; the target must be open with a free seat (a transfer
    never joins a waiting list). What was paid moves with the candidate; the seat freed in the
    old session goes to its waiting list.
    """
    now = now or timezone.now()
    if not _may_act_on(actor, registration):
        raise PermissionDenied
    sessions = session_rows_lock(session_ids=[registration.session_id, target_session.pk])
    source, target = sessions[registration.session_id], sessions[target_session.pk]
    registration = locks.registration_row_lock(pk=registration.pk)
    if target.pk == source.pk:
        raise ValidationError(_("Choose a different session."))
    if registration.status not in (S.PENDING_PAYMENT, S.CONFIRMED):
        raise ValidationError(
            _("Only a registration holding a seat can be transferred; this one is %(status)s.")
            % {"status": registration.get_status_display()}
        )
    if target.subject_id != registration.subject_id:
        raise ValidationError(_("A registration can only move to a session of the same subject."))
    if source.starts_at <= now:
        raise ValidationError(_("The exam has started: the registration can no longer be moved."))
    _check_window(target, now)
    if _seats_held(target) >= target.capacity:
        raise ValidationError(_("The other session is full."), code="full")
    registration.status = S.TRANSFERRED
    registration.save(update_fields=["status", "updated_at"])
    # A waiver was granted to the person, not the date: it travels with the seat.
    waived = _fee_waived(registration)
    fee = max(0, target.fee - waived)
    new = Registration.objects.create(
        candidate_id=registration.candidate_id,
        session=target,
        subject_id=registration.subject_id,
        group=registration.group,
        fee_amount=fee,
        amount_paid=registration.amount_paid,
        paid_at=registration.paid_at,
        status=_status_for_seat(fee=fee, amount_paid=registration.amount_paid),
    )
    registration.transferred_to = new
    registration.save(update_fields=["transferred_to", "updated_at"])
    audit_record(
        actor=actor,
        action="registration.transfer",
        target=registration,
        changes={
            "from_session": source.pk,
            "to_session": target.pk,
            "new": new.pk,
            "fee": fee,
            "waived_carried": waived,
        },
    )
    _payment_open(new, now)
    _notify(new, "transferred")
    _offer_free_seats(source, now)
    return new


def waitlist_expire_offers(*, now: dt.datetime | None = None) -> int:
    """Pass expired waiting-list offers on to the next person; returns how many expired.

    Also offers seats freed in other ways (a capacity increase). One short transaction per
    session, so a long run never holds many locks. Run by the ``expire_waitlist_offers``
    command or the ``waitlist_expire_offers_task`` task, e.g. every 15 minutes.
    """
    now = now or timezone.now()
    session_ids = sorted(
        set(
            Registration.objects.filter(status__in=[S.OFFERED, S.WAITLISTED])
            .filter(session__starts_at__gt=now)
            .values_list("session_id", flat=True)
        )
    )
    expired_total = 0
    for session_id in session_ids:
        with transaction.atomic():
            session = session_rows_lock(session_ids=[session_id])[session_id]
            expired = locks.registration_rows_lock(
                queryset=Registration.objects.filter(
                    session=session, status=S.OFFERED, offer_expires_at__lte=now
                )
            )
            for registration in expired:
                registration.status = S.CANCELLED
                registration.cancellation_kind = CancellationKind.OFFER_EXPIRED
                registration.cancelled_at = now
                registration.save(
                    update_fields=["status", "cancellation_kind", "cancelled_at", "updated_at"]
                )
                audit_record(actor=None, action="registration.offer_expired", target=registration)
                _notify(registration, "offer_expired")
            expired_total += len(expired)
            _offer_free_seats(session, now)
    return expired_total


def group_booking_create(
    *, actor: Actor, organisation: Any, code: str, seats_reserved: int | None = None, contact=None
) -> GroupBooking:
    """Open a group code for a school or employer."""
    with transaction.atomic():
        group = GroupBooking(
            organisation=organisation,
            code=code.strip().lower(),
            seats_reserved=seats_reserved,
            contact=contact,
        )
        group.full_clean()
        group.save()
        audit_record(actor=actor, action="group_booking.create", target=group)
    return group


def _exam_day_transition(
    *, actor: Actor, registration: Registration, allowed_from: tuple[str, ...], to: str
) -> Registration:
    """Move a registration to ``to`` under its row lock (the caller holds the session lock)."""
    registration = locks.registration_row_lock(pk=registration.pk)
    if registration.status not in allowed_from:
        raise ValidationError(
            _("A registration that is %(status)s cannot become %(target)s.")
            % {"status": registration.get_status_display(), "target": S(to).label},
            code="illegal_transition",
        )
    before = registration.status
    registration.status = to
    registration.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"registration.{to}",
        target=registration,
        changes={"status": [before, to]},
    )
    return registration


@transaction.atomic
def registration_check_in(*, actor: Actor, registration: Registration) -> Registration:
    """confirmed (or absent, for a candidate who arrives after all) -> checked in."""
    session_rows_lock(session_ids=[registration.session_id])
    return _exam_day_transition(
        actor=actor,
        registration=registration,
        allowed_from=(S.CONFIRMED, S.ABSENT),
        to=S.CHECKED_IN,
    )


@transaction.atomic
def registration_mark_absent(*, actor: Actor, registration: Registration) -> Registration:
    """confirmed (did not come) -> absent. A checked-in candidate is never marked absent."""
    session_rows_lock(session_ids=[registration.session_id])
    return _exam_day_transition(
        actor=actor, registration=registration, allowed_from=(S.CONFIRMED,), to=S.ABSENT
    )


@transaction.atomic
def registration_mark_sat(*, actor: Actor, registration: Registration) -> Registration:
    """checked in -> sat, when the candidate's attempt is handed in or ends on time.

    Takes the registration's row lock, which the hand-in takes before the attempt's (parent
    first, :mod:`aicert.shared.locking`). A registration
    that is not checked in (already ``sat``) is returned unchanged: a hand-in must never fail
    because of the registration's bookkeeping.
    """
    current = locks.registration_row_lock(pk=registration.pk)
    if current.status != S.CHECKED_IN:
        return current
    return _exam_day_transition(
        actor=actor, registration=current, allowed_from=(S.CHECKED_IN,), to=S.SAT
    )
