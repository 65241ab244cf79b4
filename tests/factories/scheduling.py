"""Sessions and the invigilators rostered for them."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from aicert.accounts.models import User
from aicert.scheduling.models import AssignmentStatus, InvigilatorAssignment, Session, SessionStatus
from tests.factories.catalog import SubjectFactory
from tests.factories.centers import InvigilatorFactory, RoomFactory


class SessionFactory(factory.django.DjangoModelFactory):
    """A published session; registration opens 30 days and closes 7 days before it starts, and
    admission tickets come out 3 days before."""

    class Meta:
        model = Session

    subject = factory.SubFactory(SubjectFactory)
    room = factory.SubFactory(RoomFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    duration_minutes = factory.LazyAttribute(lambda o: o.subject.duration_minutes)
    capacity = 10
    registration_opens_at = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=30))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=7))
    ticket_release_on = factory.LazyAttribute(lambda o: (o.starts_at - dt.timedelta(days=3)).date())
    status = SessionStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=SessionStatus.DRAFT)


class InvigilatorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvigilatorAssignment

    session = factory.SubFactory(SessionFactory)
    invigilator = factory.SubFactory(
        InvigilatorFactory, center=factory.SelfAttribute("..session.room.venue.center")
    )
    status = AssignmentStatus.PUBLISHED


def roster(user: User, session: Session, status: str = "published") -> InvigilatorAssignment:
    """Give ``user`` a place on ``session``'s roster (in the pool of the session's center):
    invigilators act only in the sessions they are rostered for."""
    return InvigilatorAssignmentFactory(
        session=session,
        invigilator=InvigilatorFactory(center=session.room.venue.center, user=user),
        status=status,
    )
