"""Writes and validations for the certification catalogue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aicert.audit.services import audit_record
from aicert.catalog.models import (
    BlueprintEntry,
    CompetencyDomain,
    Level,
    Subject,
    TrainingCourse,
)


def blueprint_validate(*, subject: Subject) -> None:
    """A subject's blueprint must cover 100 % of its weight and exactly its number of items."""
    entries = list(BlueprintEntry.objects.filter(subject=subject))
    weight = sum((e.weight_percent for e in entries), Decimal(0))
    items = sum(e.item_count for e in entries)
    errors = []
    if weight != Decimal(100):
        errors.append(
            _("The domain weights of %(subject)s add up to %(weight)s %%, not 100 %%.")
            % {"subject": subject, "weight": weight}
        )
    if items != subject.item_count:
        errors.append(
            _(
                "The blueprint of %(subject)s asks for %(items)d items but the subject has %(count)d."
            )
            % {"subject": subject, "items": items, "count": subject.item_count}
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def blueprint_replace(
    *, subject: Subject, entries: list[tuple[int, Decimal, int]]
) -> list[BlueprintEntry]:
    """Replace a subject's blueprint with ``(domain_id, weight_percent, item_count)`` rows.

    Validated as a whole: an inconsistent blueprint is rolled back, nothing half-written.
    """
    BlueprintEntry.objects.filter(subject=subject).delete()
    rows = BlueprintEntry.objects.bulk_create(
        BlueprintEntry(subject=subject, domain_id=d, weight_percent=w, item_count=n)
        for d, w, n in entries
    )
    blueprint_validate(subject=subject)
    return rows


def level_prerequisites_validate(*, level: Level, prerequisites: list[Level]) -> None:
    """Prerequisites must be in the same certification and must not form a cycle."""
    for prerequisite in prerequisites:
        if prerequisite.certification_id != level.certification_id:
            raise ValidationError(_("A prerequisite must be a level of the same certification."))
    seen: set[int] = set()
    stack = [p.pk for p in prerequisites]
    while stack:
        current = stack.pop()
        if current == level.pk:
            raise ValidationError(_("These prerequisites would make a level require itself."))
        if current in seen:
            continue
        seen.add(current)
        stack.extend(
            Level.prerequisites.through.objects.filter(from_level_id=current).values_list(
                "to_level_id", flat=True
            )
        )


@transaction.atomic
def level_set_prerequisites(*, level: Level, prerequisites: list[Level]) -> None:
    level_prerequisites_validate(level=level, prerequisites=prerequisites)
    level.prerequisites.set(prerequisites)


#: The fields of a training course set by :func:`training_course_save` (besides the relations).
COURSE_FIELDS = (
    "code",
    "title_zh",
    "title_en",
    "provider",
    "hours",
    "mode",
    "url",
    "region",
    "county",
    "price",
    "starts_on",
    "ends_on",
    "is_active",
)


def training_course_save(
    *,
    actor: Any,
    course: TrainingCourse | None,
    data: dict[str, Any],
    domains: list[CompetencyDomain],
    levels: list[Level],
) -> TrainingCourse:
    """Create (``course=None``) or update a training course with its domains and levels.

    Who may write for which region is the caller's check (the region's center managers belong
    to the centers context, a sibling of this one). Validated here: at least one domain, the
    county inside the region, the end not before the start.
    """
    values = {name: data[name] for name in COURSE_FIELDS if name in data}
    region, county = values.get("region"), values.get("county")
    errors: dict[str, str] = {}
    if not domains:
        errors["domains"] = _("Choose at least one competency domain.")
    if county is not None and (region is None or county.region_id != region.pk):
        errors["county"] = _("The county is not in the course's region.")
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = _("A course cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = course is None
        if course is None:
            course = TrainingCourse(**values)
            course.full_clean(exclude=["domains", "levels"])
            course.save()
        else:
            for name, value in values.items():
                setattr(course, name, value)
            course.full_clean(exclude=["domains", "levels"])
            course.save(update_fields=list(values))
        course.domains.set(domains)
        course.levels.set(levels)
        audit_record(
            actor=actor,
            action="catalog.training_course_create"
            if created
            else "catalog.training_course_update",
            target=course,
            changes={
                "region": region.code if region is not None else None,
                "price": values.get("price"),
                "domains": sorted(d.code for d in domains),
            },
        )
    return course
