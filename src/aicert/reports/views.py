"""Dashboard (foundation: all regions; center manager: own region) and its CSV export."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from openpyxl import Workbook

from aicert.accounts.permissions import user_center_ids
from aicert.accounts.roles import Role
from aicert.centers.models import Center
from aicert.reports.models import ReportFact
from aicert.shared.suppression import suppress

METRICS = ("registrations", "attended", "results", "passed")


def _regions(request) -> list[str] | None:
    """None = every region (foundation); else the manager's regions; refuse everyone else."""
    user = request.user
    if any(m.role == Role.FOUNDATION_ADMIN for m in user.active_memberships):
        return None
    centers = user_center_ids(user)
    if centers and any(m.role == Role.CENTER_MANAGER for m in user.active_memberships):
        return sorted(
            set(Center.objects.filter(pk__in=centers).values_list("region__code", flat=True))
        )
    raise PermissionDenied


def _table(request) -> list[dict[str, str]]:
    allowed = _regions(request)
    facts = ReportFact.objects.all()
    region = request.GET.get("region", "")
    if allowed is not None:
        if region and region not in allowed:
            raise PermissionDenied
        facts = facts.filter(region_code__in=allowed)
    for field in ("region", "county", "level", "subject"):
        if request.GET.get(field):
            facts = facts.filter(**{f"{field}_code": request.GET[field]})
    if request.GET.get("period"):
        facts = facts.filter(period__startswith=request.GET["period"])
    grouped: dict[str, dict[str, int]] = {}
    for row in facts.values("county_code", "metric").annotate(n=Sum("value")):
        grouped.setdefault(row["county_code"], dict.fromkeys(METRICS, 0))[row["metric"]] = row["n"]
    table = []
    for county, cells in sorted(grouped.items()):
        shown = suppress({k: cells.get(k, 0) for k in METRICS})
        table.append({"county": county, **shown})
    return table


def _bars(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """Bars of registrations by county for the server-rendered SVG (suppressed cells: no bar)."""
    values = [int(r["registrations"]) if r["registrations"].isdigit() else 0 for r in rows]
    top = max(values, default=0) or 1
    return [
        {"label": r["county"], "text": r["registrations"], "y": 24 * i, "width": 300 * v // top}
        for i, (r, v) in enumerate(zip(rows, values, strict=True))
    ]


@login_required
def dashboard(request):
    rows = _table(request)
    bars = _bars(rows)
    context = {
        "rows": rows,
        "metrics": METRICS,
        "bars": bars,
        "chart_height": 24 * len(bars) + 4,
        "filters": {
            k: request.GET.get(k, "") for k in ("region", "county", "level", "subject", "period")
        },
    }
    return render(request, "reports/dashboard.html", context)


@login_required
def export_csv(request):
    rows = _table(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="report.csv"'
    writer = csv.writer(response)
    writer.writerow(["county", *METRICS])
    for row in rows:
        writer.writerow([row["county"], *(row[m] for m in METRICS)])
    return response


@login_required
def export_xlsx(request):
    rows = _table(request)
    book = Workbook()
    sheet = book.active
    sheet.append(["county", *METRICS])
    for row in rows:
        sheet.append([row["county"], *(row[m] for m in METRICS)])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="report.xlsx"'
    return response
