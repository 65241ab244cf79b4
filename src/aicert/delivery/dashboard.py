"""What delivery shows on dashboards: the candidate's open exam, forms, exam-day rooms."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.delivery.models import (
    Attempt,
    AttemptStatus,
)
from aicert.shared.dashboard import DashboardPanel


def dashboard_panel_for_candidate_exam(*, user):
    """ "Your exam is ready" on the candidate's dashboard, or None when no attempt is open."""

    if not getattr(user, "is_authenticated", False):
        return None
    attempts = list(
        Attempt.objects.filter(
            candidate=user,
            status__in=[AttemptStatus.READY, AttemptStatus.IN_PROGRESS, AttemptStatus.PAUSED],
        )
        .select_related("form__subject")
        .order_by("pk")
    )
    if not attempts:
        return None
    return DashboardPanel(
        key="exam_ready",
        title=_("Your exam is ready"),
        links=[
            (
                _("Open the exam: %(subject)s") % {"subject": a.form.subject},
                reverse("delivery:attempt_player", args=[a.pk]),
            )
            for a in attempts
        ],
    )


def form_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    """The psychometrician's dashboard links (labels live in this app's catalogue)."""

    if not user_can(user, "delivery.view_form"):
        return []
    links = [(_("Exam forms"), reverse("delivery:form_list"))]
    if user_can(user, "delivery.attach_session_form"):
        links.append((_("Forms of sessions"), reverse("delivery:session_list")))
    return links


def room_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    """The invigilator's and center manager's link to the exam-day rooms."""

    if not user_can(user, "delivery.check_in_candidate"):
        return []
    return [(_("Exam-day rooms: check-in and console"), reverse("delivery:room_list"))]
