"""Dashboard (foundation: all regions; center manager: own region), its CSV/XLSX exports, and
the public open-data page with its CSV files and the yearly PDF report."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from aicert.accounts.permissions import user_center_ids
from aicert.accounts.roles import Role
from aicert.centers.models import Center
from aicert.reports import charts
from aicert.reports.labels import Labels, dimension_title, labels_load, metric_title
from aicert.reports.selectors import (
    ReportFilters,
    dashboard_data,
    facts_periods,
    selfassess_by_month,
)
from aicert.reports.suppression import suppress_total
from aicert.reports.tables import DashboardTables, dashboard_tables, key

# Kept for callers that list the main table's counts (metrics are documented in selectors).
from aicert.reports.selectors import METRICS  # noqa: F401  isort: skip


def _scope(request) -> tuple[tuple[str, ...] | None, bool]:
    """(regions the reader may see — None: every region —, whether they are the foundation);
    everyone but foundation admins and center managers is refused."""
    user = request.user
    if any(m.role == Role.FOUNDATION_ADMIN for m in user.active_memberships):
        return None, True
    centers = user_center_ids(user)
    if centers and any(m.role == Role.CENTER_MANAGER for m in user.active_memberships):
        regions = Center.objects.filter(pk__in=centers).values_list("region__code", flat=True)
        return tuple(sorted(set(regions))), False
    raise PermissionDenied


def _filters(request, labels: Labels):
    from aicert.reports.forms import ReportFilterForm

    regions, foundation = _scope(request)
    region = request.GET.get("region", "")
    if regions is not None and region and region not in regions:
        raise PermissionDenied
    form = ReportFilterForm(
        request.GET or None, labels=labels, regions=regions, foundation=foundation
    )
    if form.is_bound and form.is_valid():
        return form, form.filters(), 200
    return form, ReportFilters(regions=regions), (400 if form.is_bound else 200)


def _charts(tables: DashboardTables, labels: Labels, *, with_map_labels: bool = True) -> dict:
    pub = tables.published
    periods = tables.periods
    registrations = [pub.number(key("registrations", period=p)) for p in periods]
    attended = [pub.number(key("attended", period=p)) for p in periods]
    rates = [pub.rate(key("passed", period=p), key("results", period=p)) for p in periods]
    trend = charts.svg_trend(
        periods,
        [
            charts.Series(metric_title("registrations"), [_f(v) for v in registrations], "#3182bd"),
            charts.Series(metric_title("attended"), [_f(v) for v in attended], "#e6550d"),
        ],
        title=_("Registrations and attendance by month"),
        desc=_("Line chart; the table of counts by month below has the same numbers."),
        ident="trend-registrations",
    )
    pass_trend = charts.svg_trend(
        periods,
        [charts.Series(metric_title("pass_rate"), rates, "#31a354")],
        title=_("Pass rate by month"),
        desc=_("Line chart of passed / results released; gaps where a count is suppressed."),
        ident="trend-pass-rate",
        percent=True,
    )
    bars = charts.svg_bars(
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
    county_map = charts.svg_map(
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
    density_map = charts.svg_map(
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
    return {
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


@login_required
def dashboard(request):
    labels = labels_load()
    form, filters, status = _filters(request, labels)
    data = dashboard_data(filters)
    tables = dashboard_tables(data, labels)
    context = {
        "form": form,
        "filters": filters,
        "tables": tables,
        "charts": _charts(tables, labels),
        "refreshed_at": data.refreshed_at,
        "by_title": dimension_title(filters.by),
        "periods": facts_periods(),
        "exports": [(t.slug, t.title) for t in tables.all()],
        "selfassess": _selfassess_table(filters),
    }
    return render(request, "reports/dashboard.html", context, status=status)


def _selfassess_table(filters: ReportFilters):
    """Practice tests finished per month (foundation only: they carry no region)."""
    if filters.regions is not None:
        return None
    return [
        (
            p,
            suppress_total(v.get("selfassess_attempts", 0)),
            suppress_total(v.get("selfassess_people", 0)),
        )
        for p, v in selfassess_by_month(period=filters.period).items()
    ]


def _export_tables(request) -> DashboardTables:
    labels = labels_load()
    _form, filters, _status = _filters(request, labels)
    return dashboard_tables(dashboard_data(filters), labels)


@login_required
def export_csv(request):
    tables = _export_tables(request)
    view = request.GET.get("view", "breakdown")
    chosen = next((t for t in tables.all() if t.slug == view), None)
    if chosen is None:
        raise Http404
    return _csv_response(chosen, f"report-{chosen.slug}.csv")


def _csv_response(table, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read the Chinese names as UTF-8
    writer = csv.writer(response)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return response


@login_required
def export_xlsx(request):
    tables = _export_tables(request)
    book = Workbook()
    book.remove(book.active)
    for table in tables.all():
        sheet = book.create_sheet(table.slug)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.header)
        for row in table.rows:
            sheet.append(row)
    notes = book.create_sheet("notes")
    notes.append(
        [
            _(
                "Counts below the threshold are shown as <10; cells hidden so that such a "
                "count cannot be worked out from the totals are shown as x."
            )
        ]
    )
    notes.append([_("Generated"), timezone.localtime().isoformat(timespec="minutes")])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="report.xlsx"'
    return response
