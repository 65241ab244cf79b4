"""The published tables of a dashboard page, suppressed *together*.

A count can appear in more than one table of a page (a county's registrations are a row of the
main table and the row total of the county x level table), so each count is one key,
``(metric, ((dimension, code), ...))``, and the lines of every table go into one run of the
suppression rule: a number hidden in one table is hidden wherever it appears.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from aicert.reports.labels import Labels, dimension_title, metric_title
from aicert.reports.selectors import CERT_METRICS, DOMAIN_METRICS, METRICS, DashboardData
from aicert.shared.suppression import shown, suppressed_keys, threshold

Key = tuple[str, tuple[tuple[str, str], ...]]


def key(metric: str, **dims: str) -> Key:
    return (metric, tuple(sorted(dims.items())))


@dataclass
class Published:
    """Counts with the equations a reader can write between them (see module docstring)."""

    values: dict[Key, int] = field(default_factory=dict)
    lines: list[list[Key]] = field(default_factory=list)
    hidden: set[Key] = field(default_factory=set)
    limit: int = 10

    def one_way(self, metric: str, dim: str, counts: dict[str, int]) -> None:
        cells = [key(metric, **{dim: code}) for code in counts]
        for code, cell in zip(counts, cells, strict=True):
            self.values[cell] = counts[code]
        self.values[key(metric)] = sum(counts.values())
        self.lines.append([*cells, key(metric)])

    def two_way(self, metric: str, rows: str, cols: str, counts: dict[tuple[str, str], int]):
        row_codes = sorted({r for r, _ in counts})
        col_codes = sorted({c for _, c in counts})
        for r in row_codes:
            line = [key(metric, **{rows: r, cols: c}) for c in col_codes]
            for c, cell in zip(col_codes, line, strict=True):
                self.values[cell] = counts.get((r, c), 0)
            self.values[key(metric, **{rows: r})] = sum(counts.get((r, c), 0) for c in col_codes)
            self.lines.append([*line, key(metric, **{rows: r})])
        for c in col_codes:
            line = [key(metric, **{rows: r, cols: c}) for r in row_codes]
            self.values[key(metric, **{cols: c})] = sum(counts.get((r, c), 0) for r in row_codes)
            self.lines.append([*line, key(metric, **{cols: c})])
        self.values[key(metric)] = sum(counts.values())
        self.lines.append([*(key(metric, **{rows: r}) for r in row_codes), key(metric)])
        self.lines.append([*(key(metric, **{cols: c}) for c in col_codes), key(metric)])

    def resolve(self, limit: int | None = None, forced: Iterable[Key] = ()) -> None:
        self.limit = threshold() if limit is None else limit
        self.hidden = suppressed_keys(self.values, self.lines, limit=self.limit, forced=forced)

    def number(self, k: Key) -> int | None:
        return None if k in self.hidden else self.values.get(k, 0)

    def text(self, k: Key) -> str:
        return shown(self.values.get(k, 0), k in self.hidden, self.limit)

    def rate(self, passed: Key, results: Key) -> float | None:
        """Passed / results in %, only where both counts are published."""
        p, r = self.number(passed), self.number(results)
        if p is None or r is None or r == 0:
            return None
        return 100.0 * p / r


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


@dataclass
class Table:
    """One published table: ``rows`` of shown texts, the first column the row's name."""

    slug: str
    title: str
    header: list[str]
    rows: list[list[str]]
    codes: list[str] = field(default_factory=list)  # the row codes, for charts


def _counts(data: dict[str, dict[str, int]], metric: str) -> dict[str, int]:
    return {code: int(c.get(metric, 0)) for code, c in data.items()}


@dataclass
class DashboardTables:
    published: Published
    breakdown: Table
    trend: Table
    counties: Table
    county_level: Table
    certificates: Table
    periods: list[str]
    county_codes: list[str]
    level_codes: list[str]
    certificates_trend: Table = field(
        default_factory=lambda: Table("certificates_trend", "", [], [])
    )
    domains: Table = field(default_factory=lambda: Table("domains", "", [], []))
    #: The domain strengths' layout: what they compare (region or county), the domains and
    #: the groups in display order (for the chart).
    domain_group: str = "region"
    domain_codes: list[str] = field(default_factory=list)
    domain_groups: list[str] = field(default_factory=list)
    certificates_periods: list[str] = field(default_factory=list)
    certificates_as_of: str = ""

    def all(self) -> list[Table]:
        return [
            self.breakdown,
            self.trend,
            self.counties,
            self.county_level,
            self.certificates,
            self.certificates_trend,
            self.domains,
        ]

    def cert_key(self, metric: str, period: str) -> Key:
        return cert_key(metric, period, self.certificates_as_of)


def cert_key(metric: str, period: str, as_of: str) -> Key:
    """The key of a month's certificate total: the last month's is the certificates table's
    grand total (the same number), earlier months have their own (no other table has them)."""
    return key(metric) if period == as_of else key(metric, period=period)


