"""What each role may do with sessions, rosters and invigilators' availability."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("scheduling", "session")
    | model_perms("scheduling", "invigilatorassignment", "invigilatoravailability"),
    Role.CENTER_MANAGER: {
        # Sessions in their own center's rooms (Session.center_scope).
        "scheduling.view_session",
        "scheduling.add_session",
        "scheduling.change_session",
        # Their pool's availability; entering it for a pool member who phoned it in (audited
        # as the manager's).
        "scheduling.view_invigilatoravailability",
        "scheduling.change_invigilatoravailability",
    }
    # Rosters of their own center's sessions.
    | model_perms("scheduling", "invigilatorassignment"),
    # Their own duties and calendar only (the services check the assignment is theirs).
    Role.INVIGILATOR: {
        "scheduling.respond_invigilatorassignment",
        "scheduling.declare_availability",
    },
}
