"""A candidate sees an item image only during an in-progress attempt whose form uses it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from aicert.delivery import services as delivery
from aicert.itembank import assets
from tests.delivery import conftest as delivery_world
from tests.delivery.conftest import T0, checked_in, choice, publish_form
from tests.factories import ItemVersionFactory, enrol_totp
from tests.itembank.test_assets import image_bytes

# The delivery world's fixtures (a published form needs its subject, session and people).
dworld = delivery_world.dworld
make_item = delivery_world.make_item


def _version_with_image(dworld, make_item, *, referenced=True):
    first = make_item()
    asset = assets.asset_store(
        item=first.item, name="a.png", data=image_bytes(), uploaded_by=dworld.writer
    )
    stem = f"看圖回答 ![圖]({asset.reference})" if referenced else "沒有圖"
    version = ItemVersionFactory(item=first.item, number=2, content_zh=choice(stem))
    return asset, version


def _attempt(dworld, form, candidate):
    registration = checked_in(dworld, candidate)
    return delivery.attempt_authorize(
        actor=dworld.invigilator,
        registration=registration,
        form=form,
        now=T0 - dt.timedelta(minutes=5),
    )


def test_candidate_sees_the_image_only_while_sitting_a_form_that_uses_it(dworld, make_item, client):
    asset, version = _version_with_image(dworld, make_item)
    form = publish_form(dworld, [version, make_item(), make_item(), make_item(), make_item()])
    url = reverse("itembank:asset", args=[asset.pk])
    client.force_login(dworld.candidate)
    assert client.get(url).status_code == 404  # no attempt
    attempt = _attempt(dworld, form, dworld.candidate)
    assert client.get(url).status_code == 404  # authorised, not started
    delivery.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == image_bytes()
    assert "private" in response["Cache-Control"]
    # Paused, the player hides all content, so the image is held back too; resumed, it opens.
    delivery.attempt_pause(
        actor=dworld.invigilator,
        attempt=attempt,
        reason="fire alarm",
        now=T0 + dt.timedelta(minutes=1),
    )
    assert client.get(url).status_code == 404
    delivery.attempt_resume(
        actor=dworld.invigilator, attempt=attempt, now=T0 + dt.timedelta(minutes=2)
    )
    assert client.get(url).status_code == 200
    # Another candidate, not sitting, and the center's invigilator are kept out.
    client.force_login(dworld.other_candidate)
    assert client.get(url).status_code == 404
    enrol_totp(dworld.invigilator)  # staff need an authenticator to get anywhere
    client.force_login(dworld.invigilator)
    assert client.get(url).status_code == 404
    # Once submitted, the candidate no longer sees it.
    delivery.attempt_submit(
        actor=dworld.candidate, attempt=attempt, now=T0 + dt.timedelta(minutes=9)
    )
    client.force_login(dworld.candidate)
    assert client.get(url).status_code == 404


def test_a_form_version_that_does_not_use_the_image_does_not_open_it(dworld, make_item, client):
    asset, version = _version_with_image(dworld, make_item, referenced=False)
    form = publish_form(dworld, [version, make_item(), make_item(), make_item(), make_item()])
    attempt = _attempt(dworld, form, dworld.candidate)
    delivery.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)
    client.force_login(dworld.candidate)
    assert client.get(reverse("itembank:asset", args=[asset.pk])).status_code == 404
