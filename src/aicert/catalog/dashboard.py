"""What the catalogue shows on dashboards: the program's size, and where to browse it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.catalog.models import Certification, Level, TrainingCourse


def program_figures(*, user: Any) -> list[tuple[str, int]]:
    return [
        (_("Certifications"), Certification.objects.count()),
        (_("Levels"), Level.objects.count()),
    ]


def course_figures(*, user: Any) -> list[tuple[str, int]]:
    return [(_("Training courses"), TrainingCourse.objects.count())]


def catalogue_links(*, user: Any) -> list[tuple[str, str]]:
    return [(_("Catalogue"), reverse("catalog:certification_list"))]


def candidate_links(*, user: Any) -> list[tuple[str, str]]:
    return [(_("Browse certifications"), reverse("catalog:certification_list"))]
