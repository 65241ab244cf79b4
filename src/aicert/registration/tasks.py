"""Background work for registration, run through django-tasks (enqueued after commit)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


def _subject(kind: str) -> str:
    return {
        "registered": _("Your exam registration"),
        "confirmed": _("Your exam seat is confirmed"),
        "waitlisted": _("You are on the waiting list"),
        "offer": _("A seat is offered to you: please accept it in time"),
        "offer_expired": _("Your waiting-list offer has expired"),
        "cancelled": _("Your registration is cancelled"),
        "transferred": _("Your registration has moved to another session"),
    }[kind]


@task()
def registration_email_send(registration_id: int, kind: str) -> None:
    """Email a candidate about their registration, in their preferred language."""
    from aicert.registration.models import Registration

    registration = Registration.objects.select_related(
        "candidate", "session__subject__level", "session__room__venue__center__organisation"
    ).get(pk=registration_id)
    user = registration.candidate
    with translation.override(user.preferred_language or "zh-hant"):
        subject = _subject(kind)
        body = render_to_string(
            "registration/email/notice.txt",
            {"registration": registration, "session": registration.session, "kind": kind},
        )
    send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def waitlist_expire_offers_task() -> int:
    """Periodic: pass expired waiting-list offers to the next candidate."""
    from aicert.registration.services import waitlist_expire_offers

    return waitlist_expire_offers()
