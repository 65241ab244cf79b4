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
from openpyxl import Workbook
from openpyxl.styles import Font

from aicert.accounts.permissions import user_center_ids
from aicert.accounts.roles import Role
from aicert.centers.models import Center
from aicert.reports import charts
from aicert.reports.forms import ReportFilterForm
from aicert.reports.labels import Labels, dimension_title, labels_load, metric_title
from aicert.reports.selectors import (
    ReportFilters,
    dashboard_data,
    facts_periods,
    selfassess_by_month,
)
from aicert.reports.tables import DashboardTables, dashboard_tables
from aicert.shared.suppression import suppress_total


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
        "charts": charts.dashboard_charts(tables, labels),
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


def _export_tables(request) -> tuple[DashboardTables, ReportFilters]:
    labels = labels_load()
    _form, filters, _status = _filters(request, labels)
    return dashboard_tables(dashboard_data(filters), labels), filters


@login_required
def export_csv(request):
    tables, _filters_used = _export_tables(request)
    view = request.GET.get("view", "breakdown")
    chosen = next((t for t in tables.all() if t.slug == view), None)
    if chosen is None:
        raise Http404
    return csv_response(chosen, f"report-{chosen.slug}.csv")


def csv_response(table, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read the Chinese names as UTF-8
    writer = csv.writer(response)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return response


@login_required
def export_xlsx(request):
    tables, filters = _export_tables(request)
    book = Workbook()
    book.remove(book.active)
    for table in tables.all():
        sheet = book.create_sheet(table.slug)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.header)
        for row in table.rows:
            sheet.append(row)
    practice = _selfassess_table(filters)
    if practice is not None:
        sheet = book.create_sheet("selfassess")
        sheet.append([_("Practice tests finished per month (all regions)")])
        sheet["A1"].font = Font(bold=True)
        sheet.append(
            [
                dimension_title("period"),
                metric_title("selfassess_attempts"),
                metric_title("selfassess_people"),
            ]
        )
        for row in practice:
            sheet.append(list(row))
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
