"""The exam-day room: forms of sessions, check-in, authorising, the console's services, incidents.

Given the small delivery world of ``conftest.py`` (one session at T0 in a 4 x 5 room).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from aicert.audit.models import AuditEvent
from aicert.delivery import selectors, services
from aicert.delivery.models import (
    AttemptEvent,
    AttemptStatus,
    CheckIn,
    CheckInOutcome,
    CheckInPolicy,
    Incident,
    SessionForm,
)
from aicert.registration import identity
from aicert.registration.models import CandidateProfile, Registration, RegistrationStatus
from tests.delivery.conftest import CONTENT, T0, now_plus, publish_form, roster
from tests.factories import FormFactory, RegistrationFactory, SessionFactory, UserFactory

RS = RegistrationStatus


def valid_id(seed: int) -> str:
    """A national ID with a correct check digit."""
    stem = f"A{100000000 + seed * 10:09d}"[:9]
    for last in "0123456789":
        if identity.checksum_ok(stem + last):
            return stem + last
    raise AssertionError("no check digit")


def make_candidate(dworld, n: int, seat: str | None, status=RS.CONFIRMED, name_zh="王小明"):
    user = UserFactory(email=f"cand{n}@example.org", display_name=f"cand{n}")
    profile = CandidateProfile(
        user=user,
        legal_name_zh=f"{name_zh}{n}",
        legal_name_en=f"Wang Hsiao-ming {n}",
        birth_date=dt.date(2000, 1, 1),
        phone="0912345678",
    )
    profile.set_id_number(valid_id(n), "national_id")
    profile.save()
    return RegistrationFactory(
        candidate=user, session=dworld.session, status=status, seat_label=seat
    )


@pytest.fixture
def two_forms(dworld, make_item):
    versions = [make_item(item_type=t, content=c) for t, c in list(CONTENT.items())[:3]]
    other = [make_item(item_type=t, content=c) for t, c in list(CONTENT.items())[:3]]
    forms = [publish_form(dworld, versions), publish_form(dworld, other)]
    for form in forms:
        services.session_form_attach(
            actor=dworld.psychometrician, session=dworld.session, form=form, now=T0
        )
    return forms


# --- forms of a session --------------------------------------------------------------------------


def test_psychometrician_attaches_published_forms_only(dworld, mixed_form, make_item):
    attached = services.session_form_attach(
        actor=dworld.psychometrician, session=dworld.session, form=mixed_form
    )
    assert SessionForm.objects.get() == attached
    assert AuditEvent.objects.filter(action="session_form.attach").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.session_form_attach(
            actor=dworld.psychometrician, session=dworld.session, form=mixed_form
        )
    assert exc.value.code == "already_attached"
    draft = FormFactory(
        subject=dworld.subject,
        code="draft-1",
        assembly_batch="00000000-0000-0000-0000-000000000002",
        created_by=dworld.psychometrician,
    )
    with pytest.raises(ValidationError) as exc:
        services.session_form_attach(
            actor=dworld.psychometrician, session=dworld.session, form=draft
        )
    assert exc.value.code == "wrong_form"
    for outsider in (dworld.invigilator, dworld.candidate, dworld.writer):
        with pytest.raises(PermissionDenied):
            services.session_form_attach(actor=outsider, session=dworld.session, form=mixed_form)


def test_form_in_use_cannot_be_detached(dworld, two_forms):
    registration = make_candidate(dworld, 1, "A1", status=RS.CHECKED_IN)
    services.session_authorize_attempts(actor=dworld.invigilator, session=dworld.session)
    used = registration.attempts.get().form
    in_use = SessionForm.objects.get(form=used)
    with pytest.raises(ValidationError) as exc:
        services.session_form_detach(actor=dworld.psychometrician, session_form=in_use)
    assert exc.value.code == "in_use"
    free = SessionForm.objects.exclude(form=used).get()
    services.session_form_detach(actor=dworld.admin, session_form=free)
    assert list(SessionForm.objects.values_list("form", flat=True)) == [used.pk]


def test_parallel_forms_alternate_across_neighbouring_seats(dworld, two_forms):
    seats = {"A1": None, "A2": None, "B1": None, "B2": None, "C3": None}
    for n, seat in enumerate(seats, start=1):
        seats[seat] = make_candidate(dworld, n, seat, status=RS.CHECKED_IN)
    nobody = make_candidate(dworld, 9, None, status=RS.CHECKED_IN)
    created = services.session_authorize_attempts(
        actor=dworld.invigilator, session=dworld.session, now=T0 - dt.timedelta(minutes=2)
    )
    assert len(created) == 6
    form = {seat: reg.attempts.get().form_id for seat, reg in seats.items()}
    assert form["A1"] != form["A2"] and form["A1"] != form["B1"]  # left/right, front/back
    assert form["A1"] == form["B2"] == form["C3"]
    assert set(form.values()) == {f.pk for f in two_forms}
    # Reproducible: the same seat always gives the same form.
    forms = selectors.session_forms_published(session=dworld.session)
    for seat, registration in seats.items():
        chosen = selectors.session_form_for_registration(registration=registration, forms=forms)
        assert chosen.pk == form[seat]
    assert nobody.attempts.get().form_id == forms[nobody.pk % 2].pk
    assert selectors._seat_position("AB12") == (27, 11)


# --- check-in ------------------------------------------------------------------------------------


def test_check_in_on_time_late_and_after_cutoff(dworld, manager):
    early, on_time, late, very_late = (make_candidate(dworld, n, f"A{n}") for n in range(1, 5))
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator, registration=early, id_checked=True, now=now_plus(minutes=-61)
        )
    assert exc.value.code == "not_open"
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator, registration=on_time, id_checked=False, now=T0
        )
    assert exc.value.code == "id_not_checked"
    row = services.check_in_record(
        actor=dworld.invigilator, registration=on_time, id_checked=True, now=now_plus(minutes=-10)
    )
    assert (row.outcome, row.late, row.id_checked, row.recorded_by) == (
        CheckInOutcome.PRESENT,
        False,
        True,
        dworld.invigilator,
    )
    on_time.refresh_from_db()
    assert on_time.status == RS.CHECKED_IN
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator, registration=on_time, id_checked=True, now=T0
        )
    assert exc.value.code == "already_in"
    row = services.check_in_record(
        actor=dworld.invigilator, registration=late, id_checked=True, now=now_plus(minutes=15)
    )
    assert row.late is True
    # After the cut-off: refused for the invigilator, with the time in the message.
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator,
            registration=very_late,
            id_checked=True,
            override_reason="train delayed",
            now=now_plus(minutes=15, seconds=1),
        )
    assert exc.value.code == "after_cutoff"
    assert "15" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=manager, registration=very_late, id_checked=True, now=now_plus(minutes=20)
        )
    assert exc.value.code == "override_reason"
    row = services.check_in_record(
        actor=manager,
        registration=very_late,
        id_checked=True,
        override_reason="  train delayed  ",
        now=now_plus(minutes=20),
    )
    assert (row.late, row.override_reason, row.recorded_by) == (True, "train delayed", manager)
    audit = AuditEvent.objects.filter(action="check_in.present").order_by("pk").last()
    assert audit.changes["override_reason"] == "train delayed"
    assert AuditEvent.objects.filter(action="registration.checked_in").count() == 3


def test_cutoff_is_a_stored_policy(dworld):
    CheckInPolicy.objects.create(name="strict", opens_minutes_before=30, late_cutoff_minutes=5)
    registration = make_candidate(dworld, 1, "A1")
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator,
            registration=registration,
            id_checked=True,
            now=now_plus(minutes=-31),
        )
    assert exc.value.code == "not_open"
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator,
            registration=registration,
            id_checked=True,
            now=now_plus(minutes=6),
        )
    assert exc.value.code == "after_cutoff"


def test_check_in_refuses_unpaid_and_other_centers(dworld):
    unpaid = make_candidate(dworld, 1, "A1", status=RS.PENDING_PAYMENT)
    with pytest.raises(ValidationError) as exc:
        services.check_in_record(
            actor=dworld.invigilator, registration=unpaid, id_checked=True, now=T0
        )
    assert exc.value.code == "unpaid"
    registration = make_candidate(dworld, 2, "A2")
    for outsider in (dworld.other_invigilator, dworld.candidate, dworld.psychometrician):
        with pytest.raises(PermissionDenied):
            services.check_in_record(
                actor=outsider, registration=registration, id_checked=True, now=T0
            )
        with pytest.raises(PermissionDenied):
            services.check_in_mark_absent(actor=outsider, registration=registration, now=T0)
    assert not CheckIn.objects.exists()


def test_absent_then_arrives(dworld):
    registration = make_candidate(dworld, 1, "A1")
    row = services.check_in_mark_absent(actor=dworld.invigilator, registration=registration, now=T0)
    assert row.outcome == CheckInOutcome.ABSENT
    registration.refresh_from_db()
    assert registration.status == RS.ABSENT
    row = services.check_in_record(
        actor=dworld.invigilator,
        registration=registration,
        id_checked=True,
        now=now_plus(minutes=5),
    )
    assert (row.outcome, row.late) == (CheckInOutcome.PRESENT, True)
    assert CheckIn.objects.count() == 1
    with pytest.raises(ValidationError):  # a checked-in candidate is never marked absent
        services.check_in_mark_absent(actor=dworld.invigilator, registration=registration, now=T0)


def test_session_end_marks_no_shows_absent(dworld):
    came = make_candidate(dworld, 1, "A1")
    stayed_away = make_candidate(dworld, 2, "A2")
    unpaid = make_candidate(dworld, 3, "A3", status=RS.PENDING_PAYMENT)
    services.check_in_record(actor=dworld.invigilator, registration=came, id_checked=True, now=T0)
    with pytest.raises(ValidationError) as exc:
        services.session_absentees_mark(
            actor=dworld.invigilator, session=dworld.session, now=now_plus(minutes=10)
        )
    assert exc.value.code == "too_early"
    # The periodic job does nothing before the session has ended...
    assert services.sessions_absentees_mark_ended(now=now_plus(minutes=59)) == 0
    # ...and afterwards marks the confirmed no-show, once.
    assert services.sessions_absentees_mark_ended(now=now_plus(minutes=61)) == 1
    assert services.sessions_absentees_mark_ended(now=now_plus(minutes=62)) == 0
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        came.pk: RS.CHECKED_IN,
        stayed_away.pk: RS.ABSENT,
        unpaid.pk: RS.PENDING_PAYMENT,
    }
    assert CheckIn.objects.get(registration=stayed_away).recorded_by is None


# --- authorising and the clock -------------------------------------------------------------------


def test_authorise_needs_forms_and_uses_approved_extra_time(dworld, mixed_form, monkeypatch):
    checked = make_candidate(dworld, 1, "A1", status=RS.CHECKED_IN)
    accommodated = make_candidate(dworld, 2, "A2", status=RS.CHECKED_IN)
    waiting = make_candidate(dworld, 3, "A3")
    with pytest.raises(ValidationError) as exc:
        services.session_authorize_attempts(actor=dworld.invigilator, session=dworld.session)
    assert exc.value.code == "no_forms"
    services.session_form_attach(actor=dworld.admin, session=dworld.session, form=mixed_form)
    monkeypatch.setattr(
        "aicert.delivery.services.room.registration_extra_time_percent",
        lambda registration: 25 if registration.pk == accommodated.pk else 0,
    )
    with pytest.raises(ValidationError) as exc:  # not checked in
        services.session_authorize_attempts(
            actor=dworld.invigilator, session=dworld.session, registration_ids=[waiting.pk]
        )
    assert exc.value.code == "not_checked_in"
    one = services.session_authorize_attempts(
        actor=dworld.invigilator, session=dworld.session, registration_ids=[accommodated.pk]
    )
    assert [a.registration_id for a in one] == [accommodated.pk]
    assert (one[0].time_allowed_seconds, one[0].extra_time_seconds) == (75 * 60, 15 * 60)
    rest = services.session_authorize_attempts(actor=dworld.invigilator, session=dworld.session)
    assert [a.registration_id for a in rest] == [checked.pk]  # the first is not authorised twice
    assert rest[0].time_allowed_seconds == 60 * 60
    with pytest.raises(PermissionDenied):
        services.session_authorize_attempts(actor=dworld.other_invigilator, session=dworld.session)


def test_no_content_before_start_or_without_check_in(dworld, mixed_form):
    registration = make_candidate(dworld, 1, "A1", status=RS.CHECKED_IN)
    services.session_form_attach(actor=dworld.admin, session=dworld.session, form=mixed_form)
    (attempt,) = services.session_authorize_attempts(
        actor=dworld.invigilator, session=dworld.session, now=now_plus(minutes=-10)
    )
    candidate = registration.candidate
    state = selectors.attempt_state(attempt=attempt, viewer=candidate, now=now_plus(minutes=-5))
    assert all(item.content is None for item in state.items)
    with pytest.raises(ValidationError):
        services.attempt_start(actor=candidate, attempt=attempt, now=now_plus(minutes=-1))
    # A candidate no longer checked in (the registration was changed) cannot start either.
    Registration.objects.filter(pk=registration.pk).update(status=RS.CONFIRMED)
    with pytest.raises(ValidationError) as exc:
        services.attempt_start(actor=candidate, attempt=attempt, now=T0)
    assert exc.value.code == "not_checked_in"
    Registration.objects.filter(pk=registration.pk).update(status=RS.CHECKED_IN)
    started = services.attempt_start(actor=candidate, attempt=attempt, now=T0)
    state = selectors.attempt_state(attempt=started, viewer=candidate, now=now_plus(minutes=1))
    assert all(item.content is not None for item in state.items)
    invigilator_view = selectors.attempt_state(
        attempt=started, viewer=dworld.invigilator, now=now_plus(minutes=1)
    )
    assert all(item.content is None for item in invigilator_view.items)


def test_submit_and_auto_submit_mark_the_registration_sat(dworld, make_attempt):
    attempt = make_attempt()
    services.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)
    services.attempt_submit(actor=dworld.candidate, attempt=attempt, now=now_plus(minutes=30))
    assert Registration.objects.get(pk=attempt.registration_id).status == RS.SAT
    other = make_attempt(candidate=dworld.other_candidate)
    services.attempt_start(actor=dworld.other_candidate, attempt=other, now=T0)
    assert services.attempts_auto_submit_expired(now=now_plus(minutes=62)) == 1
    other.refresh_from_db()
    assert other.status == AttemptStatus.AUTO_SUBMITTED
    assert Registration.objects.get(pk=other.registration_id).status == RS.SAT
    assert AuditEvent.objects.filter(action="registration.sat").count() == 2


def test_pause_resume_extend_move_the_deadline(dworld, started):
    services.attempt_pause(actor=dworld.invigilator, attempt=started, now=now_plus(minutes=10))
    resumed = services.attempt_resume(
        actor=dworld.invigilator, attempt=started, now=now_plus(minutes=13)
    )
    assert resumed.deadline_at == now_plus(minutes=63)
    extended = services.attempt_extend(
        actor=dworld.invigilator,
        attempt=started,
        seconds=300,
        reason="power cut",
        now=now_plus(minutes=20),
    )
    assert extended.deadline_at == now_plus(minutes=68)
    with pytest.raises(PermissionDenied):
        services.attempt_pause(actor=dworld.other_invigilator, attempt=started)


def test_release_device_lets_the_attempt_move(dworld, started, manager):
    started.device_key = "old-computer"
    started.save(update_fields=["device_key"])
    with pytest.raises(PermissionDenied):
        services.attempt_release_device(actor=dworld.other_invigilator, attempt=started)
    with pytest.raises(PermissionDenied):
        services.attempt_release_device(actor=dworld.candidate, attempt=started)
    released = services.attempt_release_device(
        actor=dworld.invigilator, attempt=started, now=now_plus(minutes=5)
    )
    assert (released.device_key, released.device_bound_at) == ("", None)
    event = AttemptEvent.objects.get(attempt=started, kind="device_release")
    assert (event.actor, event.data) == (dworld.invigilator, {"had_device": True})
    assert AuditEvent.objects.filter(action="attempt.device_release").exists()
    services.attempt_void(actor=manager, attempt=started, reason="wrong candidate")
    with pytest.raises(ValidationError):
        services.attempt_release_device(actor=dworld.invigilator, attempt=started)


# --- incidents and the roster --------------------------------------------------------------------


def test_incident_report(dworld):
    registration = make_candidate(dworld, 1, "A1")
    incident = services.incident_report(
        actor=dworld.invigilator,
        session=dworld.session,
        kind="examinee",
        description="  看旁邊的螢幕 ",
        occurred_at=now_plus(minutes=12),
        registration=registration,
    )
    assert (incident.description, incident.reported_by) == ("看旁邊的螢幕", dworld.invigilator)
    assert AuditEvent.objects.filter(action="incident.report").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.incident_report(
            actor=dworld.invigilator, session=dworld.session, kind="weather", description=" "
        )
    assert set(exc.value.message_dict) == {"kind", "description"}
    other_session = SessionFactory(
        subject=dworld.subject,
        room=dworld.session.room,
        starts_at=T0 + dt.timedelta(days=1),
        capacity=5,
    )
    # Not on that session's roster: the same center's invigilator may not report there.
    with pytest.raises(PermissionDenied):
        services.incident_report(
            actor=dworld.invigilator, session=other_session, kind="technical", description="x"
        )
    roster(dworld.invigilator, other_session)
    with pytest.raises(ValidationError):
        services.incident_report(
            actor=dworld.invigilator,
            session=other_session,
            kind="technical",
            description="x",
            registration=registration,
        )
    with pytest.raises(PermissionDenied):
        services.incident_report(
            actor=dworld.other_invigilator,
            session=dworld.session,
            kind="technical",
            description="x",
        )
    assert Incident.objects.count() == 1


def test_roster_states_and_constant_queries(dworld, two_forms, django_assert_max_num_queries):
    make_candidate(dworld, 1, "A1")
    make_candidate(dworld, 2, "A2", status=RS.ABSENT)
    for n in range(3, 6):
        make_candidate(dworld, n, f"B{n}", status=RS.CHECKED_IN)
    attempts = services.session_authorize_attempts(
        actor=dworld.invigilator, session=dworld.session, now=now_plus(minutes=-1)
    )
    running = services.attempt_start(actor=attempts[0].candidate, attempt=attempts[0], now=T0)
    paused = services.attempt_start(actor=attempts[1].candidate, attempt=attempts[1], now=T0)
    services.attempt_pause(actor=dworld.invigilator, attempt=paused, now=now_plus(minutes=5))
    make_candidate(dworld, 6, "C1", status=RS.CHECKED_IN)
    with django_assert_max_num_queries(4):
        rows = selectors.room_roster(session=dworld.session, now=now_plus(minutes=10))
    states = {r.seat: r.state for r in rows}
    assert states == {
        "A1": "not_checked_in",
        "A2": "absent",
        "B3": "in_progress",
        "B4": "paused",
        "B5": "ready",
        "C1": "checked_in",
    }
    by_seat = {r.seat: r for r in rows}
    assert by_seat["B3"].seconds_left == 50 * 60
    assert by_seat["B3"].time_left == "0:50:00"
    assert by_seat["B4"].seconds_left == 55 * 60
    assert by_seat["B3"].item_count == 3
    assert running.pk == by_seat["B3"].attempt.pk


def test_run_periodic_once_ends_expired_attempts(dworld, started, capsys):
    """An attempt whose time ran out is ended by ``run_periodic --once``."""
    from aicert.delivery.models import AttemptStatus
    from aicert.delivery.services import attempts_auto_submit_expired

    # ``started`` began at a fixed past instant (2026-05-16), long expired by now.
    call_command("run_periodic", "--once", "--job", "attempts_auto_submit")
    started.refresh_from_db()
    assert started.status == AttemptStatus.AUTO_SUBMITTED
    assert "attempts_auto_submit: 1" in capsys.readouterr().out
    assert attempts_auto_submit_expired(now=started.deadline_at + dt.timedelta(hours=1)) == 0


def test_pause_and_resume_the_whole_room(dworld, make_attempt):
    first = make_attempt()
    second = make_attempt(candidate=dworld.other_candidate)
    services.attempt_start(actor=dworld.candidate, attempt=first, now=T0)
    services.attempt_start(actor=dworld.other_candidate, attempt=second, now=now_plus(minutes=2))
    with pytest.raises(ValidationError):
        services.session_attempts_pause(
            actor=dworld.invigilator, session=dworld.session, reason=" ", now=now_plus(minutes=10)
        )
    with pytest.raises(PermissionDenied):
        services.session_attempts_pause(
            actor=dworld.other_invigilator, session=dworld.session, reason="fire"
        )
    paused = services.session_attempts_pause(
        actor=dworld.invigilator, session=dworld.session, reason="火警", now=now_plus(minutes=10)
    )
    assert {a.pk for a in paused} == {first.pk, second.pk}
    assert all(a.status == AttemptStatus.PAUSED for a in paused)
    resumed = services.session_attempts_resume(
        actor=dworld.invigilator, session=dworld.session, now=now_plus(minutes=25)
    )
    deadlines = {a.pk: a.deadline_at for a in resumed}
    assert deadlines == {first.pk: now_plus(minutes=75), second.pk: now_plus(minutes=77)}
