"""Background work for results (django-tasks): candidate emails and scheduled releases."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from aicert.delivery.models import Attempt
from aicert.results import services
from aicert.results.models import Result
from aicert.shared.links import absolute_reverse


def _subject(kind: str) -> str:
    return {
        "released": _("Your exam result is available"),
        "changed": _("Your exam result has been corrected"),
        "withdrawn": _("Your exam result has been withdrawn"),
    }[kind]


@task()
def result_email_send(result_id: int, kind: str) -> None:
    """Email a candidate that a result was released, corrected or withdrawn (their language)."""

    result = Result.objects.select_related("candidate", "subject__level", "session").get(
        pk=result_id
    )
    user = result.candidate
    with translation.override(user.preferred_language or "zh-hant"):
        subject = _subject(kind)
        body = render_to_string(
            "results/email/notice.txt",
            {
                "result": result,
                "kind": kind,
                "path": absolute_reverse("results:report", result.pk),
            },
        )
    send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def result_releases_run_due_task() -> int:
    """Periodic: run the scheduled result releases whose time has come."""

    return services.result_releases_run_due()


@task()
def result_compute_task(attempt_id: int) -> str:
    """After a hand-in needing no marks: compute the result (after commit)."""
    result = services.result_refresh(attempt=Attempt.objects.get(pk=attempt_id), reason="hand-in")
    return "result computed" if result is not None else "no result"
