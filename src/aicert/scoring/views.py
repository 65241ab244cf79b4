"""Scoring pages: marking and adjudication queues, agreement statistics, item challenges and
appeals. Views parse input, call one service and render; permissions are checked per page and
per object (a marker only opens their own tasks; a candidate only their own attempts)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission, user_can
from aicert.delivery.models import Attempt, FormItem
from aicert.scoring import keys as key_patches
from aicert.scoring import selectors, services
from aicert.scoring.models import (
    Appeal,
    ChallengeAction,
    MarkingKind,
    MarkingStatus,
    MarkingTask,
)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- marking -----------------------------------------------------------------------------------


@login_required
def marker_queue(request):
    require_permission(request.user, "scoring.mark_response")
    services.marking_assign_pending()
    return render(
        request,
        "scoring/marker_queue.html",
        {
            "tasks": selectors.marker_queue(user=request.user),
            "done": selectors.marker_done_count(user=request.user),
            "can_adjudicate": selectors.is_adjudicator(request.user),
        },
    )


@login_required
def adjudication_queue(request):
    require_permission(request.user, "scoring.adjudicate_response")
    if not selectors.is_adjudicator(request.user):
        raise PermissionDenied
    return render(
        request,
        "scoring/adjudication_queue.html",
        {"tasks": selectors.adjudication_queue(user=request.user)},
    )


def _task_for(user, pk: int) -> MarkingTask:
    try:
        task = selectors.marking_task_get(pk=pk)
    except MarkingTask.DoesNotExist as exc:
        raise Http404 from exc
    if task.kind == MarkingKind.ADJUDICATION:
        if not (
            user_can(user, "scoring.adjudicate_response")
            and selectors.is_adjudicator(user)
            and task in selectors.adjudication_queue(user=user)
        ):
            raise Http404
    elif not user_can(user, "scoring.mark_response") or task.marker_id != user.pk:
        raise Http404
    return task


@login_required
def mark(request, pk: int):
    task = _task_for(request.user, pk)
    if task.status != MarkingStatus.ASSIGNED:
        messages.info(request, _("This answer has already been marked."))
        return redirect("scoring:marker_queue")
    view = selectors.marking_task_view(task=task)
    status = 200
    chosen: list[str] = []
    comment = ""
    if request.method == "POST":
        chosen = [request.POST.get(f"criterion_{i}", "") for i in range(len(view.criteria))]
        comment = request.POST.get("comment", "")
        try:
            scores = [int(v) for v in chosen]
        except ValueError:
            messages.error(request, _("Score every criterion."))
            status = 400
        else:
            try:
                services.mark_submit(
                    actor=request.user, task=task, criterion_scores=scores, comment=comment
                )
            except ValidationError as exc:
                _errors(request, exc)
                status = 400
            else:
                messages.success(request, _("Mark saved."))
                if task.kind == MarkingKind.ADJUDICATION:
                    return redirect("scoring:adjudication_queue")
                return redirect("scoring:marker_queue")
    rows = [
        (index, criterion, chosen[index] if index < len(chosen) else "")
        for index, criterion in enumerate(view.criteria)
    ]
    return render(
        request,
        "scoring/mark.html",
        {"view": view, "rows": rows, "comment": comment},
        status=status,
    )


@login_required
def agreement_statistics(request):
    require_permission(request.user, "scoring.view_marking_statistics")
    return render(
        request,
        "scoring/agreement.html",
        {
            "by_item": selectors.agreement_by_item(),
            "by_marker": selectors.agreement_by_marker(),
        },
    )


# --- item challenges (psychometrician) ----------------------------------------------------------


@login_required
def challenge_list(request):
    require_permission(request.user, "scoring.decide_challenge")
    return render(request, "scoring/challenge_list.html", {"groups": selectors.challenge_groups()})


def _parse_keys(request, form_item: FormItem, action: str) -> list[dict]:
    """The accepted keys from the review form: option boxes for choice items, else JSON."""
    if action not in (ChallengeAction.REKEY, ChallengeAction.MULTIPLE_KEYS):
        return []
    item_type = form_item.item_version.item_type
    if item_type in ("single_choice", "multiple_response"):
        try:
            chosen = sorted({int(v) for v in request.POST.getlist("options")})
        except ValueError as exc:
            raise ValidationError(_("Choose options by their letters.")) from exc
        if item_type == "single_choice" and action == ChallengeAction.MULTIPLE_KEYS:
            return [{"correct": [i]} for i in chosen]
        return [{"correct": chosen}] if chosen else []
    if item_type == "true_false":
        values = request.POST.getlist("tf")
        return [{"key": v == "true"} for v in ("true", "false") if v in values]
    text = request.POST.get("keys_json", "").strip()
    if not text:
        return []
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(_("The keys are not valid JSON: %(error)s") % {"error": exc}) from exc
    return parsed if isinstance(parsed, list) else [parsed]


@login_required
def challenge_review(request, pk: int):
    require_permission(request.user, "scoring.decide_challenge")
    try:
        form_item = FormItem.objects.select_related("form__subject", "item_version").get(pk=pk)
    except FormItem.DoesNotExist as exc:
        raise Http404 from exc
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            keys = _parse_keys(request, form_item, action)
            services.challenge_decide(
                actor=request.user,
                form_item=form_item,
                action=action,
                reason=request.POST.get("reason", ""),
                keys=keys,
            )
        except ValidationError as exc:
            _errors(request, exc)
            status = 400
        else:
            messages.success(request, _("Decision recorded; affected attempts are rescored."))
            return redirect("scoring:challenge_review", pk=pk)
    version = form_item.item_version
    override = getattr(form_item, "scoring_override", None)
    return render(
        request,
        "scoring/challenge_review.html",
        {
            "form_item": form_item,
            "version": version,
            "challenges": selectors.form_item_challenges(form_item=form_item),
            "decisions": form_item.challenge_decisions.select_related("decided_by"),
            "rescores": selectors.decision_rescores(form_item=form_item),
            "override": override,
            "actions": ChallengeAction.choices,
            "current_key": json.dumps(
                [key_patches.key_patch_current(version.item_type, version.content_zh)],
                ensure_ascii=False,
            ),
            "options": version.content_zh.get("options", []),
        },
        status=status,
    )


# --- appeals (foundation) -------------------------------------------------------------------------


def _appeal_or_404(user, pk: int) -> Appeal:
    require_permission(user, "scoring.handle_appeal")
    try:
        return selectors.appeal_list().get(pk=pk)
    except Appeal.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def appeal_list(request):
    require_permission(request.user, "scoring.handle_appeal")
    return render(request, "scoring/appeal_list.html", {"appeals": selectors.appeal_list()})


@login_required
def appeal_detail(request, pk: int):
    appeal = _appeal_or_404(request.user, pk)
    return render(
        request,
        "scoring/appeal_detail.html",
        {
            "appeal": appeal,
            "tasks": selectors.appeal_marking_tasks(appeal=appeal),
            "rescores": appeal.rescores.all(),
        },
    )


@login_required
@require_POST
def appeal_start(request, pk: int):
    appeal = _appeal_or_404(request.user, pk)
    try:
        services.appeal_review_start(actor=request.user, appeal=appeal)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Re-marking started."))
    return redirect("scoring:appeal_detail", pk=pk)


@login_required
@require_POST
def appeal_decide(request, pk: int):
    appeal = _appeal_or_404(request.user, pk)
    outcome = request.POST.get("outcome")
    if outcome not in ("upheld", "dismissed"):
        messages.error(request, _("Choose upheld or dismissed."))
        return redirect("scoring:appeal_detail", pk=pk)
    try:
        services.appeal_decide(
            actor=request.user,
            appeal=appeal,
            upheld=outcome == "upheld",
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Outcome recorded; the candidate is notified."))
    return redirect("scoring:appeal_detail", pk=pk)


# --- candidates -------------------------------------------------------------------------------------


def _own_attempt(user, pk: str | None) -> Attempt:
    try:
        return Attempt.objects.get(pk=int(pk or 0), candidate=user)
    except (Attempt.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@login_required
def my_challenges(request):
    now = timezone.now()
    status = 200
    if request.method == "POST":
        attempt = _own_attempt(request.user, request.POST.get("attempt"))
        try:
            number = int(request.POST.get("number", ""))
        except ValueError:
            number = 0
        try:
            services.challenge_create(
                actor=request.user,
                attempt=attempt,
                number=number,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            _errors(request, exc)
            status = 400
        else:
            messages.success(request, _("Your challenge is submitted."))
            return redirect("scoring:my_challenges")
    return render(
        request,
        "scoring/my_challenges.html",
        {
            "attempts": selectors.attempts_open_for_challenge(user=request.user, now=now),
            "challenges": selectors.candidate_challenges(user=request.user),
            "posted": request.POST if status == 400 else None,
        },
        status=status,
    )


@login_required
def my_appeals(request):
    now = timezone.now()
    status = 200
    if request.method == "POST":
        attempt = _own_attempt(request.user, request.POST.get("attempt"))
        try:
            services.appeal_create(
                actor=request.user, attempt=attempt, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            _errors(request, exc)
            status = 400
        else:
            messages.success(request, _("Your appeal is submitted."))
            return redirect("scoring:my_appeals")
    return render(
        request,
        "scoring/my_appeals.html",
        {
            "attempts": selectors.attempts_open_for_appeal(user=request.user, now=now),
            "appeals": selectors.candidate_appeals(user=request.user),
            "posted": request.POST if status == 400 else None,
        },
        status=status,
    )
