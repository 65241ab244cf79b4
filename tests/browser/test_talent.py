"""The employer side in Chromium (zh-Hant): a recruiter verifies a graduate's certificate by
number, bulk-verifies a 1,000-row CSV of valid, revoked and unknown certificates while the page
shows progress, finds the graduate by level and region once they opt in, sends a contact
request; the graduate accepts, reads it and shares their e-mail, which the recruiter then sees."""

from __future__ import annotations

import csv
import io

import pytest

from aicert.centers.models import Region
from aicert.credentials import numbering
from tests.browser.exam_helpers import candidate_context
from tests.talent.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db, reference_data_after_module):
    return build_world()


def thousand_rows(world) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["證書號碼", "姓名"])
    for i in range(1000):
        if i % 3 == 0:
            writer.writerow([world.cert_a.number, "林小美"])
        elif i % 3 == 1:
            writer.writerow([world.cert_c.number, "張小華"])  # revoked
        else:
            writer.writerow([numbering.certificate_number(year=2020, serial=5_000_000 + i), "無名"])
    return ("\ufeff" + out.getvalue()).encode()


def test_employer_verifies_searches_and_contacts_a_graduate(live_server, browser, world, artifacts):
    base = live_server.url
    employer_ctx, employer = candidate_context(browser, base, world.recruiter, locale="zh-TW")
    graduate_ctx, graduate = candidate_context(browser, base, world.alice, locale="zh-TW")

    # Verify one certificate by number and name.
    employer.goto(f"{base}/dashboard/")
    employer.get_by_role("link", name="驗證證書", exact=True).click()
    employer.fill("input[name=number]", world.cert_a.number.lower().replace("-", " "))
    employer.fill("input[name=name]", "林小美")
    employer.get_by_role("button", name="驗證").click()
    result = employer.locator("#verify-result")
    assert "有效" in result.inner_text() and world.cert_a.number in result.inner_text()
    employer.screenshot(path=str(artifacts / "talent-verify-one.png"), full_page=True)

    # Bulk-verify a 1,000-row CSV.
    employer.goto(f"{base}/talent/verify/bulk/")
    employer.set_input_files(
        "input[name=file]",
        files=[{"name": "staff.csv", "mimeType": "text/csv", "buffer": thousand_rows(world)}],
    )
    employer.get_by_role("button", name="上傳並查驗").click()
    employer.wait_for_selector("#bulk-counts")
    assert "1000" in employer.locator("#bulk-progress").inner_text()
    counts = employer.locator("#bulk-counts").inner_text()
    assert "334" in counts and "333" in counts
    assert employer.locator("#bulk-counts tr.status-revoked td").inner_text() == "333"
    assert employer.locator("#bulk-counts tr.status-active td").inner_text() == "334"
    assert employer.locator("#bulk-counts tr.status-not_found td").inner_text() == "333"
    employer.screenshot(path=str(artifacts / "talent-bulk.png"), full_page=True)
    with employer.expect_download() as download:
        employer.get_by_role("link", name="下載查驗結果（CSV）").click()
    table = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert len(table) == 1001 and ",revoked," in table[2]

    # Before the graduate opts in, the search finds nobody.
    south = Region.objects.get(counties__code="tainan-city")
    employer.goto(f"{base}/talent/search/")
    employer.select_option("select[name=level]", str(world.level.pk))
    employer.select_option("select[name=region]", str(south.pk))
    employer.get_by_role("button", name="搜尋").click()
    assert employer.locator(".talent-card").count() == 0

    # The graduate opts in and chooses to show their name.
    graduate.goto(f"{base}/talent/")
    graduate.locator("#consent input[name=agree]").check()
    graduate.get_by_role("button", name="加入人才搜尋").click()
    graduate.locator("#visibility input[name=show_name]").check()
    graduate.fill("#visibility input[name=headline]", "資料分析師，熟悉機器學習")
    graduate.get_by_role("button", name="儲存我的選擇").click()
    assert "已儲存您的選擇" in graduate.locator(".messages").inner_text()
    graduate.screenshot(path=str(artifacts / "talent-holder-opted-in.png"), full_page=True)

    # Now the recruiter finds them by level and region, never with contact data.
    employer.reload()
    card = employer.locator(".talent-card")
    assert card.count() == 1
    assert "林小美" in card.inner_text() and "alice@example.org" not in employer.content()
    assert "0912" not in employer.content()
    employer.screenshot(path=str(artifacts / "talent-search.png"), full_page=True)
    card.get_by_role("link", name="查看並送出聯絡邀請").click()
    employer.fill("textarea[name=message]", "您好，我們正在招募資料工程師，想與您聊聊。")
    employer.get_by_role("button", name="送出", exact=True).click()
    assert "已送出聯絡邀請" in employer.locator(".messages").inner_text()

    # The graduate sees the organisation only, accepts, reads the message, shares the e-mail.
    graduate.goto(f"{base}/talent/")
    invitation = graduate.locator(".invitations li").first
    assert "艾克米公司" in invitation.inner_text()
    assert "招募資料工程師" not in graduate.content()
    assert "艾克米公司" in graduate.locator("table").first.inner_text()  # who viewed me
    invitation.get_by_role("button", name="接受").click()
    assert "招募資料工程師" in graduate.locator(".invitations").inner_text()
    graduate.get_by_role("button", name="提供我的電子郵件地址").click()
    graduate.screenshot(path=str(artifacts / "talent-holder-accepted.png"), full_page=True)

    employer.goto(f"{base}/talent/sent/")
    assert employer.locator(".shared-email").first.inner_text() == "alice@example.org"
    employer.screenshot(path=str(artifacts / "talent-sent.png"), full_page=True)
    employer_ctx.close()
    graduate_ctx.close()
