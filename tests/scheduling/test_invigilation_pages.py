"""Invigilation pages: who may open them, what they show, and the htmx roster actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aicert.scheduling import invigilation_services as svc
from aicert.scheduling.models import (
    AssignmentStatus,
    InvigilatorAssignment,
    InvigilatorAvailability,
    InvigilatorRole,
)
from tests.factories import UserFactory, enrol_totp, grant

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _day_url(world, day):
    return reverse("scheduling:roster_day", args=[world.south.pk, day.date.isoformat()])


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages in English (the language cookie), so the tests can read the messages."""
    client.cookies["aicert_language"] = "en"


@pytest.fixture
def north_manager(world):
    user = UserFactory(email="north@example.org")
    grant(user, world.north.organisation, "center_manager")
    return user


# --- Permissions -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, world, day):
    for url in (
        reverse("scheduling:roster_days"),
        _day_url(world, day),
        reverse("scheduling:my_duties"),
        reverse("scheduling:my_availability"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_candidate_and_invigilator_cannot_open_rosters(
    client, world, day, make_candidate, staff_login
):
    client.force_login(make_candidate())
    assert client.get(reverse("scheduling:roster_days")).status_code == 403
    assert client.get(_day_url(world, day)).status_code == 404
    assert client.get(reverse("scheduling:my_duties")).status_code == 403
    assert client.get(reverse("scheduling:my_availability")).status_code == 403
    client.logout()
    client.force_login(day.chen.user)
    assert client.get(reverse("scheduling:roster_days")).status_code == 403
    assert client.get(_day_url(world, day)).status_code == 404
    assert client.post(_day_url(world, day), {"action": "propose"}).status_code == 404
    assert not InvigilatorAssignment.objects.exists()


def test_other_centers_manager_sees_nothing_of_this_center(
    client, world, day, north_manager, staff_login
):
    client = staff_login(north_manager)
    assert client.get(_day_url(world, day)).status_code == 404
    assert client.post(_day_url(world, day), {"action": "propose"}).status_code == 404
    page = client.get(reverse("scheduling:roster_days")).content.decode()
    assert "Chen" not in page and str(world.south) not in page
    assert not InvigilatorAssignment.objects.exists()


def test_manager_cannot_open_duties_pages(client, world, staff_login):
    client = staff_login(world.manager)
    assert client.get(reverse("scheduling:my_duties")).status_code == 403


# --- The manager's pages -------------------------------------------------------------------------


def test_overview_lists_exam_days_and_pool_availability(
    client, world, day, staff_login, django_assert_max_num_queries
):
    client = staff_login(world.manager)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("scheduling:roster_days")).content.decode()
    assert day.date.isoformat() in page
    assert _day_url(world, day) in page
    for name in ("Chen", "Lin", "Wang", "Huang", "Tsai"):
        assert name in page
    assert page.count("✓") >= 9 and "✗" in page


def test_roster_page_runs_optimiser_adjusts_and_publishes(client, world, day, staff_login, english):
    client = staff_login(world.manager)
    url = _day_url(world, day)
    page = client.get(url).content.decode()
    assert 'data-state="empty"' in page and 'data-action="propose"' in page
    # Run the optimiser through htmx: only the roster fragment comes back.
    response = client.post(url, {"action": "propose"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="roster"' in html
    assert "The optimiser proposed 6 duties" in html
    assert html.count("data-chief") == 3 and 'data-state="proposed"' in html
    # A refused change: the rule's message in words (data-errors), nothing changed.
    assistant = InvigilatorAssignment.objects.filter(
        session=day.a, role=InvigilatorRole.ASSISTANT
    ).first()
    response = client.post(url, {"action": "remove", "assignment": assistant.pk}, **HTMX)
    assert response.status_code == 200 and "data-errors" in response.content.decode()
    assert "it needs 2 (1 short)" in response.content.decode()
    assert InvigilatorAssignment.objects.filter(pk=assistant.pk).exists()
    response = client.post(
        url, {"action": "add", "session": day.a.pk, "invigilator": day.tsai.pk}, **HTMX
    )
    assert response.status_code == 200 and "Tsai is not available" in response.content.decode()
    # A valid change: a third person in the afternoon.
    spare = next(
        inv
        for inv in day.pool
        if not InvigilatorAssignment.objects.filter(session=day.c, invigilator=inv).exists()
    )
    response = client.post(
        url, {"action": "add", "session": day.c.pk, "invigilator": spare.pk}, **HTMX
    )
    assert response.status_code == 200
    assert f"{spare.user.display_name} added to" in response.content.decode()
    # Publish without htmx: redirect back with a message.
    response = client.post(url, {"action": "publish"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Roster published: 7 invigilators were told." in page
    assert 'data-state="published"' in page and 'data-action="propose"' not in page
    assert set(InvigilatorAssignment.objects.values_list("status", flat=True)) == {"published"}


def test_infeasible_day_shows_the_explanation(client, world, day, staff_login, english):
    InvigilatorAvailability.objects.filter(invigilator=day.chen, half_day="am").update(
        available=False
    )
    client = staff_login(world.manager)
    response = client.post(_day_url(world, day), {"action": "propose"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "data-infeasible" in html
    assert "chief-eligible" in html and "09:30" in html
    assert not InvigilatorAssignment.objects.exists()


def test_day_without_sessions_and_bad_date(client, world, day, staff_login):
    client = staff_login(world.manager)
    url = reverse("scheduling:roster_day", args=[world.south.pk, "2031-01-01"])
    assert client.get(url).status_code == 200
    bad = reverse("scheduling:roster_day", args=[world.south.pk, "not-a-date"])
    assert client.get(bad).status_code == 404


# --- The invigilator's pages ------------------------------------------------------------------


@pytest.fixture
def published(world, day):
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    svc.roster_publish(actor=world.manager, center=world.south, day=day.date)
    return day


def test_duties_page_shows_own_duties_and_confirms(client, published, english):
    day = published
    client.force_login(day.tsai.user)
    page = client.get(reverse("scheduling:my_duties")).content.decode()
    duty = InvigilatorAssignment.objects.get(invigilator=day.tsai)
    assert f'data-duty="{duty.pk}"' in page
    assert page.count("data-duty=") == 1  # only their own
    response = client.post(reverse("scheduling:duty_confirm", args=[duty.pk]))
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.status == AssignmentStatus.CONFIRMED
    # Someone else's duty: not found, unchanged.
    other = InvigilatorAssignment.objects.exclude(invigilator=day.tsai).first()
    assert client.post(reverse("scheduling:duty_confirm", args=[other.pk])).status_code == 404
    assert client.post(reverse("scheduling:duty_decline", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == AssignmentStatus.PUBLISHED


def test_duties_page_declines_with_reason(client, published, world, english):
    day = published
    client.force_login(day.tsai.user)
    duty = InvigilatorAssignment.objects.get(invigilator=day.tsai)
    client.post(reverse("scheduling:duty_decline", args=[duty.pk]), {"reason": "Ill"})
    duty.refresh_from_db()
    assert duty.status == AssignmentStatus.DECLINED and duty.decline_reason == "Ill"
    client.logout()
    client.force_login(world.manager)
    enrol_totp(world.manager)
    page = client.get(_day_url(world, day)).content.decode()
    assert f'data-declined="{day.tsai.pk}"' in page and 'data-open="1"' in page


def test_dashboard_panel_shows_duties(client, published, english):
    day = published
    client.force_login(day.tsai.user)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Duties awaiting your answer" in page
    assert reverse("scheduling:my_duties") in page


def test_availability_page_saves_half_days_and_declaration(client, day, english):
    client.force_login(day.wang.user)
    url = reverse("scheduling:my_availability")
    page = client.get(url).content.decode()
    assert f'data-date="{day.date.isoformat()}"' in page
    response = client.post(
        url,
        {
            "invigilator": day.wang.pk,
            "action": "availability",
            "date": [day.date.isoformat()],
            f"{day.date.isoformat()}-am": "on",
        },
    )
    assert response.status_code == 302
    answers = dict(
        InvigilatorAvailability.objects.filter(invigilator=day.wang, date=day.date).values_list(
            "half_day", "available"
        )
    )
    assert answers == {"am": True, "pm": False}
    client.post(
        url,
        {
            "invigilator": day.wang.pk,
            "action": "declare",
            "affiliations": "成功大學",
            "relatives": "王小明",
        },
    )
    day.wang.refresh_from_db()
    assert day.wang.affiliations == "成功大學" and day.wang.relatives == "王小明"
    # Somebody else's pool place: refused, unchanged.
    response = client.post(
        url, {"invigilator": day.chen.pk, "action": "declare", "affiliations": "x"}
    )
    assert response.status_code == 403
    day.chen.refresh_from_db()
    assert day.chen.affiliations == ""


def test_roster_page_query_count_does_not_grow_with_people(
    client, world, day, staff_login, django_assert_max_num_queries
):
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    client = staff_login(world.manager)
    with django_assert_max_num_queries(25):
        page = client.get(_day_url(world, day))
    assert page.status_code == 200
    assert page.content.decode().count("data-assignment=") == 6


def test_manager_enters_a_pool_members_availability(
    client, world, day, staff_login, north_manager, make_candidate
):
    url = reverse("scheduling:pool_availability", args=[day.wang.pk])
    # Only this center's manager: not the invigilator themself (they have their own page), not
    # another center's manager, not a candidate.
    client.force_login(make_candidate())
    assert client.get(url).status_code == 403
    client.force_login(day.chen.user)
    assert client.get(url).status_code == 403
    staff_login(north_manager)
    assert client.post(url, {"date": [day.date.isoformat()]}).status_code == 403
    assert not InvigilatorAvailability.objects.filter(
        invigilator=day.wang, date=day.date, half_day="pm", available=False
    ).exists()

    staff_login(world.manager)
    overview = client.get(reverse("scheduling:roster_days")).content.decode()
    assert url in overview  # each pool member's name leads to their availability
    page = client.get(url).content.decode()
    assert f'data-date="{day.date.isoformat()}"' in page
    response = client.post(
        url, {"date": [day.date.isoformat()], f"{day.date.isoformat()}-pm": "on"}, follow=True
    )
    assert "Availability saved" in response.content.decode()
    answers = dict(
        InvigilatorAvailability.objects.filter(invigilator=day.wang, date=day.date).values_list(
            "half_day", "available"
        )
    )
    assert answers == {"am": False, "pm": True}
    # A bad date is refused in words and changes nothing.
    response = client.post(url, {"date": ["2026-13-40"]}, follow=True)
    assert "Enter a valid date" in response.content.decode()
