"""Reports in Chromium: the foundation admin opens the regional dashboard, filters to the
southern region and Chiayi County, downloads the XLSX and sees suppressed cells as "<10";
every chart is screenshotted in zh-Hant and in English (test-artifacts/reports-*.png)."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.browser.signin import sign_in
from tests.reports.facts import facts_of_a_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = (
    "trend-registrations",
    "trend-pass-rate",
    "map-pass-rate",
    "map-per-10k",
    "bars-county",
    "trend-certificates",
    "bars-domains",
)


def test_admin_filters_south_and_chiayi_exports_xlsx_and_sees_suppressed_cells(
    live_server, browser, demo, artifacts
):
    from django.utils import timezone

    year = timezone.localdate().year
    facts_of_a_year(year)  # a year of facts beside the demo's own (Chiayi County: 7 in June)
    base = live_server.url
    context, page = sign_in(browser, base, "admin@aicert.example", timeout=20000)
    page.locator("a[href$='/reports/']").first.click()
    page.wait_for_url(re.compile(r"/reports/$"))
    assert page.locator("h1").inner_text() == "區域統計報表"
    for chart in CHARTS:
        figure = page.locator(f"svg#{chart}")
        assert figure.locator("title").first.text_content()
        figure.screenshot(path=str(artifacts / f"reports-{chart}-zh.png"))

    page.select_option("select[name=region]", "south")
    page.select_option("select[name=county]", "chiayi-county")
    page.locator("form.report-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"region=south.*county=chiayi-county"))
    trend = page.locator("#table-trend")
    assert "<10" in trend.inner_text()
    assert page.locator("#table-counties tbody th", has_text="嘉義縣").count() == 1
    page.screenshot(path=str(artifacts / "reports-south-chiayi-zh.png"), full_page=True)

    with page.expect_download() as download_info:
        page.locator("#export-xlsx").click()
    data = open(download_info.value.path(), "rb").read()
    book = load_workbook(io.BytesIO(data))
    rows = list(book["counties"].iter_rows(values_only=True))
    assert rows[1][0] == "縣市"
    assert [r[0] for r in rows[2:]] == ["嘉義縣"]
    month = list(book["trend"].iter_rows(values_only=True))
    june = next(r for r in month if r[0] == f"{year}-06")
    assert june[1] == "<10"  # 7 registrations in Chiayi County in June
    assert not any(r[0] and str(r[0]).startswith(f"{year}-01") for r in month)  # no January

    # The same charts in English.
    page.locator("form.language-switch button[value=en]").click()
    page.wait_for_load_state()
    page.goto(base + "/reports/")
    assert page.locator("h1").inner_text() == "Regional reports"
    assert "Chiayi County" in page.locator("#table-counties").inner_text()
    for chart in CHARTS:
        page.locator(f"svg#{chart}").screenshot(path=str(artifacts / f"reports-{chart}-en.png"))
    context.close()


def test_open_data_page_without_signing_in(live_server, browser, demo, artifacts):
    from django.utils import timezone

    facts_of_a_year(timezone.localdate().year)
    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/open-data/")
    assert "開放資料" in page.locator("h1").inner_text()
    assert page.locator("svg.report-chart").count() == 6
    page.screenshot(path=str(artifacts / "reports-open-data-zh.png"), full_page=True)
    response = page.request.get(live_server.url + page.locator("#annual-pdf").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    context.close()
