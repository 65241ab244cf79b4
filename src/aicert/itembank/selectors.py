"""Reads of the item bank, always narrowed to what the user may see (accounts.permissions)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from aicert.accounts.models import User
from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.catalog.models import BlueprintEntry, CompetencyDomain, Level, Subject
from aicert.itembank.models import (
    Item,
    ItemFlag,
    ItemStatistics,
    ItemStatus,
    ItemVersion,
    ReviewAssignment,
    ReviewComment,
    ReviewDecision,
)

# Parallel forms of one subject that the bank must be able to fill without reusing an item.
PARALLEL_FORMS = 2
USABLE_STATUSES = (ItemStatus.APPROVED, ItemStatus.ACTIVE)
LANGUAGE_FILTERS = ("complete", "missing_en")


def domain_descendant_ids(domain_id: int) -> set[int]:
    """The domain and every domain below it in the taxonomy (one query for the certification)."""
    certification_id = (
        CompetencyDomain.objects.filter(pk=domain_id)
        .values_list("certification_id", flat=True)
        .first()
    )
    if certification_id is None:  # no such domain: it stands for itself alone (matches nothing)
        return {domain_id}
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in CompetencyDomain.objects.filter(
        certification_id=certification_id
    ).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [domain_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def _latest_versions() -> QuerySet[ItemVersion]:
    """Each item's newest version (a correlated subquery, the same on SQLite and PostgreSQL)."""
    newest = ItemVersion.objects.filter(item=OuterRef("item")).order_by("-number")
    return ItemVersion.objects.filter(number=Subquery(newest.values("number")[:1]))


def item_list_for_user(
    *,
    user: RequestUser,
    text: str = "",
    status: str = "",
    item_type: str = "",
    level_id: int | None = None,
    domain_id: int | None = None,
    language: str = "",
    reviewer_id: int | None = None,
    statistics: str = "",
) -> QuerySet[Item]:
    """Items the user may see, filtered; each with its versions (newest first) prefetched.

    ``statistics`` (from the item analysis, any version of the item): ``analysed``,
    ``not_analysed``, ``flagged`` (any flag) or one :class:`ItemFlag` value.

    ``domain_id`` takes the whole subtree (an item on "2.3" is found under "2"), as primary or
    other domain; ``language`` is ``complete`` or ``missing_en`` (of the newest version);
    ``reviewer_id`` finds the items that reviewer was asked to review.
    """
    items = scope_queryset(user, "itembank.view_item", Item.objects.all())
    if status:
        items = items.filter(status=status)
    if level_id:
        items = items.filter(level_id=level_id)
    if domain_id:
        subtree = domain_descendant_ids(domain_id)
        tagged = Item.objects.filter(Q(domain_id__in=subtree) | Q(extra_domains__in=subtree))
        items = items.filter(pk__in=tagged.values("pk"))
    if language in LANGUAGE_FILTERS:
        no_english = (
            Q(content_en__isnull=True) | Q(content_en__stem__isnull=True) | Q(content_en__stem="")
        )
        missing = _latest_versions().filter(no_english).values("item_id")
        items = (
            items.filter(pk__in=missing)
            if language == "missing_en"
            else items.exclude(pk__in=missing)
        )
    if reviewer_id:
        assigned = ReviewAssignment.objects.filter(reviewer_id=reviewer_id).exclude(
            decision=ReviewDecision.WITHDRAWN
        )
        items = items.filter(pk__in=assigned.values("version__item_id"))
    if statistics:
        analysed = ItemStatistics.objects.all()
        if statistics == "flagged":
            analysed = analysed.exclude(flag_codes="")
        elif statistics in ItemFlag.values:
            analysed = analysed.filter(flag_codes__contains=f" {statistics} ")
        item_ids = analysed.values("version__item_id")
        items = (
            items.exclude(pk__in=item_ids)
            if statistics == "not_analysed"
            else items.filter(pk__in=item_ids)
        )
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
        Prefetch(
            "versions",
            queryset=ItemVersion.objects.select_related("statistics").order_by("-number"),
        ),
        Prefetch(
            "versions__review_assignments",
            queryset=ReviewAssignment.objects.exclude(
                decision=ReviewDecision.WITHDRAWN
            ).select_related("reviewer"),
        ),
    )


def item_get_for_user(*, user: RequestUser, pk: int) -> Item:
    """One visible item with its versions; raises Item.DoesNotExist otherwise."""
    return (
        scope_queryset(user, "itembank.view_item", Item.objects.all())
        .select_related("level__certification", "subject", "domain", "author")
        .prefetch_related(
            "co_authors",
            "extra_domains",
            "enemies",
            Prefetch(
                "versions",
                queryset=ItemVersion.objects.select_related("statistics").order_by("-number"),
            ),
        )
        .get(pk=pk)
    )


def review_history_for_user(*, user: RequestUser, item: Item) -> QuerySet[ReviewAssignment]:
    """The review assignments of an item that the user may see (reviewers: only their own)."""
    return scope_queryset(
        user,
        "itembank.view_reviewassignment",
        ReviewAssignment.objects.filter(version__item=item),
    ).select_related("version", "reviewer", "assigned_by")


