"""Psychometrician pages (forms: assembly, preview, lock, publish) and the candidate's exam player."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission, user_can
from aicert.delivery import selectors, services
from aicert.delivery.forms import AssembleForm
from aicert.delivery.models import Attempt, AttemptStatus, Form
from aicert.optimize.explain import InfeasibleError, SolverLimitError


def _form_or_404(user, pk: int) -> Form:
    require_permission(user, "delivery.view_form")
    try:
        return selectors.form_get_for_user(user=user, pk=pk)
    except Form.DoesNotExist as exc:
        raise Http404 from exc


def _list_page(request, assemble_form: AssembleForm | None, infeasible=None, status=200):
    forms = selectors.form_list_for_user(user=request.user)
    return render(
        request,
        "delivery/form_list.html",
        {
            "forms": forms,
            "assemble_form": assemble_form,
            "infeasible": infeasible,
        },
        status=status,
    )


@login_required
def form_list(request):
    require_permission(request.user, "delivery.view_form")
    can_assemble = user_can(request.user, "delivery.assemble_form")
    return _list_page(request, AssembleForm() if can_assemble else None)


@login_required
@require_POST
def form_assemble(request):
    require_permission(request.user, "delivery.assemble_form")
    form = AssembleForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        created = services.form_assemble(actor=request.user, **form.service_kwargs())
    except InfeasibleError as exc:
        return _list_page(request, form, infeasible=exc.reasons, status=409)
    except SolverLimitError as exc:
        messages.error(request, str(exc))
        return _list_page(request, form, status=409)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _list_page(request, form, status=409)
    messages.success(
        request,
        _("Assembled %(codes)s. Preview each form before you lock it.")
        % {"codes": ", ".join(f.code for f in created)},
    )
    return redirect("delivery:form_list")


@login_required
def form_detail(request, pk: int):
    user = request.user
    form = _form_or_404(user, pk)
    language = "en" if request.GET.get("language") == "en" else "zh"
    can_lock = user_can(user, "delivery.lock_form")
    return render(
        request,
        "delivery/form_detail.html",
        {
            "form": form,
            "items": selectors.form_preview(form=form, language=language),
            "language": language,
            "reveal": user_can(user, "delivery.view_form_key"),
            "report": form.assembly_report,
            "curve": list(
                zip(
                    form.assembly_report.get("thetas", []),
                    form.assembly_report.get("information", []),
                    form.assembly_report.get("tcc", []),
                    strict=False,
                )
            ),
            "can_lock": can_lock and form.status == "draft",
            "can_publish": can_lock and form.status == "locked",
            "can_retire": can_lock and form.status in ("locked", "published"),
            "can_discard": user_can(user, "delivery.assemble_form") and form.status == "draft",
        },
    )


def _transition(request, pk: int, service, done: str):
    form = _form_or_404(request.user, pk)
    try:
        service(actor=request.user, form=form)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % {"code": form.code})
    return redirect("delivery:form_detail", pk=pk)


@login_required
@require_POST
def form_lock(request, pk: int):
    return _transition(request, pk, services.form_lock, _("Form %(code)s is locked."))


@login_required
@require_POST
def form_publish(request, pk: int):
    return _transition(request, pk, services.form_publish, _("Form %(code)s is published."))


@login_required
@require_POST
def form_retire(request, pk: int):
    return _transition(request, pk, services.form_retire, _("Form %(code)s is retired."))


@login_required
@require_POST
def form_discard(request, pk: int):
    form = _form_or_404(request.user, pk)
    try:
        services.form_discard(actor=request.user, form=form)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("delivery:form_detail", pk=pk)
    messages.success(request, _("Form %(code)s is discarded.") % {"code": form.code})
    return redirect("delivery:form_list")


# --- the exam player (the attempt's own candidate only) ------------------------------------------


def _own_attempt_or_404(user, pk: int) -> Attempt:
    try:
        return selectors.attempt_get_for_candidate(user=user, pk=pk)
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc


def _exam_language(attempt: Attempt) -> str:
    return "en" if attempt.language == "en" else "zh-hant"


@login_required
def attempt_player(request, pk: int):
    """The exam player's page: no item content (the script loads it once the exam runs)."""
    attempt = _own_attempt_or_404(request.user, pk)
    with translation.override(_exam_language(attempt)):
        config = {
            "attempt": attempt.pk,
            "api": f"/api/delivery/attempts/{attempt.pk}",
            "items": reverse("delivery:attempt_items", args=[attempt.pk]),
            "strings": _player_strings(),
        }
        return render(
            request,
            "delivery/attempt_player.html",
            {
                "attempt": attempt,
                "subject": attempt.form.subject,
                "exam_language": _exam_language(attempt),
                "item_count": attempt.form.items.count(),
                "minutes": (attempt.time_allowed_seconds + attempt.extended_seconds) // 60,
                "player_config": config,
            },
        )


