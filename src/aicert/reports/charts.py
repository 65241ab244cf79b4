"""Server-rendered SVG charts: bars by county, trend lines over months, a map of Taiwan's
counties, grouped bars of domain strengths. Each chart has a <title> and <desc> (read by screen readers) and stands beside a table
of the same numbers. Suppressed values draw no bar or point and hatch their county."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aicert.reports.labels import Labels, metric_title
from aicert.reports.tables import DashboardTables, certified_density, domain_share, key
from aicert.shared.suppression import hidden_label

#: ColorBrewer "Blues" (5 classes, colour-blind safe), light to dark.
SCALE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
HATCH = "#bdbdbd"
MAP_FILE = Path(__file__).parent / "data" / "taiwan_counties.json"


def map_credit() -> str:
    """The map's licence credit (CC BY 4.0 asks for it wherever the map is shown)."""
    return _("Map: @svg-maps/taiwan (CC BY 4.0), based on simplemaps")


@cache
def county_paths() -> dict[str, str]:
    """County code -> SVG path (viewBox 0 0 1000 1295), from the vendored @svg-maps/taiwan."""
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return dict(data["paths"])


def _head(width: int, height: int, title: str, desc: str, ident: str, view: str = "") -> str:
    view = view or f"0 0 {width} {height}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="{view}" '
        f'width="{width}" height="{height}" aria-labelledby="{ident}-t {ident}-d" '
        f'class="report-chart" id="{ident}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )


def svg_bars(
    items: list[tuple[str, int | None, str]], *, title: str, desc: str, ident: str = "bars"
) -> SafeString:
    """Horizontal bars: (label, value or None when suppressed, shown text)."""
    top = max((v for _, v, _ in items if v), default=0) or 1
    height = 24 * len(items) + 8
    parts = [_head(640, height, title, desc, ident)]
    for i, (label, value, text) in enumerate(items):
        y = 24 * i + 4
        width = round(400 * (value or 0) / top)
        parts.append(
            f'<text x="150" y="{y + 13}" font-size="12" text-anchor="end">{escape(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<rect x="158" y="{y + 2}" height="14" width="24" fill="url(#{ident}-hatch)" '
                f'stroke="{HATCH}"></rect>'
            )
            width = 24
        else:
            parts.append(
                f'<rect x="158" y="{y + 2}" height="14" width="{width}" fill="{SCALE[3]}"></rect>'
            )
        parts.append(f'<text x="{164 + width}" y="{y + 13}" font-size="12">{escape(text)}</text>')
    parts.append(_hatch_def(ident))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _hatch_def(ident: str) -> str:
    return (
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eeeeee"></rect>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH}" stroke-width="3"></line>'
        f"</pattern></defs>"
    )


#: Colours of the groups (regions or counties) in the grouped bars (ColorBrewer "Dark2", 8
#: colour-blind-friendly hues; the ninth group reuses the first).
GROUP_COLOURS = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)


