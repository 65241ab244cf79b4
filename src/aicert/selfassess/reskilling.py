"""Reskilling paths: from a starting profile, a suggested sequence of levels and courses.

Reference data kept in code (reviewed like code, translated with the app): each step names a
level of a certification by code and the training courses (by code) that prepare for it.
Courses or levels not in the catalogue are left out when a path is shown, so the data can
name courses a region has not listed yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CERTIFICATION = "ai-application-planner"


@dataclass(frozen=True)
class PathStep:
    """One step: a level to reach, the courses that prepare for it, and why."""

    level: str
    courses: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class ReskillingPath:
    """A starting profile and the steps suggested from it."""

    code: str
    title: str
    starting_point: str
    steps: tuple[PathStep, ...]
    certification: str = CERTIFICATION


PATHS: tuple[ReskillingPath, ...] = (
    ReskillingPath(
        code="no-ai-background",
        title=_("No AI background"),
        starting_point=_("You use computers at work but have not studied AI, data or programming."),
        steps=(
            PathStep(
                "associate",
                ("course-ai-intro", "course-genai-work", "course-ai-governance"),
                _("Concepts first, then generative AI at work and its risks: the Associate level."),
            ),
            PathStep(
                "professional",
                ("course-data-python", "course-ml-eval"),
                _("Data analysis and model evaluation, the core of the Professional level."),
            ),
        ),
    ),
    ReskillingPath(
        code="software-engineer",
        title=_("Software engineer"),
        starting_point=_("You write and ship software and want to build and run AI systems."),
        steps=(
            PathStep(
                "associate",
                ("course-genai-work",),
                _("A short step: most of the Associate level is familiar; check it with a test."),
            ),
            PathStep(
                "professional",
                ("course-ml-eval", "course-mlops", "course-ai-governance"),
                _("Model evaluation, deployment and governance for the Professional level."),
            ),
            PathStep(
                "expert",
                ("course-rag-agents", "course-mlops"),
                _(
                    "Retrieval-augmented generation, agents and operations at scale: the Expert level."
                ),
            ),
        ),
    ),
    ReskillingPath(
        code="data-analyst",
        title=_("Data analyst"),
        starting_point=_("You work with data and statistics and want to move on to models."),
        steps=(
            PathStep(
                "associate",
                ("course-ai-intro",),
                _("Fill in the AI concepts around what you already know about data."),
            ),
            PathStep(
                "professional",
                ("course-ml-eval", "course-mlops"),
                _("From analysis to models you can evaluate and deploy: the Professional level."),
            ),
        ),
    ),
    ReskillingPath(
        code="manager",
        title=pgettext_lazy("reskilling starting profile", "Manager or planner"),
        starting_point=_("You plan projects or lead a team that is adopting AI."),
        steps=(
            PathStep(
                "associate",
                ("course-ai-intro", "course-ai-governance", "course-genai-work"),
                _("What AI can and cannot do, its risks and its rules: the Associate level."),
            ),
            PathStep(
                "professional",
                ("course-ai-governance",),
                _("Planning and governing AI projects at the Professional level."),
            ),
        ),
    ),
)


def path_get(code: str) -> ReskillingPath | None:
    """The path with this code, or None."""
    return next((p for p in PATHS if p.code == code), None)
