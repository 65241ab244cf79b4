"""Demo data for invigilation: a southern pool big enough to staff a demo day, and availability.

Called by :func:`aicert.demo.seed.demo_seed`; idempotent.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from aicert.accounts.models import User
from aicert.centers.models import Center
from aicert.centers.services import invigilator_enrol
from aicert.scheduling import invigilation_selectors as sel
from aicert.scheduling.invigilation_services import availability_set
from aicert.scheduling.models import HalfDay

# (email, display name, may be chief, declared affiliations): with the demo invigilator
# (chief, 南臺科技大學) the southern pool has four people, two of them chief-eligible.
DEMO_POOL = [
    ("invigilator2.south@aicert.example", "林靜宜", True, "國立成功大學"),
    ("invigilator3.south@aicert.example", "邱信宏", False, ""),
    ("invigilator4.south@aicert.example", "楊惠如", False, "長榮大學"),
]


@transaction.atomic
def invigilation_demo_seed(*, center_slug: str = "center-south") -> int:
    """Enrol the demo pool at the southern center and mark everyone in its pool available on
    every exam day there (morning and afternoon). Returns the pool size.

    The demo candidate studies at 南臺科技大學, which the demo invigilator declared, so the
    optimiser keeps that invigilator out of the candidate's room (a conflict of interest).
    """
    center = Center.objects.get(organisation__slug=center_slug)
    for email, name, chief, affiliations in DEMO_POOL:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, None, display_name=name)
        elif user.display_name != name:  # a demo seeded before the names changed
            user.display_name = name
            user.save(update_fields=["display_name"])
        invigilator_enrol(
            actor=None,
            center=center,
            user=user,
            chief_eligible=chief,
            affiliations=affiliations,
        )
    days = sel.availability_days(center=center, start=timezone.localdate(), days=200)
    pool = sel.invigilator_pool(center=center)
    for invigilator in pool:
        availability_set(
            actor=None,
            invigilator=invigilator,
            answers={(d, half): True for d in days for half in HalfDay.values},
        )
    return len(pool)
