"""Row locks of self-assessment (order: :mod:`aicert.shared.locking`): a person's practice
attempt is locked on its own, never with exam rows."""

from __future__ import annotations

from aicert.selfassess.models import PracticeAttempt


def practice_attempt_row_lock(*, pk: int) -> PracticeAttempt:
    """Lock one practice attempt (saving an answer and choosing the next item). Needs ``atomic``."""
    return PracticeAttempt.objects.select_for_update(of=("self",)).get(pk=pk)