def _player_strings() -> dict[str, str]:
    """The player script's words, in the exam's language (the script has no catalogue)."""
    return {
        "saving": _("Saving…"),
        "saved": _("All answers saved"),
        "offline": _("Offline: %(count)s answer(s) kept on this computer, sent when back online"),
        "pending": _("%(count)s answer(s) waiting to be sent"),
        "refused": _("An answer was refused: %(reason)s"),
        "answered": _("Answered"),
        "unanswered": _("Not answered"),
        "flagged": _("Flagged"),
        "flag": _("Flag for review"),
        "unflag": _("Remove flag"),
        "question": _("Question %(number)s"),
        "review_summary": _("%(unanswered)s of %(total)s not answered · %(flagged)s flagged"),
        "confirm": _(
            "You have %(unanswered)s unanswered question(s) and %(flagged)s flagged. "
            "Once handed in, your answers cannot change."
        ),
        "confirm_all": _(
            "You have answered every question. Once handed in, answers cannot change."
        ),
        "not_sent": _(
            "Some answers are not yet saved on the server. Wait until the status says all answers "
            "are saved (check the network) and hand in again."
        ),
        "warning_10": _("10 minutes left."),
        "warning_5": _("5 minutes left."),
        "time_up": _("Time is up. Your saved answers are being handed in…"),
        "submitted_title": _("Your exam has been handed in"),
        "submitted_text": _(
            "Your answers are saved. You may leave the room when the invigilator says so."
        ),
        "auto_submitted_title": _("Time is up: your exam has been handed in"),
        "auto_submitted_text": _("Every answer saved before the end was handed in."),
        "voided_title": _("This attempt was cancelled"),
        "voided_text": _("The invigilator cancelled this attempt. Please speak to them."),
        "moved": _(
            "This exam was moved to another computer: answers can no longer be saved here. "
            "Ask the invigilator if you need help."
        ),
        "taken": _(
            "This exam is open on another computer. Ask the invigilator to move it to this "
            "computer."
        ),
        "error": _("Something went wrong: %(reason)s"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "keep_order": _("Keep this order as my answer"),
        "match_for": _("Match for: %(prompt)s"),
        "no_match": _("— choose —"),
        "your_answer": _("Your answer"),
        "characters": _("%(count)s characters"),
    }


@login_required
def attempt_items(request, pk: int):
    """The attempt's items rendered exactly as the item bank previews them (HTML fragment).

    Only while the attempt is in progress: never before the candidate starts, while paused,
    or after the end (409 then, so the player knows to wait).
    """
    attempt = _own_attempt_or_404(request.user, pk)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return HttpResponse(status=409)
    language = _exam_language(attempt)
    with translation.override(language):
        response = render(
            request,
            "delivery/_attempt_items.html",
            {
                "items": selectors.attempt_player_items(attempt=attempt),
                "render_language": "en" if language == "en" else "zh",
            },
        )
    response["Cache-Control"] = "no-store"
    return response
