"""Writes for centers: rooms, venues, the invigilator pool and the counties a center serves."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from aicert.accounts.models import User
from aicert.accounts.roles import Role
from aicert.accounts.services import membership_grant
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.centers.models import Center, County, Invigilator, Region, Room, Venue
from aicert.centers.reference_data import COUNTIES, COUNTY_POPULATION, REGIONS

ROOM_FIELDS = (
    "name",
    "floor",
    "seat_rows",
    "seat_columns",
    "seat_count",
    "seat_layout",
    "accessible",
    "has_computers",
)


def _changes(obj: Any, data: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [getattr(obj, k), v] for k, v in data.items() if getattr(obj, k) != v}


@transaction.atomic
def room_create(*, actor: Actor, venue: Venue, **data: Any) -> Room:
    """Add a room to a venue; validated (seats fit the grid) before it is written."""
    room = Room(venue=venue, **{k: v for k, v in data.items() if k in ROOM_FIELDS})
    room.full_clean()
    room.save()
    audit_record(
        actor=actor,
        action="room.create",
        target=room,
        changes={k: data[k] for k in data if k in ROOM_FIELDS},
    )
    return room


@transaction.atomic
def room_update(*, actor: Actor, room: Room, **data: Any) -> Room:
    """Change a room's name, seats or layout; refuses a layout that does not fit its seats."""
    data = {k: v for k, v in data.items() if k in ROOM_FIELDS}
    changes = _changes(room, data)
    if not changes:
        return room
    for key, value in data.items():
        setattr(room, key, value)
    room.full_clean()
    room.save(update_fields=list(changes))
    audit_record(actor=actor, action="room.update", target=room, changes=changes)
    return room


@transaction.atomic
def center_set_counties(*, actor: Actor, center: Center, counties: list[County]) -> None:
    """Which counties a center serves is data the foundation edits."""
    before = sorted(center.counties_served.values_list("code", flat=True))
    center.counties_served.set(counties)
    after = sorted(c.code for c in counties)
    if before != after:
        audit_record(
            actor=actor,
            action="center.counties",
            target=center,
            changes={"counties": [before, after]},
        )


@transaction.atomic
def invigilator_enrol(
    *,
    actor: Actor,
    center: Center,
    user: User,
    chief_eligible: bool = False,
    affiliations: str = "",
) -> Invigilator:
    """Add a person to a center's invigilator pool (and give them the invigilator role there)."""

    invigilator, _created = Invigilator.objects.update_or_create(
        center=center,
        user=user,
        defaults={"chief_eligible": chief_eligible, "affiliations": affiliations},
    )
    membership_grant(
        actor=actor, user=user, organisation=center.organisation, role=Role.INVIGILATOR
    )
    return invigilator


@transaction.atomic
def reference_data_load() -> None:
    """Make sure the regions and the 22 counties exist (idempotent; migration 0002 does the same)."""
    regions = {}
    for code, zh, en, position in REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name_zh": zh, "name_en": en, "position": position}
        )
    for position, (region, code, zh, en) in enumerate(COUNTIES, start=1):
        County.objects.update_or_create(
            code=code,
            defaults={
                "name_zh": zh,
                "name_en": en,
                "region": regions[region],
                "position": position,
                "population": COUNTY_POPULATION.get(code),
            },
        )
