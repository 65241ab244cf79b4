"""What item analysis shows on the psychometrician's dashboard."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can


def analysis_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    """The psychometrician's dashboard links to item analysis (labels in this app's catalogue)."""

    if not user_can(user, "analysis.view_analysisrun"):
        return []
    return [
        (_("Item analysis"), reverse("analysis:run_list")),
        (_("Flagged items"), reverse("analysis:flag_list")),
    ]
