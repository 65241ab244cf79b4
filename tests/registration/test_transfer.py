"""Transfers move a seat to another session of the same subject, atomically."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aicert.registration.models import Registration
from aicert.registration.services import (
    registration_confirm_payment,
    registration_create,
    registration_transfer,
)

pytestmark = pytest.mark.django_db


def test_transfer_moves_the_seat_and_the_payment(world, make_session, make_candidate):
    source = make_session(capacity=1, fee=1000)
    target = make_session(room=world.north_room, days=45, fee=1000)
    registration = registration_create(candidate=make_candidate(), session=source)
    registration_confirm_payment(actor=world.admin, registration=registration, amount=1000)
    waiting = registration_create(candidate=make_candidate(), session=source, join_waitlist=True)

    new = registration_transfer(
        actor=registration.candidate, registration=registration, target_session=target
    )
    registration.refresh_from_db()
    assert registration.status == "transferred" and registration.transferred_to == new
    assert new.session == target and new.status == "confirmed" and new.amount_paid == 1000
    waiting.refresh_from_db()
    assert waiting.status == "offered"  # the freed seat went to the waiting list


def test_transfer_to_a_dearer_session_awaits_the_difference(world, make_session, make_candidate):
    registration = registration_create(candidate=make_candidate(), session=make_session(fee=0))
    target = make_session(room=world.north_room, days=45, fee=500)
    new = registration_transfer(
        actor=registration.candidate, registration=registration, target_session=target
    )
    assert new.status == "pending_payment"


def test_transfer_refuses_other_subject_and_full_target(
    world, make_session, make_candidate, english
):
    registration = registration_create(candidate=make_candidate(), session=make_session())
    other_subject = make_session(subject=world.genai, room=world.north_room, days=45)
    with pytest.raises(ValidationError) as error:
        registration_transfer(
            actor=registration.candidate, registration=registration, target_session=other_subject
        )
    assert "same subject" in error.value.messages[0]
    full = make_session(room=world.north_room, days=50, capacity=1)
    registration_create(candidate=make_candidate(), session=full)
    with pytest.raises(ValidationError) as error:
        registration_transfer(
            actor=registration.candidate, registration=registration, target_session=full
        )
    assert "full" in error.value.messages[0]
    registration.refresh_from_db()
    assert registration.status == "pending_payment"  # nothing changed
    assert Registration.objects.filter(candidate=registration.candidate).count() == 1


def test_nobody_else_transfers_my_registration(world, make_session, make_candidate):
    from django.core.exceptions import PermissionDenied

    registration = registration_create(candidate=make_candidate(), session=make_session())
    target = make_session(room=world.north_room, days=45)
    with pytest.raises(PermissionDenied):
        registration_transfer(
            actor=make_candidate(), registration=registration, target_session=target
        )


def test_transfer_page(client, world, make_session, make_candidate):
    registration = registration_create(candidate=make_candidate(), session=make_session())
    target = make_session(room=world.north_room, days=45)
    client.force_login(registration.candidate)
    page = client.get(reverse("registration:transfer", args=[registration.pk]))
    assert page.status_code == 200 and f'value="{target.pk}"' in page.content.decode()
    response = client.post(
        reverse("registration:transfer", args=[registration.pk]), {"target": target.pk}
    )
    assert response.status_code == 302
    assert (
        Registration.objects.get(candidate=registration.candidate, status="pending_payment").session
        == target
    )
