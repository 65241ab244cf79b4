"""The public session calendar and its iCalendar feed."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from aicert.registration.services import registration_create
from aicert.scheduling.ical import fold
from aicert.scheduling.models import SessionStatus

pytestmark = pytest.mark.django_db


def test_calendar_lists_upcoming_published_sessions_with_seats_left(
    client, world, make_session, make_candidate
):
    shown = make_session(capacity=5)
    registration_create(candidate=make_candidate(), session=shown)
    draft = make_session(status=SessionStatus.DRAFT, days=31)
    past = make_session(days=-3, opens_in_days=-30, closes_before_days=1)
    page = client.get(reverse("scheduling:session_calendar"))
    text = page.content.decode()
    assert f'data-session="{shown.pk}"' in text
    assert f'data-session="{draft.pk}"' not in text and f'data-session="{past.pk}"' not in text
    assert "4 / 5" in text
    assert reverse("registration:register", args=[shown.pk]) in text


def test_full_session_offers_the_waiting_list(client, world, make_session, make_candidate):
    session = make_session(capacity=1)
    registration_create(candidate=make_candidate(), session=session)
    client.cookies["aicert_language"] = "en"
    text = client.get(reverse("scheduling:session_calendar")).content.decode()
    assert "Full" in text and "Join the waiting list" in text


def test_calendar_filters_by_region_county_and_level(client, world, make_session):
    south = make_session()
    north = make_session(room=world.north_room, days=32)
    pro = make_session(subject=world.advanced, days=33, hour=14)

    def ids(**params):
        response = client.get(reverse("scheduling:session_calendar"), params)
        return {s.pk for s in response.context["sessions"]}

    assert ids() == {south.pk, north.pk, pro.pk}
    assert ids(region="north") == {north.pk}
    assert ids(county="taipei-city") == {north.pk}
    assert ids(region="south", level=world.professional.pk) == {pro.pk}
    assert ids(county="tainan-city", level=world.associate.pk) == {south.pk}


def test_calendar_query_count_does_not_grow_with_sessions(
    client, world, make_session, django_assert_max_num_queries
):
    for day in range(3):
        make_session(days=20 + day)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("scheduling:session_calendar"))
    for day in range(12):
        make_session(days=40 + day, room=world.north_room if day % 2 else world.south_room)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("scheduling:session_calendar"))
    assert len(response.context["sessions"]) == 15


def test_ical_feed_parses_with_taipei_times(client, world, make_session):
    session = make_session()
    other = make_session(room=world.north_room, days=45, hour=13)
    response = client.get(reverse("scheduling:session_ical"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    local = timezone.localtime(session.starts_at)
    assert f"DTSTART;TZID=Asia/Taipei:{local:%Y%m%dT%H%M%S}" in body
    assert "BEGIN:VTIMEZONE" in body and "TZOFFSETTO:+0800" in body
    for line in body.split("\r\n"):
        assert len(line.encode()) <= 75
        if line.startswith("DTSTAMP:"):
            assert line.endswith("Z")

    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    event = events[f"session-{session.pk}@testserver"]
    start = event.decoded("DTSTART")
    assert start == session.starts_at  # the same instant…
    assert start.utcoffset() == dt.timedelta(hours=8)  # …written in Taiwan time
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=90)
    assert "人工智慧基礎概論" in str(event["SUMMARY"])
    assert f"session-{other.pk}@testserver" in events


def test_ical_feed_takes_the_calendar_filters(client, world, make_session):
    make_session()
    north = make_session(room=world.north_room, days=45)
    body = client.get(reverse("scheduling:session_ical"), {"region": "north"}).content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and f"session-{north.pk}@" in body


def test_long_lines_fold_without_splitting_characters():
    line = "SUMMARY:" + "人工智慧" * 30
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_session_detail_page(client, world, make_session):
    session = make_session()
    response = client.get(reverse("scheduling:session_detail", args=[session.pk]))
    assert response.status_code == 200
    draft = make_session(status=SessionStatus.DRAFT, days=50)
    assert client.get(reverse("scheduling:session_detail", args=[draft.pk])).status_code == 404


def test_session_whose_registration_has_not_opened_says_when_it_opens(client, world, make_session):
    # Walk-through defect: every not-yet-open session read "Registration closed".
    later = make_session(days=60, opens_in_days=5)
    client.cookies["aicert_language"] = "en"
    text = client.get(reverse("scheduling:session_calendar")).content.decode()
    row = text.split(f'data-session="{later.pk}"')[1].split("</tr>")[0]
    opens = timezone.localtime(later.registration_opens_at).strftime("%Y-%m-%d %H:%M")
    assert f"Registration opens {opens}" in row
    assert "Registration closed" not in row


def test_exam_language_is_named_in_the_readers_language(client, world, make_session):
    # Walk-through defect: the English calendar said "繁體中文" for every session.
    session = make_session()
    client.cookies["aicert_language"] = "en"
    row = (
        client.get(reverse("scheduling:session_calendar"))
        .content.decode()
        .split(f'data-session="{session.pk}"')[1]
        .split("</tr>")[0]
    )
    assert "<td>Traditional Chinese</td>" in row and "繁體中文" not in row
    detail = client.get(reverse("scheduling:session_detail", args=[session.pk])).content.decode()
    assert "<dd>Traditional Chinese</dd>" in detail
    client.cookies["aicert_language"] = "zh-hant"
    detail = client.get(reverse("scheduling:session_detail", args=[session.pk])).content.decode()
    assert "<dd>繁體中文</dd>" in detail


def test_a_room_shows_its_english_name_on_english_pages(client, world, make_session):
    """The calendar names the room in the page's language (Chinese name as fallback)."""
    from django.utils import translation

    from tests.factories import RoomFactory

    room = RoomFactory(venue=world.south_room.venue, name="電腦教室一", name_en="Computer Lab 1")
    make_session(room=room)
    with translation.override("en"):
        assert str(room).endswith("Computer Lab 1") and room.local_name == "Computer Lab 1"
    with translation.override("zh-hant"):
        assert str(room).endswith("電腦教室一")
    client.cookies["aicert_language"] = "en"
    page = client.get(reverse("scheduling:session_calendar")).content.decode()
    assert "Computer Lab 1" in page and "電腦教室一" not in page
    client.cookies["aicert_language"] = "zh-hant"
    page = client.get(reverse("scheduling:session_calendar")).content.decode()
    assert "電腦教室一" in page and "Computer Lab 1" not in page
    room.name_en = ""
    room.save(update_fields=["name_en"])
    with translation.override("en"):
        assert room.local_name == "電腦教室一"
