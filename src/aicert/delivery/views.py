"""Psychometrician pages: the forms of each subject, assembly, preview, lock and publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import user_can
from aicert.delivery import selectors, services
from aicert.delivery.forms import AssembleForm
from aicert.delivery.models import Form
from aicert.optimize.explain import InfeasibleError, SolverLimitError


def _require(user, perm: str) -> None:
    if not user_can(user, perm):
        raise PermissionDenied


def _form_or_404(user, pk: int) -> Form:
    _require(user, "delivery.view_form")
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
    _require(request.user, "delivery.view_form")
    can_assemble = user_can(request.user, "delivery.assemble_form")
    return _list_page(request, AssembleForm() if can_assemble else None)


@login_required
@require_POST
def form_assemble(request):
    _require(request.user, "delivery.assemble_form")
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
