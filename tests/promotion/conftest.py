from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from aicert.accounts.roles import OrganisationKind, Role
from aicert.centers.models import County, Region
from aicert.promotion import services
from tests.factories import person
from tests.factories.accounts import FoundationFactory, OrganisationFactory
from tests.factories.centers import CenterFactory, VenueFactory


@pytest.fixture
def world(db):
    """The southern center (Tainan) and the northern one, a manager each, the foundation."""
    foundation = FoundationFactory()
    south_org = OrganisationFactory(kind=OrganisationKind.CENTER, name_zh="南區中心")
    north_org = OrganisationFactory(kind=OrganisationKind.CENTER, name_zh="北區中心")
    south = Region.objects.get(code="south")
    north = Region.objects.get(code="north")
    south_center = CenterFactory(organisation=south_org, region=south)
    north_center = CenterFactory(organisation=north_org, region=north)
    tainan = County.objects.get(code="tainan-city")
    venue = VenueFactory(center=south_center, county=tainan, wheelchair_access=True)
    return SimpleNamespace(
        foundation=foundation,
        south=south,
        north=north,
        tainan=tainan,
        south_center=south_center,
        north_center=north_center,
        venue=venue,
        admin=person("admin", Role.FOUNDATION_ADMIN, foundation),
        manager_south=person("manager.south", Role.CENTER_MANAGER, south_org),
        manager_north=person("manager.north", Role.CENTER_MANAGER, north_org),
    )


@pytest.fixture
def make_event(world):
    def make(capacity=2, **fields):
        start = timezone.now() + dt.timedelta(days=10)
        data = {
            "actor": world.manager_south,
            "region": world.south,
            "county": world.tainan,
            "kind": "info_session",
            "title_zh": "考試說明會",
            "title_en": "Exam information session",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=2),
            "place": "臺南大學 演講廳",
            "capacity": capacity,
        }
        data.update(fields)
        return services.event_create(**data)

    return make
