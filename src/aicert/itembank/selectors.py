"""Reads of the item bank, always narrowed to what the user may see (accounts.permissions)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from aicert.accounts.permissions import scope_queryset
from aicert.itembank.models import Item, ItemVersion, ReviewAssignment, ReviewComment


def item_list_for_user(
    *,
    user,
    text: str = "",
    status: str = "",
    item_type: str = "",
    level_id: int | None = None,
    domain_id: int | None = None,
) -> QuerySet[Item]:
    """Items the user may see, filtered; each with its versions (newest first) prefetched."""
    items = scope_queryset(user, "itembank.view_item", Item.objects.all())
    if status:
        items = items.filter(status=status)
    if level_id:
        items = items.filter(level_id=level_id)
    if domain_id:
        items = items.filter(Q(domain_id=domain_id) | Q(extra_domains=domain_id))
    if item_type or text:
        versions = ItemVersion.objects.all()
        if item_type:
            versions = versions.filter(item_type=item_type)
        if text:
            text_q = Q(content_zh__stem__icontains=text) | Q(content_en__stem__icontains=text)
            code = text.strip().upper().removeprefix("ITM-")
            if code.isdigit():
                text_q |= Q(item_id=int(code))
            versions = versions.filter(text_q)
        items = items.filter(pk__in=versions.values("item_id"))
    return items.select_related("level", "subject", "domain", "author").prefetch_related(
        Prefetch("versions", queryset=ItemVersion.objects.order_by("-number"))
    )


def item_get_for_user(*, user, pk: int) -> Item:
    """One visible item with its versions; raises Item.DoesNotExist otherwise."""
    return (
        scope_queryset(user, "itembank.view_item", Item.objects.all())
        .select_related("level__certification", "subject", "domain", "author")
        .prefetch_related(
            "co_authors",
            "extra_domains",
            "enemies",
            Prefetch("versions", queryset=ItemVersion.objects.order_by("-number")),
        )
        .get(pk=pk)
    )


def review_history_for_user(*, user, item: Item) -> QuerySet[ReviewAssignment]:
    """The review assignments of an item that the user may see (reviewers: only their own)."""
    return scope_queryset(
        user,
        "itembank.view_reviewassignment",
        ReviewAssignment.objects.filter(version__item=item),
    ).select_related("version", "reviewer", "assigned_by")


def review_comments_for_user(*, user, item: Item) -> QuerySet[ReviewComment]:
    return scope_queryset(
        user, "itembank.view_reviewcomment", ReviewComment.objects.filter(version__item=item)
    ).select_related("version", "author")


def review_queue(*, user) -> QuerySet[ReviewAssignment]:
    """The reviewer's open assignments, oldest first."""
    return (
        ReviewAssignment.objects.filter(reviewer=user, decided_at__isnull=True)
        .select_related("version__item__level", "version__item__domain")
        .order_by("assigned_at", "pk")
    )


def item_count_by_status_for_author(*, user) -> dict[str, int]:
    from django.db.models import Count

    rows = (
        Item.objects.filter(Q(author=user) | Q(co_authors=user))
        .values("status")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["status"]: row["n"] for row in rows}
