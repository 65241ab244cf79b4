"""Background work for delivery (django-tasks): ending attempts whose time has run out, and
what follows a hand-in (markers for written answers, the result of an all-objective attempt).

Enqueue :data:`attempts_auto_submit_task` every minute while sessions run (a scheduler or cron
calling ``aicert attempts_auto_submit`` does the same).
"""

from __future__ import annotations

from django_tasks import task

from aicert.delivery import services


@task()
def attempts_auto_submit_task() -> int:
    """Auto-submit every attempt past its deadline and grace period; returns how many ended."""
    return services.attempts_auto_submit_expired()


@task()
def attempt_ended_followup_task(attempt_id: int) -> str:
    """After a hand-in: written answers go to their markers; otherwise the result is computed.

    Runs after the hand-in committed, so a slow step here never delays or fails the hand-in;
    the periodic jobs (marking assignment on queue open, ``results_compute_pending``) catch up
    if it does not run.
    """
    from aicert.delivery.models import Attempt
    from aicert.results.services import result_refresh
    from aicert.scoring.services import marking_assign_for_attempt

    attempt = Attempt.objects.get(pk=attempt_id)
    if attempt.needs_marking:
        return f"marking tasks created: {marking_assign_for_attempt(attempt=attempt)}"
    result = result_refresh(attempt=attempt, reason="hand-in")
    return "result computed" if result is not None else "no result"
