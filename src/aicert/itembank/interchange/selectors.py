"""Reads for import and export: the catalogue by code, and items with what an export needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.itembank.models import Item, ItemVersion


@dataclass
class CatalogIndex:
    """Levels, subjects and domains by their codes, loaded once per import."""

    levels: dict[tuple[str, str], Level] = field(default_factory=dict)
    levels_by_code: dict[str, list[Level]] = field(default_factory=dict)
    subjects: dict[tuple[int, str], Subject] = field(default_factory=dict)
    domains: dict[tuple[int, str], CompetencyDomain] = field(default_factory=dict)

    def level(self, code: str, certification: str = "") -> Level | None:
        """A level by code; the certification code is needed only when the code is ambiguous."""
        if "/" in code and not certification:
            certification, code = code.split("/", 1)
        if certification:
            return self.levels.get((certification, code))
        found = self.levels_by_code.get(code, [])
        return found[0] if len(found) == 1 else None

    def subject(self, level: Level, code: str) -> Subject | None:
        return self.subjects.get((level.pk, code))

    def domain(self, level: Level, code: str) -> CompetencyDomain | None:
        return self.domains.get((level.certification_id, code))


def catalog_index() -> CatalogIndex:
    index = CatalogIndex()
    for level in Level.objects.select_related("certification"):
        index.levels[(level.certification.code, level.code)] = level
        index.levels_by_code.setdefault(level.code, []).append(level)
    for subject in Subject.objects.all():
        index.subjects[(subject.level_id, subject.code)] = subject
    for domain in CompetencyDomain.objects.all():
        index.domains[(domain.certification_id, domain.code)] = domain
    return index


def items_exportable(
    *,
    user: RequestUser,
    pks: list[int] | None = None,
    text: str = "",
    status: str = "",
    item_type: str = "",
    level_id: int | None = None,
) -> QuerySet[Item]:
    """Items the user may export (writers: their own), filtered, with what export needs loaded.

    ``item_type`` and ``text`` look at the latest version only.
    """
    items = scope_queryset(user, "itembank.export_item", Item.objects.all())
    if pks is not None:
        items = items.filter(pk__in=pks)
    if status:
        items = items.filter(status=status)
    if level_id:
        items = items.filter(level_id=level_id)
    if item_type or text:
        latest = ItemVersion.objects.filter(
            number=Subquery(
                ItemVersion.objects.filter(item=OuterRef("item"))
                .order_by("-number")
                .values("number")[:1]
            )
        )
        if item_type:
            latest = latest.filter(item_type=item_type)
        if text:
            text_q = Q(content_zh__stem__icontains=text) | Q(content_en__stem__icontains=text)
            code = text.strip().upper().removeprefix("ITM-")
            if code.isdigit():
                text_q |= Q(item_id=int(code))
            latest = latest.filter(text_q)
        items = items.filter(pk__in=latest.values("item_id"))
    return (
        items.select_related("level__certification", "subject", "domain")
        .prefetch_related(
            "extra_domains",
            Prefetch("versions", queryset=ItemVersion.objects.order_by("-number")),
        )
        .order_by("pk")
    )
