"""Writes for registration: profile and consent, registering, waiting list, cancellation, transfer.

Every service that touches seats runs in one transaction and locks in the order of
:mod:`aicert.registration.locks` (sessions in pk order, then group booking, then registrations),
counts seats only under the session lock, and sends its emails after commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.audit.services import audit_record
from aicert.registration import identity, locks, seating, selectors, tasks
from aicert.registration.events import RegistrationAwaitingPayment
from aicert.registration.extensions import fee_adjustments
from aicert.registration.models import (
    ACCOMMODATION_DOCUMENT_MAX_BYTES,
    ACCOMMODATION_DOCUMENT_TYPES,
    ACCOMMODATION_DOCUMENTS_PER_REQUEST,
    ACTIVE_STATUSES,
    HEALTH_CONSENT_VERSION,
    PRIVACY_NOTICE_VERSION,
    SEAT_HOLDING_STATUSES,
    TICKET_STATUSES,
    AccommodationDocument,
    AccommodationRequest,
    AccommodationStatus,
    CancellationKind,
    CandidateProfile,
    ConsentPurpose,
    ConsentRecord,
    DeletionRequest,
    DeletionRequestStatus,
    ExtraTime,
    Gender,
    GroupBooking,
    Registration,
    RegistrationNotice,
    RegistrationStatus,
    private_storage,
)
from aicert.scheduling.models import Session, SessionStatus
from aicert.shared.events import event_publish

S = RegistrationStatus
# An offer shorter than this (the exam is about to start) is not worth making.
_MIN_OFFER = dt.timedelta(hours=1)


def _notify(registration: Registration, kind: str) -> None:
    """Email the candidate about ``kind`` once the transaction has committed."""

    pk = registration.pk
    transaction.on_commit(
        lambda: tasks.registration_email_send.enqueue(registration_id=pk, kind=kind)
    )


def _local(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def _fee_waived(registration: Registration) -> int:
    """What fee waivers took off ``registration``, with those it brought along by transfer."""
    chain = selectors.registration_chain_ids(registration=registration)
    return fee_adjustments().waived(registration_ids=chain)


def _payment_open(registration: Registration, now: dt.datetime | None = None) -> None:
    """Tell the payments app a registration awaits payment (it opens a virtual account, in this
    transaction)."""
    if registration.status == S.PENDING_PAYMENT:
        event_publish(
            RegistrationAwaitingPayment(registration=registration, now=now or timezone.now())
        )


# --- Profile, consent and data rights -------------------------------------------------------


@transaction.atomic
def candidate_profile_save(
    *,
    user: Any,
    legal_name_zh: str,
    legal_name_en: str,
    birth_date: dt.date,
    phone: str,
    id_number: str | None = None,
    county: Any = None,
    organisation_name: str = "",
    gender: str | None = None,
) -> CandidateProfile:
    """Create or update a candidate's profile.

    ``id_number`` is required for a new profile and optional afterwards (``None`` keeps the stored
    one). It must pass the checksum of one of the three formats and belong to no other account
    (checked through the keyed hash; the unique constraint is the last word).
    """
    profile = CandidateProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    profile = profile or CandidateProfile(user=user)
    errors: dict[str, str] = {}
    if not legal_name_zh.strip() and not legal_name_en.strip():
        errors["legal_name_zh"] = _("Enter your legal name in Chinese or in English.")
    if id_number:
        try:
            number, kind = identity.validate(id_number)
        except ValueError as exc:
            errors["id_number"] = (
                _("This identity number's check digit is wrong: please check it.")
                if str(exc) == "checksum"
                else _(
                    "Enter a national ID (A123456789) or a resident certificate number "
                    "(A800000014 or AB12345678)."
                )
            )
        else:
            profile.set_id_number(number, kind.value)
            clash = CandidateProfile.objects.filter(id_number_hash=profile.id_number_hash)
            if clash.exclude(user=user).exists():
                errors["id_number"] = _(
                    "This identity number is already registered to another account."
                )
    elif created:
        errors["id_number"] = _("Enter your identity number.")
    if errors:
        raise ValidationError(errors)
    profile.legal_name_zh = legal_name_zh.strip()
    profile.legal_name_en = legal_name_en.strip()
    profile.birth_date = birth_date
    profile.phone = phone.strip()
    profile.county = county
    profile.organisation_name = organisation_name.strip()
    if gender is not None:  # None keeps what is stored; "" clears it
        if gender and gender not in Gender.values:
            raise ValidationError({"gender": _("Choose one of the listed options.")})
        profile.gender = gender
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"id_number": _("This identity number is already registered to another account.")}
        ) from exc
    audit_record(
        actor=user,
        action="candidate_profile.create" if created else "candidate_profile.update",
        target=profile,
        changes={"id_number": profile.id_number_masked} if id_number else {},
    )
    return profile


@transaction.atomic
def consent_give(
    *,
    user: Any,
    purpose: str = ConsentPurpose.EXAM_REGISTRATION,
    notice_version: str = PRIVACY_NOTICE_VERSION,
) -> ConsentRecord:
    """Record explicit consent to a version of the privacy notice (idempotent)."""
    record, created = ConsentRecord.objects.get_or_create(
        user=user, notice_version=notice_version, purpose=purpose
    )
    if created:
        audit_record(
            actor=user,
            action="consent.give",
            target=record,
            changes={"notice_version": notice_version, "purpose": purpose},
        )
    return record


@transaction.atomic
def deletion_request_create(*, user: Any, reason: str = "") -> DeletionRequest:
    """Ask for one's personal data to be deleted; one pending request at a time."""
    if selectors.deletion_request_pending(user=user):
        raise ValidationError(_("Your deletion request is already waiting to be processed."))
    request = DeletionRequest.objects.create(user=user, user_email=user.email, reason=reason)
    audit_record(actor=user, action="deletion_request.create", target=request)
    return request


