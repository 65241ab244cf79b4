"""Row locks of scoring (order: :mod:`aicert.shared.locking`): the attempt first
(``aicert.delivery.locks.attempt_row_lock``), then its marking task or appeal."""

from __future__ import annotations

from aicert.scoring.models import Appeal, MarkingTask


def marking_task_row_lock(*, pk: int) -> MarkingTask:
    """Lock one marking task (after its attempt). Needs ``atomic``."""
    return (
        MarkingTask.objects.select_for_update(of=("self",))
        .select_related("response__form_item__item_version", "response__attempt")
        .get(pk=pk)
    )


def appeal_row_lock(*, pk: int) -> Appeal:
    """Lock one appeal (after its attempt). Needs ``atomic``."""
    return Appeal.objects.select_for_update(of=("self",)).get(pk=pk)
