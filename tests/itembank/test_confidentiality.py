"""Item content stays with the foundation's item roles: a candidate (registered, checked in,
even authorised for the form, before it starts), an employer and a center manager never read it,
by any URL of the site or its API, the Django admin included.

Every URL pattern the project serves is opened as each of them, with its path parameters set to
the ids of the item, its version, its image, the form and the attempt; no page may carry the
item's wording, options or rationales.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from aicert.accounts.roles import OrganisationKind, Role
from aicert.delivery import services as delivery
from aicert.itembank import assets
from tests.delivery import conftest as delivery_world
from tests.delivery.conftest import checked_in, publish_form
from tests.factories import ItemVersionFactory, OrganisationFactory, UserFactory, enrol_totp, grant
from tests.itembank.test_assets import image_bytes

dworld = delivery_world.dworld
make_item = delivery_world.make_item

pytestmark = pytest.mark.django_db

SECRET_STEM = "SECRETSTEM-7d1f 之題幹"
SECRET_OPTION = "SECRETOPTION-93ac"
SECRET_RATIONALE = "SECRETRATIONALE-5be2"
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
# Never opened: they end the session being tested (the sign-out confirms on GET anyway).
_SKIP = re.compile(r"logout")


def _patterns(patterns=None, prefix: str = ""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _paths(ids: list[int]) -> list[str]:
    """Each route with every parameter set to each id in turn (regex routes of the admin too)."""
    paths = set()
    for route in _patterns():
        if _SKIP.search(route):
            continue
        if route.startswith("^") or "(?P<" in route:  # a regular-expression route
            route = re.sub(r"\(\?P<\w+>[^)]*\)", "<x>", route).lstrip("^").rstrip("$")
            route = route.replace("\\", "")
        for value in ids:
            paths.add("/" + _PARAM.sub(str(value), route))
    return sorted(paths)


@pytest.fixture
def secret_world(dworld, make_item):
    first = make_item()
    asset = assets.asset_store(
        item=first.item, name="fig.png", data=image_bytes(), uploaded_by=dworld.writer
    )
    content = {
        "stem": f"{SECRET_STEM} ![圖]({asset.reference})",
        "options": [
            {"text": f"{SECRET_OPTION} {i}", "rationale": SECRET_RATIONALE, "correct": i == 0}
            for i in range(4)
        ],
    }
    version = ItemVersionFactory(item=first.item, number=2, content_zh=content, content_en=content)
    form = publish_form(dworld, [version, make_item(), make_item(), make_item(), make_item()])
    delivery.session_form_attach(actor=dworld.admin, session=dworld.session, form=form)
    # The candidate is checked in and authorised, but the exam has not started.
    attempt = delivery.attempt_authorize(
        actor=dworld.invigilator, registration=checked_in(dworld, dworld.candidate), form=form
    )
    employer = UserFactory(email="recruiter@example.org")
    grant(employer, OrganisationFactory(kind=OrganisationKind.EMPLOYER), Role.EMPLOYER)
    manager = UserFactory(email="manager@example.org")
    grant(manager, dworld.center.organisation, Role.CENTER_MANAGER)
    for staff in (employer, manager):
        enrol_totp(staff)  # so the second-factor gate lets them reach the pages at all
    ids = sorted(
        {
            first.item.pk,
            version.pk,
            asset.pk,
            form.pk,
            attempt.pk,
            form.items.get(item_version=version).pk,
        }
    )
    return {"ids": ids, "people": {"candidate": dworld.candidate, "employer": employer,
                                   "center manager": manager}}  # fmt: skip


def test_no_url_shows_item_content_to_candidate_employer_or_center_manager(client, secret_world):
    paths = _paths(secret_world["ids"])
    assert any(p.startswith("/items/") for p in paths) and any(
        p.startswith("/admin/") for p in paths
    )
    assert any(p.startswith("/api/delivery/") for p in paths)
    leaks = []
    opened = 0
    for who, user in secret_world["people"].items():
        client.force_login(user)
        for path in paths:
            response = client.get(path)
            if response.status_code != 200 or response.streaming:
                continue
            opened += 1
            body = response.content.decode("utf-8", errors="replace")
            for secret in (SECRET_STEM, SECRET_OPTION, SECRET_RATIONALE):
                if secret in body:
                    leaks.append((who, path, secret))
    assert opened > 50  # the sweep really reached pages (dashboards, calendars, admin index…)
    assert leaks == []


def test_the_sweep_would_see_a_leak(client, secret_world, dworld):
    """The same sweep, as the item's author, does find the wording: the check can fail."""
    client.force_login(dworld.writer)
    enrol_totp(dworld.writer)
    seen = [
        path
        for path in _paths(secret_world["ids"])
        if path.startswith("/items/")
        and (response := client.get(path)).status_code == 200
        and not response.streaming
        and SECRET_STEM in response.content.decode("utf-8", errors="replace")
    ]
    assert seen
