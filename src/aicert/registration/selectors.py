"""Reads for registration: profiles, consent, prerequisites, a candidate's registrations, refunds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from aicert.accounts.models import User
from aicert.catalog.models import Level
from aicert.registration import extensions, seating
from aicert.registration.extensions import fee_adjustments
from aicert.registration.models import (
    ACTIVE_STATUSES,
    PRIVACY_NOTICE_VERSION,
    SEAT_HOLDING_STATUSES,
    TICKET_STATUSES,
    AccommodationRequest,
    AccommodationStatus,
    CandidateProfile,
    ConsentPurpose,
    ConsentRecord,
    DeletionRequest,
    DeletionRequestStatus,
    LevelAchievement,
    RefundPolicy,
    Registration,
    RegistrationStatus,
)
from aicert.scheduling.models import Session, SessionStatus
from aicert.scheduling.occupancy import SeatedCandidate
from aicert.scheduling.selectors import with_seats


def profile_get(*, user: User) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(user=user).select_related("county").first()


def consent_is_current(*, user: User, purpose: str = ConsentPurpose.EXAM_REGISTRATION) -> bool:
    """Has the user consented to the privacy notice in force for this purpose?"""
    return ConsentRecord.objects.filter(
        user=user, notice_version=PRIVACY_NOTICE_VERSION, purpose=purpose
    ).exists()


@dataclass(frozen=True)
class RegistrationStanding:
    """What registering for a subject needs to know of the candidate first."""

    has_profile: bool
    has_consent: bool
    active_registration_id: int | None  # their other registration for the subject, if any
    # Does the candidate lack a prerequisite of the level (None: not asked)?
    missing_prerequisite: bool | None = None
    # Seats held in the session as far as committed rows show, without its lock (None: not
    # asked); a hint for the no-lock waiting-list path, never a seat count to decide on.
    seats_held: int | None = None


def registration_standing(
    *,
    user: User,
    subject_id: int,
    level_id: int | None = None,
    session_id: int | None = None,
) -> RegistrationStanding:
    """The candidate's profile, current consent and other active registration for the subject,
    and (given ``level_id``) whether they lack one of its prerequisites and (given
    ``session_id``) the seats held in it, all in one query: the registration rush runs it once
    per registration, so it answers everything the service checks before the session lock.

    Written as SQL (standard, for PostgreSQL and SQLite alike; names from the models' meta):
    built with the ORM, the five subqueries cost more Python time than the database spends on
    them, on the rush's hottest path.
    """
    table = _table
    columns = [
        f"EXISTS (SELECT 1 FROM {table(CandidateProfile)} WHERE user_id = %s)",
        f"EXISTS (SELECT 1 FROM {table(ConsentRecord)} WHERE user_id = %s "
        "AND notice_version = %s AND purpose = %s)",
        f"(SELECT id FROM {table(Registration)} WHERE candidate_id = %s AND subject_id = %s "
        f"AND status IN ({_placeholders(ACTIVE_STATUSES)}) LIMIT 1)",
    ]
    params: list[Any] = [
        user.pk,
        user.pk,
        PRIVACY_NOTICE_VERSION,
        str(ConsentPurpose.EXAM_REGISTRATION),
        user.pk,
        subject_id,
        *map(str, ACTIVE_STATUSES),
    ]
    if level_id is not None:
        through = Level.prerequisites.through
        source = through._meta.get_field("from_level").column
        target = through._meta.get_field("to_level").column
        columns.append(
            f"EXISTS (SELECT 1 FROM {table(through)} WHERE {source} = %s AND {target} NOT IN "
            f"(SELECT level_id FROM {table(LevelAchievement)} WHERE user_id = %s))"
        )
        params += [level_id, user.pk]
    if session_id is not None:
        columns.append(
            f"(SELECT COUNT(*) FROM {table(Registration)} WHERE session_id = %s "
            f"AND status IN ({_placeholders(SEAT_HOLDING_STATUSES)}))"
        )
        params += [session_id, *map(str, SEAT_HOLDING_STATUSES)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    return RegistrationStanding(
        has_profile=bool(row[0]),
        has_consent=bool(row[1]),
        active_registration_id=row[2],
        missing_prerequisite=bool(row[3]) if level_id is not None else None,
        seats_held=int(row[-1]) if session_id is not None else None,
    )


def session_seats_held_and_waiting(*, session_id: int) -> tuple[int, bool]:
    """Seats held in a session and whether anyone is on its waiting list, in one query.

    Read after the session's row lock, it counts every committed registration; the rush runs it
    once per seat taken, so it is written as SQL (standard, for PostgreSQL and SQLite alike):
    the ORM's filtered aggregate cost several times the Python time of the query itself.
    """
    sql = (
        f"SELECT COALESCE(SUM(CASE WHEN status IN ({_placeholders(SEAT_HOLDING_STATUSES)}) "
        "THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN status = %s THEN 1 ELSE 0 END), 0) "
        f"FROM {_table(Registration)} WHERE session_id = %s"
    )
    params: list[Any] = [
        *map(str, SEAT_HOLDING_STATUSES),
        str(RegistrationStatus.WAITLISTED),
        session_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        held, waiting = cursor.fetchone()
    return int(held), int(waiting) > 0


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _placeholders(values: Any) -> str:
    return ", ".join(["%s"] * len(values))


def candidate_holds_level(*, user: User, level: Level) -> bool:
    """Does the candidate hold ``level``?

    A :class:`LevelAchievement` row (a pass) counts, unless the certificate it earned is revoked
    or suspended (:func:`aicert.registration.extensions.levels_withdrawn`, filled by credentials).
    """
    if not LevelAchievement.objects.filter(user=user, level=level).exists():
        return False
    return level.pk not in extensions.levels_withdrawn(user=user, level_ids=[level.pk])


def missing_prerequisites(*, user: User, level: Level) -> list[Level]:
    """The prerequisite levels of ``level`` the candidate does not hold."""
    required = list(level.prerequisites.all())
    held = set(
        LevelAchievement.objects.filter(user=user, level__in=required).values_list(
            "level_id", flat=True
        )
    )
    held -= extensions.levels_withdrawn(user=user, level_ids=sorted(held))
    return [lv for lv in required if lv.pk not in held]


def registration_list_for_candidate(*, user: User) -> QuerySet[Registration]:
    """A candidate's own registrations, newest first (nobody else's), with any refund sent."""
    return Registration.objects.filter(candidate=user).select_related(
        "session__subject__level",
        "session__room__venue__center__organisation",
        "group__organisation",
        "refund_payout",  # shown on a cancelled registration's row
    )


def registration_get_for_candidate(*, user: User, pk: int) -> Registration:
    """One of the candidate's own registrations (``Registration.DoesNotExist`` otherwise)."""
    return registration_list_for_candidate(user=user).get(pk=pk)


