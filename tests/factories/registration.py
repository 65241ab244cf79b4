"""Registrations, one trait a status (``RegistrationFactory(checked_in=True)``)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from aicert.registration.models import Registration, RegistrationStatus
from tests.factories.accounts import UserFactory
from tests.factories.scheduling import SessionFactory

RS = RegistrationStatus


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place in a session (written directly: the registration services and their
    rules are tested on their own)."""

    class Meta:
        model = Registration

    candidate = factory.SubFactory(UserFactory)
    session = factory.SubFactory(SessionFactory)
    subject = factory.SelfAttribute("session.subject")
    status = RS.CONFIRMED

    class Params:
        pending_payment = factory.Trait(status=RS.PENDING_PAYMENT)
        waitlisted = factory.Trait(status=RS.WAITLISTED)
        offered = factory.Trait(
            status=RS.OFFERED,
            offer_expires_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2)),
        )
        checked_in = factory.Trait(status=RS.CHECKED_IN)
        sat = factory.Trait(status=RS.SAT)
        absent = factory.Trait(status=RS.ABSENT)
        cancelled = factory.Trait(status=RS.CANCELLED)
