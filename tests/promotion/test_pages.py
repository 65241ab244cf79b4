"""The public regional and county pages: what they show, and a bounded query count."""

from __future__ import annotations

from django.urls import reverse

from aicert.centers.models import County
from tests.factories.centers import RoomFactory, VenueFactory
from tests.factories.scheduling import SessionFactory
from tests.queries import assert_queries_do_not_grow, matches


def test_region_page_shows_center_venues_sessions(world, make_event, client):
    session = SessionFactory(room=RoomFactory(venue=world.venue))
    event = make_event()
    page = client.get(reverse("promotion:region", args=["south"])).content.decode()
    assert f'data-session="{session.pk}"' in page
    assert f'data-venue="{world.venue.pk}"' in page
    assert f'data-event="{event.pk}"' in page
    assert "google.com/maps" in page
    assert "測試大學" in page  # the host institution


def test_county_page_narrows(world, client):
    chiayi = County.objects.get(code="chiayi-city")
    other = VenueFactory(center=world.south_center, county=chiayi)
    page = client.get(reverse("promotion:county", args=["south", "tainan-city"])).content.decode()
    assert f'data-venue="{world.venue.pk}"' in page
    assert f'data-venue="{other.pk}"' not in page
    assert client.get(reverse("promotion:county", args=["north", "tainan-city"])).status_code == 404
    assert client.get(reverse("promotion:region", args=["nowhere"])).status_code == 404


def test_region_page_queries_do_not_grow(world, make_event, client):
    def add(start, stop):
        for _n in range(start, stop):
            venue = VenueFactory(center=world.south_center, county=world.tainan)
            SessionFactory(room=RoomFactory(venue=venue))
            make_event()

    assert_queries_do_not_grow(
        client,
        reverse("promotion:region", args=["south"]),
        add,
        rows_shown=matches(r'data-session="'),
    )
