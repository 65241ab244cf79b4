"""The dashboard answers from the facts in a fixed number of queries, whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aicert.accounts.roles import Role
from aicert.reports.models import ReportFact
from tests.factories import CenterFactory, person
from tests.reports.facts import facts_of_a_year

pytestmark = pytest.mark.django_db

PAGES = ["", "?region=south&county=chiayi-county&by=level", "?by=age_band&period=2026"]


def _counts(client) -> list[int]:
    counts = []
    for query in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:dashboard") + query).status_code == 200
        counts.append(len(queries))
    return counts


def test_dashboard_query_count_does_not_grow_with_the_data(staff_login):
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    client = staff_login(admin)
    facts_of_a_year(2026)
    small = _counts(client)
    facts_of_a_year(2025)  # a second year: twice the facts, more months in every table
    facts_of_a_year(2024)
    assert ReportFact.objects.count() == 3 * 392
    assert _counts(client) == small
    # Session and user (auth, MFA), labels (5, with the domains), facts (7: breakdown, trend,
    # county, county x level, certificates by county and by month, domain strengths,
    # refreshed), months for the filter, self-assessment: pinned here.
    assert max(small) <= 19, small
