"""Item bank pages: list with bulk actions, detail, the editor with its live preview,
submission, reviewer queue and review, and blueprint coverage."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission, user_can
from aicert.itembank import selectors, services
from aicert.itembank.content import content_validate
from aicert.itembank.forms import (
    BulkActionForm,
    CoverageFilterForm,
    ItemEditorForm,
    ItemFilterForm,
    ReviewAssignForm,
    ReviewCommentForm,
    ReviewForm,
)
from aicert.itembank.models import REVIEW_CHECKLIST, Item, ItemStatus, ItemType, ReviewAssignment
from aicert.shared.forms import apply_form_errors


def _item_or_404(user, pk: int) -> Item:
    require_permission(user, "itembank.view_item")
    try:
        return selectors.item_get_for_user(user=user, pk=pk)
    except Item.DoesNotExist as exc:
        raise Http404 from exc


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def item_list(request):
    require_permission(request.user, "itembank.view_item")
    form = ItemFilterForm(request.GET or None)
    items = selectors.item_list_for_user(user=request.user, **form.filters())
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "itembank/item_list.html",
        {
            "form": form,
            "page": page,
            "can_add": user_can(request.user, "itembank.add_item"),
            "can_assign": user_can(request.user, "itembank.assign_reviewers"),
            "can_retire": user_can(request.user, "itembank.activate_item"),
            "can_see_coverage": user_can(request.user, "catalog.view_blueprintentry"),
            "bulk_actions": BulkActionForm.ACTIONS,
            "query": request.GET.copy(),
        },
    )


@login_required
@require_POST
def item_bulk(request):
    """Assign reviewers to, retire or export the selected items; a result line per item."""
    require_permission(request.user, "itembank.view_item")
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action and at least one item."))
        return redirect("itembank:item_list")
    items = selectors.items_for_bulk(user=request.user, pks=form.cleaned_data["items"])
    action = form.cleaned_data["action"]
    if action == "export_csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="items.csv"'
        response.write("\ufeff")  # a BOM, so spreadsheet programs read the Chinese as UTF-8
        writer = csv.writer(response)
        writer.writerow(selectors.EXPORT_HEADER)
        writer.writerows(selectors.item_export_rows(items=items))
        return response
    results = services.item_bulk_apply(actor=request.user, items=items, action=action)
    return render(
        request,
        "itembank/bulk_results.html",
        {"results": results, "action": dict(BulkActionForm.ACTIONS)[action]},
    )


@login_required
def blueprint_coverage(request):
    """Usable items per level, subject and domain against two parallel forms' need."""
    require_permission(request.user, "catalog.view_blueprintentry")
    form = CoverageFilterForm(request.GET or None)
    level = form.cleaned_data.get("level") if form.is_valid() else None
    rows = selectors.blueprint_coverage(level_id=level.pk if level else None)
    return render(
        request,
        "itembank/coverage.html",
        {
            "form": form,
            "rows": rows,
            "parallel_forms": selectors.PARALLEL_FORMS,
            "total_needed": sum(r.needed for r in rows),
            "total_available": sum(min(r.available, r.needed) for r in rows),
            "total_shortfall": sum(r.shortfall for r in rows),
        },
    )


@login_required
def item_detail(request, pk: int):
    user = request.user
    item = _item_or_404(user, pk)
    versions = list(item.versions.all())
    latest = versions[0]
    can_change = user_can(user, "itembank.change_item", item)
    can_assign = user_can(user, "itembank.assign_reviewers") and item.status in (
        ItemStatus.SUBMITTED,
        ItemStatus.IN_REVIEW,
    )
    return render(
        request,
        "itembank/item_detail.html",
        {
            "item": item,
            "latest": latest,
            "versions": versions,
            "reviews": selectors.review_history_for_user(user=user, item=item),
            "comments": selectors.review_comments_for_user(user=user, item=item),
            "checklist": REVIEW_CHECKLIST,
            "can_edit": can_change and item.status in services.EDITABLE,
            "can_submit": can_change and item.status == ItemStatus.DRAFT,
            "can_assign": can_assign,
            "assign_form": ReviewAssignForm(
                candidates=services.reviewer_candidates(item=item, version=latest)
            )
            if can_assign
            else None,
            "can_activate": user_can(user, "itembank.activate_item")
            and item.status in (ItemStatus.APPROVED, ItemStatus.ACTIVE),
            "can_comment": user_can(user, "itembank.add_reviewcomment", latest),
            "comment_form": ReviewCommentForm(),
            "my_assignment": latest.review_assignments.filter(
                reviewer=user, decided_at__isnull=True
            ).first(),
            "can_see_analysis": user_can(user, "analysis.view_analysisrun"),
        },
    )


def _editor(request, form: ItemEditorForm, item: Item | None):
    return render(
        request,
        "itembank/item_editor.html",
        {
            "form": form,
            "item": item,
            "item_types": ItemType.choices,
            "item_type": form.item_type_value,
            "item_type_label": ItemType(form.item_type_value).label,
        },
    )


