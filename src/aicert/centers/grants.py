"""What each role may do with regions, centers, venues, rooms and the invigilator pool."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

CENTER_MODELS = ("region", "county", "center", "centerappointment", "venue", "room", "invigilator")

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("centers", *CENTER_MODELS),
    # Their own center only (center_scope on each model).
    Role.CENTER_MANAGER: {
        "centers.view_center",
        "centers.change_center",
        "centers.view_centerappointment",
    }
    | model_perms("centers", "venue", "room", "invigilator"),
    Role.INVIGILATOR: {"centers.view_center", "centers.view_venue", "centers.view_room"},
}
