import pytest
from django.urls import reverse

from aicert.audit.models import AuditEvent
from aicert.centers.models import Center, County, Room

pytestmark = pytest.mark.django_db


def test_all_22_counties_in_four_regions(db):
    assert County.objects.count() == 22
    south = set(County.objects.filter(region__code="south").values_list("name_en", flat=True))
    assert {"Yunlin County", "Chiayi City", "Chiayi County", "Tainan City"} <= south


def test_southern_center_is_a_tainan_university_serving_yunlin_chiayi_tainan(demo):
    center = Center.objects.get(organisation__slug="center-south")
    assert "臺南" in center.address and "科技大學" in center.host_institution_zh
    assert set(center.counties_served.values_list("code", flat=True)) == {
        "yunlin-county",
        "chiayi-city",
        "chiayi-county",
        "tainan-city",
    }


def test_public_centers_page_lists_areas_served(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("centers:center_list"))
    text = response.content.decode()
    assert "南臺科技大學" in text and "雲林縣" in text and "嘉義市" in text


def test_seat_grid_labels():
    assert Room.seat_label(0, 0) == "A1"
    assert Room.seat_label(25, 3) == "Z4"
    assert Room.seat_label(26, 0) == "AA1"


def test_room_edit_saves_and_audits(client, demo_user):
    manager = demo_user("manager.south@aicert.example")
    room = Room.objects.filter(venue__center__organisation__slug="center-south").first()
    client.force_login(manager)
    response = client.post(
        reverse("centers:room_edit", args=[room.pk]),
        {
            "name": room.name,
            "seat_rows": 4,
            "seat_columns": 6,
            "seat_count": 22,
            "blocked_seats": "d5, D6",
            "accessible_seats": "A1",
            "accessible": "on",
            "has_computers": "on",
        },
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.seat_rows, room.seat_columns, room.seat_count) == (4, 6, 22)
    assert room.seat_layout == {"blocked": ["D5", "D6"], "accessible": ["A1"]}
    event = AuditEvent.objects.get(action="room.update", target_id=str(room.pk))
    assert event.actor == manager and event.changes["seat_count"][1] == 22


def test_room_with_more_seats_than_fit_is_refused_with_a_clear_error(client, demo_user):
    manager = demo_user("manager.south@aicert.example")
    room = Room.objects.filter(venue__center__organisation__slug="center-south").first()
    before = (room.seat_rows, room.seat_columns, room.seat_count)
    client.force_login(manager)
    response = client.post(
        reverse("centers:room_edit", args=[room.pk]),
        {
            "name": room.name,
            "seat_rows": 2,
            "seat_columns": 2,
            "seat_count": 4,
            "blocked_seats": "A1",
        },
    )
    assert response.status_code == 200
    assert "3" in str(response.context["form"].errors["seat_count"])
    room.refresh_from_db()
    assert (room.seat_rows, room.seat_columns, room.seat_count) == before
    assert not AuditEvent.objects.filter(action="room.update").exists()


def test_manager_adds_room_to_own_venue_only(client, demo_user):
    manager = demo_user("manager.south@aicert.example")
    client.force_login(manager)
    south_venue = (
        Room.objects.filter(venue__center__organisation__slug="center-south").first().venue
    )
    north_venue = (
        Room.objects.filter(venue__center__organisation__slug="center-north").first().venue
    )
    data = {"name": "New lab", "seat_rows": 3, "seat_columns": 3, "seat_count": 9}
    assert (
        client.post(reverse("centers:room_create", args=[north_venue.pk]), data).status_code == 404
    )
    assert (
        client.post(reverse("centers:room_create", args=[south_venue.pk]), data).status_code == 302
    )
    assert Room.objects.get(name="New lab").venue == south_venue
