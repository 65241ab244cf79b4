"""The public open-data page (no sign-in): suppressed aggregates of one year for all regions,
their CSV files and the yearly PDF report. Nothing here can be broken down by gender."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aicert.reports.annual_report import annual_report_pdf
from aicert.reports.charts import dashboard_charts
from aicert.reports.labels import labels_load
from aicert.reports.selectors import ReportFilters, dashboard_data, facts_periods
from aicert.reports.tables import DashboardTables, dashboard_tables
from aicert.reports.views import csv_response

#: The public tables of a year: by county, by month and by level (never gender or age).
PUBLIC_VIEWS = (
    "counties",
    "trend",
    "breakdown",
    "county_level",
    "certificates",
    "certificates_trend",
    "domains",
)


def _years() -> list[str]:
    return sorted({p[:4] for p in facts_periods()}, reverse=True)


def _year_tables(year: str):
    labels = labels_load()
    filters = ReportFilters(regions=None, period=year, by="level")
    return dashboard_tables(dashboard_data(filters), labels), labels


def _public(tables: DashboardTables):
    return [t for t in tables.all() if t.slug in PUBLIC_VIEWS]


def open_data(request):
    years = _years()
    this_year = str(timezone.localdate().year)
    # Opens on this year (or the last one before it): next year has registrations only.
    default = next((y for y in years if y <= this_year), years[0] if years else this_year)
    year = request.GET.get("year") or default
    if year not in years and years:
        year = years[0]
    tables, labels = _year_tables(year)
    context = {
        "years": years,
        "year": year,
        "tables": _public(tables),
        "limit": tables.published.limit,
        "charts": dashboard_charts(tables, labels) if years else None,
    }
    return render(request, "reports/open_data.html", context)


def open_data_csv(request, year: str, view: str):
    if year not in _years() or view not in PUBLIC_VIEWS:
        raise Http404
    tables, _labels = _year_tables(year)
    table = next(t for t in tables.all() if t.slug == view)
    return csv_response(table, f"aicert-{year}-{view}.csv")


def open_data_pdf(request, year: str):
    if year not in _years():
        raise Http404
    tables, labels = _year_tables(year)
    response = HttpResponse(annual_report_pdf(year, tables, labels), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="aicert-regional-ai-talent-{year}.pdf"'
    return response