def refund_policy_current() -> RefundPolicy:
    """The refund policy in force (a default one when none is stored: 14 days, 50%)."""
    policy = RefundPolicy.objects.filter(is_active=True).first()
    return policy or RefundPolicy(
        name="default", full_refund_days_before=14, documented_reason_percent=50
    )


@dataclass(frozen=True)
class RefundQuote:
    """What a cancellation now would give back, and why."""

    amount: int
    percent: int
    rule: str  # "full", "documented", "none", "unpaid"


def registration_chain_ids(*, registration: Registration) -> list[int]:
    """``registration`` and those it was transferred from, newest first (money moves along)."""
    chain: list[int] = []
    current: Registration | None = registration
    while current is not None and current.pk not in chain:
        chain.append(current.pk)
        current = Registration.objects.filter(transferred_to_id=current.pk).first()
    return chain


def overpaid_excess(*, registration: Registration) -> int:
    """Money paid beyond the fee along the transfer chain, already flagged on its bank lines."""
    if registration.amount_paid <= 0:
        return 0
    chain = registration_chain_ids(registration=registration)
    return fee_adjustments().overpaid(registration_ids=chain)


def refund_quote(
    *,
    registration: Registration,
    documented: bool = False,
    now: dt.datetime | None = None,
    policy: RefundPolicy | None = None,
) -> RefundQuote:
    """Apply the refund policy to what was paid (pure once the policy is loaded).

    Days before the exam count whole calendar days in Taiwan time: cancelling on the 1st for an
    exam on the 15th is 14 days before.
    """
    policy = policy or refund_policy_current()
    now = now or timezone.now()
    # What was paid beyond the fee is owed back already, on the bank line that brought it (the
    # refunds worklist); the policy applies to the rest, or that money would be refunded twice.
    paid = registration.amount_paid - overpaid_excess(registration=registration)
    if paid <= 0:
        return RefundQuote(0, 0, "unpaid")
    exam_day = timezone.localtime(registration.session.starts_at).date()
    days_before = (exam_day - timezone.localtime(now).date()).days
    if days_before >= policy.full_refund_days_before:
        return RefundQuote(paid, 100, "full")
    if documented:
        percent = policy.documented_reason_percent
        return RefundQuote(paid * percent // 100, percent, "documented")
    return RefundQuote(0, 0, "none")


def transfer_targets(*, registration: Registration, now: dt.datetime | None = None):
    """Other published sessions of the same subject, open for registration, with seats left."""
    now = now or timezone.now()
    sessions = with_seats(
        Session.objects.filter(
            subject_id=registration.subject_id,
            status=SessionStatus.PUBLISHED,
            registration_opens_at__lte=now,
            registration_closes_at__gt=now,
        )
        .exclude(pk=registration.session_id)
        .select_related("subject__level", "room__venue__center__organisation")
    ).order_by("starts_at", "pk")
    return [s for s in sessions if s.seats_left > 0]


def candidate_data_export(*, user: User) -> dict[str, Any]:
    """Everything we hold about a candidate, for the "download my data" right (PDPA Art. 3, 10).

    The identity number is exported masked like everywhere else: the candidate knows it, and a
    downloaded file is easy to leak.
    """
    profile = profile_get(user=user)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
        },
        "profile": None
        if profile is None
        else {
            "legal_name_zh": profile.legal_name_zh,
            "legal_name_en": profile.legal_name_en,
            "id_kind": profile.id_kind,
            "id_number": profile.id_number_masked,
            "birth_date": profile.birth_date.isoformat(),
            "phone": profile.phone,
            "county": profile.county.code if profile.county else None,
            "organisation": profile.organisation_name,
            "gender": profile.gender,
        },
        "consents": [
            {"notice_version": c.notice_version, "purpose": c.purpose, "at": c.given_at.isoformat()}
            for c in ConsentRecord.objects.filter(user=user).order_by("given_at")
        ],
        "registrations": [
            {
                "session": r.session_id,
                "subject": str(r.session.subject),
                "starts_at": r.session.starts_at.isoformat(),
                "status": r.status,
                "fee": r.fee_amount,
                "paid": r.amount_paid,
                "refund": r.refund_amount,
                "registered_at": r.created_at.isoformat(),
            }
            for r in registration_list_for_candidate(user=user).order_by("created_at")
        ],
        "level_achievements": [
            {"level": str(a.level), "on": a.achieved_on.isoformat()}
            for a in LevelAchievement.objects.filter(user=user).select_related("level")
        ],
        "accommodation_requests": [
            {
                "extra_time_percent": a.extra_time_percent,
                "separate_room": a.separate_room,
                "large_print": a.large_print,
                "accessible_seat": a.accessible_seat,
                "details": a.details,
                "documents": [d.original_name for d in a.documents.all()],
                "status": a.status,
                "valid_until": a.valid_until.isoformat() if a.valid_until else None,
                "decision_note": a.decision_note,
                "requested_at": a.created_at.isoformat(),
            }
            for a in accommodation_requests_for_candidate(user=user).order_by("created_at")
        ],
        "deletion_requests": [
            {"status": d.status, "at": d.requested_at.isoformat()}
            for d in DeletionRequest.objects.filter(user=user)
        ],
    }