@transaction.atomic
def deletion_request_process(
    *, actor: Any, request: DeletionRequest, approve: bool, note: str = ""
) -> DeletionRequest:
    """The foundation decides a deletion request.

    Approved: the candidate profile (identity number, names, contact) is deleted; registrations
    and consent records stay as the legal record of what happened (PDPA Art. 11 allows keeping
    what a legal duty requires). Refused: the note says why.
    """
    if not user_can(actor, "registration.change_deletionrequest"):
        raise PermissionDenied
    request = DeletionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DeletionRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if approve and request.user_id:
        CandidateProfile.objects.filter(user_id=request.user_id).delete()
        _accommodations_delete(user_id=request.user_id)
    request.status = DeletionRequestStatus.PROCESSED if approve else DeletionRequestStatus.REFUSED
    request.processed_at = timezone.now()
    request.processed_by = actor
    request.outcome_note = note
    request.save(update_fields=["status", "processed_at", "processed_by", "outcome_note"])
    audit_record(
        actor=actor, action="deletion_request.decide", target=request, changes={"approve": approve}
    )
    return request


# --- Registering ----------------------------------------------------------------------------


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
    *, candidate: Any, session: Session, group: Any, status: str
) -> Registration:
    """Write the registration row; a duplicate made meanwhile is refused in words."""
    registration = Registration(
        candidate=candidate,
        session=session,
        subject=session.subject,
        group=group,
        fee_amount=session.fee,
        status=status,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the same candidate registering twice at once
        existing = Registration.objects.filter(
            candidate=candidate, subject=session.subject, status__in=ACTIVE_STATUSES
        ).first()
        raise (_duplicate_error(existing) if existing else ValidationError(str(exc))) from exc
    return registration


def _registration_take_seat(
    *,
    candidate: Any,
    session: Session,
    group_code: str,
    join_waitlist: bool,
    now: dt.datetime,
) -> tuple[Registration, bool]:
    """Under the session's row lock: a seat if one is free, else the waiting list (or "full").

    Freed seats go to the people already waiting before anyone new (a seat freed while a
    waiting-list place was being written without the lock is offered here).
    """
    session = locks.sessions_lock(session_ids=[session.pk])[session.pk]
    _check_window(session, now)  # again, on the locked row: it may have been closed meanwhile
    group = None
    if group_code.strip():
        group = locks.group_booking_lock(code=group_code.strip().lower())
        if group is None or not group.is_active:
            raise ValidationError(_("There is no active group with this code."), code="group")
        if group.seats_reserved is not None:
            used = group.registrations.filter(status__in=ACTIVE_STATUSES).count()
            if used >= group.seats_reserved:
                raise ValidationError(
                    _("All the places of this group are taken."), code="group_full"
                )
    free = session.capacity - _seats_held(session)
    if free > 0 and Registration.objects.filter(session=session, status=S.WAITLISTED).exists():
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


@transaction.atomic
def registration_create(
    *,
    candidate: Any,
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
    now = now or timezone.now()
    if not CandidateProfile.objects.filter(user=candidate).exists():
        raise ValidationError(
            _("Complete your candidate profile before registering."), code="no_profile"
        )
    if not selectors.consent_is_current(user=candidate):
        raise ValidationError(
            _("Please read and accept the privacy notice before registering."), code="no_consent"
        )
    # Rules about the candidate alone are checked before the lock, to keep it short; the
    # partial unique constraint catches a duplicate created meanwhile.
    _check_window(session, now)
    level = session.subject.level
    missing = selectors.missing_prerequisites(user=candidate, level=level)
    if missing:
        raise ValidationError(
            _("%(level)s requires you to hold %(required)s first.")
            % {"level": level, "required": "、".join(str(lv) for lv in missing)},
            code="prerequisite",
        )
    existing = (
        Registration.objects.filter(
            candidate=candidate, subject_id=session.subject_id, status__in=ACTIVE_STATUSES
        )
        .select_related("session__subject")
        .first()
    )
    if existing:
        raise _duplicate_error(existing)
    if join_waitlist and not group_code.strip() and _seats_held(session) >= session.capacity:
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
    _payment_open(registration, now)
    _notify(registration, "waitlisted" if full else "registered")
    return registration


@transaction.atomic
def registration_confirm_payment(
    *, actor: Any, registration: Registration, amount: int, paid_at: dt.datetime | None = None
) -> Registration:
    """Record a payment (for the later reconciliation app); full payment confirms the seat."""
    if actor is not None and not user_can(actor, "registration.change_registration", registration):
        raise PermissionDenied
    locks.sessions_lock(session_ids=[registration.session_id])
    registration = locks.registration_lock(pk=registration.pk)
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
    waiting = list(
        Registration.objects.filter(session=session, status=S.WAITLISTED)
        .order_by("created_at", "pk")
        .select_for_update(of=("self",))[:free]
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


def _may_act_on(actor: Any, registration: Registration) -> bool:
    return actor is not None and (
        actor.pk == registration.candidate_id
        or user_can(actor, "registration.change_registration", registration)
    )


@transaction.atomic
def registration_cancel(
    *,
    actor: Any,
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
    session = locks.sessions_lock(session_ids=[registration.session_id])[registration.session_id]
    registration = locks.registration_lock(pk=registration.pk)
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
    registration.cancellation_kind = kind or (
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
    *, actor: Any, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """Take the seat offered from the waiting list, before the offer expires."""
    now = now or timezone.now()
    if actor is None or actor.pk != registration.candidate_id:
        raise PermissionDenied
    session = locks.sessions_lock(session_ids=[registration.session_id])[registration.session_id]
    registration = locks.registration_lock(pk=registration.pk)
    if registration.status != S.OFFERED:
        raise ValidationError(_("There is no seat offer to accept on this registration."))
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
    actor: Any,
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
    sessions = locks.sessions_lock(session_ids=[registration.session_id, target_session.pk])
    source, target = sessions[registration.session_id], sessions[target_session.pk]
    registration = locks.registration_lock(pk=registration.pk)
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
            session = locks.sessions_lock(session_ids=[session_id])[session_id]
            expired = list(
                Registration.objects.filter(
                    session=session, status=S.OFFERED, offer_expires_at__lte=now
                ).select_for_update(of=("self",))
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
    *, actor: Any, organisation: Any, code: str, seats_reserved: int | None = None, contact=None
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


# --- Exam day: check-in, absence, sitting ---------------------------------------------------
# Called by the delivery app's exam-day services, which check the invigilator's rights on the
# session and record the check-in itself; these only move the registration's status.


def _exam_day_transition(
    *, actor: Any, registration: Registration, allowed_from: tuple[str, ...], to: str
) -> Registration:
    """Move a registration to ``to`` under its row lock (the caller holds the session lock)."""
    registration = locks.registration_lock(pk=registration.pk)
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
def registration_check_in(*, actor: Any, registration: Registration) -> Registration:
    """confirmed (or absent, for a candidate who arrives after all) -> checked in."""
    locks.sessions_lock(session_ids=[registration.session_id])
    return _exam_day_transition(
        actor=actor,
        registration=registration,
        allowed_from=(S.CONFIRMED, S.ABSENT),
        to=S.CHECKED_IN,
    )


@transaction.atomic
def registration_mark_absent(*, actor: Any, registration: Registration) -> Registration:
    """confirmed (did not come) -> absent. A checked-in candidate is never marked absent."""
    locks.sessions_lock(session_ids=[registration.session_id])
    return _exam_day_transition(
        actor=actor, registration=registration, allowed_from=(S.CONFIRMED,), to=S.ABSENT
    )


@transaction.atomic
def registration_mark_sat(*, actor: Any, registration: Registration) -> Registration:
    """checked in -> sat, when the candidate's attempt is handed in or ends on time.

    Takes only the registration's row lock (the attempt's lock is already held by the caller;
    no service takes a registration lock and then waits for an attempt lock). A registration
    that is not checked in (already ``sat``) is returned unchanged: a hand-in must never fail
    because of the registration's bookkeeping.
    """
    current = locks.registration_lock(pk=registration.pk)
    if current.status != S.CHECKED_IN:
        return current
    return _exam_day_transition(
        actor=actor, registration=current, allowed_from=(S.CHECKED_IN,), to=S.SAT
    )


# --- Accommodations ---------------------------------------------------------------------------
# Health data (PDPA Art. 6): ``details`` and the documents never enter the audit log, emails or
# anything a center sees; the audit keeps only the needs and the decision.

_MAGIC_BYTES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def _accommodation_notify(request: AccommodationRequest) -> None:
    pk = request.pk
    transaction.on_commit(lambda: tasks.accommodation_email_send.enqueue(request_id=pk))


def _check_document(upload: Any) -> str:
    """The content type of an acceptable supporting document, or a ValidationError."""
    name = getattr(upload, "name", "") or ""
    suffix = Path(name).suffix.lower()
    content_type = ACCOMMODATION_DOCUMENT_TYPES.get(suffix)
    if content_type is None:
        raise ValidationError(
            _("%(name)s: upload a PDF, JPEG or PNG file.") % {"name": name}, code="file_type"
        )
    if upload.size > ACCOMMODATION_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": name, "limit": ACCOMMODATION_DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="file_empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in _MAGIC_BYTES[content_type]):
        raise ValidationError(
            _("%(name)s is not really a PDF, JPEG or PNG file.") % {"name": name},
            code="file_content",
        )
    return content_type


@transaction.atomic
def accommodation_request_create(
    *,
    user: Any,
    extra_time_percent: int = 0,
    separate_room: bool = False,
    large_print: bool = False,
    accessible_seat: bool = False,
    details: str = "",
    documents: list[Any],
    health_consent: bool,
) -> AccommodationRequest:
    """A candidate asks for accommodations, with documents and consent to process health data.

    The consent is separate from the privacy notice and explicit (a ticked box for the versioned
    text of ``registration/health_consent_notice.html``); it is recorded as a
    :class:`ConsentRecord` (purpose ``health_data``) before anything is stored. One request may
    wait for review at a time. Files: 1 to ``ACCOMMODATION_DOCUMENTS_PER_REQUEST``, PDF/JPEG/PNG
    (checked by content, not only the name), at most ``ACCOMMODATION_DOCUMENT_MAX_BYTES`` each.
    """
    errors: dict[str, list[str]] = {}
    if not health_consent:
        errors["health_consent"] = [
            _("Without your consent we cannot process health information about you.")
        ]
    if extra_time_percent not in ExtraTime.values:
        errors["extra_time_percent"] = [_("Choose +25 % or +50 % (or no extra time).")]
    elif not (extra_time_percent or separate_room or large_print or accessible_seat):
        errors["__all__"] = [_("Choose at least one accommodation.")]
    if not documents:
        errors["documents"] = [
            _("Attach a supporting document (for example a medical certificate).")
        ]
    elif len(documents) > ACCOMMODATION_DOCUMENTS_PER_REQUEST:
        errors["documents"] = [
            _("Attach at most %(count)s files.") % {"count": ACCOMMODATION_DOCUMENTS_PER_REQUEST}
        ]
    else:
        content_types = []
        for upload in documents:
            try:
                content_types.append(_check_document(upload))
            except ValidationError as error:
                errors.setdefault("documents", []).extend(error.messages)
    if AccommodationRequest.objects.filter(
        candidate=user, status=AccommodationStatus.PENDING
    ).exists():
        errors.setdefault("__all__", []).append(
            _("You already have a request waiting for review: withdraw it to make a new one.")
        )
    if errors:
        raise ValidationError(errors)
    consent = consent_give(
        user=user, purpose=ConsentPurpose.HEALTH_DATA, notice_version=HEALTH_CONSENT_VERSION
    )
    try:
        with transaction.atomic():
            request = AccommodationRequest.objects.create(
                candidate=user,
                extra_time_percent=extra_time_percent,
                separate_room=separate_room,
                large_print=large_print,
                accessible_seat=accessible_seat,
                details=details.strip(),
                health_consent=consent,
            )
    except IntegrityError as exc:  # a second tab submitted at the same moment
        raise ValidationError(
            _("You already have a request waiting for review: withdraw it to make a new one.")
        ) from exc
    stored: list[str] = []
    try:
        for upload, content_type in zip(documents, content_types, strict=True):
            document = AccommodationDocument(
                request=request,
                original_name=Path(upload.name).name[:200],
                content_type=content_type,
                size=upload.size,
            )
            document.file.save(upload.name, upload, save=False)
            stored.append(document.file.name)
            document.save()
        audit_record(
            actor=user,
            action="accommodation.request",
            target=request,
            changes={"needs": _needs_for_audit(request), "documents": len(stored)},
        )
    except BaseException:
        # Files are not transactional: remove what was written before the rollback.
        for name in stored:
            private_storage().delete(name)
        raise
    return request


def _needs_for_audit(request: AccommodationRequest) -> dict[str, Any]:
    return {
        "extra_time_percent": request.extra_time_percent,
        "separate_room": request.separate_room,
        "large_print": request.large_print,
        "accessible_seat": request.accessible_seat,
    }


@transaction.atomic
def accommodation_request_withdraw(*, user: Any, request_id: int) -> AccommodationRequest:
    """The candidate withdraws their own pending request (the documents stay as its record)."""
    request = locks.accommodation_lock(pk=request_id)
    if request.candidate_id != user.pk:
        raise PermissionDenied
    if request.status != AccommodationStatus.PENDING:
        raise ValidationError(_("Only a request waiting for review can be withdrawn."))
    request.status = AccommodationStatus.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    audit_record(actor=user, action="accommodation.withdraw", target=request)
    return request


@transaction.atomic
def accommodation_request_decide(
    *,
    actor: Any,
    request_id: int,
    approve: bool,
    note: str = "",
    valid_until: dt.date | None = None,
    now: dt.datetime | None = None,
) -> AccommodationRequest:
    """A foundation admin approves or rejects a pending request; the candidate is emailed.

    A rejection must say why (``note``). An approval replaces the candidate's previous approved
    accommodation (status ``superseded``) and applies to sittings up to ``valid_until`` (empty:
    no end). Seats already assigned do not move; the manager's seat list shows the new needs.
    """
    if not user_can(actor, "registration.decide_accommodationrequest"):
        raise PermissionDenied
    now = now or timezone.now()
    request = locks.accommodation_lock(pk=request_id)
    if request.status != AccommodationStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if request.candidate_id == actor.pk:
        raise PermissionDenied(_("Nobody decides their own accommodation request."))
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the request is rejected.")})
    if approve and valid_until is not None and valid_until < timezone.localtime(now).date():
        raise ValidationError({"valid_until": _("The end date is in the past.")})
    if approve:
        previous = AccommodationRequest.objects.filter(
            candidate_id=request.candidate_id, status=AccommodationStatus.APPROVED
        ).select_for_update()
        for old in previous:
            old.status = AccommodationStatus.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])
            audit_record(actor=actor, action="accommodation.supersede", target=old)
    request.status = AccommodationStatus.APPROVED if approve else AccommodationStatus.REJECTED
    request.decision_note = note
    request.valid_until = valid_until if approve else None
    request.decided_by = actor
    request.decided_at = now
    request.save(
        update_fields=[
            "status",
            "decision_note",
            "valid_until",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="accommodation.approve" if approve else "accommodation.reject",
        target=request,
        changes={
            "needs": _needs_for_audit(request),
            "valid_until": valid_until.isoformat() if approve and valid_until else None,
        },
    )
    _accommodation_notify(request)
    return request


# --- Seats, admission tickets and their emails ------------------------------------------------


@dataclass
class SeatAssignment:
    """What one run of :func:`session_seats_assign` did, for the manager's message."""

    session_id: int
    assigned: dict[int, str]
    kept: int
    released: int
    unseated: list[int]
    accessible_missing: list[int]
    moved: int = 0  # seated candidates given another seat (into or out of the separate room)


def _notice_once(registration: Registration, kind: str) -> bool:
    """Record and send the ``kind`` email for a registration unless it was already sent."""
    try:
        with transaction.atomic():
            RegistrationNotice.objects.create(registration=registration, kind=kind)
    except IntegrityError:
        return False
    _notify(registration, kind)
    return True


@transaction.atomic
def session_seats_assign(
    *, session_id: int, actor: Any = None, now: dt.datetime | None = None
) -> SeatAssignment:
    """Give every confirmed candidate of a session a seat in its room, spread out.

    Stable (see :mod:`aicert.registration.seating`): seated candidates keep their seats, so the
    manager's button and the periodic job can run any number of times; late registrations fill
    free seats. Seats of cancelled, transferred or waitlisted registrations are freed first.
    Accessible seats go to candidates with an approved accommodation; candidates whose approved
    accommodation (in force on the exam day) includes a separate room get a separate-room place
    ``SR-n`` instead of a grid seat, and go back into the grid when it lapses. Every seat given
    or changed is audited (a change with the old and the new seat). From the ticket release date
    on, newly seated candidates get the ticket-ready email (once).

    Locks the session, then its registrations (pk order). ``actor`` None is the periodic job;
    otherwise it needs ``registration.assign_seats`` on the session (its center's manager).
    """
    now = now or timezone.now()
    session = locks.sessions_lock(session_ids=[session_id]).get(session_id)
    if session is None:
        raise Session.DoesNotExist
    if actor is not None and not user_can(actor, "registration.assign_seats", session):
        raise PermissionDenied
    if session.status in (SessionStatus.DRAFT, SessionStatus.CANCELLED):
        raise ValidationError(_("Seats are assigned only for published sessions."))
    registrations = list(
        Registration.objects.filter(session_id=session_id)
        .exclude(seat_label__isnull=True, status__in=_NO_SEAT_STATUSES)
        .order_by("pk")
        .select_for_update(of=("self",))
        .select_related("candidate")
    )
    released = 0
    seat_holders = []
    for registration in registrations:
        if registration.status in TICKET_STATUSES:
            seat_holders.append(registration)
        elif registration.seat_label is not None:
            old = registration.seat_label
            registration.seat_label = None
            registration.save(update_fields=["seat_label", "updated_at"])
            audit_record(
                actor=actor,
                action="registration.seat_release",
                target=registration,
                changes={"seat": [old, None]},
            )
            released += 1
    seat_holders.sort(key=lambda r: (r.created_at, r.pk))
    exam_day = timezone.localtime(session.starts_at).date()
    needs = selectors.accommodations_by_candidate(
        user_ids=[r.candidate_id for r in seat_holders], on=exam_day
    )
    room = session.room
    grid = seating.RoomGrid(
        rows=room.seat_rows,
        columns=room.seat_columns,
        blocked=frozenset(room.seat_layout.get("blocked", [])),
        accessible=frozenset(room.seat_layout.get("accessible", [])),
    )
    plan = seating.plan_seats(
        grid,
        [
            seating.SeatRequest(
                key=r.pk,
                seat=r.seat_label,
                needs_accessible=bool(
                    needs.get(r.candidate_id) and needs[r.candidate_id].accessible_seat
                ),
                has_accommodation=r.candidate_id in needs,
                separate_room=bool(
                    needs.get(r.candidate_id) and needs[r.candidate_id].separate_room
                ),
            )
            for r in seat_holders
        ],
    )
    by_pk = {r.pk: r for r in seat_holders}
    # Clear invalid seats first so a seat moving between two candidates never clashes.
    previous: dict[int, str] = {}
    for pk in plan.new_seats:
        registration = by_pk[pk]
        if registration.seat_label is not None:
            previous[pk] = registration.seat_label
            registration.seat_label = None
            registration.save(update_fields=["seat_label", "updated_at"])
    for pk, seat in plan.new_seats.items():
        registration = by_pk[pk]
        registration.seat_label = seat
        registration.save(update_fields=["seat_label", "updated_at"])
        audit_record(
            actor=actor,
            action="registration.seat_assign",
            target=registration,
            # A move (e.g. into or out of the separate room) records the seat given up.
            changes={"seat": [previous[pk], seat] if pk in previous else seat},
        )
    if session.ticket_release_on <= timezone.localtime(now).date():
        for registration in seat_holders:
            if registration.seat_label and registration.status == S.CONFIRMED:
                _notice_once(registration, "ticket_ready")
    return SeatAssignment(
        session_id=session_id,
        assigned=plan.new_seats,
        kept=len(plan.kept),
        released=released,
        unseated=plan.unseated,
        accessible_missing=plan.accessible_missing,
        moved=len(previous),
    )


_NO_SEAT_STATUSES = tuple(s for s in RegistrationStatus.values if s not in TICKET_STATUSES)


def tickets_release_due(*, now: dt.datetime | None = None) -> int:
    """Periodic: assign seats (and send ticket-ready emails) for sessions whose tickets are out.

    Runs every published or closed session from its ticket release date until it starts, so late
    registrations are seated too. Returns how many seats were assigned.
    """
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    session_ids = list(
        Session.objects.filter(
            status__in=(SessionStatus.PUBLISHED, SessionStatus.CLOSED),
            ticket_release_on__lte=today,
            starts_at__gt=now,
        )
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
    )
    assigned = 0
    for session_id in session_ids:
        assigned += len(session_seats_assign(session_id=session_id, now=now).assigned)
    return assigned


REMINDER_DAYS_BEFORE = 3


@transaction.atomic
def exam_reminders_send(
    *, now: dt.datetime | None = None, days_before: int = REMINDER_DAYS_BEFORE
) -> int:
    """Periodic: remind confirmed candidates of their exam ``days_before`` days ahead, once.

    Every confirmed registration whose session starts within the next ``days_before`` days
    (and has not started) gets one reminder; re-runs send nothing more. Returns emails queued.
    """
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=S.CONFIRMED,
            session__status__in=(SessionStatus.PUBLISHED, SessionStatus.CLOSED),
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(days=days_before),
        )
        .exclude(notices__kind="reminder")
        .order_by("pk")
    )
    return sum(1 for registration in due if _notice_once(registration, "reminder"))


def accommodation_document_open(*, user: Any, document_id: int) -> AccommodationDocument:
    """A supporting document for its candidate or a reviewer; a reviewer's access is audited.

    ``PermissionDenied`` for anyone else (callers answer 404, so existence does not leak).
    """
    document = AccommodationDocument.objects.select_related("request").get(pk=document_id)
    if document.request.candidate_id == getattr(user, "pk", None):
        return document
    if not user_can(user, "registration.view_accommodationrequest"):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=user,
            action="accommodation.document_view",
            target=document.request,
            changes={"document": document.pk},
        )
    return document


def _accommodations_delete(*, user_id: int) -> None:
    """Delete a person's accommodation requests and, once committed, their documents' files.

    Health data is kept no longer than needed: an approved deletion request removes it all
    (the health-data consent records stay, as the record of what was agreed).
    """
    names = list(
        AccommodationDocument.objects.filter(request__candidate_id=user_id).values_list(
            "file", flat=True
        )
    )
    AccommodationRequest.objects.filter(candidate_id=user_id).delete()
    storage = private_storage()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
