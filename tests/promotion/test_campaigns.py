"""Partner campaigns: a school's contact, the region's center manager and the foundation follow
the registrations, attendance and passes of the school's group codes; small cells hidden
outside the foundation; a school never sees another's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aicert.accounts.roles import OrganisationKind
from aicert.promotion import campaign_selectors, services
from aicert.registration.models import GroupBooking
from tests.factories import (
    FormFactory,
    LevelFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    SubjectFactory,
    UserFactory,
)
from tests.promotion.builders import sitting


@pytest.fixture
def partners(world):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL, name_zh="南臺科技大學")
    other = OrganisationFactory(kind=OrganisationKind.SCHOOL, name_zh="別的學校")
    contact = UserFactory(email="coordinator@stust.example")
    other_contact = UserFactory(email="coordinator@other.example")
    code = GroupBooking.objects.create(organisation=school, code="stust-2026", contact=contact)
    other_code = GroupBooking.objects.create(
        organisation=other, code="other-2026", contact=other_contact
    )
    campaign = services.partner_campaign_create(
        actor=world.manager_south,
        organisation=school,
        region=world.south,
        name_zh="南臺科大 2026 認證推廣",
        name_en="STUST 2026 campaign",
        starts_on=dt.date(2026, 1, 1),
        group_bookings=[code],
    )
    other_campaign = services.partner_campaign_create(
        actor=world.admin,
        organisation=other,
        region=world.south,
        name_zh="別校推廣",
        starts_on=dt.date(2026, 1, 1),
        group_bookings=[other_code],
    )
    associate, professional = LevelFactory(rank=1), LevelFactory(rank=2)
    room = RoomFactory(venue=world.venue, seat_count=40, seat_rows=5, seat_columns=8)
    past = timezone.now() - dt.timedelta(days=20)
    first = SessionFactory(
        subject=SubjectFactory(level=associate), room=room, starts_at=past, capacity=30
    )
    second = SessionFactory(
        subject=SubjectFactory(level=professional), room=room, starts_at=past, capacity=30
    )
    form_a, form_b = FormFactory(subject=first.subject), FormFactory(subject=second.subject)
    for n in range(11):
        sitting(first, code, passed=n < 10, form=form_a)  # 11 sat, 10 passed
    sitting(first, code, status="absent")
    sitting(first, code, status="cancelled")  # not counted
    sitting(first, None, passed=True, form=form_a)  # no code: not the school's
    sitting(second, code, passed=True, form=form_b)
    sitting(second, code, passed=False, form=form_b)
    sitting(second, code, status="confirmed")
    sitting(first, other_code, passed=True, form=form_a)
    return type(
        "Partners",
        (),
        {
            "school": school,
            "contact": contact,
            "other_contact": other_contact,
            "campaign": campaign,
            "other_campaign": other_campaign,
            "associate": associate,
        },
    )


def test_foundation_sees_exact_counts_by_code_level_and_session(world, partners):
    report = campaign_selectors.campaign_report(
        campaign=partners.campaign, user=world.admin, total_label="all"
    )
    assert report.exact
    total = report.total
    assert (total.registrations, total.attended, total.passed) == ("15", "13", "11")
    assert total.pass_rate == "85%"
    levels = {row.label: row for row in report.by_level}
    first = levels[str(partners.associate)]
    assert (first.registrations, first.attended, first.passed, first.pass_rate) == (
        "12",
        "11",
        "10",
        "91%",
    )
    assert [row.label for row in report.by_code] == ["stust-2026"]
    assert len(report.by_session) == 2


def test_the_school_sees_small_cells_hidden(world, partners, client):
    report = campaign_selectors.campaign_report(
        campaign=partners.campaign, user=partners.contact, total_label="all"
    )
    assert not report.exact
    rows = {row.label: row for row in report.by_level}
    second = [row for label, row in rows.items() if label != str(partners.associate)][0]
    assert (second.registrations, second.attended, second.passed) == ("<10", "<10", "<10")
    # The other level's column cells hide too, or the total would give the small one away.
    first = rows[str(partners.associate)]
    assert first.registrations == "x" and first.pass_rate == "—"
    assert report.total.registrations == "15" and report.total.pass_rate == "85%"
    client.force_login(partners.contact)
    page = client.get(reverse("promotion:campaign", args=[partners.campaign.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "data-suppressed" in body and "&lt;10" in body and "stust-2026" in body


def test_object_level_checks(world, partners, client, staff_login):
    url = reverse("promotion:campaign", args=[partners.campaign.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(partners.other_contact)
    assert client.get(url).status_code == 404  # another school's campaign
    listing = client.get(reverse("promotion:campaigns")).content.decode()
    assert "別校推廣" in listing and "南臺科大" not in listing
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    staff_login(world.manager_north)
    assert client.get(url).status_code == 404  # another region's manager
    staff_login(world.manager_south)
    assert client.get(url).status_code == 200
    assert client.get(reverse("promotion:campaign", args=[999999])).status_code == 404


def test_campaign_page_queries_do_not_grow_with_rows(world, partners, client, staff_login):
    staff_login(world.admin)
    url = reverse("promotion:campaign", args=[partners.campaign.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(3):
        sitting(
            SessionFactory(subject=SubjectFactory(level=partners.associate), room=RoomFactory()),
            partners.campaign.group_bookings.get(),
            status="confirmed",
        )
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)


def test_only_the_region_and_the_schools_own_codes(world, partners):
    code = partners.campaign.group_bookings.get()
    with pytest.raises(PermissionDenied):
        services.partner_campaign_create(
            actor=world.manager_north,
            organisation=partners.school,
            region=world.south,
            name_zh="x",
            starts_on=dt.date(2026, 1, 1),
            group_bookings=[code],
        )
    other_code = partners.other_campaign.group_bookings.get()
    with pytest.raises(ValidationError, match="other-2026"):
        services.partner_campaign_create(
            actor=world.manager_south,
            organisation=partners.school,
            region=world.south,
            name_zh="x",
            starts_on=dt.date(2026, 1, 1),
            group_bookings=[other_code],
        )


def test_manager_creates_a_campaign_through_the_form(world, partners, client, staff_login):
    staff_login(world.manager_south)
    code = GroupBooking.objects.create(organisation=partners.school, code="stust-2027")
    response = client.post(
        reverse("promotion:campaign_create"),
        {
            "organisation": partners.school.pk,
            "region": world.south.pk,
            "name_zh": "2027 推廣",
            "starts_on": "2027-01-01",
            "ends_on": "2026-01-01",  # before the start: refused in words
            "group_bookings": [code.pk],
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        reverse("promotion:campaign_create"),
        {
            "organisation": partners.school.pk,
            "region": world.south.pk,
            "name_zh": "2027 推廣",
            "starts_on": "2027-01-01",
            "group_bookings": [code.pk],
        },
    )
    assert response.status_code == 302