def deletion_request_pending(*, user: User) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(user=user, status=DeletionRequestStatus.PENDING).first()


# --- Accommodations ---------------------------------------------------------------------------


def accommodation_approved_for(*, user: User | int, on: dt.date) -> AccommodationRequest | None:
    """The candidate's (a user or their id) approved accommodation in force on ``on`` (a local
    date), if any."""
    return (
        AccommodationRequest.objects.filter(candidate=user, status=AccommodationStatus.APPROVED)
        .exclude(valid_until__lt=on)
        .first()
    )


def registration_accommodation(registration: Registration) -> AccommodationRequest | None:
    """The approved accommodation that applies to this registration's sitting (None if none)."""
    exam_day = timezone.localtime(registration.session.starts_at).date()
    return accommodation_approved_for(user=registration.candidate_id, on=exam_day)


def registration_extra_time_percent(registration: Registration) -> int:
    """Approved extra time for this sitting in percent (0, 25 or 50): the exam clock adds it."""
    accommodation = registration_accommodation(registration)
    return accommodation.extra_time_percent if accommodation else 0


def accommodations_by_candidate(*, user_ids, on: dt.date) -> dict[int, AccommodationRequest]:
    """Approved accommodations in force on ``on`` for many candidates, by candidate id."""
    rows = (
        AccommodationRequest.objects.filter(
            candidate_id__in=list(user_ids), status=AccommodationStatus.APPROVED
        )
        .exclude(valid_until__lt=on)
        .order_by("pk")
    )
    return {row.candidate_id: row for row in rows}


def accommodation_requests_for_candidate(*, user: User) -> QuerySet[AccommodationRequest]:
    """A candidate's own accommodation requests, newest first, with their documents."""
    return AccommodationRequest.objects.filter(candidate=user).prefetch_related("documents")


