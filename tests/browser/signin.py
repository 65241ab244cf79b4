"""Signing in through the real login page (and its second step), as people do."""

from __future__ import annotations

import re

from aicert.demo.seed import DEMO_PASSWORD
from tests.browser.totp import fresh_demo_totp_code, fresh_totp_code

DEMO = "demo"


def sign_in(
    browser,
    base: str,
    email: str,
    *,
    password: str = DEMO_PASSWORD,
    second_factor: str | None = DEMO,
    locale: str = "zh-TW",
    width: int = 1400,
    height: int = 1000,
    timeout: int = 15000,
):
    """A new browser context signed in as ``email``; returns ``(context, page)`` on the dashboard.

    ``second_factor``: ``"demo"`` for a demo staff account's authenticator, a TOTP secret for
    one enrolled by the test, or None for accounts without one (candidates).
    """
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(timeout)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    if second_factor is not None:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        code = (
            fresh_demo_totp_code(email) if second_factor == DEMO else fresh_totp_code(second_factor)
        )
        page.fill("input[name=code]", code)
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    return context, page
