"""Domain strengths of candidates per region: counted from released domain sub-scores only,
scoped to the reader's region, suppressed with complements, on the page, CSV, PDF."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from aicert.accounts.roles import Role
from aicert.centers.models import County, Region
from aicert.reports.labels import labels_load
from aicert.reports.models import ReportFact
from aicert.reports.selectors import ReportFilters, dashboard_data
from aicert.reports.services import facts_refresh
from aicert.reports.tables import dashboard_tables
from aicert.results.models import DomainScore, Result, ResultStatus
from tests.factories import (
    AttemptFactory,
    CenterFactory,
    CompetencyDomainFactory,
    RegistrationFactory,
    person,
)
from tests.factories.centers import RoomFactory, VenueFactory
from tests.factories.scheduling import SessionFactory

pytestmark = pytest.mark.django_db


def _session(region: str, county: str):
    center = CenterFactory(region=Region.objects.get(code=region))
    venue = VenueFactory(center=center, county=County.objects.get(code=county))
    return center, SessionFactory(room=RoomFactory(venue=venue))


def _results(session, percents, *, domains=(), status=ResultStatus.RELEASED, subject_min=60):
    """One result per percent; its score in each of ``domains`` is that percent."""
    now = timezone.now()
    for percent in percents:
        registration = RegistrationFactory(session=session, subject=session.subject, sat=True)
        result = Result.objects.create(
            attempt=AttemptFactory(registration=registration, submitted=True),
            candidate=registration.candidate,
            subject=session.subject,
            session=session,
            raw_points=percent,
            raw_max=100,
            percent=percent,
            scaled_score=percent,
            subject_min=subject_min,
            passed=True,
            status=status,
            released_at=None if status == ResultStatus.PROVISIONAL else now,
            computed_at=now,
        )
        for domain in domains:
            DomainScore.objects.create(
                result=result,
                domain=domain,
                points=percent,
                max_points=100,
                percent=Decimal(percent),
                item_count=5,
            )


@pytest.fixture
def world():
    domain = CompetencyDomainFactory(code="1", name_zh="人工智慧基礎", name_en="AI foundations")
    child = CompetencyDomainFactory(
        certification=domain.certification, code="1.1", parent=domain, name_en="Concepts"
    )
    both = (domain, child)
    south, tainan = _session("south", "tainan-city")
    # 13 released in Tainan: 10 reach 60, 2 do not; one reaches 65 but its subject minimum is 70.
    _results(tainan, [80] * 10 + [50] * 2, domains=both)
    _results(tainan, [65], domains=both, subject_min=70)
    # Never counted: not yet released, withdrawn.
    _results(tainan, [90, 90], domains=both, status=ResultStatus.PROVISIONAL)
    _results(tainan, [90], domains=both, status=ResultStatus.WITHDRAWN)
    _north, taipei = _session("north", "taipei-city")
    _results(taipei, [90] * 5, domains=both, subject_min=None)  # no rule: the default 60
    _central, taichung = _session("central", "taichung-city")
    _results(taichung, [70] * 15 + [40] * 5, domains=both)
    facts_refresh()
    return {"domain": f"{domain.certification.code}:1", "south": south}


def _facts(metric: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for fact in ReportFact.objects.filter(metric=metric):
        out[fact.region_code] = out.get(fact.region_code, 0) + fact.value
    return out


def test_counts_released_top_level_domain_scores_against_the_standard(world):
    assert _facts("domain_scored") == {"south": 13, "north": 5, "central": 20}
    assert _facts("domain_met") == {"south": 10, "north": 5, "central": 15}
    # The results family counts the same results: never the provisional or the withdrawn one.
    assert _facts("results") == _facts("domain_scored")
    # Only the top-level domain (its score rolls up the sub-domain).
    codes = set(
        ReportFact.objects.filter(metric__startswith="domain_").values_list(
            "domain_code", flat=True
        )
    )
    assert codes == {world["domain"]}
    assert set(ReportFact.objects.filter(metric="domain_scored").values_list("county_code", flat=True)) == {
        "tainan-city",
        "taipei-city",
        "taichung-city",
    }  # fmt: skip


def _domain_rows(filters: ReportFilters) -> dict[str, list[str]]:
    with override("en"):
        labels = labels_load()
        tables = dashboard_tables(dashboard_data(filters), labels)
        return {row[1]: row[2:] for row in tables.domains.rows}


def test_foundation_sees_every_region_with_small_cells_and_their_complement_hidden(world):
    rows = _domain_rows(ReportFilters())
    # North's 5 is small; South's 13 would give it away (38 - 20 - 13), so it is hidden too;
    # likewise North's 5 reaching the standard and South's 10.
    assert rows["North"] == ["<10", "<10", "—"]
    assert rows["South"] == ["x", "x", "—"]
    assert rows["Central"] == ["20", "15", "75.0%"]
    assert rows["All regions"] == ["38", "30", "78.9%"]


def test_a_center_manager_sees_the_counties_of_their_region_only(world, staff_login):
    rows = _domain_rows(ReportFilters(regions=("south",)))
    assert rows == {
        "Tainan City": ["13", "10", "76.9%"],
        "All counties shown": ["13", "10", "76.9%"],
    }
    manager = person("m.south", Role.CENTER_MANAGER, world["south"].organisation)
    client = staff_login(manager)
    body = client.get(reverse("reports:dashboard")).content.decode()
    table = body.split('id="table-domains"')[1].split("</table>")[0]
    assert "臺南市" in table and "76.9%" in table
    assert "臺北市" not in table and "臺中市" not in table
    assert 'id="bars-domains"' in body and "人工智慧基礎" in body
    csv = client.get(reverse("reports:export_csv") + "?view=domains").content.decode("utf-8-sig")
    assert "1 人工智慧基礎,臺南市,13,10,76.9%" in csv.replace("\r", "")


def test_a_county_whose_results_are_hidden_hides_its_domain_counts(world):
    # Four released results in Kaohsiung without domain scores: its results (4) are hidden,
    # and Tainan's results as their complement; Tainan's 13 domain results would then tell
    # what its results are, so they are hidden as well.
    _center, kaohsiung = _session("south", "kaohsiung-city")
    _results(kaohsiung, [80] * 4)
    facts_refresh()
    rows = _domain_rows(ReportFilters(regions=("south",)))
    assert rows["Tainan City"][0] == "x"
    assert rows["All counties shown"][0] == "x"


def test_yearly_pdf_has_the_domain_and_certificate_sections(world, client, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils is missing (apt-get install poppler-utils)")
    year = ReportFact.objects.filter(metric="domain_scored").first().period[:4]
    response = client.get(reverse("open_data:pdf", args=[year]))
    assert response.status_code == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "考生各能力領域表現" in text
    assert "1 人工智慧基礎" in text and "75.0%" in text
    assert "證書" in text
    page = client.get(reverse("open_data:index") + f"?year={year}").content.decode()
    assert 'id="table-domains"' in page and "&lt;10" in page


def test_english_page_names_the_domain_section(world, staff_login):
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    client = staff_login(admin)
    client.cookies["aicert_language"] = "en"
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Domain strengths of candidates" in body and "AI foundations" in body
    del client.cookies["aicert_language"]  # the default language: zh-Hant
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "考生各能力領域表現" in body and "達到領域標準的比例" in body


def test_certificates_trend_is_suppressed_and_its_last_month_is_the_county_tables_total():
    now = timezone.now()
    stocks = {  # month -> county -> active certificates (one holder each) at the month's end
        "2026-01": {"tainan-city": 30},
        "2026-02": {"tainan-city": 8},
        "2026-03": {"tainan-city": 40, "chiayi-county": 4},
    }
    ReportFact.objects.bulk_create(
        ReportFact(
            metric=metric,
            period=period,
            region_code="south",
            county_code=county,
            value=n,
            refreshed_at=now,
        )
        for period, counties in stocks.items()
        for county, n in counties.items()
        for metric in ("certificates_active", "certified_people")
    )
    with override("en"):
        labels = labels_load()
        tables = dashboard_tables(dashboard_data(ReportFilters()), labels)
        from aicert.reports.charts import dashboard_charts

        chart = str(dashboard_charts(tables, labels)["certificates_trend"])
    assert tables.certificates_trend.rows == [
        ["2026-01", "30", "0", "30"],
        ["2026-02", "<10", "0", "<10"],
        ["2026-03", "44", "0", "44"],
    ]
    county_rows = {row[0]: row[1] for row in tables.certificates.rows}
    assert county_rows == {"Tainan City": "x", "Chiayi County": "<10", "Total": "44"}
    assert "Certificates active 2026-01: 30" in chart and "Certificates active 2026-03: 44" in chart
    assert "Certificates active 2026-02" not in chart  # no point for a hidden month
