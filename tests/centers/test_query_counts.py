"""A center manager's page of venues, rooms and pool makes the same number of queries for few
rooms as for many."""

from django.urls import reverse

from aicert.accounts.roles import Role
from tests.factories import CenterFactory, InvigilatorFactory, RoomFactory, VenueFactory, person
from tests.queries import assert_queries_do_not_grow, matches


def test_center_manage_queries_do_not_grow_with_rooms(db, staff_login):
    center = CenterFactory()
    manager = person("manager", Role.CENTER_MANAGER, center.organisation)
    venues = [VenueFactory(center=center), VenueFactory(center=center)]

    # Given rooms in the center's two venues, and a pool member for each room,
    def build(start, stop):
        for n in range(start, stop):
            RoomFactory(venue=venues[n % 2], accessible=bool(n % 2))
            InvigilatorFactory(center=center)

    # when the manager opens the center's page, then the count does not grow with the rows.
    assert_queries_do_not_grow(
        staff_login(manager),
        reverse("centers:center_manage"),
        build,
        rows_shown=matches(r'/centers/rooms/\d+/edit/"'),
    )
