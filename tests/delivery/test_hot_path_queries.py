"""The exam player's hot paths -- a save sent alone, the clock poll -- make a fixed, small number
of round trips (issue #14), and keep their rules: a save is stored only when newer, every stored
save is logged, anyone else's attempt is not found. Counts are of statements that read or write
rows (transaction control aside)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aicert.delivery.models import AttemptEvent, Response
from tests.delivery.test_saves_batch import _items, _put, _url, api, running  # noqa: F401
from tests.queries import shapes, statements

pytestmark = pytest.mark.django_db

# session, user (with whether they hold a staff role), the attempt's row lock, one upsert of the
# answer (new or newer alike) and the save's event: one statement on PostgreSQL (a data-modifying
# WITH), two on SQLite.
SAVE_STATEMENTS = 4 if connection.vendor == "postgresql" else 5
# the same, with a read of the held save instead of the event: an older save is acknowledged.
RESEND_STATEMENTS = 5
# session, user and the attempt's clock fields in one (the shortcut, aicert.delivery.clock_poll).
CLOCK_STATEMENTS = 1


def _save(client, attempt, key, item, answer, seq):
    with CaptureQueriesContext(connection) as captured:
        response = _put(client, attempt, [(item, answer, seq)], key)
    assert response.status_code == 200, response.content
    (result,) = response.json()["results"]
    return result, statements(captured)


def _held(attempt, item):
    return Response.objects.values_list("seq", "answer").get(attempt=attempt, form_item_id=item)


def _events(attempt, item):
    return [
        (e["seq"], e["answer"])
        for e in AttemptEvent.objects.filter(attempt=attempt, kind="save")
        .order_by("pk")
        .values_list("data", flat=True)
        if e["form_item"] == item
    ]


def test_a_first_a_newer_and_an_older_save_each_cost_a_handful(api, running):  # noqa: F811
    attempt, key = running
    items = _items(attempt)
    item = items["short_text"]
    # the process's first save of the form reads its items once (a locked form never changes)
    _save(api, attempt, key, items["true_false"], True, 1)

    first, sql = _save(api, attempt, key, item, "one", 2)
    assert first["stored"] and first["stored_seq"] == 2
    assert len(sql) == SAVE_STATEMENTS, shapes(sql)
    assert not any("accounts_membership" in q and "EXISTS" not in q for q in sql), shapes(sql)

    newer, sql = _save(api, attempt, key, item, "three", 3)
    assert newer["stored"] and len(sql) == SAVE_STATEMENTS, shapes(sql)

    older, sql = _save(api, attempt, key, item, "stale", 1)  # arrives late: acknowledged only
    assert not older["stored"] and older["stored_seq"] == 3
    assert len(sql) == RESEND_STATEMENTS, shapes(sql)

    same, _sql = _save(api, attempt, key, item, "three again", 3)  # a resend of the held one
    assert not same["stored"] and same["stored_seq"] == 3

    assert _held(attempt, item) == (3, "three")
    assert _events(attempt, item) == [(2, "one"), (3, "three")]  # one per stored save


def test_a_refused_answer_stores_nothing(api, running):  # noqa: F811
    attempt, key = running
    item = _items(attempt)["single_choice"]
    result, _sql = _save(api, attempt, key, item, 99, 1)
    assert result["code"] == "invalid_answer"
    assert not Response.objects.filter(attempt=attempt).exists()
    assert not _events(attempt, item)


def test_the_clock_poll_reads_three_rows(api, running):  # noqa: F811
    attempt, key = running
    with CaptureQueriesContext(connection) as captured:
        response = api.get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=key)
    assert response.status_code == 200
    clock = response.json()
    assert clock["id"] == attempt.pk and clock["status"] == "in_progress" and clock["device_ok"]
    assert 0 < clock["seconds_left"] <= attempt.time_allowed_seconds
    sql = statements(captured)
    assert len(sql) == CLOCK_STATEMENTS, shapes(sql)
    other = api.get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE="another computer").json()
    assert other["device_ok"] is False


def test_the_clock_of_anyone_elses_attempt_is_not_found(client, dworld, running):  # noqa: F811
    attempt, key = running
    client.logout()
    assert client.get(_url(attempt, "/clock")).status_code == 401
    client.force_login(dworld.other_candidate)
    assert client.get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=key).status_code == 404
    client.force_login(dworld.invigilator)  # staff act through their console, not the player
    assert client.get(_url(attempt, "/clock")).status_code in (302, 404)


def test_a_save_sent_alone_logs_its_event_with_who_and_when(api, running, dworld):  # noqa: F811
    attempt, key = running
    item = _items(attempt)["short_text"]
    result, _sql = _save(api, attempt, key, item, "mine", 1)
    (event,) = AttemptEvent.objects.filter(attempt=attempt, kind="save")
    assert event.actor_id == dworld.candidate.pk
    assert event.at == Response.objects.get(attempt=attempt, form_item_id=item).saved_at
    assert event.data == {"form_item": item, "seq": 1, "answer": "mine"}
    assert result["saved_at"].startswith(event.at.isoformat()[:19])
