"""Row locks of the centers (order: :mod:`aicert.shared.locking`)."""

from __future__ import annotations

from aicert.centers.models import Invigilator


def invigilator_row_lock(*, pk: int) -> Invigilator:
    """Lock one member of an invigilator pool (their declarations). Needs ``atomic``."""
    return Invigilator.objects.select_for_update().get(pk=pk)
