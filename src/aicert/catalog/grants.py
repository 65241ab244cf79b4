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
}
