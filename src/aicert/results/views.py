"""Result pages: the candidate's results and score report (page and PDF), the foundation's
release page, session summaries with CSV export, and scale transformations."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission, scope_queryset, user_can
from aicert.catalog.models import Subject
from aicert.registration.models import CandidateProfile
from aicert.results import charts, selectors, services
from aicert.results.forms import ReleaseForm, ScaleTransformForm
from aicert.results.models import Result, ResultRelease, ScaleTransform
from aicert.results.report_pdf import rule_explanation, score_report_pdf
from aicert.scheduling.models import Session
from aicert.shared.forms import apply_form_errors


def _own_result(user, pk: int) -> Result:
    """A released result of the signed-in candidate; anyone else's, or a hidden one, is a 404."""
    try:
        return selectors.result_get_for_candidate(user=user, pk=pk)
    except Result.DoesNotExist as exc:
        raise Http404 from exc


def _candidate_name(user) -> str:
    profile = CandidateProfile.objects.filter(user=user).first()
    return (profile.legal_name if profile else "") or str(user)


# --- candidate ------------------------------------------------------------------------------------


@login_required
def my_results(request):
    return render(
        request,
        "results/my_results.html",
        {
            "results": selectors.results_released_for_candidate(user=request.user),
            "level_results": selectors.level_results_for_candidate(user=request.user),
        },
    )


@login_required
def report(request, pk: int):
    result = _own_result(request.user, pk)
    data = selectors.score_report(result=result)
    chart = charts.domain_profile_svg(
        [(d.code, d.name, d.percent, d.depth) for d in data.domains],
        title=_("Domain profile"),
        description=_(
            "Percent of points earned in each competency domain; the table below "
            "gives the same numbers."
        ),
        cut=result.subject_min,
        cut_label=_("Subject minimum"),
    )
    return render(
        request,
        "results/report.html",
        {
            "result": result,
            "report": data,
            "chart": chart,
            "rule_text": rule_explanation(data),
            "candidate_name": _candidate_name(request.user),
        },
    )


@login_required
def report_pdf(request, pk: int):
    result = _own_result(request.user, pk)
    data = selectors.score_report(result=result)
    content = score_report_pdf(data, candidate_name=_candidate_name(request.user))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="score-report-{result.pk}.pdf"'
    return response


# --- foundation: release --------------------------------------------------------------------------


@login_required
def release_list(request):
    require_permission(request.user, "results.release_result")
    rows = selectors.sessions_with_results(user=request.user, perm="results.release_result")
    return render(
        request,
        "results/release_list.html",
        {"rows": rows, "form": ReleaseForm(initial={"release_at": timezone.localtime()})},
    )


@login_required
@require_POST
def release_schedule(request, session_pk: int):
    session = get_object_or_404(Session, pk=session_pk)
    require_permission(request.user, "results.release_result", session)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            release = services.result_release_schedule(
                actor=request.user,
                session=session,
                release_at=form.cleaned_data["release_at"],
                force=form.cleaned_data["force"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if release.released_at:
                messages.success(request, _("Results released."))
            else:
                messages.success(request, _("Release scheduled."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("results:release_list")


@login_required
@require_POST
def release_cancel(request, session_pk: int):
    release = get_object_or_404(ResultRelease, session_id=session_pk)
    require_permission(request.user, "results.release_result", release.session)
    try:
        services.result_release_cancel(actor=request.user, release=release)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Scheduled release cancelled."))
    return redirect("results:release_list")


# --- summaries (foundation, psychometricians; center managers see counts only) -----------------


@login_required
def session_list(request):
    require_permission(request.user, "results.view_session_summary")
    return render(
        request,
        "results/session_list.html",
        {
            "rows": selectors.sessions_with_results(user=request.user),
            "sees_scores": user_can(request.user, "results.view_result"),
            "small_cell_min": selectors.SMALL_CELL_MIN,
        },
    )


def _scored_session(user, pk: int) -> Session:
    require_permission(user, "results.view_result")
    sessions = scope_queryset(user, "results.view_result", Session.objects.all())
    try:
        return sessions.select_related("subject__level", "room__venue__center__organisation").get(
            pk=pk
        )
    except Session.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def session_detail(request, pk: int):
    session = _scored_session(request.user, pk)
    summary = selectors.session_summary(session=session)
    chart = charts.histogram_svg(
        summary.bins,
        title=_("Distribution of scaled scores"),
        description=_(
            "Number of candidates in each band of scaled scores; the table gives the same numbers."
        ),
    )
    return render(
        request,
        "results/session_detail.html",
        {
            "session": session,
            "summary": summary,
            "chart": chart,
            "can_export": user_can(request.user, "results.export_result"),
        },
    )


@login_required
def session_export(request, pk: int):
    session = _scored_session(request.user, pk)
    require_permission(request.user, "results.export_result")
    rows = selectors.results_for_export(session=session)
    domain_codes = sorted({code for row in rows for code in row["domains"]})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="results-session-{session.pk}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a byte-order mark
    writer = csv.writer(response)
    fixed = [
        "result",
        "candidate_ref",
        "id_masked",
        "subject",
        "session",
        "raw_points",
        "raw_max",
        "percent",
        "scaled_score",
        "scale_version",
        "subject_min_reached",
        "status",
        "revision",
    ]
    writer.writerow(fixed + [f"domain_{code}_percent" for code in domain_codes])
    for row in rows:
        writer.writerow(
            [row[k] for k in fixed] + [row["domains"].get(code, "") for code in domain_codes]
        )
    return response


# --- scale transformations ------------------------------------------------------------------------


@login_required
def scale_list(request):
    require_permission(request.user, "results.view_scaletransform")
    subjects = Subject.objects.select_related("level__certification").order_by(
        "level__certification__code", "level__rank", "position"
    )
    transforms = ScaleTransform.objects.select_related("subject", "created_by").order_by(
        "subject_id", "-version"
    )
    by_subject: dict[int, list[ScaleTransform]] = {}
    for t in transforms:
        by_subject.setdefault(t.subject_id, []).append(t)
    return render(
        request,
        "results/scale_list.html",
        {
            "rows": [(s, by_subject.get(s.pk, [])) for s in subjects],
            "can_add": user_can(request.user, "results.add_scaletransform"),
        },
    )


@login_required
def scale_create(request, subject_pk: int):
    require_permission(request.user, "results.add_scaletransform")
    subject = get_object_or_404(Subject.objects.select_related("level"), pk=subject_pk)
    form = ScaleTransformForm(
        request.POST or None,
        initial={
            "basis": "percent",
            "raw_low": 0,
            "raw_high": 100,
            "scaled_low": 0,
            "scaled_high": 100,
            "decimals": 0,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scale_transform_create(
                actor=request.user, subject=subject, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_form_errors(form, exc)
        else:
            messages.success(request, _("New scale version published."))
            return redirect("results:scale_list")
    return render(
        request,
        "results/scale_form.html",
        {"form": form, "subject": subject},
        status=400 if request.method == "POST" else 200,
    )
