"""A new person, in Chromium: sign up, verify the email, sign in, switch language, browse."""

import re

import pytest
from django.core import mail

from aicert.demo.seed import DEMO_PASSWORD
from tests.browser.totp import fresh_demo_totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_sign_up_verify_sign_in_switch_language_browse(live_server, page, demo, artifacts):
    base = live_server.url
    page.goto(base + "/")
    # An English browser still gets Traditional Chinese first: it is the program's default.
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    page.get_by_role("link", name="註冊").click()
    page.fill("input[name=email]", "new.candidate@example.org")
    page.fill("input[name=password1]", "a-Long-pass-phrase-2026")
    page.fill("input[name=password2]", "a-Long-pass-phrase-2026")
    page.locator("form[action$='/accounts/signup/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))

    # The verification email arrives; its link confirms the address.
    sent = [m for m in mail.outbox if m.to == ["new.candidate@example.org"]]
    assert len(sent) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", sent[0].body).group(0)
    page.goto(base + link[link.index("/accounts/") :])
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    assert page.locator('[data-panel="candidate"]').is_visible()

    # Switch to English and back.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    page.get_by_role("button", name="繁體中文").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="我的主頁").is_visible()

    # Sign out, then sign in again with the new account.
    page.get_by_role("button", name="登出").click()
    page.wait_for_load_state()
    if page.locator("form[action$='/accounts/logout/'] button[type=submit]").count():
        page.locator("form[action$='/accounts/logout/'] button[type=submit]").last.click()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", "new.candidate@example.org")
    page.fill("input[name=password]", "a-Long-pass-phrase-2026")
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard/"))

    # Browse the catalogue down to a level's blueprint and pass rule.
    page.get_by_role("link", name="認證項目").first.click()
    page.get_by_role("link", name="初級").first.click()
    assert page.get_by_text("平均至少 70 分，且各科至少 60 分").first.is_visible()
    assert page.get_by_role("cell", name="機器學習原理").first.is_visible()
    page.screenshot(path=str(artifacts / "level_detail_zh.png"), full_page=True)
    # The CJK font is installed: Chinese glyphs are wider than the empty-box fallback would be.
    width = page.evaluate(
        "() => { const s = document.createElement('span'); s.textContent = '認證認證認證'; document.body.appendChild(s); return s.getBoundingClientRect().width; }"
    )
    assert width > 50


def test_staff_demo_account_signs_in_with_totp(live_server, page, demo):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", "manager.south@aicert.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", fresh_demo_totp_code("manager.south@aicert.example"))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    assert page.locator('[data-panel="center_manager"]').is_visible()
    page.get_by_role("link", name="考場、試場與監試人員").click()
    assert page.get_by_text("W301").first.is_visible()
