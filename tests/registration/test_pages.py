"""Candidate pages: register from the calendar, my registrations, offers; only one's own rows."""

import re

import pytest
from django.urls import reverse

from aicert.registration.models import Registration
from aicert.registration.services import registration_cancel, registration_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_register_without_profile_goes_to_profile_then_back(client, make_session):
    session = make_session()
    client.force_login(UserFactory())
    register_url = reverse("registration:register", args=[session.pk])
    response = client.get(register_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("registration:profile"))
    assert f"next={register_url}" in response["Location"]


def test_register_page_registers(client, make_session, make_candidate):
    session = make_session()
    candidate = make_candidate()
    client.force_login(candidate)
    url = reverse("registration:register", args=[session.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {})
    assert response.status_code == 302
    assert Registration.objects.get(candidate=candidate).status == "pending_payment"


def test_register_page_shows_the_rule_that_failed(client, world, make_session, make_candidate):
    session = make_session(subject=world.advanced)
    client.force_login(make_candidate())
    client.cookies["aicert_language"] = "en"
    response = client.post(
        reverse("registration:register", args=[session.pk]), {"group_code": "x1"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "requires you to hold Associate first" in text
    assert 'value="x1"' in text  # what was typed is kept
    assert not Registration.objects.exists()


def test_full_session_page_offers_the_waiting_list(client, make_session, make_candidate):
    session = make_session(capacity=1)
    registration_create(candidate=make_candidate(), session=session)
    candidate = make_candidate()
    client.force_login(candidate)
    url = reverse("registration:register", args=[session.pk])
    assert 'name="join_waitlist" value="on"' in client.get(url).content.decode()
    client.post(url, {"join_waitlist": "on"})
    assert Registration.objects.get(candidate=candidate).status == "waitlisted"


def test_candidates_see_only_their_own_registrations(client, make_session, make_candidate):
    session = make_session()
    mine = registration_create(candidate=make_candidate(), session=session)
    theirs = registration_create(candidate=make_candidate(), session=session)
    client.force_login(mine.candidate)
    page = client.get(reverse("registration:my_registrations")).content.decode()
    assert f'id="registration-{mine.pk}"' in page and f'id="registration-{theirs.pk}"' not in page
    for name in ("cancel", "transfer"):
        assert client.get(reverse(f"registration:{name}", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("registration:accept_offer", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "pending_payment"


def test_accept_offer_from_my_registrations(client, make_session, make_candidate):
    session = make_session(capacity=1)
    holder = registration_create(candidate=make_candidate(), session=session)
    waiting = registration_create(candidate=make_candidate(), session=session, join_waitlist=True)
    registration_cancel(actor=holder.candidate, registration=holder)
    client.force_login(waiting.candidate)
    page = client.get(reverse("registration:my_registrations")).content.decode()
    assert reverse("registration:accept_offer", args=[waiting.pk]) in page
    client.post(reverse("registration:accept_offer", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == "pending_payment"


def test_dashboard_panels(client, world, make_session, make_candidate, staff_login):
    session = make_session()
    registration = registration_create(candidate=make_candidate(), session=session)
    client.force_login(registration.candidate)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert 'data-panel="my_registrations"' in page and f"#registration-{registration.pk}" in page
    client.logout()
    staff_login(world.manager)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert 'data-panel="sessions"' in page and reverse("scheduling:session_create") in page


def test_manager_sees_own_centers_registrations_only(world, make_session, make_candidate):
    from aicert.accounts.permissions import scope_queryset, user_can

    south = registration_create(candidate=make_candidate(), session=make_session())
    north = registration_create(
        candidate=make_candidate(), session=make_session(room=world.north_room, days=40)
    )
    visible = scope_queryset(world.manager, "registration.view_registration", Registration.objects)
    assert list(visible) == [south]
    assert user_can(world.manager, "registration.view_registration", south)
    assert not user_can(world.manager, "registration.view_registration", north)
    assert not user_can(world.manager, "registration.change_registration", south)


def test_privacy_notice_is_public(client, db):
    response = client.get(reverse("registration:privacy_notice"))
    assert response.status_code == 200 and "個人資料保護法" in response.content.decode()


def test_dashboard_tells_a_past_candidate_nothing_is_coming_up_not_that_they_never_registered(
    client, make_session, make_candidate
):
    # Walk-through defect: graduate@ (sat an exam) read "You have no registrations yet".
    never = make_candidate()
    client.force_login(never)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "您尚未報名任何場次，請至考試場次查詢。" in page
    client.logout()
    registration = registration_create(candidate=make_candidate(), session=make_session())
    registration_cancel(actor=registration.candidate, registration=registration)
    client.force_login(registration.candidate)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "您目前沒有即將到來的報名，請至考試場次查詢。" in page
    assert "您尚未報名任何場次" not in page


def test_the_managers_session_panel_says_what_each_number_counts(
    client, world, make_session, make_candidate, staff_login
):
    session = make_session(capacity=1)
    registration_create(candidate=make_candidate(), session=session)  # the one seat
    registration_create(candidate=make_candidate(), session=session, join_waitlist=True)
    staff_login(world.manager)
    client.cookies["aicert_language"] = "en"
    page = client.get(reverse("portal:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    panel = page.split('data-panel="sessions"')[1].split("</section>")[0]
    headings = re.findall(r"<th[^>]*>([^<]*)</th>", panel)
    assert headings == ["Session", "Seats taken", "Seats offered", "Waiting list"]
    cells = re.findall(r'<td class="num">([^<]*)</td>', panel)
    assert cells == ["1", "1", "1"]  # taken, offered, waiting
