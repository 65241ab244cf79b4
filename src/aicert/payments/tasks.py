"""Background work for payments, run through django-tasks (enqueued after commit)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django_tasks import task

from aicert.payments import selectors, services
from aicert.registration.models import Registration


def _subject(kind: str) -> str:
    return {
        "underpaid": _("We received part of your exam fee"),
        "overpaid": _("We received your payment: a refund is due to you"),
        "waiver": _("Your exam fee has been waived"),
        "refund_sent": _("Your refund has been sent"),
    }[kind]


@task()
def payment_email_send(registration_id: int, kind: str, context: dict[str, Any]) -> None:
    """Email a candidate about a payment event, in their preferred language."""

    registration = Registration.objects.select_related(
        "candidate", "session__subject__level", "session__room__venue__center__organisation"
    ).get(pk=registration_id)
    user = registration.candidate
    values = dict(context)
    if values.get("due_at"):
        values["due_at"] = parse_datetime(values["due_at"])
    if values.get("sent_on"):
        values["sent_on"] = parse_date(values["sent_on"])
    with translation.override(user.preferred_language or "zh-hant"):
        subject = _subject(kind)
        body = render_to_string(
            "payments/email/notice.txt",
            {
                "registration": registration,
                "session": registration.session,
                "kind": kind,
                "instructions": selectors.payment_instructions(registration=registration),
                **values,
            },
        )
    send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def payment_deadlines_enforce_task() -> int:
    """Periodic: release the seats of registrations unpaid by their payment deadline."""
    return services.payment_deadlines_enforce()