def accommodation_requests_for_review(*, status: str | None = AccommodationStatus.PENDING):
    """Requests for the foundation's reviewers, oldest first (first come, first decided)."""
    rows = AccommodationRequest.objects.select_related(
        "candidate__candidate_profile", "decided_by"
    ).prefetch_related("documents")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("created_at", "pk")


@dataclass(frozen=True)
class SeatListRow:
    """One candidate on a manager's seat list: the seat and the needs, never a diagnosis."""

    registration: Registration
    name: str
    seat: str | None
    needs: list[str]
    needs_text: str
    needs_accessible: bool
    separate_room: bool
    large_print: bool
    extra_time_percent: int

    @property
    def in_separate_room(self) -> bool:
        """Placed in the separate room (``SR-n``) rather than in the room's grid."""
        return seating.is_separate_room_seat(self.seat)

    @property
    def separate_room_pending(self) -> bool:
        """Needs a separate room but still holds a grid seat (approved after seating)."""
        return self.separate_room and bool(self.seat) and not self.in_separate_room


def session_seat_list(*, session: Session) -> list[SeatListRow]:
    """Who sits where in a session, with each candidate's approved needs (for the manager).

    Only the resulting needs ("+25 % time, separate room") come from the accommodation, never
    its details or documents.
    """
    registrations = list(
        Registration.objects.filter(session=session, status__in=TICKET_STATUSES)
        .select_related("candidate__candidate_profile")
        .order_by("seat_label", "created_at", "pk")
    )
    exam_day = timezone.localtime(session.starts_at).date()
    accommodations = accommodations_by_candidate(
        user_ids=[r.candidate_id for r in registrations], on=exam_day
    )
    rows = []
    for registration in registrations:
        profile = getattr(registration.candidate, "candidate_profile", None)
        acc = accommodations.get(registration.candidate_id)
        rows.append(
            SeatListRow(
                registration=registration,
                name=(profile.legal_name if profile else "") or str(registration.candidate),
                seat=registration.seat_label,
                needs=[str(n) for n in acc.needs()] if acc else [],
                needs_text=acc.needs_summary() if acc else "",
                needs_accessible=bool(acc and acc.accessible_seat),
                separate_room=bool(acc and acc.separate_room),
                large_print=bool(acc and acc.large_print),
                extra_time_percent=acc.extra_time_percent if acc else 0,
            )
        )
    return sorted(rows, key=lambda row: seat_sort_key(row.seat))


def seat_sort_key(label: str | None) -> tuple:
    """Grid seats row by row (A1, A2… B1…), then the separate room (SR-1, SR-2…), then no seat."""
    if not label:
        return (2, "", 0)
    number = seating.separate_room_number(label)
    if number is not None:
        return (1, "", number)
    letters = label.rstrip("0123456789")
    return (0, f"{len(letters):02d}{letters}", int(label[len(letters) :] or 0))


def ticket_is_released(*, session: Session, now: dt.datetime | None = None) -> bool:
    """Are the session's admission tickets out (Taiwan date on or after the release date)?"""
    now = now or timezone.now()
    return timezone.localtime(now).date() >= session.ticket_release_on


def registration_ticket_available(
    registration: Registration, *, now: dt.datetime | None = None
) -> bool:
    """Can this registration's admission ticket be downloaded now?

    Released (from ``ticket_release_on``), confirmed or checked in, seated, and the session
    neither cancelled nor over.
    """
    now = now or timezone.now()
    session = registration.session
    return (
        registration.status in TICKET_STATUSES[:2]
        and bool(registration.seat_label)
        and session.status in (SessionStatus.PUBLISHED, SessionStatus.CLOSED)
        and ticket_is_released(session=session, now=now)
        and session.starts_at + dt.timedelta(minutes=session.duration_minutes) > now
    )


def seated_candidates(session_ids: list[int]) -> list[SeatedCandidate]:
    """The candidates holding a seat in these sessions, as scheduling's conflict-of-interest
    check needs them (email, legal names, school or employer)."""
    rows = (
        Registration.objects.filter(session_id__in=session_ids, status__in=SEAT_HOLDING_STATUSES)
        .select_related("candidate__candidate_profile")
        .only(
            "session_id",
            "candidate__email",
            "candidate__candidate_profile__organisation_name",
            "candidate__candidate_profile__legal_name_zh",
            "candidate__candidate_profile__legal_name_en",
        )
    )
    seated = []
    for reg in rows:
        profile = getattr(reg.candidate, "candidate_profile", None)
        seated.append(
            SeatedCandidate(
                session_id=reg.session_id,
                email=reg.candidate.email,
                legal_name_zh=profile.legal_name_zh if profile else "",
                legal_name_en=profile.legal_name_en if profile else "",
                organisation=profile.organisation_name if profile else "",
            )
        )
    return seated
