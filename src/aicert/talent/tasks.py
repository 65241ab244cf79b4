"""Background work of talent (django-tasks): checking an uploaded file's rows."""

from __future__ import annotations

from django_tasks import task


@task()
def bulk_verification_run(bulk_id: int) -> None:
    """Check the rows of a bulk verification, saving progress as it goes."""
    from aicert.talent import services

    try:
        services.bulk_verification_run(bulk_id=bulk_id)
    except Exception:
        # The page must not poll for ever: say it failed, then let the worker log the error.
        services.bulk_verification_fail(bulk_id=bulk_id)
        raise
