"""The session store's one-query load (issue #14) answers as Django's database backend does:
a live session loads, an expired or unknown one is empty and its key forgotten."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aicert.accounts.sessions import SessionStore
from tests.factories import UserFactory


def test_the_project_uses_the_one_query_store():
    assert settings.SESSION_ENGINE == "aicert.accounts.sessions"


def test_a_live_session_loads_in_one_query(db):
    made = DjangoStore()  # written by Django's own backend: the two are interchangeable
    made["answer"] = 42
    made.create()
    store = SessionStore(session_key=made.session_key)
    with CaptureQueriesContext(connection) as captured:
        assert store["answer"] == 42
    assert len(captured) == 1
    assert store.session_key == made.session_key


def test_an_expired_or_unknown_session_is_empty_and_forgotten(db):
    made = DjangoStore()
    made["answer"] = 42
    made.create()
    Session.objects.filter(session_key=made.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = SessionStore(session_key=made.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore(session_key="x" * 32)
    assert "answer" not in unknown and unknown.session_key is None


def test_a_signed_in_request_is_signed_in_and_an_expired_one_is_not(client, db):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("registration:my_registrations")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("registration:my_registrations"))
    assert response.status_code == 302 and "login" in response["Location"]
