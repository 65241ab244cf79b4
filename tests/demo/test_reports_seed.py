"""The demo's report history (aicert.demo.reports_seed): past sittings at every demo venue,
through the real services, feeding the facts; the Chiayi County classroom stays under 10.

One test on purpose (it seeds the bank and simulates sittings); fewer sittings and candidates
than ``seed_demo`` (the code path is the same)."""

import pytest
from django.utils import timezone

from aicert.demo.reports_seed import reports_history_seed, reports_seed
from aicert.demo.seed import demo_seed
from aicert.demo.sitting_seed import sitting_demo_seed
from aicert.reports.models import ReportFact
from aicert.results.models import Result

pytestmark = pytest.mark.django_db


def test_history_sittings_fill_months_and_counties_and_are_idempotent():
    now = timezone.now()
    demo_seed(items=True)
    assert reports_history_seed(now=now)["history_attempts"] == 0  # no published form yet
    sitting_demo_seed(now=now, n_candidates=40)
    counts = reports_history_seed(now=now, months_ago=(6, 3), candidates=(20, 24))
    assert counts["history_attempts"] >= 2 * 7 * 3
    assert (
        Result.objects.filter(released_at__isnull=False).count() == 40 + counts["history_attempts"]
    )
    again = reports_history_seed(now=now, months_ago=(6, 3), candidates=(20, 24))
    assert again["history_attempts"] == 0
    reports_seed()
    months = set(ReportFact.objects.filter(metric="results").values_list("period", flat=True))
    local = timezone.localtime(now).date()
    for back in (6, 3):
        index = local.year * 12 + local.month - 1 - back
        assert f"{index // 12}-{index % 12 + 1:02d}" in months
    chiayi = sum(
        ReportFact.objects.filter(metric="results", county_code="chiayi-county").values_list(
            "value", flat=True
        )
    )
    assert 0 < chiayi < 2 * 10  # 3 and 4 candidates: each sitting's count is under 10
    counties = set(ReportFact.objects.values_list("county_code", flat=True))
    assert len(counties) >= 6
    # The domain strengths chart has real data: released domain sub-scores in every region,
    # some reaching the domain standard and some not.
    scored = set(
        ReportFact.objects.filter(metric="domain_scored").values_list("region_code", "domain_code")
    )
    assert {region for region, _domain in scored} == {"north", "central", "south"}
    assert len({domain for _region, domain in scored}) >= 2
    met = sum(ReportFact.objects.filter(metric="domain_met").values_list("value", flat=True))
    total = sum(ReportFact.objects.filter(metric="domain_scored").values_list("value", flat=True))
    assert 0 < met < total
