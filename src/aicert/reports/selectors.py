"""Reads of reports: every figure comes from the pre-aggregated :class:`ReportFact` rows, each
view of the dashboard in one grouped query (the count does not grow with the data)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, QuerySet, Sum

from aicert.reports.models import ReportFact

#: The counts of the dashboard's main table, in column order.
METRICS = ("registrations", "attended", "results", "passed")
#: Stocks at a month's end (never summed over months): the certificates table of the dashboard.
CERT_METRICS = ("certificates_active", "certificates_expired", "certified_people")
#: Domain strengths (see ``metrics/domains.py``): released results scored in a domain, and of
#: those the ones reaching the domain standard.
DOMAIN_METRICS = ("domain_scored", "domain_met")
#: Dimensions only the foundation may break figures down by: candidates give their gender
#: only for fairness analysis, so centers and the public never see it.
FOUNDATION_ONLY_DIMENSIONS = ("gender",)

_FIELD = {
    "county": "county_code",
    "region": "region_code",
    "level": "level_code",
    "subject": "subject_code",
    "sitting": "sitting",
    "period": "period",
    "gender": "gender",
    "age_band": "age_band",
}


@dataclass(frozen=True)
class ReportFilters:
    """What a reader asked for: filters on the facts and the breakdown of the main table.
    ``regions`` is the reader's scope (None: every region)."""

    regions: tuple[str, ...] | None = None
    region: str = ""
    county: str = ""
    level: str = ""
    subject: str = ""
    period: str = ""  # "YYYY" or "YYYY-MM"
    by: str = "county"


def facts_filtered(filters: ReportFilters) -> QuerySet[ReportFact]:
    facts = ReportFact.objects.filter(metric__in=METRICS)
    if filters.regions is not None:
        facts = facts.filter(region_code__in=filters.regions)
    for name in ("region", "county", "level", "subject"):
        value = getattr(filters, name)
        if value:
            facts = facts.filter(**{_FIELD[name]: value})
    if filters.period:
        facts = facts.filter(period__startswith=filters.period)
    return facts


