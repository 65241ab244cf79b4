"""What results shows on dashboards: releases, session summaries, scales; the candidate's results."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can


def results_links_for_dashboard(*, user: Any) -> list[tuple[str, str]]:
    """Dashboard links to the result pages this user may open."""

    links: list[tuple[str, str]] = []
    if user_can(user, "results.release_result"):
        links.append((_("Release results"), reverse("results:release_list")))
    if user_can(user, "results.view_session_summary"):
        links.append((_("Results by session"), reverse("results:session_list")))
    if user_can(user, "results.view_scaletransform"):
        links.append((_("Scale transformations"), reverse("results:scale_list")))
    return links


def candidate_results_links_for_dashboard(*, user: Any) -> list[tuple[str, str]]:
    """The candidate's link to their results (always: the page explains when none are out)."""

    if user.is_anonymous:
        return []
    return [(_("My results"), reverse("results:my_results"))]
