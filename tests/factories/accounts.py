"""People and organisations: users, organisations, memberships (roles), the authenticator."""

from __future__ import annotations

import factory

from aicert.accounts.models import Membership, Organisation, User
from aicert.accounts.roles import OrganisationKind, Role


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


class FoundationFactory(OrganisationFactory):
    """The foundation that runs the program (one a test: its slug is fixed)."""

    kind = OrganisationKind.FOUNDATION
    slug = "foundation"


def grant(user: User, organisation: Organisation, role: Role) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def person(name: str, role: Role | None = None, organisation: Organisation | None = None) -> User:
    """A user called ``name`` (``name@example.org``), holding ``role`` in ``organisation``."""
    user = UserFactory(email=f"{name}@example.org", display_name=name)
    if role:
        assert organisation is not None, f"{name}: a role needs its organisation"
        grant(user, organisation, role)
    return user


def enrol_totp(user: User) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
