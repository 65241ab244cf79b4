"""The clock poll's shortcut (``aicert.delivery.clock_poll``): one statement for the plain case,
the same answer as the endpoint behind it, and every other case answered by that endpoint."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone

from aicert.accounts.models import Membership
from aicert.accounts.roles import Role
from aicert.delivery import clock_poll
from aicert.shared.metrics import REQUEST_SECONDS
from tests.delivery.test_saves_batch import _url, api, running  # noqa: F401
from tests.queries import shapes, statements

pytestmark = pytest.mark.django_db

SHORTCUT = "aicert.delivery.clock_poll.ClockPollMiddleware"
WITHOUT_SHORTCUT = [m for m in settings.MIDDLEWARE if m != SHORTCUT]
# Headers that differ between any two responses.
_PER_RESPONSE = {"Date", "X-Request-ID", "Content-Length"}


def _poll(client, attempt, key="", **extra):
    return client.get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=key, **extra)


def _normal_client(client) -> Client:
    """A browser with the same cookies whose requests take the whole stack."""
    other = Client()
    other.cookies = client.cookies
    return other


def _both(client, attempt, key="", **extra):
    """(shortcut's response, normal endpoint's response) for the same request."""
    shortcut = _poll(client, attempt, key, **extra)
    with override_settings(MIDDLEWARE=WITHOUT_SHORTCUT):
        normal = _poll(_normal_client(client), attempt, key, **extra)
    return shortcut, normal


def _headers(response) -> dict:
    return {k: v for k, v in response.headers.items() if k not in _PER_RESPONSE}


def test_the_shortcut_answers_in_one_statement(api, running):  # noqa: F811
    attempt, key = running
    with CaptureQueriesContext(connection) as captured:
        response = _poll(api, attempt, key)
    assert response.status_code == 200
    sql = statements(captured)
    assert len(sql) == 1, shapes(sql)
    clock = response.json()
    assert clock["id"] == attempt.pk and clock["status"] == "in_progress" and clock["device_ok"]
    assert 0 < clock["seconds_left"] <= attempt.time_allowed_seconds
    assert _poll(api, attempt, "another computer").json()["device_ok"] is False


@pytest.mark.parametrize("language", [None, "en", "zh-hant", "klingon"])
def test_the_shortcut_answers_as_the_endpoint_does(api, running, language):  # noqa: F811
    attempt, key = running
    if language:
        api.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    shortcut, normal = _both(api, attempt, key)
    assert shortcut.status_code == normal.status_code == 200
    ours, theirs = shortcut.json(), normal.json()
    assert set(ours) == set(theirs)
    for same in ("id", "status", "deadline", "device_ok"):
        assert ours[same] == theirs[same]
    assert abs(ours["seconds_left"] - theirs["seconds_left"]) <= 1
    # the same format of time (ninja's encoder), a moment apart
    assert len(ours["server_time"]) == len(theirs["server_time"])
    assert _headers(shortcut) == _headers(normal)
    # (a kept-alive connection needs it to find the end of the answer)
    assert int(shortcut["Content-Length"]) == len(shortcut.content)
    assert "Content-Length" in normal


def test_a_paused_attempt_and_a_wrong_device_answer_alike(api, running, dworld):  # noqa: F811
    from aicert.delivery import services

    attempt, key = running
    services.attempt_pause(actor=dworld.invigilator, attempt=attempt, reason="fire drill")
    shortcut, normal = _both(api, attempt, "not this computer")
    assert shortcut.status_code == normal.status_code == 200
    ours, theirs = shortcut.json(), normal.json()
    assert ours["status"] == theirs["status"] == "paused"
    assert ours["seconds_left"] == theirs["seconds_left"]
    assert ours["device_ok"] is theirs["device_ok"] is False


def _session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _falls_through(client, attempt, key="", status=None):
    """Not the plain case: the shortcut declines, and the endpoint answers as without it."""
    request = _request(client, attempt, key)
    assert clock_poll.clock_poll_response(request) is None
    shortcut, normal = _both(client, attempt, key)
    assert shortcut.status_code == normal.status_code
    if status is not None:
        assert shortcut.status_code == status
    return shortcut


def _request(client, attempt, key):
    from django.test import RequestFactory

    request = RequestFactory().get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=key)
    request.COOKIES = {k: m.value for k, m in client.cookies.items()}
    return request


def test_a_revoked_session_falls_through(api, running):  # noqa: F811
    attempt, key = running
    _session(api).delete()
    _falls_through(api, attempt, key, status=401)


def test_a_cookie_replayed_after_signing_out_falls_through(api, running):  # noqa: F811
    attempt, key = running
    stolen = api.cookies[settings.SESSION_COOKIE_NAME].value
    api.logout()
    api.cookies[settings.SESSION_COOKIE_NAME] = stolen
    _falls_through(api, attempt, key, status=401)


def test_an_expired_session_falls_through(api, running):  # noqa: F811
    attempt, key = running
    Session.objects.filter(pk=_session(api).pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    _falls_through(api, attempt, key, status=401)


def test_a_changed_password_signs_the_session_out(api, running, dworld):  # noqa: F811
    attempt, key = running
    dworld.candidate.set_password("a-new-long-passphrase-2026")
    dworld.candidate.save(update_fields=["password"])
    _falls_through(api, attempt, key, status=401)


def test_an_inactive_account_falls_through(api, running, dworld):  # noqa: F811
    attempt, key = running
    type(dworld.candidate).objects.filter(pk=dworld.candidate.pk).update(is_active=False)
    _falls_through(api, attempt, key, status=401)


def test_tampered_session_data_falls_through(api, running, dworld):  # noqa: F811
    attempt, key = running
    session = _session(api)
    # A session naming the user, without the server's signature.
    Session.objects.filter(pk=session.pk).update(
        session_data=session.session_data[:-4]
        + ("AAAA" if session.session_data[-4:] != "AAAA" else "BBBB")
    )
    _falls_through(api, attempt, key, status=401)


def test_anyone_elses_attempt_is_not_found(api, running, dworld):  # noqa: F811
    attempt, key = running
    api.force_login(dworld.other_candidate)
    _falls_through(api, attempt, key, status=404)
    api.logout()
    _falls_through(api, attempt, key, status=401)
    missing = type(attempt)(pk=attempt.pk + 10_000)
    api.force_login(dworld.candidate)
    _falls_through(api, missing, key, status=404)


def test_staff_take_the_whole_stack(api, running, dworld):  # noqa: F811
    attempt, key = running
    # A candidate who also holds a staff role must enrol a second factor first.
    Membership.objects.create(
        user=dworld.candidate,
        organisation=dworld.invigilator.memberships.first().organisation,
        role=Role.INVIGILATOR,
    )
    response = _falls_through(api, attempt, key)
    assert response.status_code == 302 and "totp" in response["Location"]


def test_other_methods_and_paths_are_not_taken(api, running):  # noqa: F811
    attempt, key = running
    assert api.post(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=key).status_code == 405
    assert api.get(_url(attempt, "/clock/"), HTTP_X_EXAM_DEVICE=key).status_code == 404


def _observed(route: str) -> float:
    return sum(
        sample.value
        for metric in REQUEST_SECONDS.collect()
        for sample in metric.samples
        if sample.name.endswith("_count") and sample.labels.get("route") == route
    )


def test_the_metrics_name_the_endpoints_route(api, running):  # noqa: F811
    attempt, key = running
    assert clock_poll.ROUTE == resolve(_url(attempt, "/clock")).route
    before = _observed(clock_poll.ROUTE)
    _shortcut, normal = _both(api, attempt, key)
    assert normal.status_code == 200
    # one from each path, under one name
    assert _observed(clock_poll.ROUTE) == before + 2