def counts_by(facts: QuerySet[ReportFact], dimension: str) -> dict[str, dict[str, int]]:
    """``{code: {metric: count}}`` over one dimension (one query)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    column = _FIELD[dimension]
    for row in facts.values(column, "metric").annotate(n=Sum("value")).order_by():
        out[row[column]][row["metric"]] = int(row["n"])
    return dict(out)


def counts_by_two(
    facts: QuerySet[ReportFact], rows: str, cols: str, metric: str
) -> dict[tuple[str, str], int]:
    """``{(row code, col code): count}`` of one metric (one query)."""
    a, b = _FIELD[rows], _FIELD[cols]
    return {
        (r[a], r[b]): int(r["n"])
        for r in facts.filter(metric=metric).values(a, b).annotate(n=Sum("value")).order_by()
    }


def facts_refreshed_at() -> dt.datetime | None:
    return ReportFact.objects.aggregate(at=Max("refreshed_at"))["at"]


def facts_periods() -> list[str]:
    """The months that have facts, for the period filter (one query)."""
    return sorted(ReportFact.objects.values_list("period", flat=True).distinct().order_by())


@dataclass
class DashboardData:
    """Raw (unsuppressed) counts of every dashboard view; the views suppress before showing."""

    filters: ReportFilters
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    trend: dict[str, dict[str, int]] = field(default_factory=dict)
    by_county: dict[str, dict[str, int]] = field(default_factory=dict)
    county_level: dict[tuple[str, str], int] = field(default_factory=dict)
    selfassess: dict[str, dict[str, int]] = field(default_factory=dict)
    certificates: dict[str, dict[str, int]] = field(default_factory=dict)
    certificates_as_of: str = ""
    certificates_trend: dict[str, dict[str, int]] = field(default_factory=dict)
    #: ``{(domain code, group code): {metric: count}}``, the group being ``domain_group``.
    domains: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    domain_group: str = "region"
    refreshed_at: dt.datetime | None = None


def dashboard_data(filters: ReportFilters) -> DashboardData:
    """Everything the dashboard shows, in seven queries on the facts."""
    facts = facts_filtered(filters)
    data = DashboardData(filters=filters)
    data.breakdown = counts_by(facts, filters.by)
    data.trend = counts_by(facts, "period")
    data.by_county = data.breakdown if filters.by == "county" else counts_by(facts, "county")
    data.county_level = counts_by_two(facts, "county", "level", "registrations")
    data.certificates_as_of, data.certificates = certificates_by_county(filters)
    data.certificates_trend = certificates_by_month(filters)
    data.domain_group = domain_group(filters)
    data.domains = domain_strengths(filters, data.domain_group)
    data.refreshed_at = facts_refreshed_at()
    return data


def certificates_by_county(filters: ReportFilters) -> tuple[str, dict[str, dict[str, int]]]:
    """(the last month of the filtered range that has certificate facts, ``{county: {metric:
    count}}`` at that month's end), in one query. With a level chosen, the people certified in
    it are its active certificates (one standing certificate per holder and level)."""
    facts = _scoped(ReportFact.objects.filter(metric__in=CERT_METRICS), filters)
    by_period: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in facts.values("period", "county_code", "metric").annotate(n=Sum("value")).order_by():
        by_period[row["period"]][row["county_code"]][row["metric"]] = int(row["n"])
    if not by_period:
        return "", {}
    as_of = max(by_period)
    counties = {c: dict(m) for c, m in by_period[as_of].items()}
    if filters.level:
        for m in counties.values():
            m["certified_people"] = m.get("certificates_active", 0)
    return as_of, counties


def _scoped(facts: QuerySet[ReportFact], filters: ReportFilters) -> QuerySet[ReportFact]:
    """The facts within the reader's regions and the filters (region, county, level, period)."""
    if filters.regions is not None:
        facts = facts.filter(region_code__in=filters.regions)
    if filters.region:
        facts = facts.filter(region_code=filters.region)
    if filters.county:
        facts = facts.filter(county_code=filters.county)
    if filters.level:
        facts = facts.filter(level_code=filters.level)
    if filters.period:
        facts = facts.filter(period__startswith=filters.period)
    return facts


def certificates_by_month(filters: ReportFilters) -> dict[str, dict[str, int]]:
    """``{month: {metric: count}}`` of the certificate stocks at each month's end over the
    filtered counties (one query); for the dashboard's trend line."""
    facts = _scoped(ReportFact.objects.filter(metric__in=CERT_METRICS), filters)
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for row in facts.values("period", "metric").annotate(n=Sum("value")).order_by():
        out[row["period"]][row["metric"]] = int(row["n"])
    if filters.level:
        for m in out.values():
            m["certified_people"] = m.get("certificates_active", 0)
    return dict(out)


def domain_group(filters: ReportFilters) -> str:
    """What the domain strengths are compared across: regions when the reader sees several of
    them and has not chosen one, else the counties of the region."""
    several = filters.regions is None or len(filters.regions) > 1
    return "region" if several and not filters.region and not filters.county else "county"


def domain_strengths(filters: ReportFilters, group: str) -> dict[tuple[str, str], dict[str, int]]:
    """``{(domain code, region or county code): {metric: count}}`` (one query)."""
    facts = _scoped(ReportFact.objects.filter(metric__in=DOMAIN_METRICS), filters)
    column = _FIELD[group]
    out: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in facts.values("domain_code", column, "metric").annotate(n=Sum("value")).order_by():
        out[(row["domain_code"], row[column])][row["metric"]] = int(row["n"])
    return dict(out)


def metric_value(counts: dict[str, int], metric: str) -> int:
    return int(counts.get(metric, 0))


def as_rows(counts: dict[str, dict[str, int]], metrics: tuple[str, ...]) -> dict[str, Any]:
    return {code: {m: metric_value(c, m) for m in metrics} for code, c in counts.items()}


def selfassess_by_month(*, period: str = "") -> dict[str, dict[str, int]]:
    """Practice tests finished and people who practised, per month (one query)."""
    facts = ReportFact.objects.filter(metric__in=("selfassess_attempts", "selfassess_people"))
    if period:
        facts = facts.filter(period__startswith=period)
    out: dict[str, dict[str, int]] = {}
    for month, metric, value in facts.values_list("period", "metric", "value").order_by("period"):
        out.setdefault(month, {})[metric] = int(value)
    return out
