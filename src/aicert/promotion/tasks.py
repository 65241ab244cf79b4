"""Background work of promotion, run through django-tasks (enqueued after commit)."""

from __future__ import annotations

from django_tasks import task

from aicert.promotion import subscription_services


@task()
def subscription_confirmation_send(subscription_id: int, token: str) -> None:
    """Mail a double opt-in link."""
    subscription_services.subscription_confirmation_mail(
        subscription_id=subscription_id, token=token
    )


@task()
def mailing_batch_send(mailing_id: int, after_id: int) -> int:
    """Send one batch of a mailing to its subscribers (the next batch enqueues itself)."""
    return subscription_services.mailing_batch_send(mailing_id=mailing_id, after_id=after_id)
