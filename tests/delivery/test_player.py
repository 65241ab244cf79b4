"""The exam player's server side: binding an attempt to one computer, the player page and its
item fragment (who may see what, and when), the light clock poll, the candidate's links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.delivery import presentation, services
from aicert.delivery.models import Attempt, AttemptEvent, AttemptStatus, Response
from tests.delivery.conftest import CONTENT, T0, now_plus
from tests.factories import enrol_totp

pytestmark = pytest.mark.django_db

AS = AttemptStatus
STEMS = [c["stem"] for c in CONTENT.values()]
SECRETS = ("理由", "LLM", "正確性", "rubric", "correct")


def _items(attempt):
    return {
        fi.item_version.item_type: fi.pk for fi in attempt.form.items.select_related("item_version")
    }


def _release(dworld, attempt):
    return services.attempt_release_device(actor=dworld.invigilator, attempt=attempt, now=T0)


# --- binding to one computer (services) ------------------------------------------------------------


def test_claim_binds_once_and_confirms_the_same_key(dworld, started):
    bound = services.attempt_claim_device(actor=dworld.candidate, attempt=started, now=T0)
    assert len(bound.device_key) >= 32 and bound.device_bound_at == T0
    again = services.attempt_claim_device(
        actor=dworld.candidate, attempt=started, key=bound.device_key, now=now_plus(minutes=1)
    )
    assert again.device_key == bound.device_key and again.device_bound_at == T0
    assert (
        AuditEvent.objects.filter(action="attempt.claim_device", target_id=str(started.pk)).count()
        == 1
    )


def test_a_second_computer_is_refused_until_released(dworld, started, english):
    first = services.attempt_claim_device(actor=dworld.candidate, attempt=started).device_key
    for key in ("", "not-the-key"):
        with pytest.raises(ValidationError, match="open on another computer") as info:
            services.attempt_claim_device(actor=dworld.candidate, attempt=started, key=key)
        assert info.value.code == "device_taken"
    _release(dworld, started)
    second = services.attempt_claim_device(actor=dworld.candidate, attempt=started).device_key
    assert second and second != first


def test_only_the_candidate_claims_and_only_a_running_attempt(dworld, started, english):
    with pytest.raises(PermissionDenied):
        services.attempt_claim_device(actor=dworld.other_candidate, attempt=started)
    with pytest.raises(PermissionDenied):
        services.attempt_claim_device(actor=dworld.invigilator, attempt=started)
    services.attempt_submit(actor=dworld.candidate, attempt=started, now=now_plus(minutes=5))
    with pytest.raises(ValidationError) as info:
        services.attempt_claim_device(actor=dworld.candidate, attempt=started)
    assert info.value.code == "illegal_transition"


def test_saves_and_hand_in_need_the_key_of_the_computer_that_holds_it(dworld, started, english):
    item = _items(started)["single_choice"]
    key = services.attempt_claim_device(actor=dworld.candidate, attempt=started, now=T0).device_key

    def save(seq, device_key):
        return services.response_save(
            actor=dworld.candidate,
            attempt=started,
            form_item_id=item,
            answer=seq % 4,
            seq=seq,
            device_key=device_key,
            now=now_plus(minutes=1),
        )

    assert save(1, key).stored
    for wrong in (None, "", "x" * 43):
        with pytest.raises(ValidationError, match="moved to another computer") as info:
            save(2, wrong)
        assert info.value.code == "device_moved"
    _release(dworld, started)
    with pytest.raises(ValidationError, match="moved to another computer"):
        save(3, key)  # the old computer, after the move: refused, nothing stored
    assert Response.objects.get(attempt=started).seq == 1
    new_key = services.attempt_claim_device(actor=dworld.candidate, attempt=started).device_key
    assert save(4, new_key).stored
    with pytest.raises(ValidationError, match="moved to another computer"):
        services.attempt_submit(
            actor=dworld.candidate, attempt=started, device_key=key, now=now_plus(minutes=2)
        )
    done = services.attempt_submit(
        actor=dworld.candidate, attempt=started, device_key=new_key, now=now_plus(minutes=2)
    )
    assert done.status == AS.SUBMITTED


def test_start_waits_for_the_session_to_begin(dworld, make_attempt, english):
    attempt = make_attempt()
    with pytest.raises(ValidationError, match="has not begun") as info:
        services.attempt_start(
            actor=dworld.candidate, attempt=attempt, now=T0 - dt.timedelta(minutes=1)
        )
    assert info.value.code == "session_not_begun"
    started = services.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)
    assert started.status == AS.IN_PROGRESS


# --- the API ---------------------------------------------------------------------------------------


@pytest.fixture
def api(client, dworld):
    client.force_login(dworld.candidate)
    return client


def _url(attempt, suffix=""):
    return f"/api/delivery/attempts/{attempt.pk}{suffix}"


def _put(client, attempt, body, key=""):
    return client.put(
        _url(attempt, "/responses"), body, content_type="application/json", HTTP_X_EXAM_DEVICE=key
    )


def test_api_claim_save_and_stale_key_gets_409(api, dworld, make_attempt):
    attempt = make_attempt()
    claim = api.post(_url(attempt, "/device"), {"key": ""}, content_type="application/json")
    assert claim.status_code == 200
    key = claim.json()["key"]
    assert api.post(_url(attempt, "/start"), HTTP_X_EXAM_DEVICE=key).status_code == 200
    item = _items(attempt)["true_false"]
    ok = _put(api, attempt, {"form_item": item, "answer": True, "seq": 1}, key)
    assert ok.status_code == 200 and ok.json()["stored"] is True

    # Another browser of the same candidate cannot take it over…
    taken = api.post(_url(attempt, "/device"), {"key": ""}, content_type="application/json")
    assert taken.status_code == 409 and taken.json()["code"] == "device_taken"
    # …until the invigilator moves it; then the old key is stale.
    _release(dworld, attempt)
    stale = _put(api, attempt, {"form_item": item, "answer": False, "seq": 2}, key)
    assert stale.status_code == 409
    assert stale.json()["code"] == "device_moved"
    assert any("moved to another computer" in m for m in stale.json()["detail"]) or any(
        "另一部電腦" in m for m in stale.json()["detail"]
    )
    assert Response.objects.get(attempt=attempt).answer is True
    clock = api.get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=key).json()
    assert clock["device_ok"] is False and clock["status"] == "in_progress"
    new_key = api.post(
        _url(attempt, "/device"), {"key": key}, content_type="application/json"
    ).json()["key"]
    assert new_key != key
    assert api.get(_url(attempt, "/clock"), HTTP_X_EXAM_DEVICE=new_key).json()["device_ok"]
    assert _put(api, attempt, {"form_item": item, "answer": False, "seq": 3}, new_key).json()[
        "stored"
    ]
    submit = api.post(_url(attempt, "/submit"), HTTP_X_EXAM_DEVICE=key)
    assert submit.status_code == 409 and submit.json()["code"] == "device_moved"
    assert api.post(_url(attempt, "/submit"), HTTP_X_EXAM_DEVICE=new_key).status_code == 200


def test_api_older_seq_never_overwrites_a_newer_one(api, dworld, make_attempt):
    attempt = make_attempt()
    key = api.post(_url(attempt, "/device"), {}, content_type="application/json").json()["key"]
    api.post(_url(attempt, "/start"), HTTP_X_EXAM_DEVICE=key)
    item = _items(attempt)["short_text"]
    assert _put(api, attempt, {"form_item": item, "answer": "new", "seq": 7}, key).json()["stored"]
    late = _put(api, attempt, {"form_item": item, "answer": "old", "seq": 5}, key).json()
    assert late["stored"] is False and late["stored_seq"] == 7
    again = _put(api, attempt, {"form_item": item, "answer": "new", "seq": 7}, key).json()
    assert again["stored"] is False  # a resend of the same save is harmless
    assert Response.objects.get(attempt=attempt).answer == "new"


def test_clock_poll_is_a_read_even_when_the_time_is_up(api, dworld, make_attempt):
    attempt = make_attempt()
    services.attempt_start(
        actor=dworld.candidate,
        attempt=attempt,
        now=timezone.now() - dt.timedelta(seconds=attempt.time_allowed_seconds + 60),
    )
    events = AttemptEvent.objects.filter(attempt=attempt).count()
    clock = api.get(_url(attempt, "/clock")).json()
    assert clock["status"] == "in_progress" and clock["seconds_left"] == 0
    assert Attempt.objects.get(pk=attempt.pk).status == AS.IN_PROGRESS
    assert AttemptEvent.objects.filter(attempt=attempt).count() == events  # nothing written
    # The scheduler's job ends it; the next poll says so.
    assert services.attempts_auto_submit_expired() == 1
    assert api.get(_url(attempt, "/clock")).json()["status"] == "auto_submitted"


def test_a_save_after_the_grace_period_is_refused_and_ends_the_attempt(api, dworld, make_attempt):
    attempt = make_attempt()
    key = api.post(_url(attempt, "/device"), {}, content_type="application/json").json()["key"]
    services.attempt_start(
        actor=dworld.candidate,
        attempt=attempt,
        device_key=key,
        now=timezone.now() - dt.timedelta(seconds=attempt.time_allowed_seconds + 60),
    )
    item = _items(attempt)["short_text"]
    response = _put(api, attempt, {"form_item": item, "answer": "late", "seq": 1}, key)
    assert response.status_code == 409 and response.json()["code"] == "time_over"
    attempt.refresh_from_db()
    assert attempt.status == AS.AUTO_SUBMITTED  # ended by the refused save, not left running
    assert not Response.objects.filter(attempt=attempt, answer="late").exists()


def test_clock_and_device_endpoints_only_for_the_candidate(client, dworld, make_attempt):
    attempt = make_attempt()
    assert client.get(_url(attempt, "/clock")).status_code == 401
    enrol_totp(dworld.invigilator)
    for user in (dworld.other_candidate, dworld.invigilator):
        client.force_login(user)
        assert client.get(_url(attempt, "/clock")).status_code == 404
        response = client.post(_url(attempt, "/device"), {}, content_type="application/json")
        assert response.status_code == 404
    assert Attempt.objects.get(pk=attempt.pk).device_key == ""


# --- the player page and its item fragment ---------------------------------------------------------


def _page(attempt):
    return f"/delivery/attempts/{attempt.pk}/"


def _fragment(attempt):
    return f"/delivery/attempts/{attempt.pk}/items/"


def test_player_page_is_the_candidates_own(client, dworld, make_attempt):
    attempt = make_attempt()
    response = client.get(_page(attempt))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (dworld.other_candidate, dworld.invigilator, dworld.admin):
        enrol_totp(user)  # staff must have a second factor to reach any page
        client.force_login(user)
        assert client.get(_page(attempt)).status_code == 404
        assert client.get(_fragment(attempt)).status_code == 404
    client.force_login(dworld.candidate)
    page = client.get(_page(attempt))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="player-config"' in body and "player.js" in body
    for stem in STEMS:  # the page itself never carries exam content
        assert stem not in body


def test_items_only_while_the_attempt_runs(client, dworld, make_attempt):
    attempt = make_attempt()
    client.force_login(dworld.candidate)
    assert client.get(_fragment(attempt)).status_code == 409  # authorised, not started
    services.attempt_start(actor=dworld.candidate, attempt=attempt)
    fragment = client.get(_fragment(attempt))
    assert fragment.status_code == 200 and fragment["Cache-Control"] == "no-store"
    html = fragment.content.decode()
    for stem in STEMS:
        assert stem in html
    for secret in SECRETS:
        assert secret not in html
    services.attempt_pause(actor=dworld.invigilator, attempt=attempt)
    assert client.get(_fragment(attempt)).status_code == 409
    services.attempt_resume(actor=dworld.invigilator, attempt=attempt)
    services.attempt_submit(actor=dworld.candidate, attempt=attempt)
    assert client.get(_fragment(attempt)).status_code == 409


def test_items_come_in_the_candidates_order_rendered_as_previewed(client, dworld, make_attempt):
    attempt = make_attempt()
    services.attempt_start(actor=dworld.candidate, attempt=attempt)
    client.force_login(dworld.candidate)
    html = client.get(_fragment(attempt)).content.decode()
    form_items = list(attempt.form.items.order_by("position").values_list("pk", flat=True))
    order = presentation.item_order(attempt.seed, form_items)
    positions = [html.index(f'data-form-item="{pk}"') for pk in order]
    assert positions == sorted(positions)
    # Each item goes through the item bank's renderer (the same markup as the preview)…
    assert html.count('class="item-render"') == 8
    # …with the options in the candidate's shuffled order and their original ids alongside.
    single = _items(attempt)["single_choice"]
    shuffled = presentation.field_order(attempt.seed, single, "options", 4)
    assert f'data-ids="{{&quot;options&quot;: {shuffled}}}"'.replace(" ", "") in html.replace(
        " ", ""
    )
    texts = [CONTENT["single_choice"]["options"][i]["text"] for i in shuffled]
    where = [html.index(t) for t in texts]
    assert where == sorted(where)


def test_player_speaks_the_exam_language(client, dworld, make_attempt):
    attempt = make_attempt()
    client.force_login(dworld.candidate)
    Attempt.objects.filter(pk=attempt.pk).update(language="en")
    assert "Start the exam" in client.get(_page(attempt)).content.decode()
    Attempt.objects.filter(pk=attempt.pk).update(language="zh-hant")
    body = client.get(_page(attempt), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Start the exam" not in body and "開始作答" in body


def test_dashboard_and_registrations_link_to_the_ready_exam(client, dworld, make_attempt):
    attempt = make_attempt()
    client.force_login(dworld.candidate)
    link = _page(attempt)
    assert link in client.get("/dashboard/").content.decode()
    assert link in client.get("/registration/").content.decode()
    client.force_login(dworld.other_candidate)
    assert link not in client.get("/dashboard/").content.decode()
    services.attempt_void(actor=dworld.admin, attempt=attempt, reason="test")
    client.force_login(dworld.candidate)
    assert link not in client.get("/dashboard/").content.decode()


def test_strict_csrf_for_the_claim(dworld, make_attempt):
    attempt = make_attempt()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(dworld.candidate)
    response = strict.post(_url(attempt, "/device"), {}, content_type="application/json")
    assert response.status_code == 403


def test_a_save_costs_a_fixed_handful_of_queries(api, dworld, make_attempt):
    """The exam-day hot path reads nothing it does not need (bench/bench_autosave.py times it)."""
    attempt = make_attempt()
    key = api.post(_url(attempt, "/device"), {}, content_type="application/json").json()["key"]
    api.post(_url(attempt, "/start"), HTTP_X_EXAM_DEVICE=key)
    item = _items(attempt)["short_text"]
    assert _put(api, attempt, {"form_item": item, "answer": "a", "seq": 1}, key).json()["stored"]
    with CaptureQueriesContext(connection) as queries:
        saved = _put(api, attempt, {"form_item": item, "answer": "b", "seq": 2}, key)
    assert saved.json()["stored"] is True
    # session, user, memberships (the MFA check), lock, update, event (+2 savepoint statements
    # here, where the test runs inside a transaction)
    assert len(queries) <= 8, [q["sql"][:80] for q in queries.captured_queries]
