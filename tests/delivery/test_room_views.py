"""The exam-day room pages: who may open them, check-in by ticket code, the console's actions."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from aicert.accounts.roles import Role
from aicert.delivery import services
from aicert.delivery.models import Attempt, AttemptStatus, CheckIn, Incident, SessionForm
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.tickets import admission_token, ticket_number
from aicert.scheduling.models import Session
from tests.delivery.conftest import roster
from tests.delivery.test_room import make_candidate
from tests.factories import SessionFactory, UserFactory, enrol_totp, grant

RS = RegistrationStatus


@pytest.fixture
def live_session(dworld):
    """Move the world's session to start in 5 minutes from now (the pages use the real clock)."""
    Session.objects.filter(pk=dworld.session.pk).update(
        starts_at=timezone.now() + dt.timedelta(minutes=5),
        registration_closes_at=timezone.now() - dt.timedelta(days=1),
        registration_opens_at=timezone.now() - dt.timedelta(days=20),
    )
    dworld.session.refresh_from_db()
    return dworld.session


@pytest.fixture
def staff(client):
    # Pages in English, so the tests can match their messages.
    client.cookies["aicert_language"] = "en"

    def login(user):
        enrol_totp(user)
        client.force_login(user)
        return client

    return login


def room_urls(session, registration, attempt=None):
    urls = [
        reverse("delivery:check_in", args=[session.pk]),
        reverse("delivery:check_in_candidate", args=[session.pk, registration.pk]),
        reverse("delivery:room_console", args=[session.pk]),
        reverse("delivery:room_roster", args=[session.pk]),
        reverse("delivery:room_export", args=[session.pk]),
    ]
    if attempt is not None:
        urls.append(reverse("delivery:room_attempt", args=[session.pk, attempt.pk]))
    return urls


def test_room_pages_are_for_the_centers_own_staff(
    dworld, live_session, client, staff, manager, make_attempt
):
    registration = make_candidate(dworld, 1, "A1")
    attempt = make_attempt()
    urls = room_urls(live_session, registration, attempt)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(dworld.candidate)
    for url in urls + [reverse("delivery:room_list")]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("delivery:room_authorize", args=[live_session.pk])).status_code == 403
    )
    staff(dworld.other_invigilator)
    for url in urls:
        assert client.get(url).status_code == 404, url
    for name in (
        "room_authorize",
        "incident_create",
        "absentees_mark",
        "room_pause_all",
        "room_resume_all",
    ):
        assert client.post(reverse(f"delivery:{name}", args=[live_session.pk])).status_code == 404
    action = reverse("delivery:room_attempt_action", args=[live_session.pk, attempt.pk, "pause"])
    assert client.post(action).status_code == 404
    assert client.get(reverse("delivery:room_list")).status_code == 200
    for user in (dworld.invigilator, manager):
        staff(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user, url)
        page = client.get(reverse("delivery:room_list")).content.decode()
        assert reverse("delivery:room_console", args=[live_session.pk]) in page


def test_session_forms_page_for_psychometrician_only(
    dworld, live_session, client, staff, mixed_form
):
    url = reverse("delivery:session_forms", args=[live_session.pk])
    staff(dworld.invigilator)
    assert client.get(url).status_code == 403
    assert client.get(reverse("delivery:session_list")).status_code == 403
    staff(dworld.psychometrician)
    page = client.get(reverse("delivery:session_list")).content.decode()
    assert url in page
    assert mixed_form.code in client.get(url).content.decode()
    response = client.post(url, {"form": mixed_form.pk})
    assert response.status_code == 302
    attached = SessionForm.objects.get()
    assert (attached.form, attached.attached_by) == (mixed_form, dworld.psychometrician)
    response = client.post(url, {"form": "x"}, follow=True)
    assert "Choose a published form" in response.content.decode()
    detach = reverse("delivery:session_form_detach", args=[live_session.pk, attached.pk])
    assert client.post(detach).status_code == 302
    assert not SessionForm.objects.exists()