@login_required
def item_create(request):
    """Write a new item of any type (``?type=``); the preview beside it is live."""
    require_permission(request.user, "itembank.add_item")
    form = ItemEditorForm(
        request.POST or None,
        item_type=request.GET.get("type"),
        enemy_choices=selectors.enemy_candidates_for_user(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(actor=request.user, **form.service_data())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Item saved as a draft."))
            return redirect("itembank:item_detail", pk=item.pk)
    return _editor(request, form, None)


@login_required
def item_edit(request, pk: int):
    """Write a new version of an item; its type and metadata may change too."""
    item = _item_or_404(request.user, pk)
    if not user_can(request.user, "itembank.change_item", item):
        raise PermissionDenied
    latest = item.versions.all()[0]
    form = ItemEditorForm(
        request.POST or None,
        initial=ItemEditorForm.initial_from(item, latest),
        enemy_choices=selectors.enemy_candidates_for_user(user=request.user, item=item),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.item_revise(
                actor=request.user,
                item=item,
                change_note=form.cleaned_data["change_note"],
                **form.service_data(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Version %(n)d saved as a draft.") % {"n": version.number})
            return redirect("itembank:item_detail", pk=item.pk)
    return _editor(request, form, item)


@login_required
@require_POST
def item_preview(request):
    """The editor's live preview (htmx): the typed item rendered as the candidate sees it.

    Nothing is saved; the content checks run so the writer sees what still blocks saving.
    """
    if not (
        user_can(request.user, "itembank.add_item")
        or user_can(request.user, "itembank.change_item")
    ):
        raise PermissionDenied
    form = ItemEditorForm(request.POST, enemy_choices=Item.objects.none())
    form.is_valid()  # parses what it can; the preview shows even half-written items
    problems = [str(e) for e in form.errors.get("__all__", [])]
    for name, errors in form.errors.items():
        if name in form.fields and name not in form.METADATA_FIELDS:
            problems += [f"{form.fields[name].label}: {e}" for e in errors]
    try:
        content_validate(
            item_type=form.item_type_value,
            content_zh=form.contents["zh"],
            content_en=form.contents["en"],
        )
    except ValidationError as error:
        problems += error.messages
    return render(
        request,
        "itembank/_preview.html",
        {"form": form, "contents": form.contents, "problems": problems},
    )


@login_required
@require_POST
def item_submit(request, pk: int):
    item = _item_or_404(request.user, pk)
    try:
        services.item_submit(actor=request.user, item=item)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Item submitted for review."))
    return redirect("itembank:item_detail", pk=item.pk)


@login_required
@require_POST
def review_assign(request, pk: int):
    require_permission(request.user, "itembank.assign_reviewers")
    item = _item_or_404(request.user, pk)
    try:
        if request.POST.get("auto"):
            services.review_assign_auto(actor=request.user, item=item)
        else:
            latest = item.versions.all()[0]
            form = ReviewAssignForm(
                request.POST, candidates=services.reviewer_candidates(item=item, version=latest)
            )
            if not form.is_valid() or not form.cleaned_data["reviewer"]:
                raise ValidationError(_("Choose a reviewer."))
            services.review_assign(
                actor=request.user, item=item, reviewer=form.cleaned_data["reviewer"]
            )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Reviewers assigned."))
    return redirect("itembank:item_detail", pk=item.pk)


@login_required
@require_POST
def item_activate(request, pk: int):
    require_permission(request.user, "itembank.activate_item")
    item = _item_or_404(request.user, pk)
    try:
        if request.POST.get("action") == "retire":
            services.item_retire(actor=request.user, item=item)
        else:
            services.item_activate(actor=request.user, item=item)
    except ValidationError as error:
        _error_messages(request, error)
    return redirect("itembank:item_detail", pk=item.pk)


@login_required
@require_POST
def review_comment_add(request, pk: int):
    item = _item_or_404(request.user, pk)
    form = ReviewCommentForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_add(
                actor=request.user,
                version=item.versions.all()[0],
                field_path=form.cleaned_data["field_path"].strip(),
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("The comment needs a field and a text."))
    return redirect("itembank:item_detail", pk=item.pk)


@login_required
def review_queue(request):
    require_permission(request.user, "itembank.review_item")
    return render(
        request,
        "itembank/review_queue.html",
        {"assignments": selectors.review_queue(user=request.user)},
    )


@login_required
def review_decide(request, pk: int):
    require_permission(request.user, "itembank.review_item")
    # Only the assigned reviewer's own open assignments exist here; others get a 404.
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("version__item"),
        pk=pk,
        reviewer=request.user,
        decided_at__isnull=True,
    )
    item = _item_or_404(request.user, assignment.version.item_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_decide(
                actor=request.user,
                assignment=assignment,
                decision=form.cleaned_data["decision"],
                checklist=form.checklist(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("itembank:review_queue")
    return render(
        request,
        "itembank/review_form.html",
        {
            "form": form,
            "assignment": assignment,
            "item": item,
            "version": assignment.version,
            "comments": selectors.review_comments_for_user(user=request.user, item=item),
        },
    )
