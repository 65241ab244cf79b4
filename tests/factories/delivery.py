"""Forms and their items, attempts and responses.

:func:`form_of` builds a form from item versions in order; :func:`form_publish` takes it through
the real lock and publish services, as an assembled form would go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import factory

from aicert.accounts.models import User
from aicert.delivery.models import (
    Attempt,
    AttemptStatus,
    Form,
    FormItem,
    FormStatus,
    Response,
    ScoreStatus,
)
from aicert.itembank.models import ItemVersion
from tests.factories.accounts import UserFactory
from tests.factories.catalog import SubjectFactory
from tests.factories.itembank import ItemVersionFactory
from tests.factories.registration import RegistrationFactory

BATCH = "00000000-0000-0000-0000-000000000001"


class FormFactory(factory.django.DjangoModelFactory):
    """A draft form, coded ``<subject>-<nnn>`` in the order forms are made."""

    class Meta:
        model = Form

    subject = factory.SubFactory(SubjectFactory)
    code = factory.LazyAttribute(lambda o: f"{o.subject.code}-{Form.objects.count() + 1:03d}")
    assembly_batch = BATCH
    created_by = factory.SubFactory(UserFactory)


class FormItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormItem

    form = factory.SubFactory(FormFactory)
    item_version = factory.SubFactory(
        ItemVersionFactory, item__subject=factory.SelfAttribute("...form.subject")
    )
    position = factory.Sequence(lambda n: n + 1)
    points = Decimal(1)


def form_of(versions: Sequence[ItemVersion], points: Sequence | None = None, **fields) -> Form:
    """A draft form with ``versions`` at positions 1, 2, … worth ``points`` (1 each by default)."""
    form = FormFactory(**fields)
    for position, version in enumerate(versions, start=1):
        FormItemFactory(
            form=form,
            item_version=version,
            position=position,
            points=Decimal(points[position - 1]) if points else Decimal(1),
        )
    return form


def form_publish(form: Form, *, actor: User, now: dt.datetime | None = None) -> Form:
    """Lock and publish ``form`` through the delivery services; the published form."""
    from aicert.delivery import services

    kwargs = {} if now is None else {"now": now}
    services.form_lock(actor=actor, form=form, **kwargs)
    services.form_publish(actor=actor, form=form, **kwargs)
    form.refresh_from_db()
    assert form.status == FormStatus.PUBLISHED
    return form


class AttemptFactory(factory.django.DjangoModelFactory):
    """A candidate's attempt at a form of the registration's subject, not yet started."""

    class Meta:
        model = Attempt

    registration = factory.SubFactory(RegistrationFactory, sat=True)
    candidate = factory.SelfAttribute("registration.candidate")
    form = factory.SubFactory(FormFactory, subject=factory.SelfAttribute("..registration.subject"))
    seed = "seed"
    status = AttemptStatus.READY
    time_allowed_seconds = 3600

    class Params:
        # Handed in 50 minutes into an hour that began when the session did.
        submitted = factory.Trait(
            status=AttemptStatus.SUBMITTED,
            started_at=factory.LazyAttribute(lambda o: o.registration.session.starts_at),
            deadline_at=factory.LazyAttribute(lambda o: o.started_at + dt.timedelta(hours=1)),
            submitted_at=factory.LazyAttribute(lambda o: o.started_at + dt.timedelta(minutes=50)),
        )


class ResponseFactory(factory.django.DjangoModelFactory):
    """A scored answer saved five minutes into the attempt."""

    class Meta:
        model = Response

    attempt = factory.SubFactory(AttemptFactory, submitted=True)
    form_item = factory.SubFactory(FormItemFactory, form=factory.SelfAttribute("..attempt.form"))
    answer = 0
    seq = 1
    saved_at = factory.LazyAttribute(lambda o: o.attempt.started_at + dt.timedelta(minutes=5))
    points = Decimal(1)
    score_status = ScoreStatus.SCORED
