"""factory_boy factories for tests."""

import factory

from aicert.accounts.models import Membership, Organisation, User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.centers.models import Center, County, Region, Room, Venue


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("pass-word-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.CENTER
    slug = factory.Sequence(lambda n: f"org-{n}")
    name_zh = factory.Sequence(lambda n: f"機構{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")


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


def grant(user: User, organisation: Organisation, role: Role) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def enrol_totp(user: User) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