def test_check_in_by_typed_ticket_number_token_and_name(dworld, live_session, client, staff):
    registration = make_candidate(dworld, 1, "B2", name_zh="陳美玲")
    staff(dworld.invigilator)
    url = reverse("delivery:check_in", args=[live_session.pk])
    card = reverse("delivery:check_in_candidate", args=[live_session.pk, registration.pk])
    # Typed ticket number (lower case, spaces) and the scanned token both lead to the card.
    number = ticket_number(registration).lower().replace("-", " - ")
    assert client.get(url, {"code": number})["Location"] == card
    assert client.get(url, {"code": admission_token(registration)})["Location"] == card
    page = client.get(url, {"code": "AT-000999-Z"}).content.decode()
    assert "not a valid admission-ticket code" in page
    forged = admission_token(registration)[:-2] + "xx"
    assert "not a valid admission-ticket code" in client.get(url, {"code": forged}).content.decode()
    page = client.get(url, {"q": "美玲"}).content.decode()
    assert card in page
    # The card: names, masked ID (never the whole number), seat, the checklist.
    page = client.get(card).content.decode()
    profile = registration.candidate.candidate_profile
    assert profile.id_number_masked in page and profile.id_number not in page
    assert "陳美玲1" in page and "Wang Hsiao-ming 1" in page and "B2" in page
    assert page.count('name="check_') == 4
    # Missing a checklist point: refused with a message, nothing recorded.
    response = client.post(card, {"action": "present", "check_photo": "1"}, follow=True)
    assert "photo ID" in response.content.decode()
    assert not CheckIn.objects.exists()
    checks = {f"check_{k}": "1" for k in ("photo", "name", "number", "valid")}
    response = client.post(card, {"action": "present", **checks})
    assert response["Location"] == url
    registration.refresh_from_db()
    assert registration.status == RS.CHECKED_IN
    assert CheckIn.objects.get().recorded_by == dworld.invigilator
    # The seat map shows who is where.
    page = client.get(url).content.decode()
    assert "seat taken state-checked_in" in page and "陳美玲1" in page


def test_ticket_of_another_session_is_named(dworld, live_session, client, staff):
    registration = make_candidate(dworld, 1, "A1")
    other = SessionFactory(
        subject=dworld.subject,
        room=live_session.room,
        starts_at=live_session.starts_at + dt.timedelta(days=2),
        capacity=5,
        registration_opens_at=live_session.registration_opens_at,
        registration_closes_at=live_session.registration_closes_at,
        ticket_release_on=live_session.ticket_release_on,
    )
    roster(dworld.invigilator, other)
    staff(dworld.invigilator)
    page = client.get(
        reverse("delivery:check_in", args=[other.pk]), {"code": ticket_number(registration)}
    ).content.decode()
    assert "This ticket is for another session" in page


def test_after_cutoff_only_a_manager_admits_with_reason(
    dworld, live_session, client, staff, manager
):
    registration = make_candidate(dworld, 1, "A1")
    Session.objects.filter(pk=live_session.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=20)
    )
    card = reverse("delivery:check_in_candidate", args=[live_session.pk, registration.pk])
    checks = {f"check_{k}": "1" for k in ("photo", "name", "number", "valid")}
    staff(dworld.invigilator)
    assert "Only a center manager can admit" in client.get(card).content.decode()
    response = client.post(card, {"action": "present", **checks}, follow=True)
    assert "Check-in closed at" in response.content.decode()
    staff(manager)
    assert 'name="override_reason"' in client.get(card).content.decode()
    client.post(card, {"action": "present", "override_reason": "公車誤點", **checks})
    check_in = CheckIn.objects.get()
    assert (check_in.late, check_in.override_reason, check_in.recorded_by) == (
        True,
        "公車誤點",
        manager,
    )


