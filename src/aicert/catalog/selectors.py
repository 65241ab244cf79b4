"""Reads of the certification catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from aicert.catalog.models import (
    BlueprintEntry,
    Certification,
    CompetencyDomain,
    Level,
    Subject,
    TrainingCourse,
)


def certification_list_published() -> QuerySet[Certification]:
    return Certification.objects.filter(is_published=True).prefetch_related(
        Prefetch(
            "levels",
            queryset=Level.objects.select_related("pass_rule").prefetch_related("subjects"),
        )
    )


def certification_get_published(*, code: str) -> Certification:
    return certification_list_published().get(code=code)


def level_get_with_rules(*, certification: Certification, code: str) -> Level:
    """A level with its pass rule, prerequisites, subjects and their blueprints (few queries)."""
    return (
        Level.objects.select_related("pass_rule", "certification")
        .prefetch_related(
            "prerequisites",
            Prefetch(
                "subjects",
                queryset=Subject.objects.prefetch_related(
                    Prefetch(
                        "blueprint",
                        queryset=BlueprintEntry.objects.select_related("domain__parent"),
                    )
                ),
            ),
            Prefetch("courses", queryset=TrainingCourse.objects.prefetch_related("domains")),
        )
        .get(certification=certification, code=code)
    )


@dataclass(frozen=True)
class DomainNode:
    domain: CompetencyDomain
    children: list[DomainNode]


def domain_tree(*, certification: Certification) -> list[DomainNode]:
    """The competency-domain tree of a certification, loaded in one query."""
    domains = list(CompetencyDomain.objects.filter(certification=certification).order_by("code"))
    children: dict[int | None, list[CompetencyDomain]] = {}
    for domain in domains:
        children.setdefault(domain.parent_id, []).append(domain)

    def build(parent_id: int | None) -> list[DomainNode]:
        return [DomainNode(d, build(d.pk)) for d in children.get(parent_id, [])]

    return build(None)
