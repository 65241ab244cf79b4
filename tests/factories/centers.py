"""Centers, venues, rooms and the invigilator pool."""

from __future__ import annotations

import factory

from aicert.accounts.roles import OrganisationKind
from aicert.centers.models import Center, County, Invigilator, Region, Room, Venue
from tests.factories.accounts import OrganisationFactory, UserFactory


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Center

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.CENTER)
    region = factory.LazyFunction(lambda: Region.objects.get(code="south"))
    host_institution_zh = "測試大學"
    host_institution_en = "Test University"
    address = "臺南市"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    center = factory.SubFactory(CenterFactory)
    name_zh = factory.Sequence(lambda n: f"考場{n}")
    name_en = factory.Sequence(lambda n: f"Venue {n}")
    county = factory.LazyFunction(lambda: County.objects.get(code="tainan-city"))
    address_zh = "臺南市永康區"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"R{n}")
    seat_rows = 4
    seat_columns = 5
    seat_count = 20


class InvigilatorFactory(factory.django.DjangoModelFactory):
    """A member of a center's invigilator pool."""

    class Meta:
        model = Invigilator
        django_get_or_create = ("center", "user")

    center = factory.SubFactory(CenterFactory)
    user = factory.SubFactory(UserFactory)
