"""The demo's people: one password for every demo account, valid national ID numbers, and
the invigilator recorded on the rosters of sittings the demo writes directly."""

from __future__ import annotations

from django.utils import timezone

from aicert.accounts.models import User
from aicert.audit.services import audit_record
from aicert.centers.models import Invigilator
from aicert.registration import identity
from aicert.scheduling.models import (
    AssignmentStatus,
    InvigilatorAssignment,
    InvigilatorRole,
)

DEMO_PASSWORD = "aicert-demo-2026"


def demo_roster_record(session, email: str = "invigilator.south@aicert.example"):
    """Record ``email`` as the confirmed chief invigilator of ``session``.

    Invigilators act only in sessions they are rostered for. The demo's past sittings and its
    live session are written directly (as their registrations are), so their rosters are too,
    audited as the demo's doing; the optimiser and the publish/confirm flow are shown on the
    southern center's upcoming days instead.
    """

    pool_member, _created = Invigilator.objects.get_or_create(
        center=session.room.venue.center, user=User.objects.get(email=email)
    )
    assignment, created = InvigilatorAssignment.objects.get_or_create(
        session=session,
        invigilator=pool_member,
        defaults={
            "role": InvigilatorRole.CHIEF,
            "status": AssignmentStatus.CONFIRMED,
            "responded_at": timezone.now(),
        },
    )
    if created:
        audit_record(
            actor=None,
            action="invigilation.demo_record",
            target=assignment,
            changes={"role": assignment.role, "status": assignment.status},
        )
    return assignment


def national_id(body: str) -> str:
    return next(body + str(d) for d in range(10) if identity.checksum_ok(body + str(d)))