def svg_grouped_bars(
    groups: list[tuple[str, list[tuple[str, float | None, str]]]],
    *,
    title: str,
    desc: str,
    ident: str = "grouped-bars",
) -> SafeString:
    """Horizontal bars in groups, 0-100 %: ``(group heading, [(bar label, percent or None when
    suppressed, shown text)])``. A bar's colour is its label's (the same region in every
    group); suppressed bars are hatched stubs."""
    colours: dict[str, str] = {}
    for _heading, bars in groups:
        for label, _v, _t in bars:
            colours.setdefault(label, GROUP_COLOURS[len(colours) % len(GROUP_COLOURS)])
    row, head = 20, 24
    height = 28 + sum(head + row * len(bars) + 6 for _h, bars in groups)
    parts = [_head(640, height, title, desc, ident)]
    left, span = 170, 400
    for k in range(0, 101, 25):  # a scale at the top: 0 25 50 75 100 %
        x = left + span * k / 100
        parts.append(
            f'<text x="{x:.0f}" y="14" font-size="11" text-anchor="middle">{k}%</text>'
            f'<line x1="{x:.0f}" x2="{x:.0f}" y1="18" y2="{height - 4}" stroke="#e5e5e5"></line>'
        )
    if not groups:
        height = 60
        parts = [_head(640, height, title, desc, ident)]
        parts.append(
            f'<text x="4" y="36" font-size="13">{escape(_("No figures for these filters yet."))}'
            "</text></svg>"
        )
        return mark_safe("".join(parts))  # noqa: S308 - the text is escaped
    y = 28
    for heading, bars in groups:
        parts.append(
            f'<text x="4" y="{y + 16}" font-size="13" font-weight="bold">{escape(heading)}</text>'
        )
        y += head
        for label, value, text in bars:
            parts.append(
                f'<text x="{left - 8}" y="{y + 14}" font-size="12" text-anchor="end">'
                f"{escape(label)}</text>"
            )
            if value is None:
                parts.append(
                    f'<rect x="{left}" y="{y + 3}" height="14" width="24" '
                    f'fill="url(#{ident}-hatch)" stroke="{HATCH}"></rect>'
                )
                width = 24
            else:
                width = round(span * value / 100)
                parts.append(
                    f'<rect x="{left}" y="{y + 3}" height="14" width="{max(width, 1)}" '
                    f'fill="{colours[label]}"><title>{escape(heading)} · {escape(label)}: '
                    f"{escape(text)}</title></rect>"
                )
            parts.append(
                f'<text x="{left + width + 6}" y="{y + 14}" font-size="12">{escape(text)}</text>'
            )
            y += row
        y += 6
    parts.append(_hatch_def(ident))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def domain_groups(tables: DashboardTables, labels: Labels):
    """The domain strengths as :func:`svg_grouped_bars` draws them (and the PDF too)."""
    pub = tables.published
    group = tables.domain_group
    out = []
    for d in tables.domain_codes:
        bars = []
        for g in tables.domain_groups:
            if key("domain_scored", domain=d, **{group: g}) not in pub.values:
                continue
            share = domain_share(pub, d, group, g)
            bars.append((labels.name(group, g), share, _rate_text(share)))
        out.append((labels.name("domain", d), bars))
    return out


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # one per period; None = suppressed or no data
    colour: str


