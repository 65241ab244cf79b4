"""Where self-assessment shows on dashboards: the practice test, the practice bank, the courses.

Without these links nobody could find the self-assessment pages: no menu led to them.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can


def candidate_links(*, user) -> list[tuple[str, str]]:
    """Anyone signed in may take the free practice test."""
    return [(_("Self-assessment"), reverse("selfassess:home"))]


def bank_links(*, user) -> list[tuple[str, str]]:
    """The practice bank summary, for those who may see it (psychometrician, foundation)."""
    if not user_can(user, "selfassess.view_practiceitem"):
        return []
    return [(_("Practice bank"), reverse("selfassess:bank"))]


def course_links(*, user) -> list[tuple[str, str]]:
    """The training courses a center manager (their region's) or the foundation maintains."""
    if not user_can(user, "catalog.change_trainingcourse"):
        return []
    return [(_("Training courses"), reverse("selfassess:courses"))]