def domain_share(pub: Published, domain: str, group: str, code: str | None) -> float | None:
    """The share (%) of results reaching the domain standard, where both counts are published
    (``code`` None: over every group of the page)."""
    dims = {"domain": domain} if code is None else {"domain": domain, group: code}
    return pub.rate(key("domain_met", **dims), key("domain_scored", **dims))


def _metric_rows(
    pub: Published, dim: str, codes: Iterable[str], labels: Labels, metrics: tuple[str, ...]
) -> list[list[str]]:
    rows = []
    for code in codes:
        row = [labels.name(dim, code)]
        row += [pub.text(key(m, **{dim: code})) for m in metrics]
        rate = pub.rate(key("passed", **{dim: code}), key("results", **{dim: code}))
        rows.append([*row, percent_text(rate)])
    total = [str(_total_label())] + [pub.text(key(m)) for m in metrics]
    rows.append([*total, percent_text(pub.rate(key("passed"), key("results")))])
    return rows


def _total_label() -> str:
    from django.utils.translation import pgettext

    return pgettext("reports table", "Total")


def dashboard_tables(data: DashboardData, labels: Labels) -> DashboardTables:
    """Suppress every count of the page at once, then lay out its four tables."""
    pub = Published()
    by = data.filters.by
    for metric in METRICS:
        pub.one_way(metric, by, _counts(data.breakdown, metric))
        pub.one_way(metric, "period", _counts(data.trend, metric))
        if by != "county":
            pub.one_way(metric, "county", _counts(data.by_county, metric))
    pub.two_way("registrations", "county", "level", data.county_level)
    for metric in CERT_METRICS:
        pub.one_way(metric, "county", _counts(data.certificates, metric))
        for period, counts in data.certificates_trend.items():
            cell = cert_key(metric, period, data.certificates_as_of)
            # No line: earlier months' stocks are published only as this one total.
            pub.values.setdefault(cell, int(counts.get(metric, 0)))
    group = data.domain_group
    domain_codes = sorted({d for d, _ in data.domains}, key=lambda c: labels.sort_key("domain", c))
    for metric in DOMAIN_METRICS:
        for d in domain_codes:
            # A domain's counts over the groups and its total are a line; counts of different
            # domains are never summed (one result is scored in every domain of its subject).
            counts = {g: int(c.get(metric, 0)) for (dd, g), c in data.domains.items() if dd == d}
            domain_cells = [key(metric, domain=d, **{group: g}) for g in counts]
            for g, cell in zip(counts, domain_cells, strict=True):
                pub.values[cell] = counts[g]
            pub.values[key(metric, domain=d)] = sum(counts.values())
            pub.lines.append([*domain_cells, key(metric, domain=d)])
    pub.resolve()
    # A group's results released can equal its results scored in a domain (every result of its
    # subjects has the domain): where that count is hidden, the domain's is too. A region's
    # results are the sum of its counties', so a region with a county's results hidden hides
    # its domain counts (else the region's domain count minus its other counties would tell).
    hidden_groups = {
        dict(k[1])[group]
        for k in pub.hidden
        if k[0] == "results" and len(k[1]) == 1 and k[1][0][0] == group
    }
    if group == "region":
        hidden_groups |= {
            labels.county_region.get(dict(k[1])["county"], "")
            for k in pub.hidden
            if k[0] == "results" and len(k[1]) == 1 and k[1][0][0] == "county"
        }
    forced = {
        k for k in pub.values if k[0] in DOMAIN_METRICS and dict(k[1]).get(group) in hidden_groups
    }
    if forced:
        pub.resolve(forced=forced)

    header = [dimension_title(by), *(metric_title(m) for m in METRICS), metric_title("pass_rate")]
    codes = sorted(data.breakdown, key=lambda c: labels.sort_key(by, c))
    breakdown = Table(
        "breakdown",
        f"{metric_title('registrations')} / {dimension_title(by)}",
        header,
        _metric_rows(pub, by, codes, labels, METRICS),
        codes,
    )
    periods = sorted(data.trend)
    trend = Table(
        "trend",
        dimension_title("period"),
        [dimension_title("period"), *header[1:]],
        _metric_rows(pub, "period", periods, labels, METRICS),
        periods,
    )
    county_codes = sorted(data.by_county, key=lambda c: labels.sort_key("county", c))
    from django.utils.translation import pgettext

    per_10k = pgettext("reports metric", "Passed per 10,000 inhabitants")
    rows = []
    for code in county_codes:
        passed = pub.number(key("passed", county=code))
        population = labels.population.get(code)
        rate = pub.rate(key("passed", county=code), key("results", county=code))
        density = f"{10000 * passed / population:.2f}" if passed is not None and population else "—"
        rows.append(
            [
                labels.name("county", code),
                pub.text(key("results", county=code)),
                pub.text(key("passed", county=code)),
                percent_text(rate),
                f"{population:,}" if population else "—",
                density,
            ]
        )
    counties = Table(
        "counties",
        dimension_title("county"),
        [
            dimension_title("county"),
            metric_title("results"),
            metric_title("passed"),
            metric_title("pass_rate"),
            pgettext("reports metric", "Population"),
            per_10k,
        ],
        rows,
        county_codes,
    )
    cl_counties = sorted(
        {c for c, _ in data.county_level}, key=lambda c: labels.sort_key("county", c)
    )
    level_codes = sorted({lv for _, lv in data.county_level})
    cl_rows = []
    for c in cl_counties:
        cells = [pub.text(key("registrations", county=c, level=lv)) for lv in level_codes]
        cl_rows.append([labels.name("county", c), *cells, pub.text(key("registrations", county=c))])
    if cl_counties:
        cl_rows.append(
            [
                _total_label(),
                *(pub.text(key("registrations", level=lv)) for lv in level_codes),
                pub.text(key("registrations")),
            ]
        )
    county_level = Table(
        "county_level",
        f"{metric_title('registrations')}: {dimension_title('county')} × {dimension_title('level')}",
        [
            dimension_title("county"),
            *(labels.name("level", lv) for lv in level_codes),
            _total_label(),
        ],
        cl_rows,
        cl_counties,
    )
    certificates = _certificates_table(pub, data, labels)
    cert_periods = sorted(data.certificates_trend)
    domain_groups = sorted({g for _, g in data.domains}, key=lambda c: labels.sort_key(group, c))
    return DashboardTables(
        pub,
        breakdown,
        trend,
        counties,
        county_level,
        certificates,
        periods,
        county_codes,
        level_codes,
        certificates_trend=_certificates_trend_table(pub, cert_periods, data.certificates_as_of),
        domains=_domains_table(pub, data, labels, domain_codes, domain_groups),
        domain_group=group,
        domain_codes=domain_codes,
        domain_groups=domain_groups,
        certificates_periods=cert_periods,
        certificates_as_of=data.certificates_as_of,
    )


