"""Psychometrician pages: item analyses (run, list, detail) and the list of flagged items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission, user_can
from aicert.analysis import selectors, services
from aicert.analysis.forms import FlagFilterForm, RunAnalysisForm
from aicert.analysis.models import AnalysisRun, Flag


def _list_page(request, run_form: RunAnalysisForm | None, status: int = 200):
    return render(
        request,
        "analysis/run_list.html",
        {
            "runs": selectors.analysis_run_list_for_user(user=request.user)[:100],
            "run_form": run_form,
        },
        status=status,
    )


@login_required
def run_list(request):
    require_permission(request.user, "analysis.view_analysisrun")
    can_run = user_can(request.user, "analysis.run_item_analysis")
    return _list_page(request, RunAnalysisForm() if can_run else None)


@login_required
@require_POST
def run_create(request):
    require_permission(request.user, "analysis.run_item_analysis")
    form = RunAnalysisForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        run = services.analysis_run_create(
            actor=request.user,
            form=form.cleaned_data["form"],
            session=form.cleaned_data["session"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _list_page(request, form, status=400)
    messages.success(
        request,
        _("Item analysis done: %(n)d items flagged for review.") % {"n": run.n_flagged},
    )
    return redirect("analysis:run_detail", pk=run.pk)


@login_required
def run_detail(request, pk: int):
    require_permission(request.user, "analysis.view_analysisrun")
    try:
        run = selectors.analysis_run_get_for_user(user=request.user, pk=pk)
    except AnalysisRun.DoesNotExist as exc:
        raise Http404 from exc
    items = list(selectors.analysis_run_items(run=run))
    return render(
        request,
        "analysis/run_detail.html",
        {
            "run": run,
            "items": items,
            "flagged": [r for r in items if r.flags],
            "dif_groups": run.summary.get("dif_groups", []),
            "calibration": run.summary.get("calibration", {}),
            "thresholds": run.summary.get("thresholds", {}),
            "can_run": user_can(request.user, "analysis.run_item_analysis"),
            "can_see_items": user_can(request.user, "itembank.view_item"),
        },
    )


@login_required
def flag_list(request):
    """Every item version whose latest analysis raised a flag, linking to the item."""
    require_permission(request.user, "analysis.view_analysisrun")
    form = FlagFilterForm(request.GET or None)
    flag = form.cleaned_data.get("flag", "") if form.is_valid() else ""
    return render(
        request,
        "analysis/flag_list.html",
        {
            "form": form,
            "statistics": selectors.flagged_statistics(flag=flag),
            "flag_labels": dict(Flag.choices),
            "can_see_items": user_can(request.user, "itembank.view_item"),
        },
    )
