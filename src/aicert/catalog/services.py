"""Writes and validations for the certification catalogue."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aicert.catalog.models import BlueprintEntry, Level, Subject


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