def _certificates_trend_table(pub: Published, periods: list[str], as_of: str) -> Table:
    from django.utils.translation import pgettext

    rows = [[p, *(pub.text(cert_key(m, p, as_of)) for m in CERT_METRICS)] for p in periods]
    return Table(
        "certificates_trend",
        pgettext("reports table", "Certificates at each month's end"),
        [dimension_title("period"), *(metric_title(m) for m in CERT_METRICS)],
        rows,
        periods,
    )


def _domains_table(
    pub: Published,
    data: DashboardData,
    labels: Labels,
    domain_codes: list[str],
    groups: list[str],
) -> Table:
    from django.utils.translation import pgettext

    group = data.domain_group
    everyone = (
        pgettext("reports table", "All regions")
        if group == "region"
        else pgettext("reports table", "All counties shown")
    )
    rows = []
    for d in domain_codes:
        for g in [*groups, None]:
            dims = {"domain": d} if g is None else {"domain": d, group: g}
            rows.append(
                [
                    labels.name("domain", d),
                    everyone if g is None else labels.name(group, g),
                    pub.text(key("domain_scored", **dims)),
                    pub.text(key("domain_met", **dims)),
                    percent_text(domain_share(pub, d, group, g)),
                ]
            )
    return Table(
        "domains",
        pgettext("reports table", "Domain strengths of candidates by %(group)s")
        % {"group": dimension_title(group)},
        [
            dimension_title("domain"),
            dimension_title(group),
            metric_title("domain_scored"),
            metric_title("domain_met"),
            metric_title("domain_share"),
        ],
        rows,
        domain_codes,
    )


def certified_density(pub: Published, county: str, labels: Labels) -> float | None:
    """Active certificate holders (distinct people) per 10,000 inhabitants, where published."""
    people = pub.number(key("certified_people", county=county))
    population = labels.population.get(county)
    return None if people is None or not population else 10000 * people / population


def _certificates_table(pub: Published, data: DashboardData, labels: Labels) -> Table:
    from django.utils.translation import pgettext

    codes = sorted(data.certificates, key=lambda c: labels.sort_key("county", c))
    rows = []
    for code in codes:
        density = certified_density(pub, code, labels)
        population = labels.population.get(code)
        rows.append(
            [
                labels.name("county", code),
                *(pub.text(key(m, county=code)) for m in CERT_METRICS),
                f"{population:,}" if population else "—",
                "—" if density is None else f"{density:.2f}",
            ]
        )
    if codes:
        rows.append([_total_label(), *(pub.text(key(m)) for m in CERT_METRICS), "", ""])
    as_of = data.certificates_as_of
    return Table(
        "certificates",
        pgettext("reports table", "Certificates by holder's county at the end of %(month)s")
        % {"month": as_of or "—"},
        [
            dimension_title("county"),
            *(metric_title(m) for m in CERT_METRICS),
            pgettext("reports metric", "Population"),
            pgettext("reports metric", "Certified people per 10,000 inhabitants"),
        ],
        rows,
        codes,
    )
