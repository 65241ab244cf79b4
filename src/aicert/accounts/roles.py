"""The roles of DESIGN.md and which kind of organisation each one belongs to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    FOUNDATION = "foundation", _("Certification foundation")
    CENTER = "center", _("Regional certification center")
    EMPLOYER = "employer", _("Employer")
    SCHOOL = "school", _("School")


class Role(models.TextChoices):
    FOUNDATION_ADMIN = "foundation_admin", _("Foundation administrator")
    ITEM_WRITER = "item_writer", _("Item writer")
    ITEM_REVIEWER = "item_reviewer", _("Item reviewer")
    PSYCHOMETRICIAN = "psychometrician", _("Psychometrician")
    MARKER = "marker", _("Marker")
    CENTER_MANAGER = "center_manager", _("Center manager")
    INVIGILATOR = "invigilator", _("Invigilator")
    EMPLOYER = "employer", _("Employer recruiter")


ROLE_ORGANISATION_KIND: dict[str, str] = {
    Role.FOUNDATION_ADMIN: OrganisationKind.FOUNDATION,
    Role.ITEM_WRITER: OrganisationKind.FOUNDATION,
    Role.ITEM_REVIEWER: OrganisationKind.FOUNDATION,
    Role.PSYCHOMETRICIAN: OrganisationKind.FOUNDATION,
    Role.MARKER: OrganisationKind.FOUNDATION,
    Role.CENTER_MANAGER: OrganisationKind.CENTER,
    Role.INVIGILATOR: OrganisationKind.CENTER,
    Role.EMPLOYER: OrganisationKind.EMPLOYER,
}

# Roles that handle exam content, personal data or program operations: they must enrol MFA.
STAFF_ROLES = frozenset(
    {
        Role.FOUNDATION_ADMIN,
        Role.ITEM_WRITER,
        Role.ITEM_REVIEWER,
        Role.PSYCHOMETRICIAN,
        Role.MARKER,
        Role.CENTER_MANAGER,
        Role.INVIGILATOR,
    }
)
# Roles that may open the Django admin (scoped for center managers).
ADMIN_SITE_ROLES = frozenset({Role.FOUNDATION_ADMIN, Role.CENTER_MANAGER})
CENTER_ROLES = frozenset({Role.CENTER_MANAGER, Role.INVIGILATOR})


def sees_candidate_dashboard(roles: set[str]) -> bool:
    """Whether the candidate's panels show: for anyone without a program role (an employer's
    recruiter may hold certificates of their own)."""
    return not (set(roles) - {Role.EMPLOYER})