def test_console_authorise_pause_resume_extend_release_void(
    dworld, live_session, client, staff, manager, mixed_form
):
    registration = make_candidate(dworld, 1, "A1", status=RS.CHECKED_IN)
    services.session_form_attach(actor=dworld.admin, session=live_session, form=mixed_form)
    staff(dworld.invigilator)
    console = reverse("delivery:room_console", args=[live_session.pk])
    page = client.get(console).content.decode()
    assert 'id="authorize-all"' in page and 'hx-trigger="every 5s"' in page
    client.post(reverse("delivery:room_authorize", args=[live_session.pk]))
    attempt = Attempt.objects.get(registration=registration)
    assert attempt.status == AttemptStatus.READY
    # The candidate starts once the session has begun.
    with mock.patch("django.utils.timezone.now", return_value=live_session.starts_at):
        services.attempt_start(actor=registration.candidate, attempt=attempt)
    roster = client.get(reverse("delivery:room_roster", args=[live_session.pk])).content.decode()
    assert "state-in_progress" in roster and "0 / 8" in roster

    def act(action, **data):
        url = reverse("delivery:room_attempt_action", args=[live_session.pk, attempt.pk, action])
        return client.post(url, data, follow=True)

    client.post(reverse("delivery:room_pause_all", args=[live_session.pk]), {"reason": "fire"})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PAUSED
    client.post(reverse("delivery:room_resume_all", args=[live_session.pk]))
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    act("pause", reason="fire alarm")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PAUSED
    act("resume")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    deadline = attempt.deadline_at
    response = act("extend", minutes="0", reason="")
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.extended_seconds == 0
    act("extend", minutes="10", reason="computer froze")
    attempt.refresh_from_db()
    assert attempt.extended_seconds == 600
    assert attempt.deadline_at == deadline + dt.timedelta(minutes=10)
    Attempt.objects.filter(pk=attempt.pk).update(device_key="k1")
    act("release")
    attempt.refresh_from_db()
    assert attempt.device_key == ""
    # Invigilators cannot void; the center manager can, with a reason.
    act("void", reason="cheating")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    staff(manager)
    act("void", reason="")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    act("void", reason="phone in use")
    attempt.refresh_from_db()
    assert (attempt.status, attempt.void_reason) == (AttemptStatus.VOIDED, "phone in use")
    assert (
        client.post(
            reverse("delivery:room_attempt_action", args=[live_session.pk, attempt.pk, "explode"])
        ).status_code
        == 404
    )
    kinds = list(attempt.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [
        "authorize",
        "start",
        *["pause", "resume"] * 2,
        "extend",
        "device_release",
        "void",
    ]


def test_incident_and_export(dworld, live_session, client, staff, mixed_form):
    registration = make_candidate(dworld, 1, "A1", status=RS.CHECKED_IN)
    services.session_form_attach(actor=dworld.admin, session=live_session, form=mixed_form)
    (attempt,) = services.session_authorize_attempts(actor=dworld.invigilator, session=live_session)
    with mock.patch("django.utils.timezone.now", return_value=live_session.starts_at):
        services.attempt_start(actor=registration.candidate, attempt=attempt)
        item = attempt.form.items.get(position=3)
        services.response_save(
            actor=registration.candidate, attempt=attempt, form_item_id=item.pk, answer=True, seq=1
        )
    staff(dworld.invigilator)
    url = reverse("delivery:incident_create", args=[live_session.pk])
    response = client.post(url, {"kind": "environment", "description": ""}, follow=True)
    assert not Incident.objects.exists()
    client.post(
        url,
        {
            "kind": "technical",
            "occurred_at": "10:05",
            "description": "A1 的螢幕當機",
            "registration": registration.pk,
        },
    )
    incident = Incident.objects.get()
    local = timezone.localtime(incident.occurred_at)
    assert (local.hour, local.minute, incident.registration) == (10, 5, registration)
    assert local.date() == timezone.localtime(live_session.starts_at).date()
    page = client.get(reverse("delivery:room_console", args=[live_session.pk])).content.decode()
    assert "A1 的螢幕當機" in page
    response = client.get(reverse("delivery:room_export", args=[live_session.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "record,time,seat,candidate,what,details,by"
    assert any(line.startswith("roster,") and "in_progress" in line for line in lines)
    assert any(line.startswith("incident,") and "A1 的螢幕當機" in line for line in lines)
    assert any(line.startswith("event,") and ",authorize," in line for line in lines)
    assert "answer=" not in text and ",save," not in text


def test_roster_partial_queries_do_not_grow(
    dworld, live_session, client, staff, django_assert_max_num_queries
):
    for n in range(1, 4):
        make_candidate(dworld, n, f"A{n}")
    staff(dworld.invigilator)
    url = reverse("delivery:room_roster", args=[live_session.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4, 12):
        make_candidate(dworld, n, f"B{n}", status=RS.CHECKED_IN)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert Registration.objects.count() == 11


def test_foundation_admin_edits_the_check_in_policy_in_the_admin(dworld, client, staff, manager):
    from aicert.delivery.models import CheckInPolicy

    staff(manager)
    assert client.get("/admin/delivery/checkinpolicy/add/").status_code in (302, 403)
    staff(dworld.admin)  # is_staff follows from the foundation-admin role
    response = client.post(
        "/admin/delivery/checkinpolicy/add/",
        {"name": "2027", "opens_minutes_before": 45, "late_cutoff_minutes": 10, "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from aicert.delivery import selectors

    assert selectors.check_in_policy_current().late_cutoff_minutes == 10
    assert CheckInPolicy.objects.count() == 1


def test_dashboards_link_to_the_room_and_the_forms_of_sessions(dworld, client, staff, manager):
    room = reverse("delivery:room_list")
    forms = reverse("delivery:session_list")
    for user in (dworld.invigilator, manager):
        staff(user)
        page = client.get(reverse("portal:dashboard")).content.decode()
        assert f'href="{room}"' in page and f'href="{forms}"' not in page
    staff(dworld.psychometrician)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert f'href="{forms}"' in page and f'href="{room}"' not in page
    client.force_login(dworld.candidate)
    assert f'href="{room}"' not in client.get(reverse("portal:dashboard")).content.decode()


@pytest.mark.parametrize("place", [None, "proposed", "declined"])
def test_same_center_invigilator_off_the_roster_is_kept_out(
    dworld, live_session, client, staff, manager, make_attempt, place
):
    """Only a published or confirmed roster place opens a room; the manager sees the center."""
    from aicert.accounts.permissions import user_can

    registration = make_candidate(dworld, 1, "A1")
    attempt = make_attempt()
    colleague = UserFactory(email="colleague@example.org", display_name="colleague")
    grant(colleague, dworld.center.organisation, Role.INVIGILATOR)
    if place is not None:
        roster(colleague, live_session, status=place)
    staff(colleague)
    for url in room_urls(live_session, registration, attempt):
        assert client.get(url).status_code == 404, url
    for name in ("room_authorize", "incident_create", "room_pause_all"):
        assert client.post(reverse(f"delivery:{name}", args=[live_session.pk])).status_code == 404
    action = reverse("delivery:room_attempt_action", args=[live_session.pk, attempt.pk, "pause"])
    assert client.post(action).status_code == 404
    page = client.get(reverse("delivery:room_list")).content.decode()
    assert reverse("delivery:room_console", args=[live_session.pk]) not in page
    for perm, obj in (
        ("delivery.authorize_attempt", registration),
        ("delivery.invigilate_attempt", attempt),
        ("delivery.check_in_candidate", live_session),
    ):
        assert not user_can(colleague, perm, obj)
        assert user_can(dworld.invigilator, perm, obj)  # rostered
        assert user_can(manager, perm, obj)  # the whole center
    attempt.refresh_from_db()
    assert attempt.status == "ready"  # the refused pause changed nothing

    # Published onto the roster (say, a stand-in on the day), the colleague gets in.
    from aicert.scheduling.models import InvigilatorAssignment

    InvigilatorAssignment.objects.filter(invigilator__user=colleague).delete()
    roster(colleague, live_session, status="published")
    for url in room_urls(live_session, registration, attempt):
        assert client.get(url).status_code == 200, url
