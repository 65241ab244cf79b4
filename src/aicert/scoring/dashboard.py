"""What scoring shows on dashboards: marking, adjudication, challenges, agreement, appeals."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.accounts.roles import Role
from aicert.delivery.models import ENDED_STATUSES, Attempt
from aicert.scoring.selectors import is_adjudicator
from aicert.shared.dashboard import DashboardPanel


def scoring_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    """Dashboard links to the scoring pages this user may open (labels in this app's catalogue)."""

    links: list[tuple[str, str]] = []
    if user_can(user, "scoring.mark_response"):
        links.append((_("My marking queue"), reverse("scoring:marker_queue")))
    if user_can(user, "scoring.adjudicate_response") and is_adjudicator(user):
        links.append((_("Adjudication queue"), reverse("scoring:adjudication_queue")))
    if user_can(user, "scoring.decide_challenge"):
        links.append((_("Item challenges"), reverse("scoring:challenge_list")))
    if user_can(user, "scoring.view_marking_statistics"):
        links.append((_("Marker agreement"), reverse("scoring:agreement_statistics")))
    if user_can(user, "scoring.handle_appeal"):
        links.append((_("Appeals"), reverse("scoring:appeal_list")))
    return links


def candidate_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    if not Attempt.objects.filter(candidate=user, status__in=ENDED_STATUSES).exists():
        return []
    return [
        (_("Challenge an exam question"), reverse("scoring:my_challenges")),
        (_("Appeal a result"), reverse("scoring:my_appeals")),
    ]


def marker_panel(*, user) -> DashboardPanel | None:
    """The marker's panel: their queue (and adjudication, for senior markers)."""
    if Role.MARKER not in user.roles:
        return None
    return DashboardPanel(
        "marker",
        _("My marking queue"),
        _("Constructed responses assigned to you for marking will appear here."),
        links=scoring_links_for_dashboard(user=user),
    )
