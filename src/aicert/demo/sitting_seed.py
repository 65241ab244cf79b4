"""Demo: a full sitting end to end, through the real services.

:func:`sitting_demo_seed` builds, once:

* a **past sitting** of the first associate subject about three weeks ago at all three regional
  centers: a form assembled, locked and published by the psychometrician from the demo bank
  (objective item types only, so no marking holds up the release), attached to the sessions,
  sat by :data:`PAST_CANDIDATES` simulated candidates
  (:func:`aicert.analysis.simulation.sitting_simulate`), scored on a 0–100 scale, released by
  the admin and analysed by the psychometrician. One of the simulated candidates who passed
  becomes :data:`GRADUATE_EMAIL` with the demo password, to open a released score report;
* the **marking queue** (:func:`aicert.demo.marking_seed.marking_demo_queue`);
* a **live session** of the second associate subject at the Southern center, starting
  :data:`LIVE_LEAD_MINUTES` minutes after the seed runs, with the subject's two parallel forms
  attached and four demo candidates (the demo candidate among them) registered, paid, seated
  and holding admission tickets, to click through check-in, the exam and the results.

Every call after the first creates nothing new; it only moves the live session to start
:data:`LIVE_LEAD_MINUTES` minutes from now again, as long as nobody has checked in to it yet, so
the demo is live right after ``scripts/demo`` starts the server.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from aicert.accounts.models import User
from aicert.analysis.services import analysis_run_create
from aicert.analysis.simulation import sitting_simulate
from aicert.catalog.models import Subject
from aicert.centers.models import County, Room
from aicert.delivery.models import Attempt, CheckIn
from aicert.delivery.services import form_assemble, form_lock, form_publish, session_form_attach
from aicert.demo.marking_seed import marking_demo_queue
from aicert.demo.people import DEMO_PASSWORD, demo_roster_record, national_id
from aicert.payments.services import fee_waiver_grant, payment_record_manual
from aicert.registration import selectors as registration_selectors
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.services import (
    candidate_profile_save,
    consent_give,
    registration_create,
    session_seats_assign,
)
from aicert.results.models import Result, ResultStatus, ScaleTransform
from aicert.results.services import result_release_schedule, scale_transform_create
from aicert.scheduling.models import Session, SessionStatus
from aicert.scheduling.services import session_create

TAIPEI = ZoneInfo("Asia/Taipei")
PAST_DAYS_AGO = 21
PAST_CANDIDATES = 240
SIMULATION_SEED = 2026
GRADUATE_EMAIL = "graduate@aicert.example"
LIVE_LEAD_MINUTES = 3
LIVE_ROOM = ("center-south", "W302")
CENTER_SLUGS = ("center-north", "center-central", "center-south")
# The demo candidate and three more, each with a checksum-valid demo ID (check digit added).
LIVE_CANDIDATES = [
    ("candidate2@aicert.example", "蔡承恩", "TSAI, CHENG-EN", "E12300002"),
    ("candidate3@aicert.example", "楊子萱", "YANG, TZU-HSUAN", "E22300003"),
    ("candidate4@aicert.example", "郭品睿", "KUO, PIN-JUI", "E12300004"),
]


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _associate_subjects() -> list[Subject]:
    return list(Subject.objects.filter(level__code="associate").order_by("position", "pk"))


# --- the past sitting --------------------------------------------------------------------------


def _past_rooms(n_candidates: int) -> list[Room]:
    """Regular rooms (20 seats or more), taken in turn from the three centers until they seat
    ``n_candidates`` (313 seats in all in the demo; 240 candidates fill seven rooms)."""
    by_center: dict[str, list[Room]] = {slug: [] for slug in CENTER_SLUGS}
    for room in Room.objects.filter(
        venue__center__organisation__slug__in=CENTER_SLUGS, seat_count__gte=20
    ).order_by("venue__pk", "-seat_count", "name"):
        by_center[room.venue.center.organisation.slug].append(room)
    rooms, seats, turn = [], 0, 0
    while seats < n_candidates and any(by_center.values()):
        queue = by_center[CENTER_SLUGS[turn % len(CENTER_SLUGS)]]
        turn += 1
        if queue:
            room = queue.pop(0)
            rooms.append(room)
            seats += room.seat_count
    return rooms


def _past_sessions(subject: Subject, admin: User, now: dt.datetime, n_candidates: int) -> list:
    day = (now - dt.timedelta(days=PAST_DAYS_AGO)).astimezone(TAIPEI).date()
    starts_at = dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=TAIPEI)
    sessions = []
    for room in _past_rooms(n_candidates):
        session = Session.objects.filter(room=room, starts_at=starts_at).first()
        if session is None:
            # session_create accepts past dates (it validates the room, seats and windows only).
            session = session_create(
                actor=admin,
                subject=subject,
                room=room,
                starts_at=starts_at,
                capacity=room.seat_count,
                registration_opens_at=starts_at - dt.timedelta(days=60),
                registration_closes_at=starts_at - dt.timedelta(days=7),
                ticket_release_on=day - dt.timedelta(days=10),
                fee=1200,
                status=SessionStatus.PUBLISHED,
            )
        sessions.append(session)
    return sessions


def _scale(subject: Subject, psychometrician: User) -> None:
    """Percent correct 0..100 -> scaled 0..100: the pass rules (70 average, 60 per subject) are
    written on that scale, so a 300..900-style scale would need the pass rules rewritten too."""

    if not ScaleTransform.objects.filter(subject=subject, is_active=True).exists():
        scale_transform_create(
            actor=psychometrician,
            subject=subject,
            raw_low=Decimal(0),
            raw_high=Decimal(100),
            scaled_low=Decimal(0),
            scaled_high=Decimal(100),
            note="Demo: percent correct reported as the scaled score.",
        )


def _published_forms(subject: Subject, psychometrician: User, n_forms: int, now) -> list:
    forms = form_assemble(
        actor=psychometrician,
        subject=subject,
        n_forms=n_forms,
        exclude_types=("constructed_response",),
    )
    published = []
    for form in forms:
        form = form_lock(actor=psychometrician, form=form, now=now)
        published.append(form_publish(actor=psychometrician, form=form, now=now))
    return published


def _graduate(sessions: list) -> User:
    """Give one simulated candidate who passed a memorable email and the demo password."""

    result = (
        Result.objects.filter(
            session__in=sessions, status=ResultStatus.RELEASED, scaled_score__gte=80
        )
        # Not the first simulated candidate: sitting_simulate knows a done sitting by that email.
        .exclude(candidate__email__contains="-0000@")
        .order_by("scaled_score", "pk")
        .select_related("candidate")
        .first()
    ) or Result.objects.filter(session__in=sessions).order_by("-scaled_score", "pk").first()
    user = result.candidate
    # Demo only: a simulated account is renamed so a visitor can sign in as it.
    user.email = GRADUATE_EMAIL
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["email", "password"])
    EmailAddress.objects.update_or_create(
        user=user, email=GRADUATE_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


def _past_sitting(now: dt.datetime, n_candidates: int) -> dict[str, int]:
    if User.objects.filter(email=GRADUATE_EMAIL).exists():
        return {"past_attempts": 0}
    admin = _user("admin@aicert.example")
    psychometrician = _user("psychometrician@aicert.example")
    subject = _associate_subjects()[0]
    sessions = _past_sessions(subject, admin, now, n_candidates)
    starts_at = sessions[0].starts_at
    _scale(subject, psychometrician)
    (form,) = _published_forms(subject, psychometrician, 1, starts_at - dt.timedelta(days=3))
    for session in sessions:
        session_form_attach(
            actor=psychometrician, session=session, form=form, now=starts_at - dt.timedelta(days=3)
        )
    report = sitting_simulate(
        actor=admin,
        form=form,
        sessions=sessions,
        n_candidates=n_candidates,
        seed=SIMULATION_SEED,
    )
    for session in sessions:
        result_release_schedule(actor=admin, session=session, release_at=now, now=now)
    run = analysis_run_create(actor=psychometrician, form=form)
    _graduate(sessions)
    return {
        "past_sessions": len(sessions),
        "past_attempts": report.attempts_created,
        "analysis_flagged": run.n_flagged,
    }


# --- the live session --------------------------------------------------------------------------


def _live_candidates() -> list[User]:
    """The demo candidate and three more demo candidates, with profiles and consent."""

    users = [_user("candidate@aicert.example")]
    county = County.objects.get(code="tainan-city")
    for index, (email, name_zh, name_en, id_body) in enumerate(LIVE_CANDIDATES):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name_zh)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if registration_selectors.profile_get(user=user) is None:
            candidate_profile_save(
                user=user,
                legal_name_zh=name_zh,
                legal_name_en=name_en,
                id_number=national_id(id_body),
                birth_date=dt.date(1998 + index, 3 + index, 10),
                phone=f"0922-100-00{index + 2}",
                county=county,
                organisation_name="南臺科技大學",
            )
        consent_give(user=user)
        users.append(user)
    return users


def _live_times(now: dt.datetime) -> dict:
    starts_at = (now + dt.timedelta(minutes=LIVE_LEAD_MINUTES)).replace(second=0, microsecond=0)
    return {
        "starts_at": starts_at,
        "registration_opens_at": starts_at - dt.timedelta(days=30),
        "registration_closes_at": starts_at - dt.timedelta(minutes=1),
        "ticket_release_on": timezone.localtime(now).date(),
    }


def _live_session_find(subject: Subject, room: Room):
    registration = (
        Registration.objects.filter(
            candidate__email="candidate@aicert.example", subject=subject, session__room=room
        )
        .select_related("session")
        .order_by("-pk")
        .first()
    )
    return registration.session if registration else None


def _live_retime(session, now: dt.datetime) -> bool:
    """Move the live session to start soon again, unless somebody has already checked in."""

    if (
        CheckIn.objects.filter(registration__session=session).exists()
        or Attempt.objects.filter(registration__session=session).exists()
    ):
        return False
    # Written directly: session_update refuses to move a session candidates registered for
    # (they would be told of a new time); here the "new time" is the point of the demo.
    times = _live_times(now)
    Session.objects.filter(pk=session.pk).update(**times)
    session.refresh_from_db()
    session.full_clean()  # still a valid session (no room clash, windows in order)
    return True


def _live_session(now: dt.datetime) -> dict[str, int]:
    subject = _associate_subjects()[1]
    room = Room.objects.get(venue__center__organisation__slug=LIVE_ROOM[0], name=LIVE_ROOM[1])
    session = _live_session_find(subject, room)
    if session is not None:
        demo_roster_record(session)
        return {"live_created": 0, "live_retimed": int(_live_retime(session, now))}
    admin = _user("admin@aicert.example")
    manager = _user("manager.south@aicert.example")
    psychometrician = _user("psychometrician@aicert.example")
    _scale(subject, psychometrician)
    session = session_create(
        actor=manager,
        subject=subject,
        room=room,
        capacity=room.seat_count,
        fee=1200,
        status=SessionStatus.PUBLISHED,
        **_live_times(now),
    )
    demo_roster_record(session)
    for form in _published_forms(subject, psychometrician, 2, now):
        session_form_attach(actor=psychometrician, session=session, form=form, now=now)
    for index, candidate in enumerate(_live_candidates()):
        registration = registration_create(candidate=candidate, session=session, now=now)
        if registration.status != RegistrationStatus.PENDING_PAYMENT:
            continue
        if index == 3:
            fee_waiver_grant(
                actor=admin,
                registration=registration,
                amount=None,
                reason="Demo: low-income household, fee waived (documents seen at the counter).",
            )
        else:
            payment_record_manual(
                actor=admin,
                registration=registration,
                amount=registration.fee_amount,
                paid_at=now,
                reason="Demo: paid in cash at the Southern center counter.",
                reference=f"DEMO-LIVE-{index + 1}",
            )
    session_seats_assign(session_id=session.pk, actor=manager, now=now)
    return {"live_created": 1, "live_retimed": 0}


@transaction.atomic
def sitting_demo_seed(
    *, now: dt.datetime | None = None, n_candidates: int = PAST_CANDIDATES
) -> dict[str, int]:
    """Build (once) the past sitting, the marking queue and the live session; returns counts.

    Needs the demo world with its item bank (``demo_seed(items=True)``). Safe to call again:
    only the live session is moved to start soon, while nobody has checked in to it.
    """

    now = now or timezone.now()
    counts = _past_sitting(now, n_candidates)
    marking = marking_demo_queue(now=now)
    counts.update({"marking_sat": marking["sat"], "marking_awaiting": marking["awaiting"]})
    counts.update(_live_session(now))
    return counts
