"""Scheduling sessions: seats fit the room, windows make sense, managers stay in their center."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.registration.services import registration_create
from aicert.scheduling import services
from aicert.scheduling.models import Session, SessionStatus
from tests.scheduling.fixtures import TAIPEI

pytestmark = pytest.mark.django_db


def _data(world, **overrides):
    day = timezone.localdate() + dt.timedelta(days=40)
    starts_at = dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=TAIPEI)
    data = {
        "subject": world.foundations,
        "room": world.south_room,
        "starts_at": starts_at,
        "capacity": 20,
        "fee": 1200,
        "language": "zh-hant",
        "registration_opens_at": timezone.now(),
        "registration_closes_at": starts_at - dt.timedelta(days=7),
        "ticket_release_on": day - dt.timedelta(days=10),
    }
    data.update(overrides)
    return data


def test_manager_schedules_in_own_room_with_duration_from_subject(world):
    session = services.session_create(actor=world.manager, **_data(world))
    assert session.duration_minutes == world.foundations.duration_minutes == 90
    assert session.ends_at - session.starts_at == dt.timedelta(minutes=90)
    assert session.status == SessionStatus.DRAFT
    assert AuditEvent.objects.filter(action="session.create", target_id=str(session.pk)).exists()


def test_manager_cannot_schedule_in_another_centers_room(world):
    with pytest.raises(PermissionDenied):
        services.session_create(actor=world.manager, **_data(world, room=world.north_room))
    assert not Session.objects.exists()


def test_capacity_above_room_seats_is_refused(world, english):
    with pytest.raises(ValidationError) as error:
        services.session_create(actor=world.manager, **_data(world, capacity=21))
    assert "only 20 usable seats" in str(error.value.message_dict["capacity"])


def test_window_must_close_before_the_exam_and_after_opening(world, english):
    data = _data(world)
    with pytest.raises(ValidationError) as error:
        services.session_create(
            actor=world.manager,
            **{**data, "registration_closes_at": data["starts_at"] + dt.timedelta(hours=1)},
        )
    assert "before the exam starts" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.session_create(
            actor=world.manager,
            **{**data, "registration_closes_at": data["registration_opens_at"]},
        )
    assert "close after it opens" in str(error.value)


def test_database_refuses_a_window_closing_after_the_exam(world):
    from django.db import IntegrityError, transaction

    data = _data(world)
    data["registration_closes_at"] = data["starts_at"] + dt.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(**data, duration_minutes=90)


def test_room_cannot_host_two_sessions_at_once(world, english):
    services.session_create(actor=world.manager, **_data(world))
    with pytest.raises(ValidationError) as error:
        services.session_create(
            actor=world.manager,
            **_data(world, starts_at=_data(world)["starts_at"] + dt.timedelta(minutes=60)),
        )
    assert "already booked" in str(error.value)


def test_capacity_cannot_drop_below_seats_taken(world, make_session, make_candidate, english):
    session = make_session(capacity=3)
    for _ in range(3):
        registration_create(candidate=make_candidate(), session=session)
    with pytest.raises(ValidationError) as error:
        services.session_update(actor=world.manager, session=session, capacity=2)
    assert "3 seats are already taken" in str(error.value)
    services.session_update(actor=world.manager, session=session, capacity=5)
    session.refresh_from_db()
    assert session.capacity == 5


def test_status_transitions_are_checked(world, english):
    session = services.session_create(actor=world.manager, **_data(world))
    services.session_update(actor=world.manager, session=session, status="published")
    services.session_update(actor=world.manager, session=session, status="cancelled")
    with pytest.raises(ValidationError) as error:
        services.session_update(actor=world.manager, session=session, status="published")
    assert "cannot become" in str(error.value)


def _post_data(world, **overrides):
    data = _data(world, **overrides)
    return {
        "subject": data["subject"].pk,
        "room": data["room"].pk,
        "starts_at": timezone.localtime(data["starts_at"]).strftime("%Y-%m-%dT%H:%M"),
        "capacity": data["capacity"],
        "fee": data["fee"],
        "language": data["language"],
        "registration_opens_at": timezone.localtime(data["registration_opens_at"]).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "registration_closes_at": timezone.localtime(data["registration_closes_at"]).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "ticket_release_on": data["ticket_release_on"].isoformat(),
        "status": "published",
    }


def test_manager_pages_create_and_list_own_sessions(world, staff_login):
    client = staff_login(world.manager)
    response = client.post(reverse("scheduling:session_create"), _post_data(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get()
    assert timezone.localtime(session.starts_at).hour == 9
    assert session.starts_at.utcoffset() == dt.timedelta(0)  # stored in UTC
    assert timezone.localtime(session.starts_at).utcoffset() == dt.timedelta(hours=8)
    page = client.get(reverse("scheduling:session_manage"))
    assert f'data-session="{session.pk}"' in page.content.decode()


def test_manager_form_refuses_another_centers_room_and_keeps_input(world, staff_login):
    client = staff_login(world.manager)
    response = client.post(
        reverse("scheduling:session_create"), _post_data(world, room=world.north_room, fee=4321)
    )
    assert response.status_code == 200
    assert "room" in response.context["form"].errors
    assert 'value="4321"' in response.content.decode()
    assert not Session.objects.exists()


def test_manager_form_shows_capacity_error(world, staff_login):
    client = staff_login(world.manager)
    response = client.post(reverse("scheduling:session_create"), _post_data(world, capacity=99))
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors


def test_other_centers_session_is_a_404_for_the_manager(world, make_session, staff_login):
    north_session = make_session(room=world.north_room)
    client = staff_login(world.manager)
    assert (
        client.get(reverse("scheduling:session_edit", args=[north_session.pk])).status_code == 404
    )
    page = client.get(reverse("scheduling:session_manage")).content.decode()
    assert f'data-session="{north_session.pk}"' not in page


def test_manager_edits_own_session(world, make_session, staff_login):
    session = make_session()
    client = staff_login(world.manager)
    data = _post_data(world)
    data["starts_at"] = timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M")
    data["registration_opens_at"] = timezone.localtime(session.registration_opens_at).strftime(
        "%Y-%m-%dT%H:%M"
    )
    data["registration_closes_at"] = timezone.localtime(session.registration_closes_at).strftime(
        "%Y-%m-%dT%H:%M"
    )
    data["ticket_release_on"] = session.ticket_release_on.isoformat()
    data["capacity"] = 15
    response = client.post(reverse("scheduling:session_edit", args=[session.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.capacity == 15


def test_candidates_cannot_open_session_management(world, make_candidate, client):
    client.force_login(make_candidate())
    assert client.get(reverse("scheduling:session_manage")).status_code == 403
    assert client.get(reverse("scheduling:session_create")).status_code == 403
