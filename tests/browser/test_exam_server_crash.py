"""Reliability: the application server is SIGKILLed in the middle of an exam and restarted.

Every save the server acknowledged (HTTP 200) is in the database after the crash; the saves it
never acknowledged stay in the browser and are resent when the server is back; the candidate
hands in and the attempt scores correctly. The server is a real gunicorn on a scratch database
(a SQLite file, or a PostgreSQL database of its own when the tests run on PostgreSQL).
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from tests.browser.exam_helpers import OBJECTIVE_ITEMS, answer_current, current_section, queued
from tests.browser.exam_server import Gunicorn, ScratchDatabase, build_world, free_port

pytestmark = [pytest.mark.browser]


@pytest.fixture
def scratch(tmp_path):
    database = ScratchDatabase(tmp_path)
    try:
        yield database
    finally:
        database.drop()


def _stored(database, attempt_id: int) -> dict[int, int]:
    rows = database.query(
        "SELECT form_item_id, seq FROM delivery_response WHERE attempt_id = ?", (attempt_id,)
    )
    return {form_item: seq for form_item, seq in rows}


def test_server_killed_mid_exam_loses_no_acknowledged_save(browser, scratch, tmp_path, artifacts):
    world = build_world(scratch.url)
    attempt_id = world["attempt"]
    server = Gunicorn(scratch.url, free_port(), log=artifacts / "exam-crash-gunicorn.log")
    server.start()
    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 900})
    try:
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": world["session_cookie"],
                    "url": server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(20000)
        acknowledged: dict[int, int] = {}

        def on_response(response):
            # The player sends its due saves in batches: each result with a ``stored_seq`` is
            # an acknowledgement (a refusal has a ``code`` instead).
            if response.request.method == "PUT" and response.url.endswith("/responses/batch"):
                if response.status == 200:
                    for result in json.loads(response.body())["results"]:
                        if "stored_seq" in result:
                            item = result["form_item"]
                            acknowledged[item] = max(acknowledged.get(item, 0), result["seq"])

        page.on("response", on_response)
        page.goto(f"{server.url}/delivery/attempts/{attempt_id}/")
        page.click("#start-button")
        current_section(page).wait_for()

        # Three answers saved and acknowledged, two more fired just before the crash.
        for _ in range(3):
            answer_current(page)
            page.click("#next-button")
        page.wait_for_function(
            "() => document.getElementById('save-status').dataset.state === 'saved'"
        )
        for _ in range(2):
            answer_current(page)
            page.click("#next-button")
        server.kill()

        # With the server gone the browser keeps going, and keeps what it could not send.
        for _ in range(3):
            answer_current(page)
            if page.locator("#next-button").is_enabled():
                page.click("#next-button")
        page.wait_for_function(
            "() => document.getElementById('save-status').dataset.state === 'offline'"
        )
        kept = queued(page)
        assert kept, "the unsent saves must be kept in localStorage"
        assert len(acknowledged) >= 3

        # Every acknowledged save survived the SIGKILL (read straight from the database).
        stored = _stored(scratch, attempt_id)
        for item, seq in acknowledged.items():
            assert stored.get(item, 0) >= seq, f"acknowledged save {item}#{seq} was lost"
        assert len(stored) < 8

        # Restart on the same address: the browser resends the rest by itself, in order.
        server.start()
        page.wait_for_function(
            "() => document.getElementById('save-status').dataset.state === 'saved'",
            timeout=30000,
        )
        assert queued(page) == []
        stored = _stored(scratch, attempt_id)
        assert len(stored) == 8
        for entry in kept:
            assert stored[entry["form_item"]] >= entry["seq"]

        # Hand in: the attempt completes and scores correctly.
        page.click("#review-button")
        page.click("#submit-button")
        page.click("#submit-confirm")
        page.locator("#screen-ended").wait_for()
        status, points, maximum = scratch.query(
            "SELECT status, score_points, score_max FROM delivery_attempt WHERE id = ?",
            (attempt_id,),
        )[0]
        assert status == "submitted"
        assert float(points) == OBJECTIVE_ITEMS and float(maximum) == 8
    finally:
        context.close()
        server.stop()
