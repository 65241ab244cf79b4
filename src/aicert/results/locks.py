"""Row locks of results (order: :mod:`aicert.shared.locking`): a session's result release
before its attempts; an attempt (``aicert.delivery.locks.attempt_row_lock``) before its result."""

from __future__ import annotations

from aicert.results.models import Result, ResultRelease


def result_row_lock(*, attempt_id: int) -> Result | None:
    """Lock the result of an attempt, if it has one (after the attempt). Needs ``atomic``."""
    return (
        Result.objects.select_for_update(of=("self",))
        .select_related("scale_transform")
        .filter(attempt_id=attempt_id)
        .first()
    )


def result_release_row_lock(*, pk: int) -> ResultRelease:
    """Lock one result release (after its session, if locked). Needs ``atomic``."""
    return ResultRelease.objects.select_for_update().select_related("session").get(pk=pk)


def result_release_pending_row_lock(*, pk: int) -> ResultRelease | None:
    """Lock a result release that has not run yet (None: it ran or was withdrawn meanwhile)."""
    return (
        ResultRelease.objects.select_for_update()
        .select_related("session")
        .filter(pk=pk, released_at__isnull=True)
        .first()
    )


def session_result_release_row_lock(*, session) -> ResultRelease | None:
    """Lock the result release of a session, if it has one (after the session, if locked)."""
    return ResultRelease.objects.select_for_update().filter(session=session).first()
