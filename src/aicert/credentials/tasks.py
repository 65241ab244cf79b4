"""Background work for credentials (django-tasks): e-mails to holders."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from aicert.credentials.models import Certificate
from aicert.shared.links import absolute_reverse


def _subject(kind: str) -> str:
    return {
        "issued": _("Your certificate has been issued"),
        "revoked": _("Your certificate has been revoked"),
        "suspended": _("Your certificate has been suspended"),
        "reinstated": _("Your certificate is valid again"),
        "renewed": _("Your certificate has been renewed"),
    }[kind]


@task()
def certificate_email_send(certificate_id: int, kind: str) -> None:
    """Tell the holder what happened to their certificate, in their language."""
    certificate = Certificate.objects.select_related("holder", "level").get(pk=certificate_id)
    holder = certificate.holder
    with translation.override(holder.preferred_language or "zh-hant"):
        subject = _subject(kind)
        body = render_to_string(
            "credentials/email/notice.txt",
            {
                "certificate": certificate,
                "kind": kind,
                "path": absolute_reverse("credentials:detail", certificate.number),
            },
        )
    send_mail(f"[aicert] {subject}", body, None, [holder.email])


@task()
def certificate_reminder_send(certificate_id: int, days_before: int) -> None:
    """Remind the holder that their certificate expires soon, with the renewal routes open."""
    from aicert.credentials.services import renewal_window_opens

    certificate = Certificate.objects.select_related("holder", "level").get(pk=certificate_id)
    holder = certificate.holder
    with translation.override(holder.preferred_language or "zh-hant"):
        subject = _("Your certificate expires in %(days)d days") % {"days": days_before}
        body = render_to_string(
            "credentials/email/reminder.txt",
            {
                "certificate": certificate,
                "days": days_before,
                "level": certificate.level,
                "window_opens": renewal_window_opens(certificate),
                "path": absolute_reverse("credentials:detail", certificate.number),
            },
        )
    send_mail(f"[aicert] {subject}", body, None, [holder.email])
