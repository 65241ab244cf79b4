"""Background work for scoring, run through django-tasks (enqueued after commit)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from aicert.delivery.models import Attempt
from aicert.scoring import services
from aicert.scoring.models import Appeal


@task()
def appeal_email_send(appeal_id: int) -> None:
    """Email a candidate that their appeal was received or decided, in their language."""

    appeal = Appeal.objects.select_related("attempt__candidate", "attempt__form__subject").get(
        pk=appeal_id
    )
    user = appeal.attempt.candidate
    with translation.override(user.preferred_language or "zh-hant"):
        subject = (
            _("Your appeal has been decided")
            if appeal.decided_at
            else _("We have received your appeal")
        )
        body = render_to_string("scoring/email/appeal.txt", {"appeal": appeal, "user": user})
    send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def marking_assign_task() -> int:
    """Periodic: give every written answer awaiting marks its two markers."""
    return services.marking_assign_pending()


@task()
def marking_assign_for_attempt_task(attempt_id: int) -> int:
    """After a hand-in: give the attempt's written answers their markers (after commit)."""
    return services.marking_assign_for_attempt(attempt=Attempt.objects.get(pk=attempt_id))
