# ruff: noqa: F811 - the delivery fixtures are imported, then requested by name
"""The exam player in Chromium: a whole sitting through a network outage, time-out, pause,
and moving to another computer. The server is the live test server (same process), so the
invigilator's actions are service calls and the results are read from the database."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.utils import timezone

from aicert.delivery import services
from aicert.delivery.models import Attempt, AttemptStatus, Response
from tests.browser.exam_helpers import (
    OBJECTIVE_ITEMS,
    answer_current,
    candidate_context,
    current_section,
    queued,
    wait_saved,
)
from tests.delivery.conftest import (  # noqa: F401 - fixtures
    bank,
    dworld,
    make_attempt,
    make_item,
    mixed_form,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AS = AttemptStatus


def _open(page, base: str, attempt: Attempt) -> None:
    page.goto(f"{base}/delivery/attempts/{attempt.pk}/")


def _clock_seconds(page) -> int:
    return int(page.locator("#clock").get_attribute("data-seconds"))


def _wait_until(condition, timeout: float = 20.0) -> None:
    """The server has it within ``timeout`` (a busy CI machine may answer slowly)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the server never had it"
        time.sleep(0.2)


def _saved_items(attempt: Attempt) -> set[int]:
    return set(Response.objects.filter(attempt=attempt).values_list("form_item_id", flat=True))


def test_whole_sitting_survives_going_offline(
    live_server, browser, dworld, make_attempt, artifacts
):
    attempt = make_attempt()
    context, page = candidate_context(browser, live_server.url, dworld.candidate)
    _open(page, live_server.url, attempt)

    # Before the start nothing of the exam is on the page.
    page.locator("#screen-ready").wait_for()
    assert page.locator("section.player-item").count() == 0
    page.click("#start-button")
    current_section(page).wait_for()
    assert page.locator("#palette button").count() == 8
    page.screenshot(path=str(artifacts / "exam-player-question.png"), full_page=True)

    # Half the answers online: each is on the server as soon as the status says saved.
    answered_online = []
    for _ in range(4):
        answered_online.append(answer_current(page))
        page.click("#next-button")
    wait_saved(page)
    _wait_until(lambda: len(_saved_items(attempt)) == 4)

    # The network goes: the rest are kept in this browser and the status says so.
    context.set_offline(True)
    for index in range(4, 8):
        page.locator("#palette button").nth(index).click()
        answer_current(page)
    page.wait_for_function(
        "() => document.getElementById('save-status').dataset.state === 'offline'"
    )
    assert len(queued(page)) == 4
    assert len(_saved_items(attempt)) == 4
    # Flag one for review while offline (flags are the candidate's own notes).
    page.locator("#palette button").nth(0).click()
    page.click("#flag-button")
    assert page.locator("#flag-button").get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(artifacts / "exam-player-offline.png"), full_page=True)

    # Back online: every kept save is sent, in order, and acknowledged.
    context.set_offline(False)
    wait_saved(page)
    assert queued(page) == []
    _wait_until(lambda: len(_saved_items(attempt)) == 8)

    # The review screen counts what is unanswered and flagged; the hand-in asks first.
    page.click("#review-button")
    summary = page.locator("#review-summary")
    assert summary.get_attribute("data-unanswered") == "0"
    assert summary.get_attribute("data-flagged") == "1"
    assert "0 題未作答" in summary.inner_text()  # the exam's language: zh-Hant
    page.click("#submit-button")
    assert page.locator("#submit-dialog").is_visible()
    page.click("#submit-confirm")
    page.locator("#screen-ended").wait_for()
    assert page.locator("section.player-item").count() == 0

    attempt.refresh_from_db()
    assert attempt.status == AS.SUBMITTED
    assert attempt.score_points == Decimal(OBJECTIVE_ITEMS)
    assert attempt.score_max == Decimal(8) and attempt.needs_marking
    context.close()


def test_time_out_hands_in_what_was_saved(live_server, browser, dworld, make_attempt, monkeypatch):
    monkeypatch.setattr("aicert.delivery.services.attempts.SAVE_GRACE_SECONDS", 2)
    attempt = make_attempt()
    # Started long enough ago that 8 seconds are left on the server's clock.
    started_at = timezone.now() - dt.timedelta(seconds=attempt.time_allowed_seconds - 8)
    services.attempt_start(actor=dworld.candidate, attempt=attempt, now=started_at)
    context, page = candidate_context(browser, live_server.url, dworld.candidate)
    _open(page, live_server.url, attempt)
    current_section(page).wait_for()
    assert _clock_seconds(page) <= 8
    answer_current(page)
    wait_saved(page)
    # The clock runs out: the page says so, then shows the attempt handed in by the server --
    # by the scheduler's job, run here as the scheduler would (every 15 s in production).
    page.locator("#time-warning").wait_for()
    give_up = time.monotonic() + 20
    while services.attempts_auto_submit_expired() == 0:
        assert time.monotonic() < give_up, "the attempt never ran out of time on the server"
        time.sleep(0.5)
    page.locator("#screen-ended").wait_for(timeout=25000)
    assert page.locator("#player").get_attribute("data-status") == "auto_submitted"
    attempt.refresh_from_db()
    assert attempt.status == AS.AUTO_SUBMITTED
    assert attempt.responses.count() == 1
    assert attempt.responses.get().score_status in ("scored", "needs_marking")
    context.close()


