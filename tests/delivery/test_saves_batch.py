"""Batches of saves: the exam player sends every save waiting in its queue in one request.

A batch is its saves sent one after another under one lock of the attempt: the same rules per
save (idempotent by ``seq``, the grace window, resends acknowledged after the time is over), a
refusal of one save leaves the others alone, a refusal of the attempt refuses the whole batch.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aicert.delivery import services
from aicert.delivery.models import AttemptEvent, AttemptStatus, Response
from aicert.delivery.services import SaveIn, SaveReceipt, SaveRefusal
from tests.delivery.conftest import T0, now_plus

pytestmark = pytest.mark.django_db

# A valid answer for each item type of the mixed form (tests/delivery/conftest.py).
ANSWERS = {
    "single_choice": 2,
    "multiple_response": [0],
    "true_false": False,
    "numeric": "0.505",
    "short_text": "ｌｌｍ",
    "ordering": [0, 2, 1],
    "matching": [[0, 1], [1, 0]],
    "constructed_response": "權衡…",
}


def _items(attempt):
    return {
        fi.item_version.item_type: fi.pk for fi in attempt.form.items.select_related("item_version")
    }


def _batch(attempt, saves, at, actor=None, device_key=None):
    return services.responses_save(
        actor=actor or attempt.candidate,
        attempt=attempt,
        saves=[SaveIn(*s) for s in saves],
        device_key=device_key,
        now=at,
    )


def _held(attempt):
    return {r.form_item_id: (r.seq, r.answer) for r in Response.objects.filter(attempt=attempt)}


def _save_events(attempt):
    return [
        (e["form_item"], e["seq"], e["answer"])
        for e in AttemptEvent.objects.filter(attempt=attempt, kind="save")
        .order_by("pk")
        .values_list("data", flat=True)
    ]


# --- services ------------------------------------------------------------------------------------


def test_a_batch_is_its_saves_in_order_even_out_of_order(dworld, started):
    items = _items(started)
    a, b = items["single_choice"], items["short_text"]
    at = now_plus(minutes=1)
    results = _batch(started, [(a, 1, 5), (a, 3, 3), (b, "x", 4), (b, "y", 6)], at)
    assert results == [
        SaveReceipt(a, 5, 5, at, stored=True),
        SaveReceipt(a, 3, 5, at, stored=False),  # older than the one just stored: acknowledged
        SaveReceipt(b, 4, 4, at, stored=True),
        SaveReceipt(b, 6, 6, at, stored=True),  # newer than the one just stored: stored
    ]
    assert _held(started) == {a: (5, 1), b: (6, "y")}
    # one event per stored save, in the batch's order
    assert _save_events(started) == [(a, 5, 1), (b, 4, "x"), (b, 6, "y")]


def test_batches_across_requests_keep_the_newest(dworld, started):
    items = _items(started)
    a, c = items["single_choice"], items["true_false"]
    first = now_plus(minutes=1)
    assert _batch(started, [(a, 2, 7)], first)[0].stored
    later = now_plus(minutes=2)
    results = _batch(started, [(a, 0, 6), (c, True, 2)], later)
    assert results == [
        SaveReceipt(a, 6, 7, first, stored=False),  # arrived late: acknowledged, not stored
        SaveReceipt(c, 2, 2, later, stored=True),
    ]
    # the whole first batch again (a retry after a lost answer): acknowledged, nothing changes
    again = _batch(started, [(a, 2, 7), (c, True, 2)], now_plus(minutes=3))
    assert [r.stored for r in again] == [False, False]
    assert [r.saved_at for r in again] == [first, later]
    assert _held(started) == {a: (7, 2), c: (2, True)}
    assert len(_save_events(started)) == 2


def test_a_refused_save_leaves_the_rest_of_the_batch_alone(dworld, started, english):
    items = _items(started)
    at = now_plus(minutes=1)
    results = _batch(
        started,
        [
            (items["single_choice"], 7, 1),  # no option 7
            (999999, 1, 2),  # not on this exam
            (items["true_false"], True, 3),
            (items["numeric"], "0.5", 0),  # not a save number
            (items["ordering"], [0, 2, 1], 4),
        ],
        at,
    )
    assert [type(r) for r in results] == [
        SaveRefusal,
        SaveRefusal,
        SaveReceipt,
        SaveRefusal,
        SaveReceipt,
    ]
    assert [r.code for r in results if isinstance(r, SaveRefusal)] == [
        "invalid_answer",
        "unknown_item",
        "seq",
    ]
    assert "option number" in results[0].detail and "not on the exam" in results[1].detail
    assert (results[0].form_item, results[0].seq) == (items["single_choice"], 1)
    assert _held(started) == {items["true_false"]: (3, True), items["ordering"]: (4, [0, 2, 1])}
    assert len(_save_events(started)) == 2


def test_an_answer_is_checked_only_when_it_would_be_stored(dworld, started, english):
    """As a save sent alone: a resend the server already holds (or has newer than) is
    acknowledged whatever its answer; a newer one that does not fit is refused."""
    item = _items(started)["single_choice"]
    at = now_plus(minutes=1)
    assert _batch(started, [(item, 2, 5)], at)[0].stored
    old, new = _batch(started, [(item, 9, 3), (item, 9, 6)], now_plus(minutes=2))
    assert old == SaveReceipt(item, 3, 5, at, stored=False)
    assert isinstance(new, SaveRefusal) and new.code == "invalid_answer"
    receipt = services.response_save(
        actor=dworld.candidate, attempt=started, form_item_id=item, answer=9, seq=4, now=at
    )
    assert not receipt.stored and receipt.stored_seq == 5
    assert _held(started) == {item: (5, 2)}


def test_every_item_type_in_one_batch(dworld, started):
    items = _items(started)
    saves = [(items[t], answer, n) for n, (t, answer) in enumerate(ANSWERS.items(), start=1)]
    assert all(r.stored for r in _batch(started, saves, now_plus(minutes=1)))
    assert _held(started) == {fi: (seq, answer) for fi, answer, seq in saves}


def test_a_batch_from_the_computer_it_was_moved_from_is_refused_whole(dworld, started, english):
    items = _items(started)
    key = services.attempt_claim_device(actor=dworld.candidate, attempt=started, now=T0).device_key
    saves = [(items["true_false"], True, 1), (items["short_text"], "a", 2)]
    for wrong in (None, "not-the-key"):
        with pytest.raises(ValidationError, match="moved to another computer") as info:
            _batch(started, saves, now_plus(minutes=1), device_key=wrong)
        assert info.value.code == "device_moved"
    assert not _held(started)
    assert all(r.stored for r in _batch(started, saves, now_plus(minutes=1), device_key=key))


def test_paused_refuses_new_saves_whole_and_acknowledges_resends(dworld, started, english):
    items = _items(started)
    a, b = items["true_false"], items["short_text"]
    attempt = services.attempt_pause(
        actor=dworld.invigilator, attempt=started, now=now_plus(minutes=5)
    )
    # in flight when the pause began: still lands
    in_flight = _batch(attempt, [(a, True, 1)], now_plus(minutes=5, seconds=10))
    assert in_flight[0].stored
    with pytest.raises(ValidationError, match="paused") as info:
        _batch(attempt, [(a, True, 1), (b, "new", 2)], now_plus(minutes=6))
    assert info.value.code == "paused"
    assert _held(attempt) == {a: (1, True)}  # nothing of the refused batch
    # a batch of resends only is acknowledged: the server holds them
    resend = _batch(attempt, [(a, True, 1)], now_plus(minutes=6))
    assert resend == [SaveReceipt(a, 1, 1, now_plus(minutes=5, seconds=10), stored=False)]
    attempt = services.attempt_resume(
        actor=dworld.invigilator, attempt=attempt, now=now_plus(minutes=7)
    )
    assert _batch(attempt, [(a, True, 1), (b, "new", 2)], now_plus(minutes=8))[1].stored


def test_time_over_refuses_new_saves_ends_the_attempt_and_acknowledges_resends(
    dworld, started, english
):
    items = _items(started)
    a, b = items["true_false"], items["numeric"]
    deadline = started.deadline_at
    # in the grace period: stored
    assert _batch(started, [(a, True, 1)], deadline + dt.timedelta(seconds=30))[0].stored
    late = deadline + dt.timedelta(seconds=31)
    with pytest.raises(ValidationError, match="Time is up") as info:
        _batch(started, [(a, True, 1), (b, "1.5", 2)], late)
    assert info.value.code == "time_over"
    # the refused save ended the attempt as the scheduler would: what was stored is scored
    started.refresh_from_db()
    assert started.status == AttemptStatus.AUTO_SUBMITTED and started.submitted_at == late
    # even an answer that does not fit is not looked at once the exam is over
    with pytest.raises(ValidationError) as info:
        _batch(started, [(items["single_choice"], 9, 3)], late)
    assert info.value.code == "attempt_ended"
    # resends are still acknowledged and new saves refused whole
    resend = _batch(started, [(a, True, 1)], deadline + dt.timedelta(minutes=5))
    assert [r.stored for r in resend] == [False]
    with pytest.raises(ValidationError) as info:
        _batch(started, [(a, False, 4)], deadline + dt.timedelta(minutes=7))
    assert info.value.code == "attempt_ended"
    assert _held(started) == {a: (1, True)}
    assert len(_save_events(started)) == 1


def test_before_the_start_a_batch_is_refused(dworld, make_attempt, english):
    attempt = make_attempt()
    with pytest.raises(ValidationError, match="not started") as info:
        _batch(attempt, [(_items(attempt)["true_false"], True, 1)], T0)
    assert info.value.code == "not_started"


def test_batch_size_and_owner(dworld, started, english):
    item = _items(started)["short_text"]
    too_many = [(item, f"v{n}", n) for n in range(1, services.MAX_SAVES_PER_BATCH + 2)]
    for saves in ([], too_many):
        with pytest.raises(ValidationError, match="between 1 and 50") as info:
            _batch(started, saves, now_plus(minutes=1))
        assert info.value.code == "batch_size"
    most = too_many[: services.MAX_SAVES_PER_BATCH]
    assert all(r.stored for r in _batch(started, most, now_plus(minutes=1)))
    with pytest.raises(PermissionDenied):
        _batch(started, [(item, "x", 99)], now_plus(minutes=1), actor=dworld.other_candidate)
    assert _held(started) == {item: (50, "v50")}


def test_a_single_save_is_a_batch_of_one(dworld, started, english):
    """The single save keeps its contract: a refusal of its one save is raised."""
    item = _items(started)["single_choice"]
    with pytest.raises(ValidationError, match="option number") as info:
        services.response_save(
            actor=dworld.candidate, attempt=started, form_item_id=item, answer=9, seq=1, now=T0
        )
    assert info.value.code == "invalid_answer"
    receipt = services.response_save(
        actor=dworld.candidate, attempt=started, form_item_id=item, answer=1, seq=2, now=T0
    )
    assert receipt == SaveReceipt(item, 2, 2, T0, stored=True)


# --- the API ---------------------------------------------------------------------------------------


@pytest.fixture
def api(client, dworld):
    client.force_login(dworld.candidate)
    return client


def _url(attempt, suffix=""):
    return f"/api/delivery/attempts/{attempt.pk}{suffix}"


def _put(client, attempt, saves, key=""):
    body = {"saves": [{"form_item": f, "answer": a, "seq": s} for f, a, s in saves]}
    return client.put(
        _url(attempt, "/responses/batch"),
        body,
        content_type="application/json",
        HTTP_X_EXAM_DEVICE=key,
    )


@pytest.fixture
def running(api, make_attempt):
    """A freshly started attempt (the server's real clock) open on this browser: (attempt, key)."""
    attempt = make_attempt()
    key = api.post(_url(attempt, "/device"), {}, content_type="application/json").json()["key"]
    assert api.post(_url(attempt, "/start"), HTTP_X_EXAM_DEVICE=key).status_code == 200
    return attempt, key


def test_api_batch_answers_each_save_in_order(api, running):
    attempt, key = running
    items = _items(attempt)
    tf, single = items["true_false"], items["single_choice"]
    response = _put(
        api, attempt, [(tf, True, 2), (single, 7, 3), (tf, False, 1), (999999, 1, 4)], key
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0] == {**results[0], "form_item": tf, "seq": 2, "stored_seq": 2, "stored": True}
    assert results[0]["saved_at"]
    assert (
        results[1]
        == {
            **results[1],
            "form_item": single,
            "seq": 3,
            "code": "invalid_answer",
        }
        and results[1]["detail"]
    )
    assert "stored" not in results[1]
    assert results[2] == {**results[2], "seq": 1, "stored_seq": 2, "stored": False}
    assert results[3]["code"] == "unknown_item"
    assert _held(attempt) == {tf: (2, True)}


def test_api_batch_size_is_checked(api, running):
    attempt, key = running
    item = _items(attempt)["short_text"]
    too_many = [(item, str(n), n) for n in range(1, 52)]
    response = _put(api, attempt, too_many, key)
    assert response.status_code == 422
    assert "at most 50" in str(response.json()["detail"])
    assert _put(api, attempt, [], key).status_code == 422
    bad_seq = _put(api, attempt, [(item, "a", 0)], key)
    assert bad_seq.status_code == 422
    assert _put(api, attempt, too_many[:50], key).status_code == 200
    assert not _put(api, attempt, [(item, "late", 3)], key).json()["results"][0]["stored"]


def test_api_batch_refused_whole_with_the_single_saves_codes(api, dworld, running):
    attempt, key = running
    item = _items(attempt)["true_false"]
    assert _put(api, attempt, [(item, True, 1)], key).status_code == 200
    moved = _put(api, attempt, [(item, False, 2)], "not-the-key")
    assert moved.status_code == 409 and moved.json()["code"] == "device_moved"
    services.attempt_pause(actor=dworld.invigilator, attempt=attempt)
    # the pause has just begun: a save in flight still lands; later ones are refused (below)
    assert _put(api, attempt, [(item, False, 2)], key).json()["results"][0]["stored"]
    attempt.refresh_from_db()
    attempt.paused_at -= dt.timedelta(minutes=1)
    attempt.save(update_fields=["paused_at"])
    paused = _put(api, attempt, [(item, True, 2), (item, True, 3)], key)
    assert paused.status_code == 409 and paused.json()["code"] == "paused"
    assert _put(api, attempt, [(item, False, 2)], key).json()["results"][0]["stored"] is False
    assert _held(attempt) == {item: (2, False)}


def test_api_another_candidates_attempt_is_not_found(client, dworld, running):
    attempt, key = running
    item = _items(attempt)["true_false"]
    client.logout()
    assert _put(client, attempt, [(item, True, 1)], key).status_code == 401
    client.force_login(dworld.other_candidate)
    assert _put(client, attempt, [(item, True, 1)], key).status_code == 404
    assert not _held(attempt)


def test_a_batch_of_ten_costs_a_fixed_handful_of_queries(api, running):
    """One lock, one read, one write of the answers, one of the events, whatever the size."""
    attempt, key = running
    items = _items(attempt)
    first = [(items[t], a, n) for n, (t, a) in enumerate(ANSWERS.items(), start=1)]
    assert _put(api, attempt, first[:4], key).status_code == 200  # some held, some new below
    saves = [(fi, answer, seq + 10) for fi, answer, seq in first]
    saves += [(items["short_text"], "llm", 19), (items["constructed_response"], "x", 20)]
    assert len(saves) == 10
    with CaptureQueriesContext(connection) as queries:
        response = _put(api, attempt, saves, key)
    assert response.status_code == 200
    assert all(r["stored"] for r in response.json()["results"])
    # session, user, memberships (the MFA check), lock, read, upsert, events (+2 savepoint
    # statements here, where the test runs inside a transaction)
    assert len(queries) <= 12, [q["sql"][:80] for q in queries.captured_queries]
    assert len(_save_events(attempt)) == 14
    assert _held(attempt)[items["short_text"]] == (19, "llm")
