"""Attempts: authorisation, the server clock, idempotent saves, submission, voiding, the API."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client

from aicert.audit.models import AuditEvent
from aicert.delivery import presentation, services
from aicert.delivery.models import Attempt, AttemptEvent, AttemptStatus, Response
from aicert.delivery.selectors import attempt_state
from tests.delivery.conftest import CONTENT, T0, checked_in, now_plus

pytestmark = pytest.mark.django_db

AS = AttemptStatus
STEMS = [c["stem"] for c in CONTENT.values()]


def _items(attempt):
    """form item pk by item type."""
    return {
        fi.item_version.item_type: fi.pk for fi in attempt.form.items.select_related("item_version")
    }


def _save(attempt, form_item, answer, seq, at=T0, actor=None):
    return services.response_save(
        actor=actor or attempt.candidate,
        attempt=attempt,
        form_item_id=form_item,
        answer=answer,
        seq=seq,
        now=at,
    )


# --- authorisation and start ---------------------------------------------------------------------


def test_authorize_creates_a_ready_attempt_with_seed_and_time(dworld, make_attempt):
    attempt = make_attempt(extra_time_seconds=900)
    assert attempt.status == AS.READY and len(attempt.seed) == 32
    assert attempt.time_allowed_seconds == 60 * 60 + 900 and attempt.extra_time_seconds == 900
    assert attempt.order_version == presentation.ORDER_VERSION
    assert attempt.events.get().kind == "authorize"
    assert AuditEvent.objects.filter(action="attempt.authorize", target_id=str(attempt.pk)).exists()


def test_authorize_rules(dworld, mixed_form, make_attempt, english):
    registration = checked_in(dworld, dworld.candidate)
    with pytest.raises(PermissionDenied):  # an invigilator of another center
        services.attempt_authorize(
            actor=dworld.other_invigilator, registration=registration, form=mixed_form
        )
    with pytest.raises(PermissionDenied):
        services.attempt_authorize(
            actor=dworld.candidate, registration=registration, form=mixed_form
        )
    registration.status = "confirmed"
    registration.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="checked in"):
        services.attempt_authorize(
            actor=dworld.invigilator, registration=registration, form=mixed_form
        )
    registration.status = "checked_in"
    registration.save(update_fields=["status"])
    services.attempt_authorize(actor=dworld.admin, registration=registration, form=mixed_form)
    with pytest.raises(ValidationError, match="already has an attempt"):
        services.attempt_authorize(
            actor=dworld.invigilator, registration=registration, form=mixed_form
        )


def test_only_the_candidate_starts_and_only_once(dworld, make_attempt, english):
    attempt = make_attempt()
    with pytest.raises(PermissionDenied):
        services.attempt_start(actor=dworld.other_candidate, attempt=attempt, now=T0)
    attempt = services.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)
    assert attempt.status == AS.IN_PROGRESS
    assert attempt.deadline_at == T0 + dt.timedelta(hours=1)
    with pytest.raises(ValidationError, match="cannot be done now"):
        services.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)


# --- order ---------------------------------------------------------------------------------------


def test_order_is_reproducible_and_differs_between_candidates(dworld, make_attempt):
    mine = make_attempt()
    theirs = make_attempt(candidate=dworld.other_candidate)
    first = attempt_state(attempt=mine, viewer=dworld.candidate).item_order
    again = attempt_state(attempt=Attempt.objects.get(pk=mine.pk), viewer=dworld.candidate)
    assert first == again.item_order
    ids = list(mine.form.items.order_by("position").values_list("pk", flat=True))
    assert first == presentation.item_order(mine.seed, ids)  # recomputable for an audit
    assert sorted(first) == sorted(ids)
    assert mine.seed != theirs.seed
    assert first != attempt_state(attempt=theirs, viewer=dworld.other_candidate).item_order


# --- saves ---------------------------------------------------------------------------------------


def test_saves_are_idempotent_by_seq(dworld, started):
    item = _items(started)["single_choice"]
    receipt = _save(started, item, 1, seq=1, at=now_plus(minutes=1))
    assert receipt.stored and receipt.stored_seq == 1
    _save(started, item, 2, seq=3, at=now_plus(minutes=2))
    # an older save arriving late is acknowledged but never overwrites the newer answer
    late = _save(started, item, 0, seq=2, at=now_plus(minutes=3))
    assert late.seq == 2 and late.stored_seq == 3 and not late.stored
    # a retry of the same save is acknowledged too
    retry = _save(started, item, 2, seq=3, at=now_plus(minutes=4))
    assert not retry.stored and retry.saved_at == now_plus(minutes=2)
    response = Response.objects.get(attempt=started, form_item_id=item)
    assert response.answer == 2 and response.seq == 3
    assert started.events.filter(kind="save").count() == 2  # only accepted saves are logged


def test_saves_are_checked_against_the_item(dworld, started, mixed_form, english):
    items = _items(started)
    with pytest.raises(ValidationError, match="option number"):
        _save(started, items["single_choice"], 7, seq=1)
    with pytest.raises(ValidationError, match="not on the exam"):
        _save(started, 999999, 1, seq=1)
    with pytest.raises(ValidationError, match="save number"):
        _save(started, items["single_choice"], 1, seq=0)
    with pytest.raises(PermissionDenied):
        _save(started, items["single_choice"], 1, seq=1, actor=dworld.other_candidate)


def test_saves_before_start_are_refused(dworld, make_attempt, english):
    attempt = make_attempt()
    with pytest.raises(ValidationError, match="not started"):
        _save(attempt, _items(attempt)["true_false"], True, seq=1)


def test_saves_after_deadline_plus_grace_are_refused(dworld, started, english):
    item = _items(started)["true_false"]
    deadline = started.deadline_at
    _save(started, item, True, seq=1, at=deadline + dt.timedelta(seconds=30))  # in flight
    with pytest.raises(ValidationError, match="Time is up"):
        _save(started, item, False, seq=2, at=deadline + dt.timedelta(seconds=31))
    # a retry of a save that already landed is still acknowledged after the deadline
    assert not _save(started, item, True, seq=1, at=deadline + dt.timedelta(minutes=5)).stored


# --- clock ---------------------------------------------------------------------------------------


def test_pause_resume_extend_clock_arithmetic(dworld, started, english):
    inv = dworld.invigilator
    attempt = services.attempt_pause(
        actor=inv, attempt=started, reason="fire alarm", now=now_plus(minutes=20)
    )
    assert attempt.status == AS.PAUSED
    state = attempt_state(attempt=attempt, viewer=dworld.candidate, now=now_plus(minutes=50))
    assert state.seconds_left == 40 * 60  # frozen while paused
    assert all(item.content is None for item in state.items)  # nothing to read while paused
    with pytest.raises(ValidationError, match="paused"):
        _save(attempt, _items(attempt)["true_false"], True, seq=1, at=now_plus(minutes=21))
    attempt = services.attempt_resume(actor=inv, attempt=attempt, now=now_plus(minutes=30))
    assert attempt.paused_seconds == 600
    assert attempt.deadline_at == T0 + dt.timedelta(minutes=70)
    attempt = services.attempt_extend(
        actor=inv, attempt=attempt, seconds=300, reason="network outage", now=now_plus(minutes=40)
    )
    assert attempt.deadline_at == T0 + dt.timedelta(minutes=75)
    state = attempt_state(attempt=attempt, viewer=dworld.candidate, now=now_plus(minutes=45))
    assert state.seconds_left == 30 * 60
    kinds = list(attempt.events.values_list("kind", flat=True))
    assert kinds == ["authorize", "start", "pause", "resume", "extend"]
    audited = AuditEvent.objects.filter(target_type="delivery.attempt", target_id=str(attempt.pk))
    assert {"attempt.pause", "attempt.resume", "attempt.extend"} <= set(
        audited.values_list("action", flat=True)
    )
    with pytest.raises(ValidationError, match="why"):
        services.attempt_extend(actor=inv, attempt=attempt, seconds=60, reason=" ")


def test_invigilators_act_only_on_their_own_center(dworld, started):
    with pytest.raises(PermissionDenied):
        services.attempt_pause(actor=dworld.other_invigilator, attempt=started)
    with pytest.raises(PermissionDenied):
        services.attempt_pause(actor=dworld.candidate, attempt=started)
    with pytest.raises(PermissionDenied):  # voiding is the foundation's
        services.attempt_void(actor=dworld.invigilator, attempt=started, reason="x")


def test_a_save_in_flight_when_the_pause_began_still_lands(dworld, started):
    attempt = services.attempt_pause(
        actor=dworld.invigilator, attempt=started, now=now_plus(minutes=5)
    )
    assert _save(
        attempt, _items(attempt)["true_false"], True, seq=1, at=now_plus(minutes=5, seconds=10)
    ).stored


# --- submission and scoring ----------------------------------------------------------------------


def test_submit_scores_every_objective_item(dworld, started):
    items = _items(started)
    answers = {
        "single_choice": 2,  # right
        "multiple_response": [0],  # proportional: 3 of 4 decisions right
        "true_false": False,  # wrong
        "numeric": "0.505",  # within tolerance
        "short_text": "ｌｌｍ",  # full width, any case
        "ordering": [0, 2, 1],  # wrong (all or nothing)
        "matching": [[0, 1], [1, 0]],  # right
        "constructed_response": "權衡…",  # for markers
    }
    for seq, (item_type, answer) in enumerate(answers.items(), start=1):
        _save(started, items[item_type], answer, seq=seq, at=now_plus(minutes=seq))
    attempt = services.attempt_submit(
        actor=dworld.candidate, attempt=started, now=now_plus(minutes=30)
    )
    assert attempt.status == AS.SUBMITTED and attempt.submitted_at == now_plus(minutes=30)
    assert attempt.score_points == Decimal("4.75") and attempt.score_max == Decimal(8)
    assert attempt.needs_marking
    points = dict(
        Response.objects.filter(attempt=attempt).values_list(
            "form_item__item_version__item_type", "points"
        )
    )
    assert points["multiple_response"] == Decimal("0.75")
    assert points["constructed_response"] is None
    assert AuditEvent.objects.filter(action="attempt.submit", target_id=str(attempt.pk)).exists()
    with pytest.raises(ValidationError):
        _save(attempt, items["true_false"], True, seq=99, at=now_plus(minutes=31))


def test_auto_submit_ends_expired_attempts_only(dworld, make_attempt, started):
    other = make_attempt(candidate=dworld.other_candidate)
    other = services.attempt_start(
        actor=dworld.other_candidate, attempt=other, now=now_plus(minutes=10)
    )
    _save(started, _items(started)["true_false"], True, seq=1, at=now_plus(minutes=5))
    deadline = started.deadline_at
    # within the grace period nothing ends
    assert services.attempts_auto_submit_expired(now=deadline + dt.timedelta(seconds=30)) == 0
    assert services.attempts_auto_submit_expired(now=deadline + dt.timedelta(seconds=31)) == 1
    started.refresh_from_db()
    other.refresh_from_db()
    assert started.status == AS.AUTO_SUBMITTED and started.score_points == Decimal(1)
    assert other.status == AS.IN_PROGRESS  # started ten minutes later
    event = started.events.get(kind="auto_submit")
    assert event.actor is None and event.at == deadline + dt.timedelta(seconds=31)
    assert services.attempt_auto_submit(attempt=started, now=now_plus(hours=3)) is None


def test_auto_submit_command(dworld, started):
    Attempt.objects.filter(pk=started.pk).update(
        started_at=T0 - dt.timedelta(hours=3), deadline_at=T0 - dt.timedelta(hours=2)
    )
    call_command("attempts_auto_submit")
    started.refresh_from_db()
    assert started.status == AS.AUTO_SUBMITTED


def test_a_late_hand_in_counts_as_auto_submitted(dworld, started):
    attempt = services.attempt_submit(
        actor=dworld.candidate, attempt=started, now=started.deadline_at + dt.timedelta(minutes=2)
    )
    assert attempt.status == AS.AUTO_SUBMITTED


def test_void_needs_a_reason_and_ends_the_attempt(dworld, started, english):
    with pytest.raises(ValidationError, match="why"):
        services.attempt_void(actor=dworld.admin, attempt=started, reason="")
    paused = services.attempt_pause(
        actor=dworld.invigilator, attempt=started, now=now_plus(minutes=1)
    )
    attempt = services.attempt_void(
        actor=dworld.admin, attempt=paused, reason="phone in use", now=now_plus(minutes=3)
    )
    assert attempt.status == AS.VOIDED and attempt.paused_at is None
    assert attempt.void_reason == "phone in use"
    assert AuditEvent.objects.filter(action="attempt.void", target_id=str(attempt.pk)).exists()
    with pytest.raises(ValidationError):
        services.attempt_void(actor=dworld.admin, attempt=attempt, reason="again")
    # a voided attempt frees the registration for a new one
    services.attempt_authorize(
        actor=dworld.invigilator, registration=attempt.registration, form=attempt.form
    )


# --- API -----------------------------------------------------------------------------------------


@pytest.fixture
def api(client, dworld):
    client.force_login(dworld.candidate)
    return client


def _url(attempt, suffix=""):
    return f"/api/delivery/attempts/{attempt.pk}{suffix}"


def test_api_hides_content_before_start(api, make_attempt):
    attempt = make_attempt()
    response = api.get(_url(attempt))
    assert response.status_code == 200
    body = response.content.decode()
    payload = response.json()
    assert payload["status"] == "ready" and payload["seconds_left"] == 3600
    assert len(payload["item_order"]) == 8
    assert all(item["content"] is None for item in payload["items"])
    for stem in STEMS:
        assert stem not in body and json.dumps(stem)[1:-1] not in body


def test_api_start_shows_content_without_keys(api, dworld, make_attempt):
    attempt = make_attempt()
    payload = api.post(_url(attempt, "/start")).json()
    assert payload["status"] == "in_progress"
    by_type = {item["item_type"]: item for item in payload["items"]}
    single = by_type["single_choice"]["content"]
    assert "單選題" in single["stem"]
    assert sorted(o["id"] for o in single["options"]) == [0, 1, 2, 3]
    expected = presentation.field_order(
        attempt.seed, by_type["single_choice"]["form_item"], "options", 4
    )
    assert [o["id"] for o in single["options"]] == expected  # the candidate's own order
    body = json.dumps(payload, ensure_ascii=False)
    for secret in ("correct", "rationale", "理由", "LLM", "rubric", "tolerance", '"key"'):
        assert secret not in body


def test_api_save_and_submit(api, dworld, make_attempt):
    attempt = make_attempt()
    api.post(_url(attempt, "/start"))
    item = _items(attempt)["single_choice"]
    put = api.put(
        _url(attempt, "/responses"),
        {"form_item": item, "answer": 2, "seq": 2},
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["stored"] is True
    stale = api.put(
        _url(attempt, "/responses"),
        {"form_item": item, "answer": 0, "seq": 1},
        content_type="application/json",
    ).json()
    assert stale == {**stale, "seq": 1, "stored_seq": 2, "stored": False}
    state = api.get(_url(attempt)).json()
    saved = next(i for i in state["items"] if i["form_item"] == item)
    assert saved["answer"] == 2 and saved["seq"] == 2
    bad = api.put(
        _url(attempt, "/responses"),
        {"form_item": item, "answer": 9, "seq": 3},
        content_type="application/json",
    )
    assert bad.status_code == 409 and bad.json()["code"] == "invalid_answer"
    done = api.post(_url(attempt, "/submit")).json()
    assert done["status"] == "submitted"
    assert all(i["content"] is None for i in done["items"])  # content gone after the end


def test_api_other_candidates_and_anonymous_get_nothing(client, dworld, make_attempt):
    attempt = make_attempt()
    assert client.get(_url(attempt)).status_code == 401
    client.force_login(dworld.other_candidate)
    assert client.get(_url(attempt)).status_code == 404
    assert client.post(_url(attempt, "/start")).status_code == 404
    response = client.put(
        _url(attempt, "/responses"),
        {"form_item": 1, "answer": 1, "seq": 1},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert client.post(_url(attempt, "/submit")).status_code == 404


def test_api_needs_the_csrf_token(dworld, make_attempt):
    attempt = make_attempt()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(dworld.candidate)
    assert strict.get(_url(attempt)).status_code == 200  # reads need no token
    assert strict.post(_url(attempt, "/start")).status_code == 403
    secret = "a" * 32  # the cookie's secret, sent back in the header as the browser would
    strict.cookies["csrftoken"] = secret
    response = strict.post(_url(attempt, "/start"), HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 200


def test_attempt_events_are_append_only(dworld, started):
    event = AttemptEvent.objects.filter(attempt=started).first()
    with pytest.raises(ValueError):
        event.save()


def test_api_wiring_lists_the_delivery_routes():
    from aicert.api.api import ROUTERS, api

    assert ("delivery/", "aicert.delivery.api.router") in ROUTERS
    paths = api.get_openapi_schema()["paths"]
    assert "/api/delivery/attempts/{attempt_id}/responses" in paths
    assert set(paths["/api/delivery/attempts/{attempt_id}/responses"]) == {"put"}
