"""Background work for registration, run through django-tasks (enqueued after commit)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from aicert.registration import services
from aicert.registration.extensions import arrival_rules, fragments, notice_context
from aicert.registration.models import AccommodationRequest, AccommodationStatus, Registration
from aicert.shared.links import absolute_url


def _subject(kind: str) -> str:
    return {
        "registered": _("Your exam registration"),
        "confirmed": _("Your exam seat is confirmed"),
        "waitlisted": _("You are on the waiting list"),
        "offer": _("A seat is offered to you: please accept it in time"),
        "offer_expired": _("Your waiting-list offer has expired"),
        "cancelled": _("Your registration is cancelled"),
        "transferred": _("Your registration has moved to another session"),
        "ticket_ready": _("Your admission ticket is ready"),
        "reminder": _("Reminder: your exam is coming up"),
    }[kind]


def _absolute(path: str) -> str:
    return absolute_url(path)


def _late_minutes() -> int:
    return arrival_rules().late_cutoff_minutes


@task()
def registration_email_send(registration_id: int, kind: str) -> None:
    """Email a candidate about their registration, in their preferred language."""

    registration = Registration.objects.select_related(
        "candidate__candidate_profile",
        "session__subject__level",
        "session__room__venue__center__organisation",
    ).get(pk=registration_id)
    user = registration.candidate
    with translation.override(user.preferred_language or "zh-hant"):
        subject = _subject(kind)
        body = render_to_string(
            "registration/email/notice.txt",
            {
                "registration": registration,
                "session": registration.session,
                "kind": kind,
                "tickets_url": _absolute(reverse("registration:my_registrations")),
                "late_minutes": _late_minutes() if kind == "reminder" else None,
                "fragments": fragments(),
                **notice_context(registration=registration, kind=kind),
            },
        )
    send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def waitlist_expire_offers_task() -> int:
    """Periodic: pass expired waiting-list offers to the next candidate."""
    return services.waitlist_expire_offers()


@task()
def accommodation_email_send(request_id: int) -> None:
    """Tell a candidate the decision on their accommodation request, in their language.

    Only the needs and the decision note go in the email, never the health details.
    """

    request = AccommodationRequest.objects.select_related("candidate").get(pk=request_id)
    user = request.candidate
    with translation.override(user.preferred_language or "zh-hant"):
        approved = request.status == AccommodationStatus.APPROVED
        subject = (
            _("Your accommodation request is approved")
            if approved
            else _("Your accommodation request is not approved")
        )
        body = render_to_string(
            "registration/email/accommodation.txt",
            {
                "request": request,
                "approved": approved,
                "user": user,
                "url": _absolute(reverse("registration:accommodations")),
            },
        )
    send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def tickets_release_due_task() -> int:
    """Periodic: seat candidates of sessions whose tickets are released; ticket-ready emails."""
    return services.tickets_release_due()


@task()
def exam_reminders_send_task() -> int:
    """Periodic: the reminder email a few days before each exam (once per registration)."""
    return services.exam_reminders_send()
