"""Background work for delivery (django-tasks): ending attempts whose time has run out.

What follows a hand-in (markers for written answers, the result) belongs to scoring and
results, which hear :class:`aicert.delivery.events.AttemptEnded`.

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