def svg_trend(
    periods: list[str],
    series: list[Series],
    *,
    title: str,
    desc: str,
    ident: str = "trend",
    percent: bool = False,
) -> SafeString:
    """Lines over the months (x) with points; gaps where a value is suppressed."""
    width, height, left, right, top, bottom = 640, 260, 56, 32, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for s in series for v in s.values if v is not None), default=0)
    ymax = 100.0 if percent else _nice_ceiling(peak)
    parts = [_head(width, height, title, desc, ident)]
    for k in range(5):  # gridlines and y labels
        value = ymax * k / 4
        y = top + plot_h - plot_h * k / 4
        label = f"{value:.0f}%" if percent else _tick(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dddddd">'
            f'</line><text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{label}</text>"
        )
    step = plot_w / max(len(periods) - 1, 1)

    def x_of(i: int) -> float:
        return left + (step * i if len(periods) > 1 else plot_w / 2)

    # At most 12 month labels (every other one over two years...): they would overlap.
    every = max(1, -(-len(periods) // 12))
    for i, period in enumerate(periods):
        if (len(periods) - 1 - i) % every:  # the last month always has its label
            continue
        parts.append(
            f'<text x="{x_of(i):.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{escape(period)}</text>'
        )
    for s in series:
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(s.values):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            y = top + plot_h - (plot_h * v / ymax if ymax else 0)
            segment.append(f"{x_of(i):.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{x_of(i):.1f}" cy="{y:.1f}" r="3" fill="{s.colour}">'
                f"<title>{escape(s.name)} {escape(periods[i])}: "
                f"{(f'{v:.1f}%' if percent else f'{v:,.0f}')}</title></circle>"
            )
        if segment:
            segments.append(segment)
        for seg in segments:
            parts.append(
                f'<polyline fill="none" stroke="{s.colour}" stroke-width="2" '
                f'points="{" ".join(seg)}"></polyline>'
            )
    for k, s in enumerate(series):  # legend
        x = left + 170 * k
        parts.append(
            f'<rect x="{x}" y="{height - 22}" width="14" height="4" fill="{s.colour}"></rect>'
            f'<text x="{x + 20}" y="{height - 16}" font-size="12">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _tick(value: float) -> str:
    """An axis label: 2.5 stays 2.5, 250.0 is 250."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 10.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)


def scale_breaks(values: list[float]) -> list[float]:
    """Five equal-width classes between the smallest and largest shown value."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [low] * 4
    return [low + (high - low) * k / 5 for k in range(1, 5)]


def colour_of(value: float, breaks: list[float]) -> str:
    for k, edge in enumerate(breaks):
        if value <= edge:
            return SCALE[k]
    return SCALE[len(breaks)] if breaks else SCALE[2]


def svg_map(
    values: dict[str, float | None],
    texts: dict[str, str],
    names: dict[str, str],
    *,
    title: str,
    desc: str,
    legend_title: str,
    value_format: str = "{:.1f}",
    ident: str = "map",
    labels: bool = True,
) -> SafeString:
    """Counties shaded by value; None = suppressed (hatched, "<10"), absent = no data (white).

    ``labels=False`` leaves out every <text> (the PDF draws its own legend in the CJK font).
    """
    shown = [v for v in values.values() if v is not None]
    breaks = scale_breaks(shown)
    parts = [_head(500, 648, title, desc, ident, view="0 0 1000 1295")]
    parts.append(_hatch_def(ident).replace('width="6" height="6"', 'width="12" height="12"'))
    for code, path in county_paths().items():
        if code not in values:
            fill = "#ffffff"
        elif values[code] is None:
            fill = f"url(#{ident}-hatch)" if labels else HATCH
        else:
            fill = colour_of(float(values[code] or 0), breaks)
        label = f"{names.get(code, code)}: {texts.get(code, _('no data'))}"
        parts.append(
            f'<path d="{path}" fill="{fill}" stroke="#555555" stroke-width="1.2" '
            f'data-county="{code}"><title>{escape(label)}</title></path>'
        )
    if labels:
        parts.append(f'<text x="40" y="1000" font-size="28">{escape(legend_title)}</text>')
        lows = [min(shown)] + breaks if shown else []
        for k, low in enumerate(lows[: len(SCALE)]):
            y = 1020 + 44 * k
            parts.append(
                f'<rect x="40" y="{y}" width="40" height="32" fill="{SCALE[k]}" '
                f'stroke="#555555"></rect><text x="92" y="{y + 24}" font-size="26">'
                f"≥ {escape(value_format.format(low))}</text>"
            )
        y = 1020 + 44 * len(lows[: len(SCALE)])
        parts.append(
            f'<rect x="40" y="{y}" width="40" height="32" fill="url(#{ident}-hatch)" '
            f'stroke="#555555"></rect><text x="92" y="{y + 24}" font-size="26">'
            f"{escape(_('hidden (%(small)s or x)') % {'small': hidden_label()})}</text>"
        )
        parts.append(
            f'<text x="40" y="1285" font-size="18" fill="#555555">{escape(map_credit())}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def dashboard_charts(
    tables: DashboardTables, labels: Labels, *, with_map_labels: bool = True
) -> dict[str, SafeString]:
    """Every chart of a dashboard page, drawn from its suppressed tables."""
    pub = tables.published
    periods = tables.periods
    registrations = [pub.number(key("registrations", period=p)) for p in periods]
    attended = [pub.number(key("attended", period=p)) for p in periods]
    rates = [pub.rate(key("passed", period=p), key("results", period=p)) for p in periods]
    trend = svg_trend(
        periods,
        [
            Series(metric_title("registrations"), [_f(v) for v in registrations], "#3182bd"),
            Series(metric_title("attended"), [_f(v) for v in attended], "#e6550d"),
        ],
        title=_("Registrations and attendance by month"),
        desc=_("Line chart; the table of counts by month below has the same numbers."),
        ident="trend-registrations",
    )
    pass_trend = svg_trend(
        periods,
        [Series(metric_title("pass_rate"), rates, "#31a354")],
        title=_("Pass rate by month"),
        desc=_("Line chart of passed / results released; gaps where a count is suppressed."),
        ident="trend-pass-rate",
        percent=True,
    )
    bars = svg_bars(
        [
            (
                labels.name("county", c),
                pub.number(key("registrations", county=c)),
                pub.text(key("registrations", county=c)),
            )
            for c in tables.county_codes
        ],
        title=_("Registrations by county"),
        desc=_("Bar chart; hatched bars are suppressed counts. The county table has the numbers."),
        ident="bars-county",
    )
    rate_by_county = {
        c: pub.rate(key("passed", county=c), key("results", county=c)) for c in tables.county_codes
    }
    county_map = svg_map(
        rate_by_county,
        {c: _rate_text(v) for c, v in rate_by_county.items()},
        labels.counties,
        title=_("Pass rate by county"),
        desc=_(
            "Map of Taiwan's counties shaded by pass rate; hatched: suppressed; white: no data."
        ),
        legend_title=metric_title("pass_rate"),
        value_format="{:.1f}%",
        ident="map-pass-rate",
        labels=with_map_labels,
    )
    density = {}
    for c in tables.county_codes:
        passed = pub.number(key("passed", county=c))
        population = labels.population.get(c)
        density[c] = None if passed is None or not population else 10000 * passed / population
    density_map = svg_map(
        density,
        {c: (_("hidden") if v is None else f"{v:.2f}") for c, v in density.items()},
        labels.counties,
        title=pgettext("reports metric", "Passed per 10,000 inhabitants"),
        desc=_("Map of Taiwan's counties shaded by passes per 10,000 inhabitants."),
        legend_title=pgettext("reports metric", "Passed per 10,000 inhabitants"),
        value_format="{:.2f}",
        ident="map-per-10k",
        labels=with_map_labels,
    )
    certified = {c: certified_density(pub, c, labels) for c in tables.certificates.codes}
    certified_map = svg_map(
        certified,
        {c: (_("hidden") if v is None else f"{v:.2f}") for c, v in certified.items()},
        labels.counties,
        title=pgettext("reports metric", "Certified people per 10,000 inhabitants"),
        desc=_(
            "Map of Taiwan's counties shaded by holders of an active certificate per 10,000 "
            "inhabitants."
        ),
        legend_title=pgettext("reports metric", "Certified people per 10,000 inhabitants"),
        value_format="{:.2f}",
        ident="map-certified-10k",
        labels=with_map_labels,
    )
    cert_periods = tables.certificates_periods
    certificates_trend = svg_trend(
        cert_periods,
        [
            Series(
                metric_title(m),
                [_f(pub.number(tables.cert_key(m, p))) for p in cert_periods],
                colour,
            )
            for m, colour in (
                ("certificates_active", "#3182bd"),
                ("certificates_expired", "#969696"),
                ("certified_people", "#31a354"),
            )
        ],
        title=_("Certificates at each month's end"),
        desc=_("Line chart; the table of certificates by month below has the same numbers."),
        ident="trend-certificates",
    )
    domains = svg_grouped_bars(
        domain_groups(tables, labels),
        title=_("Share of results reaching the domain standard"),
        desc=_(
            "Grouped bar chart, one group per competency domain; hatched bars are suppressed. "
            "The domain strengths table below has the same numbers."
        ),
        ident="bars-domains",
    )
    return {
        "domains": domains,
        "certificates_trend": certificates_trend,
        "certified_map": certified_map,
        "trend": trend,
        "pass_trend": pass_trend,
        "bars": bars,
        "map": county_map,
        "density_map": density_map,
    }


def _f(value: int | None) -> float | None:
    return None if value is None else float(value)


def _rate_text(value: float | None) -> str:
    return _("hidden") if value is None else f"{value:.1f}%"
