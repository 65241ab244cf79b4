"""Background work for invigilation rosters, run through django-tasks (enqueued after commit)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from aicert.accounts.models import Membership
from aicert.accounts.roles import Role
from aicert.scheduling.invigilation_selectors import TAIPEI
from aicert.scheduling.models import InvigilatorAssignment, Session
from aicert.shared.links import absolute_reverse


@task()
def invigilation_email_send(assignment_id: int, kind: str) -> None:
    """``published``: tell the invigilator about a duty. ``declined``: tell the center's
    managers that a place re-opened. Each person in their own language."""

    assignment = InvigilatorAssignment.objects.select_related(
        "invigilator__user", "session__subject", "session__room__venue__center__organisation"
    ).get(pk=assignment_id)
    if kind == "published":
        recipients = [assignment.invigilator.user]
    else:
        recipients = [
            m.user
            for m in Membership.objects.filter(
                organisation=assignment.session.room.venue.center.organisation,
                role=Role.CENTER_MANAGER,
                user__is_active=True,
            ).select_related("user")
        ]
    for user in recipients:
        with translation.override(user.preferred_language or "zh-hant"):
            subject = (
                _("A new invigilation duty: please confirm")
                if kind == "published"
                else _("An invigilator declined a duty: the place is open")
            )
            body = render_to_string(
                "scheduling/email/invigilation.txt",
                {
                    "assignment": assignment,
                    "session": assignment.session,
                    "kind": kind,
                    "path": absolute_reverse("scheduling:my_duties")
                    if kind == "published"
                    else absolute_reverse(
                        "scheduling:roster_day",
                        assignment.session.room.venue.center_id,
                        assignment.session.starts_at.astimezone(TAIPEI).date().isoformat(),
                    ),
                },
            )
        send_mail(f"[aicert] {subject}", body, None, [user.email])


@task()
def invigilation_removed_email(email: str, language: str, session_id: int) -> None:
    """Tell an invigilator that a published duty of theirs was withdrawn by the center."""

    session = Session.objects.select_related("subject", "room__venue").get(pk=session_id)
    with translation.override(language):
        subject = _("An invigilation duty was withdrawn")
        body = render_to_string(
            "scheduling/email/invigilation.txt", {"session": session, "kind": "removed"}
        )
    send_mail(f"[aicert] {subject}", body, None, [email])
