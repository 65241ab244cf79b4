"""What each role may do with the certification catalogue."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

CATALOG_MODELS = (
    "certification",
    "level",
    "passrule",
    "subject",
    "competencydomain",
    "blueprintentry",
    "trainingcourse",
)

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("catalog", *CATALOG_MODELS),
    Role.PSYCHOMETRICIAN: {"catalog.view_blueprintentry"},
    # Their own region's courses only: the region check is in the self-assessment services
    # (a course belongs to a region, not to one center).
    Role.CENTER_MANAGER: model_perms(
        "catalog", "trainingcourse", actions=("view", "add", "change")
    ),
}
