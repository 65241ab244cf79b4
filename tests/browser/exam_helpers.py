"""Helpers for the exam player's browser tests: sign a candidate in, answer every item type.

Answers are the keys of :data:`tests.delivery.conftest.CONTENT` (one item of every type), so a
whole sitting answered with :func:`answer_current` scores 7 of 7 objective points; the written
response goes to markers.
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client

# item type -> what the candidate enters (the keyed answer of CONTENT)
TEXT_ANSWERS = {
    "numeric": "0.5",
    "short_text": "ＬＬＭ",
    "constructed_response": "偏差與變異此消彼長。",
}
OBJECTIVE_ITEMS = 7


def candidate_context(browser, base_url: str, user, **options):
    """A browser context signed in as ``user`` (the session cookie of a forced login)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        locale=options.pop("locale", "en-US"), viewport={"width": 1280, "height": 900}, **options
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def current_section(page):
    return page.locator("section.player-item:not([hidden])")


def answer_current(page) -> str:
    """Answer the question on screen with its key; returns its item type."""
    section = current_section(page)
    item_type = section.get_attribute("data-item-type")
    if item_type == "single_choice":
        section.locator("input.choice-input[data-value='2']").check()
    elif item_type == "multiple_response":
        section.locator("input.choice-input[data-value='0']").check()
        section.locator("input.choice-input[data-value='2']").check()
    elif item_type == "true_false":
        # Click the option's text, as a person would (the whole option is clickable).
        section.locator("li.choice").first.locator(".option-body").click()
    elif item_type in TEXT_ANSWERS:
        field = section.locator(".answer-input")
        field.fill(TEXT_ANSWERS[item_type])
        field.blur()
    elif item_type == "ordering":
        # Move each option up until the list reads 0, 1, 2 (the key).
        for wanted in range(3):
            for _ in range(3):
                ids = [
                    int(i)
                    for i in section.locator("ol.options > li").evaluate_all(
                        "els => els.map(e => e.dataset.id)"
                    )
                ]
                at = ids.index(wanted)
                if at <= wanted:
                    break
                section.locator("ol.options > li").nth(at).locator(
                    ".order-controls button"
                ).first.click()
        section.locator("button.order-keep").click()
    elif item_type == "matching":
        section.locator("select.match-select[data-prompt='0']").select_option("1")
        section.locator("select.match-select[data-prompt='1']").select_option("0")
    else:  # pragma: no cover - a new item type needs an answer here
        raise AssertionError(f"no answer for {item_type}")
    return item_type


def wait_saved(page, timeout: int = 20000) -> None:
    page.wait_for_function(
        "() => document.getElementById('save-status').dataset.state === 'saved'", timeout=timeout
    )


def queued(page) -> list[dict]:
    """The saves this browser keeps in localStorage until the server acknowledges them."""
    return page.evaluate(
        """() => {
            const key = Object.keys(localStorage).find(k => k.endsWith('.queue'));
            return key ? JSON.parse(localStorage.getItem(key)) : [];
        }"""
    )
