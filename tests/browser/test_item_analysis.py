"""A psychometrician runs the item analysis of a simulated sitting and follows a flag, in Chromium."""

import re

import pytest

from tests.analysis.conftest import aworld  # noqa: F401 - the fixture, shared with tests/analysis
from tests.browser.totp import fresh_totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_psychometrician_runs_item_analysis_and_opens_a_flagged_item(
    live_server,
    browser,
    aworld,  # noqa: F811
    artifacts,
):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from aicert.analysis.simulation import sitting_simulate

    report = sitting_simulate(actor=aworld.admin, form=aworld.form, n_candidates=60, seed=11)
    secret = generate_totp_secret()
    TOTP.activate(aworld.psychometrician, secret)
    EmailAddress.objects.create(
        user=aworld.psychometrician,
        email=aworld.psychometrician.email,
        verified=True,
        primary=True,
    )
    base = live_server.url
    context = browser.new_context(locale="zh-TW", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", aworld.psychometrician.email)
    page.fill("input[name=password]", "pass-word-123")
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", fresh_totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/"))

    # From the dashboard to the analysis page; run it for the form
    page.get_by_role("link", name="試題分析").click()
    page.select_option("select[name=form]", str(aworld.form.pk))
    page.get_by_role("button", name="執行試題分析").click()
    page.wait_for_url(re.compile(r"/analysis/runs/\d+/"))
    body = page.locator("main").inner_text()
    assert "60" in body and "Rasch" in body and "負鑑別度" in body
    page.locator("details summary").first.click()
    page.screenshot(path=str(artifacts / "item-analysis-run.png"), full_page=True)

    # The miskeyed item is flagged and links to the item, whose page shows its statistics
    miskeyed = aworld.form.items.get(pk=report.planted["miskeyed"]).item_version.item
    page.get_by_role("link", name="警示試題").first.click()
    page.wait_for_url(re.compile(r"/analysis/flags/"))
    page.locator(f"a[href='/items/{miskeyed.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/items/{miskeyed.pk}/"))
    assert "使用統計" in page.locator("main").inner_text()
    assert page.locator(".badge.flag.negative_discrimination").count() == 1
    page.screenshot(path=str(artifacts / "item-analysis-item.png"), full_page=True)
    context.close()