def review_comments_for_user(*, user: RequestUser, item: Item) -> QuerySet[ReviewComment]:
    return scope_queryset(
        user, "itembank.view_reviewcomment", ReviewComment.objects.filter(version__item=item)
    ).select_related("version", "author")


def review_queue(*, user: User) -> QuerySet[ReviewAssignment]:
    """The reviewer's open assignments, oldest first."""
    return (
        ReviewAssignment.objects.filter(reviewer=user, decided_at__isnull=True)
        .select_related("version__item__level", "version__item__domain")
        .order_by("assigned_at", "pk")
    )


def item_count_by_status_for_author(*, user: User) -> dict[str, int]:
    rows = (
        Item.objects.filter(Q(author=user) | Q(co_authors=user))
        .values("status")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["status"]: row["n"] for row in rows}


def enemy_candidates_for_user(*, user: RequestUser, item: Item | None = None) -> QuerySet[Item]:
    """Items the user may name as enemies of ``item`` (visible ones, never itself)."""
    items = scope_queryset(user, "itembank.view_item", Item.objects.all()).order_by("-pk")
    return items.exclude(pk=item.pk) if item else items


def items_for_bulk(*, user: RequestUser, pks) -> list[Item]:
    """The selected items the user may see (others are silently left out)."""
    return list(
        scope_queryset(user, "itembank.view_item", Item.objects.filter(pk__in=pks))
        .select_related("level", "subject", "domain", "author")
        .prefetch_related(
            "extra_domains",
            "co_authors",
            Prefetch("versions", queryset=ItemVersion.objects.order_by("-number")),
            Prefetch(
                "versions__review_assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer"),
            ),
        )
        .order_by("pk")
    )


EXPORT_HEADER = (
    "code",
    "status",
    "item_type",
    "level",
    "subject",
    "domain",
    "extra_domains",
    "cognitive_level",
    "difficulty",
    "author",
    "co_authors",
    "version",
    "languages",
    "reviewers",
    "updated_at",
)


def item_export_rows(*, items: list[Item]) -> list[tuple]:
    """Metadata of items (from :func:`items_for_bulk`) as rows under :data:`EXPORT_HEADER`.

    Metadata only: stems and keys never leave the bank in this export.
    """
    rows = []
    for item in items:
        version = item.versions.all()[0]
        languages = ["zh"] + (["en"] if (version.content_en or {}).get("stem") else [])
        rows.append(
            (
                item.code,
                item.status,
                version.item_type,
                item.level.code,
                item.subject.code,
                item.domain.code,
                " ".join(sorted(d.code for d in item.extra_domains.all())),
                item.cognitive_level,
                item.difficulty,
                item.author.email,
                " ".join(sorted(u.email for u in item.co_authors.all())),
                version.number,
                "+".join(languages),
                " ".join(
                    sorted(
                        a.reviewer.email
                        for a in version.review_assignments.all()
                        if a.decision != ReviewDecision.WITHDRAWN
                    )
                ),
                item.updated_at.isoformat(),
            )
        )
    return rows


@dataclass(frozen=True)
class CoverageRow:
    """One blueprint line: how many usable items the bank holds against what forms need."""

    level: Level
    subject: Subject
    domain: CompetencyDomain
    blueprint_items: int
    needed: int
    available: int

    @property
    def shortfall(self) -> int:
        return max(self.needed - self.available, 0)

    @property
    def percent(self) -> int:
        return 100 if not self.needed else min(round(100 * self.available / self.needed), 999)


def blueprint_coverage(*, level_id: int | None = None) -> list[CoverageRow]:
    """Approved and active items per level, subject and blueprint domain, against the need.

    The need is the blueprint's item count times :data:`PARALLEL_FORMS`: two parallel forms
    of a subject share no item. An item counts toward the blueprint line of its primary
    domain or, when that domain has no line in the subject's blueprint, of its nearest
    ancestor that has one (an item on 2.3 fills a blueprint line on 2); it counts once.
    """
    entry_rows = BlueprintEntry.objects.select_related(
        "subject__level__certification", "domain"
    ).order_by(
        "subject__level__certification__code",
        "subject__level__rank",
        "subject__position",
        "domain__code",
    )
    if level_id:
        entry_rows = entry_rows.filter(subject__level_id=level_id)
    entries = list(entry_rows)
    parents = dict(CompetencyDomain.objects.values_list("pk", "parent_id"))
    lines = {(e.subject_id, e.domain_id) for e in entries}
    available: dict[tuple[int, int], int] = {}
    counts = (
        Item.objects.filter(
            status__in=USABLE_STATUSES, subject_id__in={e.subject_id for e in entries}
        )
        .values("subject_id", "domain_id")
        .annotate(n=Count("pk"))
    )
    for row in counts:
        domain_id: int | None = row["domain_id"]
        while domain_id is not None and (row["subject_id"], domain_id) not in lines:
            domain_id = parents.get(domain_id)
        if domain_id is not None:
            key = (row["subject_id"], domain_id)
            available[key] = available.get(key, 0) + row["n"]
    return [
        CoverageRow(
            level=e.subject.level,
            subject=e.subject,
            domain=e.domain,
            blueprint_items=e.item_count,
            needed=e.item_count * PARALLEL_FORMS,
            available=available.get((e.subject_id, e.domain_id), 0),
        )
        for e in entries
    ]