def test_pause_shows_the_overlay_and_stops_the_clock(live_server, browser, dworld, make_attempt):
    attempt = make_attempt()
    services.attempt_start(actor=dworld.candidate, attempt=attempt)
    context, page = candidate_context(browser, live_server.url, dworld.candidate)
    _open(page, live_server.url, attempt)
    current_section(page).wait_for()
    answer_current(page)
    wait_saved(page)

    services.attempt_pause(actor=dworld.invigilator, attempt=attempt, reason="fire drill")
    page.locator("#overlay-paused").wait_for(state="visible", timeout=15000)
    frozen = _clock_seconds(page)
    time.sleep(2.5)
    assert _clock_seconds(page) == frozen  # the countdown stopped with the server's clock

    services.attempt_resume(actor=dworld.invigilator, attempt=attempt)
    page.locator("#overlay-paused").wait_for(state="hidden", timeout=15000)
    time.sleep(2.5)
    assert _clock_seconds(page) < frozen
    # The extension an invigilator grants shows on the clock at the next poll.
    services.attempt_extend(
        actor=dworld.invigilator, attempt=attempt, seconds=600, reason="lost time"
    )
    page.wait_for_function(
        f"() => Number(document.getElementById('clock').dataset.seconds) > {frozen + 500}",
        timeout=15000,
    )
    context.close()


def test_resume_on_another_computer_after_the_invigilator_moves_it(
    live_server, browser, dworld, make_attempt
):
    attempt = make_attempt()
    Attempt.objects.filter(pk=attempt.pk).update(language="en")
    first_context, first = candidate_context(browser, live_server.url, dworld.candidate)
    _open(first, live_server.url, attempt)
    first.click("#start-button")
    current_section(first).wait_for()
    first_type = answer_current(first)
    wait_saved(first)

    # A second computer cannot take the exam while the first holds it.
    second_context, second = candidate_context(browser, live_server.url, dworld.candidate)
    _open(second, live_server.url, attempt)
    second.locator("#overlay-blocked").wait_for(state="visible")
    assert "open on another computer" in second.locator("#blocked-text").inner_text()

    # The invigilator moves it: the second computer retries, takes over with the saved answer.
    services.attempt_release_device(actor=dworld.invigilator, attempt=attempt)
    second.click("#blocked-retry")
    current_section(second).wait_for()
    assert current_section(second).get_attribute("data-item-type") == first_type
    second.click("#next-button")
    answer_current(second)
    wait_saved(second)
    _wait_until(lambda: len(_saved_items(attempt)) == 2)

    # The first computer notices at its next poll (or refused save) and says so clearly…
    first.locator("#overlay-blocked").wait_for(state="visible", timeout=15000)
    assert "moved to another computer" in first.locator("#blocked-text").inner_text()
    # …and whatever it still sends with its old key is refused, and nothing is stored.
    item = Response.objects.filter(attempt=attempt).values_list("form_item_id", flat=True)[0]
    refused = first.evaluate(
        """async ([api, item]) => {
            const key = Object.keys(localStorage).find(k => k.endsWith('.device'));
            const headers = {
                'Content-Type': 'application/json',
                'X-CSRFToken': JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken'],
                'X-Exam-Device': JSON.parse(localStorage.getItem(key)),
            };
            const body = JSON.stringify({form_item: item, answer: null, seq: 9999});
            const r = await fetch(api + '/responses', {method: 'PUT', headers, body});
            return [r.status, (await r.json()).code];
        }""",
        [f"/api/delivery/attempts/{attempt.pk}", item],
    )
    assert refused == [409, "device_moved"]
    _wait_until(lambda: len(_saved_items(attempt)) == 2)
    assert not Response.objects.filter(attempt=attempt, seq=9999).exists()
    first_context.close()
    second_context.close()


def test_choices_answer_from_the_keyboard(live_server, browser, dworld, make_attempt, artifacts):
    attempt = make_attempt()
    services.attempt_start(actor=dworld.candidate, attempt=attempt)
    context, page = candidate_context(browser, live_server.url, dworld.candidate)
    _open(page, live_server.url, attempt)
    current_section(page).wait_for()
    single = page.locator("section.player-item[data-item-type=single_choice]")
    index = int(single.get_attribute("data-number")) - 1
    page.locator("#palette button").nth(index).focus()
    page.keyboard.press("Enter")  # the palette works from the keyboard
    assert current_section(page).get_attribute("data-item-type") == "single_choice"
    radios = single.locator("input.choice-input")
    radios.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # arrow keys move the choice, as in any radio group
    assert radios.nth(1).is_checked() and not radios.first.is_checked()
    wait_saved(page)
    chosen = int(radios.nth(1).get_attribute("data-value"))
    assert Response.objects.get(attempt=attempt).answer == chosen
    # Every choice is named for screen readers by its letter and text.
    labelled = radios.first.get_attribute("aria-labelledby").split()
    assert len(labelled) == 2
    assert page.locator("#save-status").get_attribute("aria-live") == "polite"

    # True/false: the ○/✕ marks are the visible choices (no second, native circle beside
    # them); the hidden radios still take the keyboard, and the focused answer is outlined.
    true_false = page.locator("section.player-item[data-item-type=true_false]")
    index = int(true_false.get_attribute("data-number")) - 1
    page.locator("#palette button").nth(index).click()
    tf_radios = true_false.locator("input.choice-input")
    assert tf_radios.first.bounding_box()["width"] <= 1
    tf_radios.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert tf_radios.nth(1).is_checked()
    assert true_false.locator("li.choice.chosen .option-label").inner_text() == "✕"
    page.screenshot(path=str(artifacts / "exam-player-true-false.png"))
    wait_saved(page)
    context.close()
