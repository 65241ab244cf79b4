"""At a phone's width (390 px) wide tables scroll in their own box and charts shrink to fit:
the page never goes sideways."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", ["/catalog/", "/sessions/", "/open-data/"])
def test_public_tables_and_charts_do_not_widen_the_page_on_a_phone(
    live_server, browser, demo, path
):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    # English: its longer words made the catalogue and session tables the widest.
    context.add_cookies([{"name": "aicert_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main table, main svg").count() >= 1
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path} is {widths[0]} px wide on a {widths[1]} px phone"
    context.close()


def test_english_pages_draw_latin_text_in_a_latin_font_first(live_server, browser):
    # With the CJK font first, "can’t" and “quotes” came out as full-width marks in English.
    context = browser.new_context(locale="en-US")
    context.add_cookies([{"name": "aicert_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/")
    english = page.evaluate("getComputedStyle(document.body).fontFamily")
    context.clear_cookies()
    page.goto(live_server.url + "/")
    chinese = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert english.startswith("system-ui"), english
    assert chinese.startswith('"Noto Sans TC"'), chinese
    context.close()
